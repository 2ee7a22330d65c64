import type { Violation } from '@paiban/domain'
import { LEVELS } from '@paiban/domain'
import { activeSwaps, swapInScope } from '../requests'
import { JOB_NAME, violation, type Rule } from '../rule'

/**
 * SWAP-PEER (同工种、技术业务水平相当): only agents of the same job and levels at most
 * `policy.swap.maxLevelGap` steps apart may swap.
 */
export const swapPeer: Rule = {
  id: 'SWAP-PEER',
  severity: 'hard',
  kind: 'request',
  check(ctx, scope) {
    const out: Violation[] = []
    for (const swap of activeSwaps(ctx)) {
      if (!swapInScope(scope, swap)) continue
      const a = ctx.agentById.get(swap.requester)
      const b = ctx.agentById.get(swap.counterpart)
      if (!a || !b) continue
      const at = { agentId: swap.requester, date: swap.date, requestId: swap.id }
      if (a.job !== b.job)
        out.push(
          violation('SWAP-PEER', 'hard', at, {
            zh: `${a.name}(${JOB_NAME[a.job].zh})与 ${b.name}(${JOB_NAME[b.job].zh})不是同一工种,不能换班`,
            en: `${a.name} (${JOB_NAME[a.job].en}) and ${b.name} (${JOB_NAME[b.job].en}) work different jobs and cannot swap`,
          }),
        )
      const gap = Math.abs(LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level))
      if (gap > ctx.policy.swap.maxLevelGap)
        out.push(
          violation('SWAP-PEER', 'hard', at, {
            zh: `${a.name}(${a.level})与 ${b.name}(${b.level})级别相差 ${gap} 级,最多 ${ctx.policy.swap.maxLevelGap} 级`,
            en: `${a.name} (${a.level}) and ${b.name} (${b.level}) are ${gap} levels apart; at most ${ctx.policy.swap.maxLevelGap}`,
          }),
        )
    }
    return out
  },
}
