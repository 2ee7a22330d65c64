import { describe, expect, it } from 'vitest'
import { instantIn, localTimeLabel, monthIn, nextMonth } from '../src/zone-time'

describe('zone-time', () => {
  it('monthIn: the month in the team zone, not in UTC (New Year in Shanghai is still 2026 in UTC)', () => {
    expect(monthIn('Asia/Shanghai', new Date('2026-12-31T17:00:00Z'))).toBe('2027-01')
    expect(monthIn('UTC', new Date('2026-12-31T17:00:00Z'))).toBe('2026-12')
  })

  it('nextMonth rolls the year', () => {
    expect(nextMonth('2026-12')).toBe('2027-01')
    expect(nextMonth('2026-02')).toBe('2026-03')
  })

  it('instantIn writes the offset of that moment (a DST zone changes it)', () => {
    expect(instantIn('Asia/Shanghai', new Date('2026-12-01T01:30:00.250Z'))).toBe('2026-12-01T09:30:00+08:00')
    expect(instantIn('America/New_York', new Date('2026-07-01T12:00:00Z'))).toBe('2026-07-01T08:00:00-04:00')
    expect(instantIn('America/New_York', new Date('2026-12-01T12:00:00Z'))).toBe('2026-12-01T07:00:00-05:00')
  })

  it('localTimeLabel shows an instant on the zone’s wall clock, whatever offset it was written with', () => {
    expect(localTimeLabel('2026-12-01T01:30:00Z', 'Asia/Shanghai')).toBe('2026-12-01 09:30')
    expect(localTimeLabel('2026-12-01T09:30:00+08:00', 'Asia/Shanghai')).toBe('2026-12-01 09:30')
    expect(localTimeLabel('2026-12-31T23:50:00+08:00', 'UTC')).toBe('2026-12-31 15:50')
  })
})
