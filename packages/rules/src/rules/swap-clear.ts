import type { Cell, Swap, Text } from '@paiban/domain'
import { isWorked, nameOf, type MonthContext } from '../context'
import { activeSwaps, swapInScope } from '../requests'
import { violation, type Rule } from '../rule'

function cellOn(ctx: MonthContext, agentId: string, date: string): Cell | undefined {
  const i = ctx.dateIndex.get(date)
  return i === undefined ? undefined : ctx.rows.get(agentId)?.[i]
}

/** What is unclear about one swap, against the roster it applies to (before for pending, after for approved). */
function problems(ctx: MonthContext, swap: Swap): Array<{ date: string; text: Text }> {
  const req = nameOf(ctx, swap.requester)
  const cp = nameOf(ctx, swap.counterpart)
  const out: Array<{ date: string; text: Text }> = []
  if (swap.requester === swap.counterpart)
    out.push({
      date: swap.date,
      text: { zh: `${req} 不能与自己换班`, en: `${req} cannot swap with themself` },
    })
  if (swap.returnDate === swap.date)
    out.push({
      date: swap.date,
      text: { zh: '还班日期与换班日期相同', en: 'the return date is the swap date' },
    })
  const applied = swap.status === 'approved'
  const r = cellOn(ctx, swap.requester, swap.date)
  const c = cellOn(ctx, swap.counterpart, swap.date)
  if (r !== undefined && c !== undefined && r !== 'L' && c !== 'L') {
    if (applied ? !isWorked(c) : !isWorked(r))
      out.push({
        date: swap.date,
        text: applied
          ? {
              zh: `${swap.date} 换出的班次无人上岗(${cp} 为「${c}」)`,
              en: `the shift given up on ${swap.date} is left empty (${cp} has “${c}”)`,
            }
          : {
              zh: `${req} ${swap.date} 没有班次可换(为「${r}」)`,
              en: `${req} has no shift to give up on ${swap.date} (“${r}”)`,
            },
      })
    else if (r === c)
      out.push({
        date: swap.date,
        text: {
          zh: `${req} 与 ${cp} ${swap.date} 同为「${r}」,换班无意义或重复排班`,
          en: `${req} and ${cp} both have “${r}” on ${swap.date}: the swap changes nothing or double-books`,
        },
      })
  }
  if (swap.returnDate !== undefined && swap.returnDate !== swap.date) {
    const r2 = cellOn(ctx, swap.requester, swap.returnDate)
    const c2 = cellOn(ctx, swap.counterpart, swap.returnDate)
    if (r2 !== undefined && c2 !== undefined && r2 !== 'L' && c2 !== 'L') {
      if (applied ? !isWorked(r2) : !isWorked(c2))
        out.push({
          date: swap.returnDate,
          text: applied
            ? {
                zh: `${swap.returnDate} 还班的班次无人上岗`,
                en: `the returned shift on ${swap.returnDate} is left empty`,
              }
            : {
                zh: `${cp} ${swap.returnDate} 没有班次可还(为「${c2}」)`,
                en: `${cp} has no shift to be returned on ${swap.returnDate} (“${c2}”)`,
              },
        })
      else if (r2 === c2)
        out.push({
          date: swap.returnDate,
          text: {
            zh: `${req} 与 ${cp} ${swap.returnDate} 同为「${r2}」,还班无意义或重复排班`,
            en: `${req} and ${cp} both have “${r2}” on ${swap.returnDate}: the return changes nothing or double-books`,
          },
        })
    }
  }
  return out
}

/**
 * SWAP-CLEAR (换班双方必须交待清楚): a swap must hand over a real shift and leave no shift empty or
 * double-booked: the requester works on the swap date, the counterpart on the return date, and the
 * two do not already hold the same shift.
 */
export const swapClear: Rule = {
  id: 'SWAP-CLEAR',
  severity: 'hard',
  kind: 'request',
  check(ctx, scope) {
    return activeSwaps(ctx)
      .filter(s => swapInScope(scope, s))
      .flatMap(swap =>
        problems(ctx, swap).map(p =>
          violation(
            'SWAP-CLEAR',
            'hard',
            { agentId: swap.requester, date: p.date, requestId: swap.id },
            {
              zh: `${swap.date} 的换班不清楚:${p.text.zh}`,
              en: `The swap on ${swap.date} is unclear: ${p.text.en}`,
            },
          ),
        ),
      )
  },
}
