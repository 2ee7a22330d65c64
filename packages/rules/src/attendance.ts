import { attendanceFacts, type Attendance, type AttendanceFacts, type Shift } from '@paiban/domain'
import { isWorked, type MonthContext } from './context'

/** One attendance record of the month with the shift it is about and what it says was worked. */
export type RecordedShift = {
  readonly record: Attendance
  /** Position in `ctx.file.attendance`. */
  readonly at: number
  readonly shift: Shift
  readonly facts: AttendanceFacts
}

/**
 * The attendance records dated in the month whose shift is known (the record's `shift`, else the
 * roster cell when it is `D` or `N`), with their facts (ATTEND-RECORD). Records of other months are
 * left out, as are records of a day the roster has no shift on and that name none.
 */
export function recordedShifts(ctx: MonthContext): RecordedShift[] {
  const out: RecordedShift[] = []
  ctx.file.attendance.forEach((record, at) => {
    const i = ctx.dateIndex.get(record.date)
    if (i === undefined) return
    const cell = ctx.rows.get(record.agentId)?.[i]
    const shift = record.shift ?? (isWorked(cell) ? cell : undefined)
    if (shift === undefined) return
    out.push({ record, at, shift, facts: attendanceFacts(record, shift, ctx.policy) })
  })
  return out
}

/** The premium bucket of a date: statutory holiday (300 %), rest day (200 %) or a workday (150 % overtime). */
export function dayBucket(ctx: MonthContext, date: string): 'holiday' | 'restDay' | 'workday' {
  const day = ctx.day(date)
  if (day?.isStatutory) return 'holiday'
  if (day?.isRestDay) return 'restDay'
  return 'workday'
}
