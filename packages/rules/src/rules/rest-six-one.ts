import type { Violation } from '@paiban/domain'
import { addDays } from '@paiban/domain'
import { isWorked, nameOf } from '../context'
import { violation, type Rule } from '../rule'
import { inAgents } from '../scope'

/**
 * REST-6-1 "work six, rest one" (做六休一): at most `policy.rest.maxConsecutiveDays` worked days in
 * a row, so every 7-day window has a rest day. Runs start in `previous` across the month start.
 * One violation per run, dated the first day past the limit.
 * @example a row `DDDDDDD…` gives one violation dated the 7th.
 */
export const restSixOne: Rule = {
  id: 'REST-6-1',
  severity: 'hard',
  kind: 'agent',
  check(ctx, scope) {
    const max = ctx.policy.rest.maxConsecutiveDays
    const first = ctx.dates[0] ?? ''
    const out: Violation[] = []
    for (const agent of ctx.agents) {
      if (!inAgents(scope, agent.id)) continue
      const before = ctx.history.get(agent.id) ?? []
      const row = ctx.rows.get(agent.id) ?? []
      const cells = [...before, ...row]
      const offset = before.length
      let start = 0
      for (let i = 0; i <= cells.length; i++) {
        if (i < cells.length && isWorked(cells[i])) continue
        const length = i - start
        // Report only runs that reach into this month and pass the limit here.
        if (length > max && i > offset) {
          const from = addDays(first, start - offset)
          const to = addDays(first, i - 1 - offset)
          const past = Math.max(start + max, offset) - offset
          const name = nameOf(ctx, agent.id)
          out.push(
            violation(
              'REST-6-1',
              'hard',
              { agentId: agent.id, date: ctx.dates[past] },
              {
                zh: `${name} 连续上班 ${length} 天(${from} … ${to}),超过做六休一的 ${max} 天:请在 ${ctx.dates[past]} 或之前安排休息`,
                en: `${name} works ${length} days in a row (${from} … ${to}), more than ${max}: give a rest day on or before ${ctx.dates[past]}`,
              },
            ),
          )
        }
        start = i + 1
      }
    }
    return out
  },
}
