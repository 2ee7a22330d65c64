import type { Violation } from '@paiban/domain'
import { daysBetween, type Swap } from '@paiban/domain'
import { nameOf } from '../context'
import { activeSwaps, byDateThenSubmitted, swapDates } from '../requests'
import { violation, type Rule } from '../rule'
import { inAgents } from '../scope'

/**
 * SWAP-CONSEC (不允许连续换班): an agent may not swap on two adjacent dates, nor swap again a shift
 * obtained through a swap (two swaps on one date). Reported on the later swap, dated its date.
 */
export const swapConsec: Rule = {
  id: 'SWAP-CONSEC',
  severity: 'hard',
  kind: 'request',
  check(ctx, scope) {
    if (!ctx.policy.swap.forbidConsecutive) return []
    const byAgent = new Map<string, Swap[]>()
    for (const swap of activeSwaps(ctx).sort(byDateThenSubmitted))
      for (const id of new Set([swap.requester, swap.counterpart]))
        byAgent.set(id, [...(byAgent.get(id) ?? []), swap])
    const out: Violation[] = []
    for (const [agentId, swaps] of byAgent) {
      if (!inAgents(scope, agentId)) continue
      for (let j = 1; j < swaps.length; j++) {
        const later = swaps[j]
        if (!later) continue
        const clash = swaps
          .slice(0, j)
          .flatMap(earlier => swapDates(earlier).flatMap(a => swapDates(later).map(b => ({ earlier, a, b }))))
          .find(({ a, b }) => Math.abs(daysBetween(a, b)) <= 1)
        if (!clash) continue
        const name = nameOf(ctx, agentId)
        const same = clash.a === clash.b
        out.push(
          violation(
            'SWAP-CONSEC',
            'hard',
            { agentId, date: later.date, requestId: later.id },
            same
              ? {
                  zh: `${name} ${clash.b} 的换班再次调换了通过 ${clash.earlier.date} 的换班得来的班次:不允许连续换班`,
                  en: `${name}'s swap on ${clash.b} swaps again a shift obtained through the swap on ${clash.earlier.date}: no back-to-back swaps`,
                }
              : {
                  zh: `${name} ${clash.b} 的换班与 ${clash.a} 的换班日期相邻:不允许连续换班`,
                  en: `${name}'s swap on ${clash.b} is on the day next to the swap on ${clash.a}: no back-to-back swaps`,
                },
          ),
        )
      }
    }
    return out
  },
}
