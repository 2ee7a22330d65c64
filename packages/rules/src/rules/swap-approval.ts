import type { Violation } from '@paiban/domain'
import { nameOf } from '../context'
import { activeSwaps, hasApproval, swapInScope } from '../requests'
import { violation, type Rule } from '../rule'

/**
 * SWAP-APPROVAL (不允许私自换班): an approved swap carries the counterpart's consent, the approval of
 * both agents' team leaders (one when they share one) and the supervisor's. Pending swaps lack them
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
      const missing: Array<{ zh: string; en: string }> = []
      if (!hasApproval(ctx, swap.approvals, 'counterpart', swap.counterpart))
        missing.push({
          zh: `对方 ${nameOf(ctx, swap.counterpart)} 的同意`,
          en: `consent of ${nameOf(ctx, swap.counterpart)}`,
        })
      const leaders = new Set(
        [swap.requester, swap.counterpart].map(id => ctx.agentById.get(id)?.teamLeaderId ?? ''),
      )
      for (const leader of leaders) {
        const ok =
          leader === ''
            ? hasApproval(ctx, swap.approvals, 'teamLeader')
            : hasApproval(ctx, swap.approvals, 'teamLeader', leader)
        if (!ok)
          missing.push(
            leader === ''
              ? { zh: '班长的批准', en: 'a team leader’s approval' }
              : {
                  zh: `班长 ${nameOf(ctx, leader)} 的批准`,
                  en: `approval of team leader ${nameOf(ctx, leader)}`,
                },
          )
      }
      if (!hasApproval(ctx, swap.approvals, 'supervisor'))
        missing.push({ zh: '主管的批准', en: 'the supervisor’s approval' })
      if (missing.length === 0) continue
      out.push(
        violation(
          'SWAP-APPROVAL',
          'hard',
          { agentId: swap.requester, date: swap.date, requestId: swap.id },
          {
            zh: `换班 ${swap.id}(${nameOf(ctx, swap.requester)} ↔ ${nameOf(ctx, swap.counterpart)},${swap.date})已生效但缺少:${missing.map(m => m.zh).join('、')}`,
            en: `Swap ${swap.id} (${nameOf(ctx, swap.requester)} ↔ ${nameOf(ctx, swap.counterpart)}, ${swap.date}) is approved without ${missing.map(m => m.en).join(', ')}`,
          },
        ),
      )
    }
    return out
  },
}
