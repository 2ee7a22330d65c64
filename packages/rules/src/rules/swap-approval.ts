import type { Violation } from '@paiban/domain'
import { nameOf } from '../context'
import { missingSwapSteps } from '../approval'
import { activeSwaps, swapInScope } from '../requests'
import { violation, type Rule } from '../rule'

/**
 * SWAP-APPROVAL (不允许私自换班): an approved swap carries the counterpart's consent, the approval of
 * both agents' team leaders (one when they share one; see `swapApprovalSteps` for a leader who is
 * a party, or an agent without a leader) and the supervisor's. Pending swaps lack them
 * by definition and are not reported.
 */
export const swapApproval: Rule = {
  id: 'SWAP-APPROVAL',
  severity: 'hard',
  kind: 'request',
  check(ctx, scope) {
    const out: Violation[] = []
    for (const swap of activeSwaps(ctx)) {
      if (swap.status !== 'approved' || !swapInScope(scope, swap)) continue
      const missing = missingSwapSteps(ctx, swap).map(step =>
        step.role === 'counterpart'
          ? {
              zh: `对方 ${nameOf(ctx, swap.counterpart)} 的同意`,
              en: `consent of ${nameOf(ctx, swap.counterpart)}`,
            }
          : step.role === 'teamLeader'
            ? {
                zh: `班长 ${nameOf(ctx, step.by ?? '')} 的批准`,
                en: `approval of team leader ${nameOf(ctx, step.by ?? '')}`,
              }
            : { zh: '主管的批准', en: 'the supervisor’s approval' },
      )
      if (missing.length === 0) continue
      out.push(
        violation(
          'SWAP-APPROVAL',
          'hard',
          { agentId: swap.requester, date: swap.date, requestId: swap.id },
          {
            zh: `换班(${nameOf(ctx, swap.requester)} ↔ ${nameOf(ctx, swap.counterpart)},${swap.date})已生效但缺少:${missing.map(m => m.zh).join('、')}`,
            en: `The swap (${nameOf(ctx, swap.requester)} ↔ ${nameOf(ctx, swap.counterpart)}, ${swap.date}) is approved without ${missing.map(m => m.en).join(', ')}`,
          },
        ),
      )
    }
    return out
  },
}
