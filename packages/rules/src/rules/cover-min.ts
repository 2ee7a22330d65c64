import type { Violation } from '@paiban/domain'
import { JOBS, SHIFTS } from '@paiban/domain'
import { JOB_NAME, SHIFT_NAME, violation, type Rule } from '../rule'
import { inDates } from '../scope'
import { staffing } from '../staffing'

/**
 * COVER-MIN: each shift of each date has at least the required agents of each job (date entry over
 * weekday entry over default). An agent counts only for their own job. One violation per date,
 * shift and job that is short.
 */
export const coverMin: Rule = {
  id: 'COVER-MIN',
  severity: 'hard',
  kind: 'date',
  check(ctx, scope) {
    const out: Violation[] = []
    for (let i = 0; i < ctx.dates.length; i++) {
      const date = ctx.dates[i] ?? ''
      if (!inDates(scope, date)) continue
      const need = ctx.need[i]
      if (!need) continue
      for (const shift of SHIFTS) {
        for (const job of JOBS) {
          const required = need[shift][job] ?? 0
          if (required === 0) continue
          const have = staffing(ctx, i)[shift].byJob[job] ?? 0
          if (have >= required) continue
          out.push(
            violation(
              'COVER-MIN',
              'hard',
              { date, shift, job },
              {
                zh: `${date} ${SHIFT_NAME[shift].zh}${JOB_NAME[job].zh}岗只有 ${have} 人,需要 ${required} 人:再排 ${required - have} 人`,
                en: `${date} ${SHIFT_NAME[shift].en}, ${JOB_NAME[job].en}: ${have} on duty, ${required} needed: add ${required - have}`,
              },
            ),
          )
        }
      }
    }
    return out
  },
}
