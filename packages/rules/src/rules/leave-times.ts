import { clockMinutes, localInstant, shiftTimes, type Leave } from '@paiban/domain'
import { instant, type MonthContext } from '../context'
import { hasApproval } from '../requests'

/** Instants (epoch ms) that decide a leave record's rules. */
export type LeaveTimes = {
  readonly submitted: number
  /** Report time of the shift the leave replaces (start − handover). */
  readonly report: number
  /** LEAVE-NIGHT deadline: `policy.leave.nightCutoff` on the shift's date. */
  readonly nightCutoff: number
}

/** The instants of a leave record in the team's time zone. */
export function leaveTimes(ctx: MonthContext, leave: Leave): LeaveTimes {
  return {
    submitted: instant(leave.submittedAt),
    report: shiftTimes(leave.date, leave.shift, ctx.policy, ctx.zone).report.toMillis(),
    nightCutoff: localInstant(leave.date, clockMinutes(ctx.policy.leave.nightCutoff), ctx.zone).toMillis(),
  }
}

/** True when a manager (经理) approved the record. */
export function managerApproved(ctx: MonthContext, leave: Leave): boolean {
  return hasApproval(ctx, leave.approvals, 'manager')
}

const HOUR = 3_600_000

/** Hours before the report time as a readable number. */
export function hoursBefore(times: LeaveTimes): number {
  return Math.round(((times.report - times.submitted) / HOUR) * 10) / 10
}

export { HOUR }
