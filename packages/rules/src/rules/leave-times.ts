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

/**
 * LEAVE-EMERGENCY: an emergency sick leave (急诊/急病, `kind: 'sick'`, `urgent: true`) phoned in and
 * filed before the shift's report time. Such a leave is allowed on night and holiday shifts and
 * without notice (LEAVE-NIGHT, LEAVE-HOLIDAY and LEAVE-APPROVER make no demand of it); its
 * certificate is due on the first day back (LEAVE-SICK-CERT).
 */
export function isEmergency(ctx: MonthContext, leave: Leave): boolean {
  if (leave.kind !== 'sick' || !leave.urgent) return false
  const t = leaveTimes(ctx, leave)
  return t.submitted <= t.report
}

/**
 * The first day back after a leave: the first date after it in the month on which the agent's
 * roster has a shift; undefined when that is not in this month.
 */
export function firstDayBack(ctx: MonthContext, leave: Leave): string | undefined {
  const row = ctx.rows.get(leave.agentId)
  const i = ctx.dateIndex.get(leave.date)
  if (!row || i === undefined) return undefined
  for (let j = i + 1; j < row.length; j++) {
    const c = row[j]
    if (c === 'D' || c === 'N') return ctx.dates[j]
  }
  return undefined
}
