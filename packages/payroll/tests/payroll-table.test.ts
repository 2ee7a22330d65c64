import { monthCalendar } from '@paiban/domain'
import { describe, expect, it } from 'vitest'
import { payrollTable, type PayrollRow } from '@paiban/payroll'
import { OCTOBER_INPUT, october, octoberRow, parsed } from './helpers/october'

const NO_LEAVE = { personal: 0, sick: 0, annual: 0, marriage: 0, bereavement: 0 }

function rowOf(id: string): PayrollRow {
  const row = payrollTable(october()).rows.find(r => r.agentId === id)
  if (!row) throw new Error(`no row ${id}`)
  return row
}

describe('the calendar the expectations rest on', () => {
  it('2026-10: statutory 01, 02, 03; rest days in the break 04, 05, 06, 07; 调休 workday 10', () => {
    const days = monthCalendar('2026-10').days
    // 国庆 10-1..10-3 are the statutory days proper, Saturday 10-03 included; Sunday 10-04 and the
    // in-lieu days 10-05..07 are rest days of the break.
    expect(days.filter(d => d.isStatutory).map(d => d.date)).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
    ])
    expect(days.filter(d => d.isRestDay && !d.isStatutory).map(d => d.date.slice(8))).toEqual([
      '04',
      '05',
      '06',
      '07',
      '11',
      '17',
      '18',
      '24',
      '25',
      '31',
    ])
    expect(days.filter(d => d.isMakeupWorkday).map(d => d.date)).toEqual(['2026-10-10'])
  })
})

describe('payrollTable', () => {
  it('counts handover minutes, statutory days (01, Saturday 03), a night on a break rest day (05), a Sunday and the 调休 day (a1)', () => {
    // D 01, 03, 10, 11, 14 = 5 day shifts; N 05, 12 = 2 night shifts.
    // Attendance 5 × 550 + 2 × 370 = 2750 + 740 = 3490 min = 58.1666… h → 58.17.
    // Night 2 × 360 = 720 min = 12 h (handover minutes are not night hours).
    // Statutory: D 01 (550) + D 03 (Saturday, statutory, 550) = 2 shifts, 2 × 550 = 1100 min
    // = 18.333… h → 18.33.
    // Rest day: N 05 (break Monday, not statutory, 370) + D 11 (Sunday, 550) = 2 shifts,
    // 370 + 550 = 920 min = 15.333… h → 15.33.
    // D 10 (调休 make-up Saturday) and N 12, D 14 are ordinary days: no premium.
    // s4 (approved, dated 2026-09-28) and s5 (cancelled) are not swaps of October; the attendance
    // record of 2026-09-30 is outside the month.
    expect(rowOf('a1')).toEqual({
      agentId: 'a1',
      name: '张伟',
      job: 'phone',
      level: 'senior',
      dayShifts: 5,
      nightShifts: 2,
      attendanceMinutes: 3490,
      attendanceHours: 58.17,
      nightMinutes: 720,
      nightHours: 12,
      restDayShifts: 2,
      restDayMinutes: 920,
      restDayHours: 15.33,
      holidayShifts: 2,
      holidayMinutes: 1100,
      holidayHours: 18.33,
      overtimeMinutes: 0,
      overtime150Minutes: 0,
      overtimeHours: 0,
      leaveDays: NO_LEAVE,
      absenceDays: 0,
      absences: [],
      swaps: 0,
      disciplineCount: 0,
      bonusDeduction: 0,
      bonusDeductionShare: 0,
      warning: false,
      basePay: 3000,
    })
  })

  it('counts leave by kind, ATTEND-LATE absences at the limit, and the swap a2 asked for', () => {
    // D 08, 09, 15, 19, 20, 21, 22 = 7 workdays: 7 × 550 = 3850 min planned; the record takes off
    // 25 (late on 20), 19 (late on 21) and 20 (away on 22): 3850 − 64 = 3786 min = 63.1 h.
    // Discipline: 3 breaches (late, late, away) → warning, 3 × 50 % capped at 100 %.
    // Leave: annual 13, sick 16. Absence: late 25 min on 20 (≥ 20), away 20 min on 22 (= 20); late
    // 19 min on 21 is not one. Swaps: s1 (approved, requester); s2 is pending.
    const a2 = rowOf('a2')
    expect(a2).toMatchObject({
      dayShifts: 7,
      nightShifts: 0,
      attendanceMinutes: 3786,
      attendanceHours: 63.1,
      nightHours: 0,
      restDayShifts: 0,
      holidayShifts: 0,
      leaveDays: { ...NO_LEAVE, annual: 1, sick: 1 },
      absenceDays: 2,
      swaps: 1,
      disciplineCount: 3,
      bonusDeductionShare: 1,
      warning: true,
      basePay: 2500,
    })
    expect(a2.absences).toEqual([
      { date: '2026-10-20', rules: ['ATTEND-LATE'] },
      { date: '2026-10-22', rules: ['ATTEND-LATE'] },
    ])
  })

  it('turns late personal leave (LEAVE-NOTICE) and leave on a swapped shift (LEAVE-SWAPPED) into absence, not leave', () => {
    // D 23 (from s1), D 24 (Saturday rest day): 2 × 550 = 1100 min = 18.33 h; rest day 1 shift, 550
    // min = 9.1666… → 9.17 h. Leave: only personal 28 (asked in time). Absence: 26 (personal leave
    // 12 h 50 min ahead, supervisor only) and 29 (annual leave on the shift s3 gave a3).
    // Swaps: counterpart of s1 and s3 = 2.
    const a3 = rowOf('a3')
    expect(a3).toMatchObject({
      dayShifts: 2,
      attendanceMinutes: 1100,
      attendanceHours: 18.33,
      restDayShifts: 1,
      restDayMinutes: 550,
      restDayHours: 9.17,
      holidayShifts: 0,
      leaveDays: { ...NO_LEAVE, personal: 1 },
      absenceDays: 2,
      swaps: 2,
    })
    expect(a3.absences).toEqual([
      { date: '2026-10-26', rules: ['LEAVE-NOTICE'] },
      { date: '2026-10-29', rules: ['LEAVE-SWAPPED'] },
    ])
  })

  it('treats in-lieu break days and Saturdays as rest days, and ignores pending and rejected leave (a4)', () => {
    // D 02 (statutory) 550; N 07 (in-lieu day of the break) 370; N 31 (Saturday) 370.
    // Attendance 550 + 370 + 370 = 1290 min = 21.5 h; night 2 × 360 = 720 min = 12 h.
    // Statutory 1 shift, 550 min = 9.17 h; rest day 2 shifts, 740 min = 12.333… → 12.33 h.
    // Pending late leave on 31 and rejected sick leave on 02: neither leave nor absence.
    expect(rowOf('a4')).toMatchObject({
      job: 'chat',
      dayShifts: 1,
      nightShifts: 2,
      attendanceMinutes: 1290,
      attendanceHours: 21.5,
      nightMinutes: 720,
      nightHours: 12,
      holidayShifts: 1,
      holidayMinutes: 550,
      holidayHours: 9.17,
      restDayShifts: 2,
      restDayMinutes: 740,
      restDayHours: 12.33,
      leaveDays: NO_LEAVE,
      absenceDays: 0,
      swaps: 1,
    })
  })

  it('sums the team: hours from total minutes, multipliers from the policy', () => {
    const table = payrollTable(october())
    // Day 5 + 7 + 2 + 1 = 15; night 2 + 0 + 0 + 2 = 4.
    // Attendance 3490 + 3786 + 1100 + 1290 = 9666 min = 161.1 h (15 × 550 + 4 × 370 = 9730 planned,
    // less a2's recorded 64 min).
    // Night 4 × 360 = 1440 min = 24 h. Rest day 2 + 0 + 1 + 2 = 5 shifts, 920 + 550 + 740 = 2210 min
    // = 36.8333… → 36.83 h. Statutory 2 + 0 + 0 + 1 = 3 shifts, 1100 + 550 = 1650 min = 27.5 h.
    // Leave annual 1, sick 1, personal 1. Absences 2 + 2 = 4. Swaps: s1 ×2 + s3 ×2 = 4.
    expect(table.totals).toEqual({
      dayShifts: 15,
      nightShifts: 4,
      attendanceMinutes: 9666,
      attendanceHours: 161.1,
      nightMinutes: 1440,
      nightHours: 24,
      restDayShifts: 5,
      restDayMinutes: 2210,
      restDayHours: 36.83,
      holidayShifts: 3,
      holidayMinutes: 1650,
      holidayHours: 27.5,
      overtimeHours: 0,
      leaveDays: { ...NO_LEAVE, annual: 1, sick: 1, personal: 1 },
      absenceDays: 4,
      swaps: 4,
      overtimeMinutes: 0,
      overtime150Minutes: 0,
      disciplineCount: 3,
      bonusDeduction: 0,
      // Base pay: a1 senior 3000 + a2 intermediate 2500 + a3 intermediate 2500 + a4 junior 2200 = 10200.
      basePay: 10200,
    })
    expect(table.multipliers).toEqual({ overtime: 1.5, restDay: 2, holiday: 3 })
    expect(table).toMatchObject({ team: { id: 'cs-9', name: '客服九组' }, month: '2026-10', warnings: [] })
  })

  it('follows the policy: shift times, handover and multipliers', () => {
    const file = parsed({
      ...OCTOBER_INPUT,
      policy: {
        handoverMinutes: 15,
        shifts: { N: { start: '17:00', end: '23:00' } },
        pay: { restDay: 2.5, holiday: 4 },
      },
    })
    const a1 = payrollTable(file).rows.find(r => r.agentId === 'a1')
    // 5 × (540 + 15) + 2 × (360 + 15) = 2775 + 750 = 3525 min; night 2 × 360 = 720 min.
    expect(a1).toMatchObject({ attendanceMinutes: 3525, attendanceHours: 58.75, nightHours: 12 })
    expect(payrollTable(file).multipliers).toEqual({ overtime: 1.5, restDay: 2.5, holiday: 4 })
  })

  it('counts a company holiday (holidays.add) as a rest day and a removed holiday as an ordinary day', () => {
    const file = parsed({
      ...OCTOBER_INPUT,
      holidays: { add: ['2026-10-14'], remove: ['2026-10-01'] },
    })
    // a1: D 01 is now ordinary, D 14 a company holiday (rest-day rate): statutory only D 03 (550);
    // rest day N 05 (370), D 11 (550), D 14 (550) = 3 shifts, 370 + 2 × 550 = 1470 min.
    expect(payrollTable(file).rows[0]).toMatchObject({
      holidayShifts: 1,
      holidayMinutes: 550,
      restDayShifts: 3,
      restDayMinutes: 1470,
    })
  })

  it('pays a night on a statutory day (Saturday 03) at the holiday rate, one on a break rest day (05) at the rest-day rate', () => {
    const file = parsed({
      ...OCTOBER_INPUT,
      roster: { ...OCTOBER_INPUT.roster, a1: octoberRow({ 3: 'N', 5: 'N' }) },
    })
    // a1: N 03 (statutory) and N 05 (in-lieu rest day of the break), nothing else.
    // Attendance 2 × 370 = 740 min = 12.333… h → 12.33; night 2 × 360 = 720 min = 12 h.
    // Statutory: N 03 = 1 shift, 370 min = 6.1666… h → 6.17. Rest day: N 05 = 1 shift, 370 min → 6.17 h.
    expect(payrollTable(file).rows[0]).toMatchObject({
      agentId: 'a1',
      nightShifts: 2,
      attendanceMinutes: 740,
      attendanceHours: 12.33,
      nightHours: 12,
      holidayShifts: 1,
      holidayMinutes: 370,
      holidayHours: 6.17,
      restDayShifts: 1,
      restDayMinutes: 370,
      restDayHours: 6.17,
    })
  })

  it('warns about a year without holiday data, undecided days and L without an approved record', () => {
    const file = parsed({
      ...OCTOBER_INPUT,
      month: '2027-10',
      roster: { ...OCTOBER_INPUT.roster, a1: `??${octoberRow({ 5: 'L' }).slice(2)}` },
      leaves: [],
      swaps: [],
      attendance: [],
    })
    const table = payrollTable(file)
    const en = table.warnings.map(w => w.en).join('\n')
    expect(en).toMatch(/CAL-HOLIDAY .*2027/)
    expect(en).toMatch(/a1 张伟 has 2 undecided day\(s\)/)
    expect(en).toMatch(/a1 张伟 is on leave \(L\) on 2027-10-05 without an approved leave record/)
    for (const w of table.warnings) expect(w.zh).not.toBe('')
    // 2027 has no arrangement, but its statutory days 10-01…10-03 are computed from the law.
    expect(en).toMatch(/2027-10-01 National Day.*not imported/)
    const worked = Object.values(file.roster ?? {}).reduce(
      (n, row) => n + [...row.slice(0, 3)].filter(c => c === 'D' || c === 'N').length,
      0,
    )
    expect(worked).toBeGreaterThan(0)
    expect(table.totals.holidayShifts).toBe(worked)
  })
})
