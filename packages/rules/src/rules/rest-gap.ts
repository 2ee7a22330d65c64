import type { Violation } from '@paiban/domain'
import { isWorked, nameOf } from '../context'
import { SHIFT_NAME, violation, type Rule } from '../rule'
import { inAgents } from '../scope'

/**
 * REST-GAP (no 连班): at least `policy.rest.minRestHours` from the end of one shift to the report
 * time (start − handover) of the next, including from `previous` into the month. A gap of zero or
 * below is two shifts whose attendance windows touch or overlap (HANDOVER: one person cannot hold
 * both), a violation even when the policy's minimum is 0.
 */
export const restGap: Rule = {
  id: 'REST-GAP',
  severity: 'hard',
  kind: 'agent',
  check(ctx, scope) {
    const minMs = ctx.policy.rest.minRestHours * 3_600_000
    const out: Violation[] = []
    for (const agent of ctx.agents) {
      if (!inAgents(scope, agent.id)) continue
      const row = ctx.rows.get(agent.id) ?? []
      const before = ctx.history.get(agent.id) ?? []
      let prev = before[before.length - 1]
      for (let i = 0; i < row.length; i++) {
        const cell = row[i]
        if (isWorked(cell) && isWorked(prev)) {
          const gap = ctx.times(i, cell).report - ctx.times(i - 1, prev).end
          if (gap < minMs || gap <= 0) {
            const hours = Math.round((gap / 3_600_000) * 10) / 10
            const name = nameOf(ctx, agent.id)
            const date = ctx.dates[i] ?? ''
            out.push(
              violation(
                'REST-GAP',
                'hard',
                { agentId: agent.id, date, shift: cell },
                {
                  zh: `${name} ${date} 的${SHIFT_NAME[cell].zh}与前一天${SHIFT_NAME[prev].zh}之间只休息 ${hours} 小时(至少 ${ctx.policy.rest.minRestHours} 小时,禁止连班)`,
                  en: `${name} has only ${hours} h between the previous ${SHIFT_NAME[prev].en} and the ${SHIFT_NAME[cell].en} on ${date} (at least ${ctx.policy.rest.minRestHours} h; no back-to-back shifts)`,
                },
              ),
            )
          }
        }
        prev = cell
      }
    }
    return out
  },
}
