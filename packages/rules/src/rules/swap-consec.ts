import type { Violation } from '@paiban/domain'
import { daysBetween, type Swap } from '@paiban/domain'
import { nameOf } from '../context'
import { activeSwaps, byDateThenSubmitted, swapDates } from '../requests'
import { violation, type Rule } from '../rule'
import { inAgents } from '../scope'

/**
 * SWAP-CONSEC (不允许连续换班): an agent may not swap on two adjacent dates, nor swap again a shift
 * obtained through a swap (two swaps on one date). Reported on the later swap, dated its date. The
 * month's `neighbours.swaps` (the months either side) count as the swaps before and after, so a swap
 * on the 1st next to one on the 31st is seen; one that clashes only with a later month's swap is
 * reported on this month's swap, since that is the one this check can change.
 */
export const swapConsec: Rule = {
  id: 'SWAP-CONSEC',
  severity: 'hard',
  kind: 'request',
  check(ctx, scope) {
    if (!ctx.policy.swap.forbidConsecutive) return []
    const own = new Set(activeSwaps(ctx))
    const others = (ctx.file.neighbours?.swaps ?? []).filter(
      s => s.status === 'approved' || s.status === 'pending',
    )
    const byAgent = new Map<string, Swap[]>()
    for (const swap of [...own, ...others].sort(byDateThenSubmitted))
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
          .filter(earlier => own.has(earlier) || own.has(later))
          .flatMap(earlier => swapDates(earlier).flatMap(a => swapDates(later).map(b => ({ earlier, a, b }))))
          .find(({ a, b }) => Math.abs(daysBetween(a, b)) <= 1)
        if (!clash) continue
        const name = nameOf(ctx, agentId)
        const same = clash.a === clash.b
        // The swap this month holds: the later one, or the earlier one when the later is next month's.
        const at = own.has(later) ? later : clash.earlier
        const [mine, other] = own.has(later) ? [clash.b, clash.a] : [clash.a, clash.b]
        out.push(
          violation(
            'SWAP-CONSEC',
            'hard',
            { agentId, date: at.date, requestId: at.id },
            same
              ? {
                  zh: `${name} ${clash.b} 的换班再次调换了通过 ${clash.earlier.date} 的换班得来的班次:不允许连续换班`,
                  en: `${name}'s swap on ${clash.b} swaps again a shift obtained through the swap on ${clash.earlier.date}: no back-to-back swaps`,
                }
              : {
                  zh: `${name} ${mine} 的换班与 ${other} 的换班日期相邻:不允许连续换班`,
                  en: `${name}'s swap on ${mine} is on the day next to the swap on ${other}: no back-to-back swaps`,
                },
          ),
        )
      }
    }
    return out
  },
}
