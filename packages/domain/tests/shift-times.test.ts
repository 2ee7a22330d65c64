import { attendanceMinutes, localInstant, PolicySchema, SEED_POLICY, shiftTimes } from '@paiban/domain'
import { describe, expect, it } from 'vitest'

const SH = 'Asia/Shanghai'
const iso = (t: { toISO: () => string | null }) => t.toISO()

describe('SHIFT-DAY and SHIFT-NIGHT times', () => {
  it('puts the day shift at 09:00–18:00 with the report at 08:50', () => {
    const t = shiftTimes('2026-12-10', 'D', SEED_POLICY, SH)
    expect([iso(t.report), iso(t.start), iso(t.end)]).toEqual([
      '2026-12-10T08:50:00.000+08:00',
      '2026-12-10T09:00:00.000+08:00',
      '2026-12-10T18:00:00.000+08:00',
    ])
  })

  it('ends the night shift at 24:00, which is 00:00 of the next day', () => {
    const t = shiftTimes('2026-12-31', 'N', SEED_POLICY, SH)
    expect(iso(t.report)).toBe('2026-12-31T17:50:00.000+08:00')
    expect(iso(t.end)).toBe('2027-01-01T00:00:00.000+08:00')
  })

  it('ends a night shift on the next day when its end is at or before its start', () => {
    const policy = PolicySchema.parse({ shifts: { N: { start: '18:00', end: '02:00' } } })
    expect(iso(shiftTimes('2026-12-10', 'N', policy, SH).end)).toBe('2026-12-11T02:00:00.000+08:00')
    expect(attendanceMinutes('N', policy)).toBe(490)
  })

  it('counts the handover in the attendance: 550 minutes by day, 370 by night', () => {
    expect(attendanceMinutes('D', SEED_POLICY)).toBe(550)
    expect(attendanceMinutes('N', SEED_POLICY)).toBe(370)
  })
})

describe('HANDOVER times', () => {
  it('reports handoverMinutes before the start', () => {
    const policy = PolicySchema.parse({ handoverMinutes: 15 })
    expect(iso(shiftTimes('2026-12-10', 'N', policy, SH).report)).toBe('2026-12-10T17:45:00.000+08:00')
    expect(attendanceMinutes('N', policy)).toBe(375)
  })

  it('makes the day and night shifts of one date overlap (one person cannot hold both)', () => {
    const day = shiftTimes('2026-12-10', 'D', SEED_POLICY, SH)
    const night = shiftTimes('2026-12-10', 'N', SEED_POLICY, SH)
    expect(night.report.toMillis()).toBeLessThan(day.end.toMillis())
  })
})

describe('CAL-TZ instants', () => {
  it('reads shift times as wall-clock times of the given zone', () => {
    const shanghai = shiftTimes('2026-12-10', 'D', SEED_POLICY, SH)
    const london = shiftTimes('2026-12-10', 'D', SEED_POLICY, 'Europe/London')
    expect(iso(london.start)).toBe('2026-12-10T09:00:00.000+00:00')
    expect(london.start.toMillis() - shanghai.start.toMillis()).toBe(8 * 3_600_000)
  })

  it('keeps wall-clock times on a day the clocks change', () => {
    const ny = 'America/New_York'
    // 2026-11-01: clocks fall back at 02:00; 2026-03-08: they spring forward.
    expect(iso(shiftTimes('2026-11-01', 'D', SEED_POLICY, ny).start)).toBe('2026-11-01T09:00:00.000-05:00')
    expect(iso(shiftTimes('2026-11-01', 'N', SEED_POLICY, ny).end)).toBe('2026-11-02T00:00:00.000-05:00')
    expect(iso(shiftTimes('2026-03-08', 'D', SEED_POLICY, ny).report)).toBe('2026-03-08T08:50:00.000-04:00')
  })

  it('turns 1440 minutes into the next midnight', () => {
    expect(iso(localInstant('2026-02-28', 1440, SH))).toBe('2026-03-01T00:00:00.000+08:00')
    expect(iso(localInstant('2026-02-28', 0, SH))).toBe('2026-02-28T00:00:00.000+08:00')
  })
})
