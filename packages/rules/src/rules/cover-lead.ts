import type { Violation } from '@paiban/domain'
import { SHIFTS } from '@paiban/domain'
import { SHIFT_NAME, violation, type Rule } from '../rule'
import { inDates } from '../scope'
import { staffing } from '../staffing'

/**
 * COVER-LEAD: every staffed shift has at least `policy.lead.minPerShift` team leaders or agents of a
 * lead level (senior, reserve by default), of any job, for roll call and handover.
 */
export const coverLead: Rule = {
  id: 'COVER-LEAD',
  severity: 'hard',
  kind: 'date',
  check(ctx, scope) {
    const min = ctx.policy.lead.minPerShift
    const out: Violation[] = []
    for (let i = 0; i < ctx.dates.length; i++) {
      const date = ctx.dates[i] ?? ''
      if (min === 0 || !inDates(scope, date)) continue
      for (const shift of SHIFTS) {
        const s = staffing(ctx, i)[shift]
        if (s.total === 0 || s.leads >= min) continue
        out.push(
          violation(
            'COVER-LEAD',
            'hard',
            { date, shift },
            {
              zh: `${date} ${SHIFT_NAME[shift].zh}没有班长或高级/储备客服在岗(需要 ${min} 人)负责点名和交接`,
              en: `${date} ${SHIFT_NAME[shift].en} has no team leader or senior/reserve agent on duty (${min} needed) for roll call and handover`,
            },
          ),
        )
      }
    }
    return out
  },
}
