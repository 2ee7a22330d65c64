import type { Violation } from '@paiban/domain'
import { attendanceFacts } from '@paiban/domain'
import { isWorked, nameOf } from '../context'
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
    for (const raw of ctx.file.attendance) {
      if (!inAgents(scope, raw.agentId)) continue
      // With a known shift, lateness comes from the arrival time (ATTEND-RECORD); else as written.
      const i = ctx.dateIndex.get(raw.date)
      const cell = i === undefined ? undefined : ctx.rows.get(raw.agentId)?.[i]
      const shift = raw.shift ?? (isWorked(cell) ? cell : undefined)
      const facts = shift ? attendanceFacts(raw, shift, ctx.policy) : undefined
      if (facts?.noShow) continue
      const record = { ...raw, lateMinutes: facts?.lateMinutes ?? raw.lateMinutes }
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
