import type { Violation } from '@paiban/domain'
import { nameOf } from '../context'
import { activeLeaves } from '../requests'
import { SHIFT_NAME, violation, type Rule } from '../rule'
import { inAgents } from '../scope'
import { leaveTimes } from './leave-times'

/**
 * LEAVE-EMERGENCY (急诊必须在班前电话通知班长,事后补办手续): an emergency sick leave (`kind: 'sick'`,
 * `urgent: true`) is phoned in before the shift and filed by a team leader (or the supervisor, or the
 * agent): then it holds on night and holiday shifts and without notice. Filed after the report time
 * it is no emergency leave but absence; filed by another agent it is not the team leader's.
 */
export const leaveEmergency: Rule = {
  id: 'LEAVE-EMERGENCY',
  severity: 'hard',
  kind: 'request',
  check(ctx, scope) {
    const out: Violation[] = []
    for (const leave of activeLeaves(ctx)) {
      if (leave.kind !== 'sick' || !leave.urgent || !inAgents(scope, leave.agentId)) continue
      const name = nameOf(ctx, leave.agentId)
      const at = { agentId: leave.agentId, date: leave.date, shift: leave.shift, requestId: leave.id }
      const t = leaveTimes(ctx, leave)
      if (t.submitted > t.report) {
        out.push(
          violation('LEAVE-EMERGENCY', 'hard', at, {
            zh: `${name} ${leave.date} ${SHIFT_NAME[leave.shift].zh}的急病假在到岗时间之后才报:急病假须班前电话通知班长,否则按旷工处理`,
            en: `${name}'s emergency sick leave for the ${SHIFT_NAME[leave.shift].en} of ${leave.date} came after the report time: it must be phoned in before the shift, otherwise it is absence`,
          }),
        )
        continue
      }
      const filer = ctx.agentById.get(leave.by)
      if (filer && filer.id !== leave.agentId && filer.role !== 'teamLeader')
        out.push(
          violation('LEAVE-EMERGENCY', 'hard', at, {
            zh: `${name} ${leave.date} 的急病假由 ${filer.name} 登记:急病假由班长登记`,
            en: `${name}'s emergency sick leave for ${leave.date} was filed by ${filer.name}: a team leader files emergency leave`,
          }),
        )
    }
    return out
  },
}
