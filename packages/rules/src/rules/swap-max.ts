import type { Violation } from '@paiban/domain'
import { monthOf } from '@paiban/domain'
import { nameOf } from '../context'
import { activeSwaps, byDateThenSubmitted } from '../requests'
import { violation, type Rule } from '../rule'
import { inAgents } from '../scope'

/**
 * SWAP-MAX (每人每月换班不得超过2次): at most `policy.swap.maxPerMonth` swaps per agent per calendar
 * month, approved and pending both counting, each in the month of its `date`. Reported once per
 * agent and month, on the swap that goes over the limit.
 */
export const swapMax: Rule = {
  id: 'SWAP-MAX',
  severity: 'hard',
  kind: 'request',
  check(ctx, scope) {
    const max = ctx.policy.swap.maxPerMonth
    const swaps = activeSwaps(ctx).sort(byDateThenSubmitted)
    const seen = new Map<string, number>()
    const out: Violation[] = []
    for (const swap of swaps) {
      for (const agentId of new Set([swap.requester, swap.counterpart])) {
        const key = `${agentId}|${monthOf(swap.date)}`
        const count = (seen.get(key) ?? 0) + 1
        seen.set(key, count)
        if (count !== max + 1 || !inAgents(scope, agentId)) continue
        const name = nameOf(ctx, agentId)
        out.push(
          violation(
            'SWAP-MAX',
            'hard',
            { agentId, date: swap.date, requestId: swap.id },
            {
              zh: `${name} 在 ${monthOf(swap.date)} 的第 ${count} 次换班(${swap.id},${swap.date}):每月最多 ${max} 次`,
              en: `${name}'s swap ${swap.id} on ${swap.date} is swap number ${count} in ${monthOf(swap.date)}: at most ${max} a month`,
            },
          ),
        )
      }
    }
    return out
  },
}
