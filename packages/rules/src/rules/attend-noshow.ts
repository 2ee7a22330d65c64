import type { Violation } from '@paiban/domain'
import { recordedShifts } from '../attendance'
import { nameOf } from '../context'
import { activeLeaves } from '../requests'
import { SHIFT_NAME, violation, type Rule } from '../rule'
import { inAgents } from '../scope'

/**
 * ATTEND-NOSHOW (旷工): a rostered shift recorded as not turned up (`noShow`) with no approved leave
 * for it is absence. Soft: a fact for payroll; the gap it left is COVER-MIN's.
 */
export const attendNoShow: Rule = {
  id: 'ATTEND-NOSHOW',
  severity: 'soft',
  kind: 'agent',
  check(ctx, scope) {
    const onLeave = new Set(
      activeLeaves(ctx)
        .filter(l => l.status === 'approved')
        .map(l => `${l.agentId}|${l.date}`),
    )
    const out: Violation[] = []
    for (const { record, shift, facts } of recordedShifts(ctx)) {
      if (!facts.noShow || !inAgents(scope, record.agentId)) continue
      if (onLeave.has(`${record.agentId}|${record.date}`)) continue
      const name = nameOf(ctx, record.agentId)
      out.push(
        violation(
          'ATTEND-NOSHOW',
          'soft',
          { agentId: record.agentId, date: record.date, shift, penalty: 0 },
          {
            zh: `${name} ${record.date} ${SHIFT_NAME[shift].zh}未到岗且未请假:按旷工处理`,
            en: `${name} did not come to the ${SHIFT_NAME[shift].en} on ${record.date} and had no leave: counted as absence`,
          },
        ),
      )
    }
    return out
  },
}
