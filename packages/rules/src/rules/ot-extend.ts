import { minutesClock, type Violation } from '@paiban/domain'
import { dayBucket, recordedShifts } from '../attendance'
import { nameOf } from '../context'
import { SHIFT_NAME, violation, type Rule } from '../rule'
import { inAgents } from '../scope'

/**
 * OT-EXTEND (工作自动延长): time worked past the shift's end (the night kept open past 24:00, the
 * outgoing agent waiting for a late relief) is overtime at `policy.pay.overtime` (150 %); on a rest
 * day or statutory holiday it is paid with the day (200 % / 300 %). Reported so the supervisor sees
 * it; soft with no penalty, the payroll pays it.
 */
export const otExtend: Rule = {
  id: 'OT-EXTEND',
  severity: 'soft',
  kind: 'agent',
  check(ctx, scope) {
    const out: Violation[] = []
    for (const { record, shift, facts } of recordedShifts(ctx)) {
      if (facts.overtimeMinutes === 0 || !inAgents(scope, record.agentId)) continue
      const bucket = dayBucket(ctx, record.date)
      const rate = Math.round(
        (bucket === 'holiday'
          ? ctx.policy.pay.holiday
          : bucket === 'restDay'
            ? ctx.policy.pay.restDay
            : ctx.policy.pay.overtime) * 100,
      )
      const name = nameOf(ctx, record.agentId)
      const until = minutesClock(facts.departure)
      out.push(
        violation(
          'OT-EXTEND',
          'soft',
          { agentId: record.agentId, date: record.date, shift, penalty: 0 },
          {
            zh: `${name} ${record.date} ${SHIFT_NAME[shift].zh}延长至 ${until},加班 ${facts.overtimeMinutes} 分钟,按 ${rate}% 计`,
            en: `${name} worked the ${SHIFT_NAME[shift].en} of ${record.date} until ${until}: ${facts.overtimeMinutes} min overtime at ${rate} %`,
          },
        ),
      )
    }
    return out
  },
}
