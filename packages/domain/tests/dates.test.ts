import {
  addDays,
  daysBetween,
  daysInMonth,
  isRealDate,
  isoWeekday,
  monthDates,
  weekdayKey,
} from '@paiban/domain'
import { describe, expect, it } from 'vitest'

describe('calendar dates', () => {
  it('rejects impossible dates such as 2026-02-30', () => {
    expect(isRealDate('2026-02-28')).toBe(true)
    expect(isRealDate('2026-02-30')).toBe(false)
    expect(isRealDate('2026-2-3')).toBe(false)
    expect(isRealDate('2028-02-29')).toBe(true)
  })

  it('knows the length and the dates of a month', () => {
    expect(daysInMonth('2026-02')).toBe(28)
    expect(daysInMonth('2026-12')).toBe(31)
    expect(monthDates('2026-02').at(-1)).toBe('2026-02-28')
  })

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3)
  })

  it('gives ISO weekdays and the coverage weekday keys', () => {
    expect(isoWeekday('2026-10-10')).toBe(6)
    expect(weekdayKey('2026-09-20')).toBe('sun')
    expect(weekdayKey('2026-12-01')).toBe('tue')
  })
})
