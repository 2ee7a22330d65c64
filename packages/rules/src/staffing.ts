import type { Job, Shift } from '@paiban/domain'
import type { MonthContext } from './context'

/** Who is on one shift of one date: head count by job, and how many of them can lead. */
export type Staffing = { total: number; leads: number; byJob: Partial<Record<Job, number>> }

/**
 * Staffing of every shift of the date at `index`: one pass over the agents. A lead is a team
 * leader or an agent of a level in `policy.lead.levels` (COVER-LEAD).
 */
export function staffingOn(ctx: MonthContext, index: number): Record<Shift, Staffing> {
  const result: Record<Shift, Staffing> = {
    D: { total: 0, leads: 0, byJob: {} },
    N: { total: 0, leads: 0, byJob: {} },
  }
  const leadLevels = ctx.policy.lead.levels
  for (const agent of ctx.agents) {
    const cell = ctx.rows.get(agent.id)?.[index]
    if (cell !== 'D' && cell !== 'N') continue
    const s = result[cell]
    s.total++
    s.byJob[agent.job] = (s.byJob[agent.job] ?? 0) + 1
    if (agent.role === 'teamLeader' || leadLevels.includes(agent.level)) s.leads++
  }
  return result
}

/** Staffing of every date in scope, computed once and shared by the date rules of one check. */
export function staffingCache(ctx: MonthContext): (index: number) => Record<Shift, Staffing> {
  const cache = new Map<number, Record<Shift, Staffing>>()
  return index => {
    let s = cache.get(index)
    if (!s) {
      s = staffingOn(ctx, index)
      cache.set(index, s)
    }
    return s
  }
}

const caches = new WeakMap<MonthContext, (index: number) => Record<Shift, Staffing>>()

/** The staffing of a date in this context (memoised per context). */
export function staffing(ctx: MonthContext, index: number): Record<Shift, Staffing> {
  let cache = caches.get(ctx)
  if (!cache) {
    cache = staffingCache(ctx)
    caches.set(ctx, cache)
  }
  return cache(index)
}
