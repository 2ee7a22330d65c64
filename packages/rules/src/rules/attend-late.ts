import type { Violation } from '@paiban/domain'
import { nameOf } from '../context'
import { violation, type Rule } from '../rule'
import { inAgents } from '../scope'

/**
 * ATTEND-LATE: arriving `policy.attendance.absentAfterMinutes` (20) or more late, or leaving the
 * post that long without leave, counts as absence (缺勤) for payroll. Reported from the optional
 * `attendance` records; soft, since it is a fact for payroll, not a fault of the roster.
 */
export const attendLate: Rule = {
  id: 'ATTEND-LATE',
  severity: 'soft',
  kind: 'agent',
  check(ctx, scope) {
    const limit = ctx.policy.attendance.absentAfterMinutes
    const out: Violation[] = []
    for (const record of ctx.file.attendance) {
      if (!inAgents(scope, record.agentId)) continue
      const minutes = Math.max(record.lateMinutes, record.awayMinutes)
      if (minutes < limit) continue
      const name = nameOf(ctx, record.agentId)
      const what =
        record.lateMinutes >= limit
          ? { zh: `迟到 ${record.lateMinutes} 分钟`, en: `arrived ${record.lateMinutes} min late` }
          : { zh: `擅离岗位 ${record.awayMinutes} 分钟`, en: `left the post for ${record.awayMinutes} min` }
      out.push(
        violation(
          'ATTEND-LATE',
          'soft',
          { agentId: record.agentId, date: record.date, penalty: 0 },
          {
            zh: `${name} ${record.date} ${what.zh}(${limit} 分钟及以上),按缺勤处理`,
            en: `${name} ${what.en} on ${record.date} (${limit} min or more): counted as absence`,
          },
        ),
      )
    }
    return out
  },
}
