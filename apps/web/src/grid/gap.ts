import type { Job, Shift, Violation } from '@paiban/domain'

/** A shift short of agents of one job: what "suggest a fix" (fillHole) is asked to fill. */
export type GapTarget = { readonly date: string; readonly shift: Shift; readonly job: Job }

/**
 * The shifts an emergency leave leaves short, one per date, shift and job, from the gap the server
 * answers (COVER-MIN names the job; COVER-LEAD and HANDOVER do not, so they fall back to the job of
 * the agent on leave, whose stand-in must be able to lead). Empty when the shift is still covered.
 */
export function gapTargets(gap: readonly Violation[], fallbackJob: Job): GapTarget[] {
  const seen = new Map<string, GapTarget>()
  for (const v of gap) {
    if (v.date === undefined || v.shift === undefined) continue
    const job = v.job ?? fallbackJob
    const key = `${v.date}|${v.shift}|${job}`
    if (!seen.has(key)) seen.set(key, { date: v.date, shift: v.shift, job })
  }
  return [...seen.values()]
}
