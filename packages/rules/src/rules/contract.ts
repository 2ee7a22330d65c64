import type { Violation } from '@paiban/domain'
import { isWorked, nameOf } from '../context'
import { violation, type Rule } from '../rule'
import { inAgents } from '../scope'

/**
 * CONTRACT: worked days (approved leave counts as worked) close to the agent's `contractDays`;
 * each day away costs `policy.fairness.contractWeight` (soft). Skipped while cells are undecided.
 */
export const contract: Rule = {
  id: 'CONTRACT',
  severity: 'soft',
  kind: 'agent',
  check(ctx, scope) {
    const out: Violation[] = []
    for (const agent of ctx.agents) {
      if (agent.contractDays === undefined || !inAgents(scope, agent.id)) continue
      const row = ctx.rows.get(agent.id) ?? []
      if (row.includes('?')) continue
      const worked = row.filter(c => isWorked(c) || c === 'L').length
      const diff = worked - agent.contractDays
      if (diff === 0) continue
      const name = nameOf(ctx, agent.id)
      out.push(
        violation(
          'CONTRACT',
          'soft',
          { agentId: agent.id, penalty: Math.abs(diff) * ctx.policy.fairness.contractWeight },
          {
            zh: `${name} 本月上班 ${worked} 天,合同目标 ${agent.contractDays} 天(${diff > 0 ? '多' : '少'} ${Math.abs(diff)} 天)`,
            en: `${name} works ${worked} days this month against a contract target of ${agent.contractDays} (${Math.abs(diff)} ${diff > 0 ? 'over' : 'under'})`,
          },
        ),
      )
    }
    return out
  },
}
