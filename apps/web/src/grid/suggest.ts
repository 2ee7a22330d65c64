import type { Job, MonthFile, Shift } from '@paiban/domain'
import { rosterStrings } from '@paiban/rules'
// The subpath, not the package root: the root also exports the HiGHS engine (node:worker_threads).
import { fillHole, type FillHoleResult } from '@paiban/solver/fill-hole'
import type { LiveCheck } from './live-check'

/**
 * "Suggest a fix" for a shift short of agents of `job` on day `index`: the solver's `fillHole` on
 * the roster as edited in the browser (unsaved edits included). Its candidates rest or are
 * undecided that day and break no hard rule by working; its chosen set is the cheapest that fills
 * the shortfall (with a lead when COVER-LEAD needs one). Null when the day is not in the month.
 */
export function suggestFill(
  file: MonthFile,
  live: LiveCheck,
  index: number,
  shift: Shift,
  job: Job,
): FillHoleResult | null {
  const date = live.ctx.dates[index]
  if (date === undefined) return null
  return fillHole({ ...file, roster: rosterStrings(live.ctx.rows) }, date, shift, job)
}
