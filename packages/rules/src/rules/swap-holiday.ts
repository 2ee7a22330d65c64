import { inHolidaySet, type Violation } from '@paiban/domain'
import { nameOf } from '../context'
import { activeSwaps, swapDates, swapInScope } from '../requests'
import { violation, type Rule } from '../rule'

/**
 * SWAP-HOLIDAY (节假日当班人员不允许换班): a swap may not touch a holiday of the policy's set
 * (`swap.holidayDays`, default the statutory days computed from the law, not the whole break;
 * ordinary weekends are fine).
 */
export const swapHoliday: Rule = {
  id: 'SWAP-HOLIDAY',
  severity: 'hard',
  kind: 'request',
  check(ctx, scope) {
    if (!ctx.policy.swap.forbidOnHolidays) return []
    const out: Violation[] = []
    for (const swap of activeSwaps(ctx)) {
      if (!swapInScope(scope, swap)) continue
      for (const date of swapDates(swap)) {
        const day = ctx.day(date)
        if (!inHolidaySet(day, ctx.policy.swap.holidayDays) || !day) continue
        const holiday = day.name ?? { zh: '法定节假日', en: 'a public holiday' }
        out.push(
          violation(
            'SWAP-HOLIDAY',
            'hard',
            { agentId: swap.requester, date, requestId: swap.id },
            {
              zh: `${nameOf(ctx, swap.requester)} 的换班涉及 ${date}(${holiday.zh}):节假日当班不允许换班`,
              en: `${nameOf(ctx, swap.requester)}'s swap touches ${date} (${holiday.en}): holiday shifts cannot be swapped`,
            },
          ),
        )
      }
    }
    return out
  },
}
