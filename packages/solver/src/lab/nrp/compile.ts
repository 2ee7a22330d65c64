import type { Model } from '../../model'
import { solveHybrid } from '../hybrid'
import type { ParallelOptions } from '../../engine/portfolio'
import type { SolveResult } from '../../engine/solve'
import type { NrpInstance } from './instance'

/**
 * Maps a Curtois & Qu instance onto the general model: one agent per employee, every cover line
 * counting all agents, weekends as (Saturday, Sunday) pairs with day 0 a Monday, and no history
 * (days before day 0 count as off, as FORMAT.md §3 says).
 * @example solve(compileNrp(instance), { seconds: 60 })
 */
export function compileNrp(instance: NrpInstance): Model {
  const H = instance.horizon
  const weekends: number[][] = []
  for (let saturday = 5; saturday < H; saturday += 7)
    weekends.push([saturday, saturday + 1].filter(d => d < H))
  return {
    days: H,
    shifts: instance.shifts.map(s => ({ id: s.id, minutes: s.minutes, forbiddenNext: s.forbiddenNext })),
    agents: instance.staff.map(e => ({
      id: e.id,
      maxShifts: e.maxShifts,
      minMinutes: e.minTotalMinutes,
      maxMinutes: e.maxTotalMinutes,
      maxConsecutiveWorked: e.maxConsecutiveShifts,
      minConsecutiveWorked: e.minConsecutiveShifts,
      minConsecutiveOff: e.minConsecutiveDaysOff,
      maxWeekends: e.maxWeekends,
      daysOff: e.daysOff,
    })),
    cover: instance.cover
      .filter(line => line.requirement > 0 || line.weightOver > 0)
      .map(line => ({
        day: line.day,
        shift: line.shift,
        target: line.requirement,
        weightUnder: line.weightUnder,
        weightOver: line.weightOver,
      })),
    requests: [
      ...instance.onRequests.map(r => ({
        agent: r.employee,
        day: r.day,
        shift: r.shift,
        kind: 'on' as const,
        weight: r.weight,
      })),
      ...instance.offRequests.map(r => ({
        agent: r.employee,
        day: r.day,
        shift: r.shift,
        kind: 'off' as const,
        weight: r.weight,
      })),
    ],
    weekends,
  }
}

/** `SolveResult` plus the roster written with the instance's shift IDs (`null` = day off). */
export type NrpSolveResult = SolveResult & {
  readonly rosterIds: Array<Array<string | null>>
}

/**
 * Solves a Curtois & Qu instance on every core: `solveHybrid`, the default engine in a worker thread
 * beside branch and price in this one (`threads` searches in all, default 2; see `solve` for the other
 * options and defaults). Status `'optimal'` when branch and price proved the roster optimal. With a
 * finite `maxIterations` it is one deterministic local search. The objective of a feasible result is
 * the FORMAT.md §4 objective.
 * @example (await solveNrp(instance, { seconds: 60, seed: 1 })).score.objective
 */
export async function solveNrp(
  instance: NrpInstance,
  options: ParallelOptions = {},
): Promise<NrpSolveResult> {
  const result = await solveHybrid(compileNrp(instance), options)
  const rosterIds = result.roster.map(row => row.map(s => (s < 0 ? null : (instance.shifts[s]?.id ?? null))))
  return { ...result, rosterIds }
}
