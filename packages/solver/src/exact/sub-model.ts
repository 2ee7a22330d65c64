import { OFF } from '../model'
import type { Agent, CoverLine, Model, Roster } from '../model'

/** The part of a roster to re-optimise: some agents over a window of days; every other cell stays. */
export type Neighbourhood = {
  /** Agent indices (distinct) whose cells in the window are free. */
  readonly agents: readonly number[]
  /** First day of the window (inclusive). */
  readonly from: number
  /** Day after the window (exclusive); `from < to ≤ model.days`. */
  readonly to: number
}

/**
 * The model restricted to a neighbourhood of a roster: only the chosen agents, their cells outside the
 * window pinned to the roster, cover targets lowered by what the other agents already give, and only
 * the cover lines and requests inside the window. For any roster `r` of the sub-model,
 * `checkRoster(sub, r).objective` differs from the objective of the merged full roster
 * (`mergeNeighbourhood`) by a constant, and the hard rules of the chosen agents are the same, so a
 * better sub-roster is a better full roster. A target may become negative (the others already over-
 * cover): the line then only charges `weightOver` per extra agent, as in the full model.
 * @example solveExact(subModel(model, roster, { agents: [0, 3], from: 0, to: model.days }))
 */
export function subModel(model: Model, roster: Roster, hood: Neighbourhood): Model {
  const S = model.shifts.length
  const index = new Map(hood.agents.map((a, i) => [a, i]))
  const inWindow = (d: number): boolean => d >= hood.from && d < hood.to
  const others = othersPerDayShift(model, roster, index, hood)
  const groups = model.groups ?? []
  const cover: CoverLine[] = []
  for (const line of model.cover) {
    if (!inWindow(line.day)) continue
    const group = line.group === undefined ? undefined : groups[line.group]
    const given =
      group === undefined
        ? (others[(line.day - hood.from) * S + line.shift] ?? 0)
        : group.agents.filter(a => !index.has(a) && roster[a]?.[line.day] === line.shift).length
    cover.push({ ...line, target: line.target - given })
  }
  return {
    days: model.days,
    shifts: model.shifts,
    agents: hood.agents.map(a => pinOutside(model.agents[a] as Agent, roster[a] ?? [], hood)),
    ...(model.groups === undefined
      ? {}
      : {
          groups: model.groups.map(g => ({
            id: g.id,
            agents: g.agents.flatMap(a => (index.has(a) ? [index.get(a) ?? 0] : [])),
          })),
        }),
    cover,
    requests: (model.requests ?? []).flatMap(r =>
      index.has(r.agent) && inWindow(r.day) ? [{ ...r, agent: index.get(r.agent) ?? 0 }] : [],
    ),
    ...(model.weekends === undefined ? {} : { weekends: model.weekends }),
    terms: (model.terms ?? []).flatMap(t =>
      index.has(t.agent) ? [{ ...t, agent: index.get(t.agent) ?? 0 }] : [],
    ),
  }
}

/** The roster with the neighbourhood's window replaced by a sub-model roster (row `i` = `hood.agents[i]`). */
export function mergeNeighbourhood(roster: Roster, hood: Neighbourhood, sub: Roster): number[][] {
  const merged = roster.map(row => [...row])
  hood.agents.forEach((a, i) => {
    const row = merged[a]
    const from = sub[i]
    if (row === undefined || from === undefined) return
    for (let d = hood.from; d < hood.to; d++) row[d] = from[d] ?? OFF
  })
  return merged
}

/** The neighbourhood's cells of a full roster, as a sub-model roster (a MIP start). */
export function restrictRoster(roster: Roster, hood: Neighbourhood): number[][] {
  return hood.agents.map(a => [...(roster[a] ?? [])])
}

/** Per (window day, shift): how many agents outside the neighbourhood work it. */
function othersPerDayShift(
  model: Model,
  roster: Roster,
  index: ReadonlyMap<number, number>,
  hood: Neighbourhood,
): Int32Array {
  const S = model.shifts.length
  const counts = new Int32Array((hood.to - hood.from) * S)
  roster.forEach((row, a) => {
    if (index.has(a)) return
    for (let d = hood.from; d < hood.to; d++) {
      const s = row[d] ?? OFF
      if (s >= 0) counts[(d - hood.from) * S + s] = (counts[(d - hood.from) * S + s] ?? 0) + 1
    }
  })
  return counts
}

/** The agent with every cell outside the window pinned to its roster value (pins inside stay). */
function pinOutside(agent: Agent, row: readonly number[], hood: Neighbourhood): Agent {
  const pinned = (agent.pinned ?? []).filter(p => p.day >= hood.from && p.day < hood.to)
  for (let d = 0; d < row.length; d++) {
    if (d < hood.from || d >= hood.to) pinned.push({ day: d, shift: row[d] ?? OFF })
  }
  return { ...agent, pinned }
}
