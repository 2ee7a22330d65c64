import type { Violation } from '@paiban/domain'
import { SHIFTS, type Shift } from '@paiban/domain'
import { totalNeed } from '../context'
import { SHIFT_NAME, violation, type Rule } from '../rule'
import { inDates } from '../scope'
import { staffing } from '../staffing'

/**
 * HANDOVER (接班人未到机台,交班人不得离台): a shift that follows straight on from a staffed shift
 * (the earlier one ends when the later one starts, as Day 18:00 → Night 18:00) may be left
 * unstaffed only if it is planned closed (needs nobody): otherwise the outgoing agents have no one
 * to hand over to. Shifts with a gap between them (Night 24:00 → Day 09:00) are not handovers.
 */
export const handover: Rule = {
  id: 'HANDOVER',
  severity: 'hard',
  kind: 'date',
  check(ctx, scope) {
    const out: Violation[] = []
    for (let i = 0; i < ctx.dates.length; i++) {
      const date = ctx.dates[i] ?? ''
      if (!inDates(scope, date)) continue
      for (const shift of SHIFTS) {
        const prev = previousShift(i, shift)
        if (prev.index < 0) continue
        const handsOver = ctx.times(prev.index, prev.shift).end >= ctx.times(i, shift).report
        if (!handsOver) continue
        const need = ctx.need[i]?.[shift] ?? {}
        if (totalNeed(need) === 0) continue
        if (staffing(ctx, prev.index)[prev.shift].total === 0) continue
        if (staffing(ctx, i)[shift].total > 0) continue
        out.push(
          violation(
            'HANDOVER',
            'hard',
            { date, shift },
            {
              zh: `${date} ${SHIFT_NAME[shift].zh}无人接班:${SHIFT_NAME[prev.shift].zh}的客服没有人可以交接`,
              en: `${date} ${SHIFT_NAME[shift].en} is unstaffed: the ${SHIFT_NAME[prev.shift].en} has nobody to hand over to`,
            },
          ),
        )
      }
    }
    return out
  },
}

function previousShift(index: number, shift: Shift): { index: number; shift: Shift } {
  return shift === 'N' ? { index, shift: 'D' } : { index: index - 1, shift: 'N' }
}
