import { checkRoster } from '../engine/check'
import { createRng } from '../engine/rng'
import type { Rng } from '../engine/rng'
import type { Model, Roster } from '../model'
import { solveExact } from './highs-engine'
import type { ExactResult } from './highs-engine'
import { mergeNeighbourhood, restrictRoster, subModel } from './sub-model'
import type { Neighbourhood } from './sub-model'

/** Options of {@link improveByMilp}. `seconds` is usually the only one needed. */
export type MilpLnsOptions = {
  /** Wall-clock budget in seconds, including the last sub-problem. Default 10. */
  readonly seconds?: number
  /** Seed of the neighbourhood choices. Default 1. */
  readonly seed?: number
  /** HiGHS workers run at once, each on its own neighbourhood (one per core). Default 2. */
  readonly parallel?: number
  /** Time limit of one sub-problem, seconds. Default 4. */
  readonly subSeconds?: number
  /** Free binary cells a sub-problem starts with; adapted as sub-problems prove fast or slow. Default 1500. */
  readonly startSize?: number
  readonly signal?: AbortSignal
  /** Called with each improving roster, its objective and the time since the start (ms). */
  readonly onImprove?: (roster: number[][], objective: number, elapsedMs: number) => void
  /** Clock in milliseconds. Default `performance.now`. */
  readonly now?: () => number
}

/** What {@link improveByMilp} ended with. */
export type MilpLnsResult = {
  /** The best roster: the start roster or a better one, never one with more hard violations. */
  readonly roster: number[][]
  /** Its objective (`checkRoster`). */
  readonly objective: number
  /** Sub-problems handed to HiGHS. */
  readonly solves: number
  /** Accepted rosters with a lower objective. */
  readonly improvements: number
  /** When the returned roster was found, ms from the start (0 if it is the start roster). */
  readonly bestAtMs: number
  /** Free cells of the last sub-problems (the adapted size). */
  readonly size: number
}

/** Smallest and largest sub-problem, in free binary cells. */
const MIN_SIZE = 200
const MAX_SIZE = 20_000
/** Below this many seconds left, another sub-problem is not worth starting a worker for. */
const MIN_SUB_SECONDS = 0.4

/**
 * Large-neighbourhood search with HiGHS: repeatedly frees a few agents over a window of days (the
 * rest of the roster fixed), solves that sub-problem exactly as a MILP (`subModel`, `solveExact`)
 * from the current cells as a MIP start, and keeps the merged roster when `checkRoster` finds it
 * feasible and no worse. Runs `parallel` sub-problems at once on different neighbourhoods and keeps
 * the best of them (or both, when they free disjoint cells and together are better). The
 * neighbourhood size adapts: it grows while sub-problems are proven optimal quickly and shrinks when
 * they hit their time limit, so it suits a 8 × 14 instance and a 150 × 364 one alike.
 * The start roster must be feasible; an infeasible one is returned unchanged.
 * @example (await improveByMilp(model, solve(model, { seconds: 20 }).roster, { seconds: 40 })).objective
 */
export async function improveByMilp(
  model: Model,
  start: Roster,
  options: MilpLnsOptions = {},
): Promise<MilpLnsResult> {
  const now = options.now ?? (() => performance.now())
  const started = now()
  const deadline = started + (options.seconds ?? 10) * 1000
  const rng = createRng(options.seed ?? 1)
  const parallel = Math.max(1, options.parallel ?? 2)
  const subSeconds = options.subSeconds ?? 4
  const first = checkRoster(model, start)
  let roster = start.map(row => [...row])
  let objective = first.objective
  let size = options.startSize ?? 1500
  let solves = 0
  let improvements = 0
  let bestAtMs = 0
  if (first.hard > 0 || model.agents.length === 0)
    return { roster, objective, solves, improvements, bestAtMs, size }
  const eligible = model.agents.map(
    a => model.shifts.filter((_, s) => (a.maxShifts?.[s] ?? Infinity) > 0).length,
  )
  let round = 0
  while (options.signal?.aborted !== true) {
    const left = (deadline - now()) / 1000
    if (left < MIN_SUB_SECONDS) break
    const seconds = Math.min(subSeconds, left)
    const hoods = Array.from({ length: parallel }, (_, k) =>
      pickNeighbourhood(model, roster, eligible, size, (round + k) % KINDS, rng),
    )
    round++
    const base = roster
    const results = await Promise.all(
      hoods.map(hood =>
        solveExact(subModel(model, base, hood), {
          seconds,
          initial: restrictRoster(base, hood),
          highsOptions: { random_seed: rng.int(1 << 30) },
          now,
          ...(options.signal ? { signal: options.signal } : {}),
        }),
      ),
    )
    solves += results.length
    size = adaptSize(size, results, seconds)
    const best = bestMerge(model, base, hoods, results)
    if (best !== undefined && best.objective <= objective) {
      if (best.objective < objective) {
        improvements++
        bestAtMs = now() - started
        options.onImprove?.(best.roster, best.objective, bestAtMs)
      }
      roster = best.roster
      objective = best.objective
    }
  }
  return { roster, objective, solves, improvements, bestAtMs, size }
}

/** Neighbourhood shapes, taken in turn: few agents over a long window, many agents over a short one. */
const KINDS = 3

/**
 * `k` agents × `w` days with about `size` free binary cells. Kind 0: random agents, the longest window
 * that fits; kind 1: a short window with as many agents as fit; kind 2: agents who work (or could work)
 * the shifts of one costly cover line, around its day.
 */
function pickNeighbourhood(
  model: Model,
  roster: Roster,
  eligible: readonly number[],
  size: number,
  kind: number,
  rng: Rng,
): Neighbourhood {
  const E = model.agents.length
  const H = model.days
  const perCell = Math.max(1, eligible.reduce((s, n) => s + n, 0) / E)
  const days =
    kind === 1
      ? Math.max(2, Math.min(H, Math.floor(size / (E * perCell))))
      : Math.max(Math.min(H, 7), Math.min(H, Math.floor(size / (3 * perCell))))
  const count = Math.max(1, Math.min(E, Math.floor(size / (days * perCell))))
  let centre = rng.int(H)
  let agents: number[]
  if (kind === 2) {
    const line = costlyLine(model, roster, rng)
    if (line !== undefined) centre = line.day
    agents = line === undefined ? sample(E, count, rng) : relatedAgents(model, roster, line, count, rng)
  } else agents = sample(E, count, rng)
  const from = Math.max(0, Math.min(H - days, centre - Math.floor(days / 2)))
  return { agents: agents.sort((a, b) => a - b), from, to: from + days }
}

/** A random cover line that costs something (short or over), or undefined when none does. */
function costlyLine(model: Model, roster: Roster, rng: Rng): { day: number; shift: number } | undefined {
  const S = model.shifts.length
  const counts = new Int32Array(model.days * S)
  for (const row of roster)
    row.forEach((s, d) => s >= 0 && (counts[d * S + s] = (counts[d * S + s] ?? 0) + 1))
  const costly = model.cover.filter(
    l => l.group === undefined && (counts[l.day * S + l.shift] ?? 0) !== l.target,
  )
  if (costly.length === 0) return undefined
  return costly[rng.int(costly.length)]
}

/** Up to `count` agents: those working the line's shift or eligible for it, in random order, then others. */
function relatedAgents(
  model: Model,
  roster: Roster,
  line: { day: number; shift: number },
  count: number,
  rng: Rng,
): number[] {
  const order = sample(model.agents.length, model.agents.length, rng)
  const related = order.filter(
    a => roster[a]?.[line.day] === line.shift || (model.agents[a]?.maxShifts?.[line.shift] ?? Infinity) > 0,
  )
  const rest = order.filter(a => !related.includes(a))
  return [...related, ...rest].slice(0, count)
}

/** `count` distinct indices from `0 … n-1`, uniformly. */
function sample(n: number, count: number, rng: Rng): number[] {
  const all = Array.from({ length: n }, (_, i) => i)
  for (let i = 0; i < Math.min(count, n); i++) {
    const j = i + rng.int(n - i)
    const t = all[i] ?? 0
    all[i] = all[j] ?? 0
    all[j] = t
  }
  return all.slice(0, count)
}

/** Grow while sub-problems are proven optimal well within their limit; shrink when they run out of time. */
function adaptSize(size: number, results: readonly ExactResult[], seconds: number): number {
  let next = size
  for (const r of results) {
    if (r.highsStatus === 'optimal' && r.elapsedMs < seconds * 300) next *= 1.15
    else if (r.highsStatus !== 'optimal') next *= 0.8
  }
  return Math.max(MIN_SIZE, Math.min(MAX_SIZE, next))
}

/** The best feasible merge: each sub-roster alone, and all of them together when their cells are disjoint. */
function bestMerge(
  model: Model,
  base: Roster,
  hoods: readonly Neighbourhood[],
  results: readonly ExactResult[],
): { roster: number[][]; objective: number } | undefined {
  const parts = hoods.flatMap((hood, k) => {
    const sub = results[k]?.roster
    return sub ? [{ hood, sub }] : []
  })
  const candidates = parts.map(p => mergeNeighbourhood(base, p.hood, p.sub))
  if (parts.length > 1 && pairwiseDisjoint(parts.map(p => p.hood))) {
    candidates.push(
      parts.reduce<number[][]>(
        (r, p) => mergeNeighbourhood(r, p.hood, p.sub),
        base.map(row => [...row]),
      ),
    )
  }
  let best: { roster: number[][]; objective: number } | undefined
  for (const roster of candidates) {
    const check = checkRoster(model, roster)
    if (check.hard > 0) continue
    if (best === undefined || check.objective < best.objective) best = { roster, objective: check.objective }
  }
  return best
}

function pairwiseDisjoint(hoods: readonly Neighbourhood[]): boolean {
  for (let i = 0; i < hoods.length; i++) {
    for (let j = i + 1; j < hoods.length; j++) {
      const a = hoods[i]
      const b = hoods[j]
      if (a === undefined || b === undefined) continue
      const daysOverlap = a.from < b.to && b.from < a.to
      if (daysOverlap && a.agents.some(x => b.agents.includes(x))) return false
    }
  }
  return true
}
