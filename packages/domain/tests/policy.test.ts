import { clockMinutes, parseMonthFile, PolicySchema, SEED_POLICY } from '@paiban/domain'
import { describe, expect, it } from 'vitest'
import { input } from './helpers/input'

describe('seed policy (rules.md defaults)', () => {
  it('is what an empty policy parses to', () => {
    expect(PolicySchema.parse({})).toEqual(SEED_POLICY)
    expect(PolicySchema.parse(undefined)).toEqual(SEED_POLICY)
  })

  it('has the shift times and the 10-minute handover', () => {
    expect(SEED_POLICY.shifts).toEqual({
      D: { start: '09:00', end: '18:00' },
      N: { start: '18:00', end: '24:00' },
    })
    expect(SEED_POLICY.handoverMinutes).toBe(10)
  })

  it('has work six, rest one and 8 h of rest between shifts', () => {
    expect(SEED_POLICY.rest).toEqual({ maxConsecutiveDays: 6, minRestHours: 8 })
  })

  it('has one lead per shift among team leaders and senior/reserve agents', () => {
    expect(SEED_POLICY.lead).toEqual({ minPerShift: 1, levels: ['senior', 'reserve'] })
  })

  it('has 2 swaps a month, no back-to-back swaps, one level apart, none on holidays', () => {
    expect(SEED_POLICY.swap).toEqual({
      maxPerMonth: 2,
      forbidConsecutive: true,
      maxLevelGap: 1,
      forbidOnHolidays: true,
      holidayDays: 'statutory',
    })
  })

  it('has the leave deadlines: 12:00 night cutoff, 2 days for holidays, 24 h / 2 h notice, 3 days for the supervisor', () => {
    expect(SEED_POLICY.leave).toEqual({
      nightCutoff: '12:00',
      holidayNoticeDays: 2,
      holidayDays: 'statutory',
      noticeHours: 24,
      urgentNoticeHours: 2,
      supervisorMaxDays: 3,
    })
  })

  it('counts 20 minutes late or away as absence', () => {
    expect(SEED_POLICY.attendance.absentAfterMinutes).toBe(20)
  })

  it('pays overtime 1.5×, rest days 2× and statutory holidays 3×', () => {
    expect(SEED_POLICY.pay).toMatchObject({ overtime: 1.5, restDay: 2, holiday: 3 })
  })

  it("pays the source's example base pay by level and counts 50 % of the bonus per breach, a warning at 3", () => {
    expect(SEED_POLICY.pay.base).toEqual({
      trainee: 1800,
      junior: 2200,
      intermediate: 2500,
      senior: 3000,
      reserve: 4000,
    })
    expect(SEED_POLICY.discipline).toEqual({ bonusSharePerBreach: 0.5, warningAt: 3 })
    expect(SEED_POLICY.swapNotice.shifts).toBe(1)
  })

  it('leaves COVER-DEMAND off, with the source KPI of 95 % within 30 s', () => {
    expect(SEED_POLICY.coverDemand).toEqual({ enabled: false, serviceLevel: 0.95, answerSeconds: 30 })
  })
})

describe('policy overrides', () => {
  it('keep every setting a month file does not name at its seed value', () => {
    const parsed = parseMonthFile({
      ...input(),
      policy: { rest: { minRestHours: 9 }, leave: { urgentNoticeHours: 1 } },
    })
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.value.policy.rest).toEqual({ maxConsecutiveDays: 6, minRestHours: 9 })
    expect(parsed.value.policy.leave).toEqual({ ...SEED_POLICY.leave, urgentNoticeHours: 1 })
    expect(parsed.value.policy.swap).toEqual(SEED_POLICY.swap)
  })

  it('accept 24:00 as a clock time and reject 24:30', () => {
    expect(PolicySchema.safeParse({ shifts: { N: { start: '18:00', end: '24:00' } } }).success).toBe(true)
    expect(PolicySchema.safeParse({ shifts: { N: { start: '18:00', end: '24:30' } } }).success).toBe(false)
  })
})

describe('clockMinutes', () => {
  it('counts minutes after midnight, 24:00 being 1440', () => {
    expect(clockMinutes('00:00')).toBe(0)
    expect(clockMinutes('08:50')).toBe(530)
    expect(clockMinutes('24:00')).toBe(1440)
  })
})
