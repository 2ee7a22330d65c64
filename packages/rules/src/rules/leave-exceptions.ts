import type { Violation } from '@paiban/domain'
import { managerRulesOf } from '../approval'
import { nameOf } from '../context'
import { activeLeaves } from '../requests'
import { violation, type Rule } from '../rule'
import { inAgents } from '../scope'
import { leaveTimes, managerApproved } from './leave-times'

/**
 * LEAVE-NIGHT (原则上夜班不允许请假): night leave only by exception: submitted no later than
 * `policy.leave.nightCutoff` (12:00) on the shift's date **and** approved by a manager. A pending
 * request in time is not yet a violation; a late one is. An emergency sick leave (LEAVE-EMERGENCY)
 * is exempt.
 */
export const leaveNight: Rule = {
  id: 'LEAVE-NIGHT',
  severity: 'hard',
  kind: 'request',
  check(ctx, scope) {
    const out: Violation[] = []
    for (const leave of activeLeaves(ctx)) {
      if (!inAgents(scope, leave.agentId) || !managerRulesOf(ctx, leave).includes('LEAVE-NIGHT')) continue
      const t = leaveTimes(ctx, leave)
      const inTime = t.submitted <= t.nightCutoff
      const manager = managerApproved(ctx, leave)
      if (inTime && (leave.status === 'pending' || manager)) continue
      const name = nameOf(ctx, leave.agentId)
      const cutoff = ctx.policy.leave.nightCutoff
      out.push(
        violation(
          'LEAVE-NIGHT',
          'hard',
          { agentId: leave.agentId, date: leave.date, shift: 'N', requestId: leave.id },
          !inTime
            ? {
                zh: `${name} ${leave.date} 夜班请假提交晚于当日 ${cutoff}:夜班原则上不允许请假`,
                en: `${name}'s night-shift leave for ${leave.date} was submitted after ${cutoff} that day: night leave is not allowed`,
              }
            : {
                zh: `${name} ${leave.date} 夜班请假需要经理批准(主管批准不够)`,
                en: `${name}'s night-shift leave for ${leave.date} needs a manager's approval (a supervisor is not enough)`,
              },
        ),
      )
    }
    return out
  },
}

/**
 * LEAVE-HOLIDAY (节假日不允许请假): leave on a statutory-holiday shift only by exception: submitted at
 * least `policy.leave.holidayNoticeDays` (2) days before the report time **and** approved by a
 * manager. Pending and in time: not yet a violation; too late: a violation. Which days: the
 * policy's `leave.holidayDays` (default the statutory days computed from the law). An emergency
 * sick leave (LEAVE-EMERGENCY) is exempt.
 */
export const leaveHoliday: Rule = {
  id: 'LEAVE-HOLIDAY',
  severity: 'hard',
  kind: 'request',
  check(ctx, scope) {
    const out: Violation[] = []
    const days = ctx.policy.leave.holidayNoticeDays
    for (const leave of activeLeaves(ctx)) {
      if (!inAgents(scope, leave.agentId) || !managerRulesOf(ctx, leave).includes('LEAVE-HOLIDAY')) continue
      const day = ctx.day(leave.date)
      const t = leaveTimes(ctx, leave)
      const inTime = t.submitted <= t.report - days * 86_400_000
      const manager = managerApproved(ctx, leave)
      if (inTime && (leave.status === 'pending' || manager)) continue
      const name = nameOf(ctx, leave.agentId)
      const holiday = day?.name ?? { zh: '节假日', en: 'public holiday' }
      out.push(
        violation(
          'LEAVE-HOLIDAY',
          'hard',
          { agentId: leave.agentId, date: leave.date, shift: leave.shift, requestId: leave.id },
          !inTime
            ? {
                zh: `${name} ${leave.date}(${holiday.zh})请假未提前 ${days} 天提出:节假日不允许请假`,
                en: `${name}'s leave on ${leave.date} (${holiday.en}) was not asked ${days} days ahead: no leave on public holidays`,
              }
            : {
                zh: `${name} ${leave.date}(${holiday.zh})请假需要经理批准`,
                en: `${name}'s leave on ${leave.date} (${holiday.en}) needs a manager's approval`,
              },
        ),
      )
    }
    return out
  },
}
