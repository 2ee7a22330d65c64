import { minutesClock, type Violation } from '@paiban/domain'
import { recordedShifts } from '../attendance'
import { nameOf } from '../context'
import { violation, type Rule } from '../rule'
import { inAgents } from '../scope'

/**
 * ATTEND-EARLY (早退): a departure before the end of the shift (beyond `policy.attendance.graceMinutes`,
 * 0) is a breach of discipline; `policy.attendance.earlyAbsentAfterMinutes` (20) or more counts as
 * absence like ATTEND-LATE. Soft: a fact for payroll, not a fault of the roster.
 */
export const attendEarly: Rule = {
  id: 'ATTEND-EARLY',
  severity: 'soft',
  kind: 'agent',
  check(ctx, scope) {
    const { graceMinutes, earlyAbsentAfterMinutes: limit } = ctx.policy.attendance
    const out: Violation[] = []
    for (const { record, shift, facts } of recordedShifts(ctx)) {
      if (!inAgents(scope, record.agentId) || facts.earlyMinutes <= graceMinutes) continue
      const name = nameOf(ctx, record.agentId)
      const absent = facts.earlyMinutes >= limit
      const left = minutesClock(facts.departure)
      out.push(
        violation(
          'ATTEND-EARLY',
          'soft',
          { agentId: record.agentId, date: record.date, shift, penalty: 0 },
          {
            zh: `${name} ${record.date} ${left} 早退 ${facts.earlyMinutes} 分钟${absent ? `(${limit} 分钟及以上),按缺勤处理` : ',属违纪'}`,
            en: `${name} left ${facts.earlyMinutes} min early on ${record.date} (${left})${absent ? ` (${limit} min or more): counted as absence` : ': a breach of discipline'}`,
          },
        ),
      )
    }
    return out
  },
}
