import {
  attendanceMinutes,
  LeaveKindSchema,
  monthCalendar,
  text,
  type Job,
  type LeaveKind,
  type Level,
  type MonthFile,
  type RuleId,
  type Shift,
  type Text,
} from '@paiban/domain'
import { breaches, contextOf, recordedShifts, RULES, runRules, type RecordedShift } from '@paiban/rules'

/**
 * The payroll table of a month (spec/rules.md §7): per agent, what payroll needs to pay the month;
 * plus team totals. Pure: everything comes from the month file (roster with approved swaps
 * applied, leave, swap and attendance records, policy, holiday calendar).
 */

/** Every leave kind, in display order. */
export const LEAVE_KINDS: readonly LeaveKind[] = LeaveKindSchema.options

/** Leave days by kind. */
export type LeaveDays = Record<LeaveKind, number>

/** Rules whose findings make a day an absence (缺勤/旷工) for payroll. */
export type AbsenceRule = Extract<
  RuleId,
  | 'ATTEND-LATE'
  | 'ATTEND-EARLY'
  | 'ATTEND-NOSHOW'
  | 'LEAVE-NOTICE'
  | 'LEAVE-SWAPPED'
  | 'LEAVE-NIGHT'
  | 'LEAVE-HOLIDAY'
  | 'LEAVE-SICK-CERT'
  | 'LEAVE-EMERGENCY'
>

/** One absence day of an agent and the rules that make it one. */
export type Absence = {
  /** `YYYY-MM-DD`, in the month. */
  readonly date: string
  /**
   * ATTEND-LATE (late or away ≥ `policy.attendance.absentAfterMinutes`), ATTEND-EARLY (early ≥
   * `policy.attendance.earlyAbsentAfterMinutes`), ATTEND-NOSHOW, or the rule that makes approved
   * leave not valid (LEAVE-NOTICE, LEAVE-SWAPPED, LEAVE-NIGHT, LEAVE-HOLIDAY, LEAVE-SICK-CERT, LEAVE-EMERGENCY).
   */
  readonly rules: readonly AbsenceRule[]
}

/**
 * The numbers of one agent, or of the team (totals). Minutes are exact integers; hours are the
 * exact minutes ÷ 60 rounded to 2 decimals (a total's hours come from its total minutes, not from
 * the rows' rounded hours).
 */
export type PayrollFigures = {
  /** Worked day shifts: `D` cells of the roster less those recorded as no-shows. */
  readonly dayShifts: number
  /** Worked night shifts: `N` cells of the roster less those recorded as no-shows. */
  readonly nightShifts: number
  /**
   * Attendance in minutes, handover included: per worked shift the recorded time (from the later of
   * arrival and report time to the departure, less time away; ATTEND-RECORD), or without a record
   * the planned length plus the handover (seed: D 550, N 370).
   */
  readonly attendanceMinutes: number
  /** {@link attendanceMinutes} in hours. */
  readonly attendanceHours: number
  /**
   * Night minutes by the clock: per worked N shift from the later of arrival and the shift's start
   * to the departure (past 24:00 included), handover excluded; without a record the planned 360.
   */
  readonly nightMinutes: number
  /** {@link nightMinutes} in hours. */
  readonly nightHours: number
  /** Worked shifts on rest days that are not statutory holidays (see {@link payrollTable}). */
  readonly restDayShifts: number
  /** Attendance minutes (handover included) of those shifts. */
  readonly restDayMinutes: number
  /** {@link restDayMinutes} in hours; paid at `multipliers.restDay`. */
  readonly restDayHours: number
  /** Worked shifts on statutory holidays (calendar `isStatutory`). */
  readonly holidayShifts: number
  /** Attendance minutes (handover included) of those shifts. */
  readonly holidayMinutes: number
  /** {@link holidayMinutes} in hours; paid at `multipliers.holiday`. */
  readonly holidayHours: number
  /** OT-EXTEND: every recorded minute worked past a shift's end. */
  readonly overtimeMinutes: number
  /** The part of {@link overtimeMinutes} on workdays (调休 workdays included), paid at `multipliers.overtime` (150 %). */
  readonly overtime150Minutes: number
  /** {@link overtime150Minutes} in hours (overtime on rest days and holidays is in their hours). */
  readonly overtimeHours: number
  /** Approved leave days by kind (leave that counts as absence is not leave). */
  readonly leaveDays: LeaveDays
  /** Days counted as absence (缺勤). */
  readonly absenceDays: number
  /** Approved swaps of the month this agent is a party to (requester or counterpart). */
  readonly swaps: number
  /** ATTEND-DISCIPLINE: breaches (lateness, early leave, time away) this month. */
  readonly disciplineCount: number
  /** ATTEND-DISCIPLINE: bonus deducted in CNY, `min(1, count × bonusSharePerBreach) × monthlyBonus`. */
  readonly bonusDeduction: number
  /** §7: base pay in CNY by level (`policy.pay.base`). */
  readonly basePay: number
}

/** One agent's row of the payroll table. */
export type PayrollRow = PayrollFigures & {
  readonly agentId: string
  readonly name: string
  readonly job: Job
  readonly level: Level
  /** The absence days, by date. */
  readonly absences: readonly Absence[]
  /** ATTEND-DISCIPLINE: share of the month's bonus deducted (0.5 = 50 %, at most 1). */
  readonly bonusDeductionShare: number
  /** ATTEND-DISCIPLINE: the warning count was reached. */
  readonly warning: boolean
}

/** Pay multipliers of the team's policy (`policy.pay`): 1.5 = 150 %. */
export type PayMultipliers = {
  /** Extended hours. Default 1.5. */
  readonly overtime: number
  /** Work on a rest day. Default 2. */
  readonly restDay: number
  /** Work on a statutory holiday. Default 3. */
  readonly holiday: number
}

/** The payroll table of one team and month. */
export type PayrollTable = {
  readonly team: { readonly id: string; readonly name: string }
  /** `YYYY-MM`. */
  readonly month: string
  readonly multipliers: PayMultipliers
  /** One row per agent, in the file's order. */
  readonly rows: readonly PayrollRow[]
  /** Sums over the rows. */
  readonly totals: PayrollFigures
  /**
   * What payroll must look at before paying: a year without holiday data (premiums would be
   * missing), undecided `?` days, `L` days without an approved leave record, leave on a worked day.
   */
  readonly warnings: readonly Text[]
}

const ABSENCE_RULES: ReadonlySet<RuleId> = new Set<AbsenceRule>([
  'ATTEND-LATE',
  'ATTEND-NOSHOW',
  'LEAVE-NOTICE',
  'LEAVE-SWAPPED',
  'LEAVE-NIGHT',
  'LEAVE-HOLIDAY',
  'LEAVE-SICK-CERT',
  'LEAVE-EMERGENCY',
])

/** Soft findings that are absence all the same (facts of the record, not faults of the roster). */
const SOFT_ABSENCE: ReadonlySet<RuleId> = new Set<RuleId>(['ATTEND-LATE', 'ATTEND-NOSHOW'])

/** Minutes → hours rounded to 2 decimals. */
function hours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100
}

function noLeave(): Record<LeaveKind, number> {
  return { personal: 0, sick: 0, annual: 0, marriage: 0, bereavement: 0 }
}

type Counts = {
  dayShifts: number
  nightShifts: number
  attendanceMinutes: number
  nightMinutes: number
  restDayShifts: number
  restDayMinutes: number
  holidayShifts: number
  holidayMinutes: number
  overtimeMinutes: number
  overtime150Minutes: number
  leaveDays: Record<LeaveKind, number>
  absenceDays: number
  swaps: number
  disciplineCount: number
  bonusDeduction: number
  basePay: number
}

function zero(): Counts {
  return {
    dayShifts: 0,
    nightShifts: 0,
    attendanceMinutes: 0,
    nightMinutes: 0,
    restDayShifts: 0,
    restDayMinutes: 0,
    holidayShifts: 0,
    holidayMinutes: 0,
    overtimeMinutes: 0,
    overtime150Minutes: 0,
    leaveDays: noLeave(),
    absenceDays: 0,
    swaps: 0,
    disciplineCount: 0,
    bonusDeduction: 0,
    basePay: 0,
  }
}

function figures(c: Counts): PayrollFigures {
  return {
    dayShifts: c.dayShifts,
    nightShifts: c.nightShifts,
    attendanceMinutes: c.attendanceMinutes,
    attendanceHours: hours(c.attendanceMinutes),
    nightMinutes: c.nightMinutes,
    nightHours: hours(c.nightMinutes),
    restDayShifts: c.restDayShifts,
    restDayMinutes: c.restDayMinutes,
    restDayHours: hours(c.restDayMinutes),
    holidayShifts: c.holidayShifts,
    holidayMinutes: c.holidayMinutes,
    holidayHours: hours(c.holidayMinutes),
    overtimeMinutes: c.overtimeMinutes,
    overtime150Minutes: c.overtime150Minutes,
    overtimeHours: hours(c.overtime150Minutes),
    leaveDays: c.leaveDays,
    absenceDays: c.absenceDays,
    swaps: c.swaps,
    disciplineCount: c.disciplineCount,
    bonusDeduction: Math.round(c.bonusDeduction * 100) / 100,
    basePay: c.basePay,
  }
}

/**
 * Builds the payroll table of a parsed month file (spec/rules.md §7). Per agent:
 *
 * - **Shifts by type**: `D` and `N` cells of the roster (swaps are already applied there).
 * - **Attendance** (ATTEND-RECORD): per worked shift with an attendance record, the recorded time
 *   from the later of arrival and report time (HANDOVER: payroll counts the 10 handover minutes) to
 *   the departure, less time away; a no-show is 0 and not a worked shift. Without a record, the
 *   planned length plus `policy.handoverMinutes` (`attendanceMinutes`: seed D 550, N 370 min).
 * - **Night hours** by the clock: per worked `N` from the later of arrival and the shift's start to
 *   the departure (a night kept open to 00:40 has 6 h 40), handover excluded; without a record the
 *   planned length of `policy.shifts.N` (seed 18:00–24:00 = 6 h).
 * - **Rest-day work**: worked shifts on a date the calendar calls a rest day (`isRestDay`) that is
 *   not a statutory holiday: a weekend that is not a 调休 make-up workday, a day of a holiday break
 *   that is not statutory (`isHoliday && !isStatutory`), a company holiday (`holidays.add`). A 调休
 *   make-up workday is an ordinary workday (no premium). Hours are attendance hours (handover
 *   included), paid at `policy.pay.restDay` (200 %).
 * - **Statutory-holiday work**: worked shifts on a date with `isStatutory` (the calendar decides:
 *   the statutory days proper, e.g. 2026-10-01..03 with Saturday 10-03; the other days of a break
 *   are rest days). Attendance hours, paid at `policy.pay.holiday` (300 %).
 * - A shift belongs to its roster date, also the part of a night shift after midnight.
 * - **Overtime** (OT-EXTEND): recorded minutes past a shift's end (`overtimeMinutes`); those of a
 *   workday (调休 workdays included) are the 150 % bucket (`overtime150Minutes`, `overtimeHours`);
 *   on a rest day or a statutory holiday they are in that day's hours (200 % / 300 %).
 * - **Leave days by kind**: approved leave records dated in the month, one day per record (per
 *   agent and date). A record that counts as absence (below) is not leave.
 * - **Absences** (缺勤/旷工), one per agent and date: ATTEND-LATE (late or away ≥
 *   `policy.attendance.absentAfterMinutes`, 20), ATTEND-EARLY (early ≥ `earlyAbsentAfterMinutes`,
 *   20), ATTEND-NOSHOW, and approved leave that is not valid: a hard LEAVE-NOTICE, LEAVE-SWAPPED,
 *   LEAVE-NIGHT / LEAVE-HOLIDAY (without the manager), LEAVE-SICK-CERT (no certificate, for an
 *   emergency once it was due on the first day back) or LEAVE-EMERGENCY violation. Such leave is
 *   not counted as leave.
 * - **Discipline** (ATTEND-DISCIPLINE): the breaches of the month (`breaches`), the deducted share
 *   `min(1, count × policy.discipline.bonusSharePerBreach)` and amount (× `policy.pay.monthlyBonus`).
 * - **Base pay**: `policy.pay.base[level]` (seed 1800 … 4000 CNY).
 * - **Swaps**: approved swaps dated in the month where the agent is requester or counterpart (both
 *   parties count one).
 *
 * @example
 * const table = payrollTable(parseMonthFile(json).value)
 * table.rows[0] // { agentId: 'a01', dayShifts: 15, nightShifts: 7, attendanceMinutes: 10840, attendanceHours: 180.67, … }
 */
export function payrollTable(file: MonthFile): PayrollTable {
  const { policy } = file
  const calendar = monthCalendar(file.month, file.holidays)
  const warnings: Text[] = [...calendar.warnings]
  const minutes: Record<Shift, number> = {
    D: attendanceMinutes('D', policy),
    N: attendanceMinutes('N', policy),
  }
  const nightLength = attendanceMinutes('N', policy) - policy.handoverMinutes
  const inMonth = (date: string) => calendar.byDate.has(date)

  const approvedLeaves = file.leaves.filter(l => l.status === 'approved' && inMonth(l.date))
  // Approved leave turned into absence, keyed agent|date|record id (the violations' requestId).
  const absent = new Map<string, Map<string, Set<AbsenceRule>>>()
  const markAbsent = (agentId: string, date: string, rule: AbsenceRule) => {
    const byDate = absent.get(agentId) ?? new Map<string, Set<AbsenceRule>>()
    absent.set(agentId, byDate)
    byDate.set(date, (byDate.get(date) ?? new Set()).add(rule))
  }
  const leaveAbsent = new Set<string>()
  const violations = runRules(
    contextOf(file),
    RULES.filter(r => ABSENCE_RULES.has(r.id)),
  )
  for (const v of violations) {
    if (v.severity !== 'hard' && !SOFT_ABSENCE.has(v.rule)) continue
    if (v.agentId === undefined || v.date === undefined || !inMonth(v.date)) continue
    if (SOFT_ABSENCE.has(v.rule)) {
      markAbsent(v.agentId, v.date, v.rule as AbsenceRule)
      continue
    }
    // Only leave that was granted and taken is absence; a pending request is not yet anything.
    const leave = approvedLeaves.find(
      l => l.agentId === v.agentId && l.date === v.date && l.id === v.requestId,
    )
    if (!leave) continue
    leaveAbsent.add(`${leave.agentId}|${leave.date}`)
    markAbsent(v.agentId, v.date, v.rule as AbsenceRule)
  }

  const ctx = contextOf(file)
  const recorded = new Map<string, RecordedShift>()
  for (const r of recordedShifts(ctx)) {
    const key = `${r.record.agentId}|${r.record.date}`
    if (!recorded.has(key)) recorded.set(key, r)
    if (r.facts.earlyMinutes >= policy.attendance.earlyAbsentAfterMinutes)
      markAbsent(r.record.agentId, r.record.date, 'ATTEND-EARLY')
  }
  const breachCount = new Map<string, number>()
  for (const b of breaches(ctx)) breachCount.set(b.agentId, (breachCount.get(b.agentId) ?? 0) + 1)

  const rows = file.agents.map((agent): PayrollRow => {
    const c = zero()
    const row = file.roster?.[agent.id] ?? ''
    let undecided = calendar.days.length - row.length
    const leaveDates = new Set<string>()
    for (const leave of approvedLeaves) {
      if (leave.agentId !== agent.id || leaveDates.has(leave.date)) continue
      leaveDates.add(leave.date)
      if (!leaveAbsent.has(`${agent.id}|${leave.date}`)) c.leaveDays[leave.kind] += 1
    }
    calendar.days.forEach((day, i) => {
      const cell = row[i]
      if (cell === '?') undecided += 1
      if (cell === 'L' && !leaveDates.has(day.date))
        warnings.push(
          text(
            `${agent.id} ${agent.name} ${day.date} 排为请假(L)但没有已批准的请假记录:未计入请假`,
            `${agent.id} ${agent.name} is on leave (L) on ${day.date} without an approved leave record: not counted as leave`,
          ),
        )
      if (cell !== 'D' && cell !== 'N') return
      if (leaveDates.has(day.date))
        warnings.push(
          text(
            `${agent.id} ${agent.name} ${day.date} 有已批准的请假记录,但排班表排了班(${cell}):按出勤和请假各计一次`,
            `${agent.id} ${agent.name} has approved leave on ${day.date} but the roster has them working (${cell}): counted as worked and as leave`,
          ),
        )
      const record = recorded.get(`${agent.id}|${day.date}`)
      // A record of another shift than the roster's is ATTEND-RECORD's to name; the plan is paid.
      const facts = record?.shift === cell ? record.facts : undefined
      if (facts?.noShow) return
      const worked = facts ? facts.attendedMinutes : minutes[cell]
      if (cell === 'D') c.dayShifts += 1
      else {
        c.nightShifts += 1
        c.nightMinutes += facts ? facts.nightMinutes : nightLength
      }
      c.attendanceMinutes += worked
      const overtime = facts?.overtimeMinutes ?? 0
      c.overtimeMinutes += overtime
      if (!day.isStatutory && !day.isRestDay) c.overtime150Minutes += overtime
      if (day.isStatutory) {
        c.holidayShifts += 1
        c.holidayMinutes += worked
      } else if (day.isRestDay) {
        c.restDayShifts += 1
        c.restDayMinutes += worked
      }
    })
    if (undecided > 0)
      warnings.push(
        text(
          `${agent.id} ${agent.name} 本月有 ${undecided} 天未排定(?):未计入`,
          `${agent.id} ${agent.name} has ${undecided} undecided day(s) (?) this month: not counted`,
        ),
      )
    const absences = [...(absent.get(agent.id) ?? new Map<string, Set<AbsenceRule>>())]
      .map(([date, rules]): Absence => ({ date, rules: [...rules].sort() }))
      .sort((a, b) => a.date.localeCompare(b.date))
    c.absenceDays = absences.length
    c.disciplineCount = breachCount.get(agent.id) ?? 0
    const share = Math.min(1, c.disciplineCount * policy.discipline.bonusSharePerBreach)
    c.bonusDeduction = share * policy.pay.monthlyBonus
    c.basePay = policy.pay.base[agent.level]
    c.swaps = file.swaps.filter(
      s =>
        s.status === 'approved' &&
        inMonth(s.date) &&
        (s.requester === agent.id || s.counterpart === agent.id),
    ).length
    return {
      agentId: agent.id,
      name: agent.name,
      job: agent.job,
      level: agent.level,
      ...figures(c),
      absences,
      bonusDeductionShare: share,
      warning: c.disciplineCount >= policy.discipline.warningAt,
    }
  })

  return {
    team: { id: file.team.id, name: file.team.name },
    month: file.month,
    multipliers: { overtime: policy.pay.overtime, restDay: policy.pay.restDay, holiday: policy.pay.holiday },
    rows,
    totals: totalsOf(rows),
    warnings,
  }
}

/** Sums of the rows; hours from the summed minutes. */
function totalsOf(rows: readonly PayrollRow[]): PayrollFigures {
  const t = zero()
  for (const r of rows) {
    t.dayShifts += r.dayShifts
    t.nightShifts += r.nightShifts
    t.attendanceMinutes += r.attendanceMinutes
    t.nightMinutes += r.nightMinutes
    t.restDayShifts += r.restDayShifts
    t.restDayMinutes += r.restDayMinutes
    t.holidayShifts += r.holidayShifts
    t.holidayMinutes += r.holidayMinutes
    t.overtimeMinutes += r.overtimeMinutes
    t.overtime150Minutes += r.overtime150Minutes
    t.disciplineCount += r.disciplineCount
    t.bonusDeduction += r.bonusDeduction
    t.basePay += r.basePay
    for (const kind of LEAVE_KINDS) t.leaveDays[kind] += r.leaveDays[kind]
    t.absenceDays += r.absenceDays
    t.swaps += r.swaps
  }
  return figures(t)
}
