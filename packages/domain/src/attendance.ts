import type { Attendance, Shift } from './month-file'
import { clockMinutes, type Policy } from './policy'

/**
 * What an attendance record (ATTEND-RECORD) says was worked, in minutes after midnight of the
 * record's date (a night shift's end of `24:00` is 1440, `00:40` after it is 1480). Pure arithmetic
 * on wall-clock times, like the roster: a DST change inside a shift is not modelled.
 */
export type AttendanceFacts = {
  readonly shift: Shift
  /** Report time (start − handover), start and end of the planned shift. */
  readonly report: number
  readonly start: number
  readonly end: number
  /** Arrival (the report time + `lateMinutes` when no `arrivedAt`). */
  readonly arrival: number
  /** Departure (the shift's end when no `leftAt`). */
  readonly departure: number
  /** ATTEND-LATE: minutes after the report time. */
  readonly lateMinutes: number
  /** ATTEND-EARLY: minutes before the shift's end. */
  readonly earlyMinutes: number
  /** Time away from the post without leave. */
  readonly awayMinutes: number
  /** OT-EXTEND: minutes past the shift's end (from `policy.attendance.overtimeFromMinutes`). */
  readonly overtimeMinutes: number
  /** Paid attendance: from max(arrival, report) to departure, less time away; 0 for a no-show. */
  readonly attendedMinutes: number
  /** Night hours by the clock: the night shift's worked minutes from its start on (handover excluded). */
  readonly nightMinutes: number
  /** ATTEND-NOSHOW. */
  readonly noShow: boolean
  /** A departure before the arrival: a record that cannot be right (ATTEND-RECORD). */
  readonly outBeforeIn: boolean
}

/** A clock time more than this many minutes before the report time is on the next date. */
const NEXT_DAY_BEFORE_REPORT = 6 * 60

/**
 * Minutes after midnight of the record's date for a wall-clock `HH:MM` of a shift reporting at
 * `report`: a time more than 6 h before the report time is read as the next date (`00:40` → 1480
 * for a night shift reporting 17:50; `08:00` stays 480 for a day shift reporting 08:50).
 * @example clockOnShift('00:40', 1070) // 1480
 */
export function clockOnShift(hhmm: string, report: number): number {
  const m = clockMinutes(hhmm)
  return m < report - NEXT_DAY_BEFORE_REPORT ? m + 1440 : m
}

/** Planned report, start and end of a shift in minutes after midnight of its date (end > start). */
export function shiftMinutes(shift: Shift, policy: Policy): { report: number; start: number; end: number } {
  const start = clockMinutes(policy.shifts[shift].start)
  let end = clockMinutes(policy.shifts[shift].end)
  if (end <= start) end += 1440
  return { report: start - policy.handoverMinutes, start, end }
}

/**
 * The facts of one attendance record for `shift` (the record's own `shift` wins) under `policy`.
 * @example attendanceFacts({ agentId: 'a1', date: '2026-12-31', arrivedAt: '17:50', leftAt: '00:40', … }, 'N', SEED_POLICY)
 * // { overtimeMinutes: 40, attendedMinutes: 410, nightMinutes: 400, … }
 */
export function attendanceFacts(record: Attendance, shift: Shift, policy: Policy): AttendanceFacts {
  const s = record.shift ?? shift
  const { report, start, end } = shiftMinutes(s, policy)
  const noShow = record.noShow === true
  const arrival =
    record.arrivedAt !== undefined ? clockOnShift(record.arrivedAt, report) : report + record.lateMinutes
  const departure = record.leftAt !== undefined ? clockOnShift(record.leftAt, report) : end
  const outBeforeIn = !noShow && departure < arrival
  const late = Math.max(0, arrival - report)
  const early = Math.max(0, end - departure)
  const past = departure - end
  const overtime = past >= policy.attendance.overtimeFromMinutes ? past : 0
  const away = record.awayMinutes
  const attended =
    noShow || outBeforeIn
      ? 0
      : Math.max(0, Math.min(departure, end) + overtime - Math.max(arrival, report) - away)
  const night =
    s === 'N' && !noShow && !outBeforeIn
      ? Math.max(0, Math.min(departure, end) + overtime - Math.max(arrival, start) - away)
      : 0
  return {
    shift: s,
    report,
    start,
    end,
    arrival,
    departure,
    lateMinutes: noShow ? 0 : late,
    earlyMinutes: noShow || outBeforeIn ? 0 : early,
    awayMinutes: noShow ? 0 : away,
    overtimeMinutes: noShow || outBeforeIn ? 0 : overtime,
    attendedMinutes: attended,
    nightMinutes: night,
    noShow,
    outBeforeIn,
  }
}

/** `HH:MM` of minutes after midnight, past midnight as the next day's clock (1480 → `00:40`). */
export function minutesClock(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}
