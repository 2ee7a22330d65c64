import type { Leave, Swap } from '@paiban/domain'
import { instant, nameOf, type MonthContext } from '../context'
import { activeLeaves, activeSwaps, swapDates, swapInScope } from '../requests'
import { violation, type Rule } from '../rule'
import type { Scope } from '../scope'

type Clash = { swap: Swap; agentId: string; date: string; leave?: Leave }

/**
 * Every (swap, party, date) where a party of an active swap has leave on a date the swap touches:
 * an active leave record, or (for a swap not yet applied) an `L` in the roster.
 */
function clashes(ctx: MonthContext, scope: Scope): Clash[] {
  const leaves = activeLeaves(ctx)
  const out: Clash[] = []
  for (const swap of activeSwaps(ctx)) {
    if (!swapInScope(scope, swap)) continue
    for (const date of swapDates(swap))
      for (const agentId of [swap.requester, swap.counterpart]) {
        const leave = leaves.find(l => l.agentId === agentId && l.date === date)
        const i = ctx.dateIndex.get(date)
        const onLeave = swap.status !== 'approved' && i !== undefined && ctx.rows.get(agentId)?.[i] === 'L'
        if (leave || onLeave) out.push({ swap, agentId, date, ...(leave ? { leave } : {}) })
      }
  }
  return out
}

/**
 * SWAP-LEAVE (换班和还班均不得请假): a date already on leave cannot be swapped. Reported for a swap
 * made when the leave already existed (or the roster shows `L`).
 */
export const swapLeave: Rule = {
  id: 'SWAP-LEAVE',
  severity: 'hard',
  kind: 'request',
  check(ctx, scope) {
    return clashes(ctx, scope)
      .filter(c => c.leave === undefined || instant(c.leave.submittedAt) <= instant(c.swap.submittedAt))
      .map(c =>
        violation(
          'SWAP-LEAVE',
          'hard',
          { agentId: c.agentId, date: c.date, requestId: c.swap.id },
          {
            zh: `${nameOf(ctx, c.agentId)} ${c.date} 已请假,不能用于换班`,
            en: `${nameOf(ctx, c.agentId)} is on leave on ${c.date}, so it cannot be part of a swap`,
          },
        ),
      )
  },
}

/**
 * LEAVE-SWAPPED (see SWAP-LEAVE): a swapped or returned shift cannot later be taken as leave;
 * otherwise it is absence (旷工). Reported for leave asked after the swap.
 */
export const leaveSwapped: Rule = {
  id: 'LEAVE-SWAPPED',
  severity: 'hard',
  kind: 'request',
  check(ctx, scope) {
    return clashes(ctx, scope).flatMap(c =>
      c.leave !== undefined && instant(c.leave.submittedAt) > instant(c.swap.submittedAt)
        ? [
            violation(
              'LEAVE-SWAPPED',
              'hard',
              { agentId: c.agentId, date: c.date, shift: c.leave.shift, requestId: c.leave.id },
              {
                zh: `${nameOf(ctx, c.agentId)} ${c.date} 的班次来自换班,换班和还班的班次不得请假`,
                en: `${nameOf(ctx, c.agentId)}'s shift on ${c.date} comes from a swap: a swapped or returned shift cannot be taken as leave`,
              },
            ),
          ]
        : [],
    )
  },
}
