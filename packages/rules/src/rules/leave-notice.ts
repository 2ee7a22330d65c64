import type { Violation } from '@paiban/domain'
import { nameOf } from '../context'
import { activeLeaves } from '../requests'
import { violation, type Rule } from '../rule'
import { inAgents } from '../scope'
import { managerRulesOf } from '../approval'
import { hoursBefore, leaveTimes, managerApproved } from './leave-times'

/**
 * LEAVE-NOTICE (一般事假需在当班一天前提出;特殊事假需在当班前2小时提出): personal leave is asked
 * `policy.leave.noticeHours` (24) before the shift's report time, urgent personal leave
 * `urgentNoticeHours` (2). Later only with a manager's approval, otherwise absence: approved late
 * without a manager is hard; pending late is soft (it still needs the manager).
 */
export const leaveNotice: Rule = {
  id: 'LEAVE-NOTICE',
  severity: 'hard',
  kind: 'request',
  check(ctx, scope) {
    const out: Violation[] = []
    for (const leave of activeLeaves(ctx)) {
      if (!inAgents(scope, leave.agentId) || managerApproved(ctx, leave)) continue
      if (!managerRulesOf(ctx, leave).includes('LEAVE-NOTICE')) continue
      const t = leaveTimes(ctx, leave)
      const hours = leave.urgent ? ctx.policy.leave.urgentNoticeHours : ctx.policy.leave.noticeHours
      const pending = leave.status === 'pending'
      const name = nameOf(ctx, leave.agentId)
      const given = hoursBefore(t)
      out.push(
        violation(
          'LEAVE-NOTICE',
          pending ? 'soft' : 'hard',
          {
            agentId: leave.agentId,
            date: leave.date,
            shift: leave.shift,
            requestId: leave.id,
            ...(pending ? { penalty: 0 } : {}),
          },
          pending
            ? {
                zh: `${name} ${leave.date} 的${leave.urgent ? '紧急' : ''}事假只提前 ${given} 小时(需 ${hours} 小时):须经理批准,否则按旷工处理`,
                en: `${name}'s ${leave.urgent ? 'urgent ' : ''}personal leave for ${leave.date} came ${given} h ahead (${hours} h needed): it needs a manager's approval, otherwise it is absence`,
              }
            : {
                zh: `${name} ${leave.date} 的${leave.urgent ? '紧急' : ''}事假只提前 ${given} 小时(需 ${hours} 小时)且无经理批准:按旷工处理`,
                en: `${name}'s ${leave.urgent ? 'urgent ' : ''}personal leave for ${leave.date} came ${given} h ahead (${hours} h needed) without a manager's approval: absence`,
              },
        ),
      )
    }
    return out
  },
}
