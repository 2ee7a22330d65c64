import type { Violation } from '@paiban/domain'
import { nameOf } from '../context'
import { SHIFT_NAME, violation, type Rule } from '../rule'
import { inAgents } from '../scope'

/** WISH-OFF: a requested day off that is worked costs the wish's weight (soft). */
export const wishOff: Rule = {
  id: 'WISH-OFF',
  severity: 'soft',
  kind: 'agent',
  check(ctx, scope) {
    const out: Violation[] = []
    for (const wish of ctx.file.wishes) {
      if (wish.want !== 'off' || !inAgents(scope, wish.agentId)) continue
      const i = ctx.dateIndex.get(wish.date)
      const cell = i === undefined ? undefined : ctx.rows.get(wish.agentId)?.[i]
      if (cell !== 'D' && cell !== 'N') continue
      const name = nameOf(ctx, wish.agentId)
      out.push(
        violation(
          'WISH-OFF',
          'soft',
          {
            agentId: wish.agentId,
            date: wish.date,
            shift: cell,
            penalty: wish.weight ?? ctx.policy.fairness.wishWeight,
          },
          {
            zh: `${name} 希望 ${wish.date} 休息,但排了${SHIFT_NAME[cell].zh}`,
            en: `${name} asked for ${wish.date} off but is on the ${SHIFT_NAME[cell].en}`,
          },
        ),
      )
    }
    return out
  },
}

/** WISH-SHIFT: a preferred shift (D or N) on a date that is not given costs the wish's weight (soft). */
export const wishShift: Rule = {
  id: 'WISH-SHIFT',
  severity: 'soft',
  kind: 'agent',
  check(ctx, scope) {
    const out: Violation[] = []
    for (const wish of ctx.file.wishes) {
      if (wish.want === 'off' || !inAgents(scope, wish.agentId)) continue
      const i = ctx.dateIndex.get(wish.date)
      const cell = i === undefined ? undefined : ctx.rows.get(wish.agentId)?.[i]
      if (cell === undefined || cell === wish.want || cell === '?') continue
      const name = nameOf(ctx, wish.agentId)
      const want = SHIFT_NAME[wish.want]
      out.push(
        violation(
          'WISH-SHIFT',
          'soft',
          { agentId: wish.agentId, date: wish.date, penalty: wish.weight ?? ctx.policy.fairness.wishWeight },
          {
            zh: `${name} 希望 ${wish.date} 上${want.zh},实际为「${cell}」`,
            en: `${name} asked for the ${want.en} on ${wish.date} but has “${cell}”`,
          },
        ),
      )
    }
    return out
  },
}
