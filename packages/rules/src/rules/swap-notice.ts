import { addDays, type Shift, type Violation } from '@paiban/domain'
import { instant, isWorked, nameOf, type MonthContext } from '../context'
import { activeSwaps, swapDates, swapInScope } from '../requests'
import { SHIFT_NAME, violation, type Rule } from '../rule'
import { shiftTimes } from '@paiban/domain'

/** The shift `n` shifts before (`date`, `shift`) in the order D, N of each date. */
export function shiftBefore(date: string, shift: Shift, n: number): { date: string; shift: Shift } {
  let d = date
  let s = shift
  for (let k = 0; k < n; k++) {
    if (s === 'N') s = 'D'
    else {
      s = 'N'
      d = addDays(d, -1)
    }
  }
  return { date: d, shift: s }
}

/** The earliest shift a swap changes: a worked cell of either party on one of its dates. */
function firstChanged(ctx: MonthContext, parties: readonly string[], dates: readonly string[]) {
  for (const date of [...dates].sort()) {
    const i = ctx.dateIndex.get(date)
    if (i === undefined) continue
    const cells = parties.map(id => ctx.rows.get(id)?.[i]).filter(isWorked)
    if (cells.includes('D')) return { date, shift: 'D' as const }
    if (cells.includes('N')) return { date, shift: 'N' as const }
  }
  return undefined
}

/**
 * SWAP-NOTICE (因故不能按时上岗,应提前一班提出调班申请): a swap is asked for at least
 * `policy.swapNotice.shifts` (1) shift before the first shift it changes, i.e. submitted before the
 * report time of the shift before it (the night before a day shift, the day shift before a night).
 */
export const swapNotice: Rule = {
  id: 'SWAP-NOTICE',
  severity: 'hard',
  kind: 'request',
  check(ctx, scope) {
    const n = ctx.policy.swapNotice.shifts
    const out: Violation[] = []
    for (const swap of activeSwaps(ctx)) {
      if (!swapInScope(scope, swap)) continue
      const changed = firstChanged(ctx, [swap.requester, swap.counterpart], swapDates(swap))
      if (!changed) continue
      const before = shiftBefore(changed.date, changed.shift, n)
      const deadline = shiftTimes(before.date, before.shift, ctx.policy, ctx.zone).report
      if (instant(swap.submittedAt) < deadline.toMillis()) continue
      const name = nameOf(ctx, swap.requester)
      const by = deadline.setZone(ctx.zone).toFormat('yyyy-MM-dd HH:mm')
      out.push(
        violation(
          'SWAP-NOTICE',
          'hard',
          { agentId: swap.requester, date: changed.date, shift: changed.shift, requestId: swap.id },
          {
            zh: `${name} 的换班改变 ${changed.date} ${SHIFT_NAME[changed.shift].zh},须提前 ${n} 个班(${by} 之前)提出`,
            en: `${name}'s swap changes the ${SHIFT_NAME[changed.shift].en} of ${changed.date}: it must be asked ${n} shift(s) ahead, before ${by}`,
          },
        ),
      )
    }
    return out
  },
}
