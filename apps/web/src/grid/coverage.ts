import { JOBS, SHIFTS, type Job, type Shift } from '@paiban/domain'
import { staffingOn, type MonthContext } from '@paiban/rules'

/** One coverage line under the grid: a shift and job, with on-duty and needed per date. */
export type CoverageLine = {
  readonly shift: Shift
  readonly job: Job
  readonly have: readonly number[]
  readonly need: readonly number[]
}

/**
 * COVER-MIN at a glance: for every shift and job that is needed or staffed this month, how many
 * agents are on duty and how many are needed on each date (the requirement as the rules read it).
 */
export function coverageLines(ctx: MonthContext): CoverageLine[] {
  const staffing = ctx.dates.map((_, i) => staffingOn(ctx, i))
  const lines: CoverageLine[] = []
  for (const shift of SHIFTS)
    for (const job of JOBS) {
      const have = staffing.map(s => s[shift].byJob[job] ?? 0)
      const need = ctx.dates.map((_, i) => ctx.need[i]?.[shift][job] ?? 0)
      if (have.some(n => n > 0) || need.some(n => n > 0)) lines.push({ shift, job, have, need })
    }
  return lines
}
