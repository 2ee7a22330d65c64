import type { Swap, Violation } from '@paiban/domain'
import { monthOf } from '@paiban/domain'
import { nameOf, type MonthContext } from '../context'
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
              zh: `${name} 在 ${monthOf(swap.date)} 的第 ${count} 次换班(${swap.date}):每月最多 ${max} 次`,
              en: `${name}'s swap on ${swap.date} is swap number ${count} in ${monthOf(swap.date)}: at most ${max} a month`,
            },
          ),
        )
      }
    }
    return out
  },
}

/**
 * SWAP-MAX for one new request (checkSwap): the request is the one that goes over the limit when
 * a party already has `policy.swap.maxPerMonth` other active swaps in the month of its date, whatever
 * their dates. Names the party, the swaps already counted and the new one.
 */
export function swapMaxFor(ctx: MonthContext, request: Swap): Violation[] {
  const max = ctx.policy.swap.maxPerMonth
  const month = monthOf(request.date)
  const out: Violation[] = []
  for (const agentId of new Set([request.requester, request.counterpart])) {
    const others = activeSwaps(ctx)
      .filter(s => s.id !== request.id && monthOf(s.date) === month)
      .filter(s => s.requester === agentId || s.counterpart === agentId)
      .sort(byDateThenSubmitted)
    if (others.length < max) continue
    const name = nameOf(ctx, agentId)
    const dates = others.map(s => s.date).join(', ')
    out.push(
      violation(
        'SWAP-MAX',
        'hard',
        { agentId, date: request.date, requestId: request.id },
        {
          zh: `${name} 在 ${month} 已有 ${others.length} 次换班(${dates.replaceAll(', ', '、')}),${request.date} 的这次换班是第 ${others.length + 1} 次:每月最多 ${max} 次`,
          en: `${name} already has ${others.length} swaps in ${month} (${dates}): this swap on ${request.date} would be number ${others.length + 1}, at most ${max} a month`,
        },
      ),
    )
  }
  return out
}
