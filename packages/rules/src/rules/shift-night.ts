import type { Violation } from '@paiban/domain'
import { nameOf } from '../context'
import { violation, type Rule } from '../rule'
import { inAgents } from '../scope'

/**
 * SHIFT-NIGHT: the night shift (default 18:00–24:00) is worked only by agents with `nights: true`.
 * One violation per night an ineligible agent is rostered on.
 */
export const shiftNight: Rule = {
  id: 'SHIFT-NIGHT',
  severity: 'hard',
  kind: 'agent',
  check(ctx, scope) {
    const out: Violation[] = []
    for (const agent of ctx.agents) {
      if (agent.nights || !inAgents(scope, agent.id)) continue
      const row = ctx.rows.get(agent.id) ?? []
      row.forEach((cell, i) => {
        if (cell !== 'N') return
        const date = ctx.dates[i] ?? ''
        const name = nameOf(ctx, agent.id)
        out.push(
          violation(
            'SHIFT-NIGHT',
            'hard',
            { agentId: agent.id, date, shift: 'N' },
            {
              zh: `${name} 不上夜班,却被排在 ${date} 的夜班:请换成白班或休息`,
              en: `${name} does not work nights but is on the night shift on ${date}: change it to a day shift or rest`,
            },
          ),
        )
      })
    }
    return out
  },
}
