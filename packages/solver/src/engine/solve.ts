import type { Model, ModelViolation, Roster } from '../model'
import { checkRoster } from './check'
import type { SoftBreakdown } from './check'
import { compileModel, FREE } from './compiled'
import type { Compiled } from './compiled'
import { search } from './search'
import type { Peers } from './search'

/** A roster's standing: hard violation units first (0 = feasible), then the soft objective. */
export type Score = {
  /** Hard violation units (see `SearchState`); 0 means no hard rule is broken. */
  readonly hard: number
  /** Sum of the weighted soft terms. */
  readonly objective: number
}

/** Limits and hooks of `solve`. Every field is optional. */
export type SolveOptions = {
  /** Wall-clock limit in seconds. Default 10. */
  readonly seconds?: number
  /**
   * Iteration limit. Default `Infinity`. When finite, the cooling schedule follows iterations instead
   * of time, so the same seed returns the same roster on any machine (the time limit still applies).
   */
  readonly maxIterations?: number
  /** Seed of the search's random choices. Default 1. */
  readonly seed?: number
  /** Called with the best score so far when it improves (checked every few hundred moves). */
  readonly onProgress?: (best: Score, elapsedMs: number) => void
  /** Stops the search; the best roster so far is returned with `cancelled: true`. */
  readonly signal?: AbortSignal
  /** A roster to start from (e.g. last month's draft); cells breaking pins or eligibility are reset. */
  readonly initial?: Roster
  /** Clock in milliseconds. Default `performance.now`. */
  readonly now?: () => number
  /**
   * Extra whole rows per agent (`columns[agent]` = rows of `days` values) for the pooled-row move, e.g.
   * the columns of an LP column generation. Rows breaking the agent's hard rules only cost search time.
   * Default none.
   */
  readonly columns?: ReadonlyArray<ReadonlyArray<readonly number[]>>
  /**
   * The weight the annealing's start temperature is a multiple of. Default: the largest soft weight.
   * A model whose soft weights include hard-like ones (e.g. cover at 10,000 standing for a hard rule)
   * passes the largest truly soft weight, so the cooling is spent where those weights trade.
   */
  readonly heatWeight?: number
  /**
   * Internal (`solveParallel`): shared with searches running beside this one, which then all stop as
   * soon as one proves optimality. Default none.
   */
  readonly peers?: Peers
}

/**
 * How a solve ended:
 * - `'optimal'`: feasible and proven optimal (the objective reached its proven lower bound, e.g. 0);
 * - `'feasible'`: no hard violation, optimality not proven (the usual outcome of a local search);
 * - `'infeasible'`: no roster can satisfy the hard rules (`clashes` says why); `roster` is the least bad found;
 * - `'timedout'`: the search stopped (time, iterations or cancel) before finding a roster without hard
 *   violations; `roster` is the least bad found and `hardViolations` lists what it breaks.
 */
export type SolveStatus = 'optimal' | 'feasible' | 'infeasible' | 'timedout'

/**
 * The status of a finished search (see {@link SolveStatus}): `feasible` rosters are `optimal` when
 * `proven`; others are `infeasible` when the clashes were `explained`, else `timedout`.
 */
export function solveStatus(feasible: boolean, proven: boolean, explained: boolean): SolveStatus {
  if (feasible) return proven ? 'optimal' : 'feasible'
  return explained ? 'infeasible' : 'timedout'
}

/** The outcome of `solve`. */
export type SolveResult = {
  readonly status: SolveStatus
  /** Best roster found, `roster[agent][day]`: a shift index or `OFF`. */
  readonly roster: number[][]
  readonly score: Score
  readonly breakdown: SoftBreakdown
  /** Hard rules the roster breaks, from the independent checker; empty unless status is infeasible/timedout. */
  readonly hardViolations: readonly ModelViolation[]
  /** Reasons the model cannot be satisfied, found before searching; empty unless status is `'infeasible'`. */
  readonly clashes: readonly string[]
  /**
   * A lower bound on the objective of any feasible roster (from the price phase), or undefined when
   * none was proven (e.g. the horizon is longer than the engine's window, or the search stopped first).
   */
  readonly lowerBound: number | undefined
  /** Moves tried. */
  readonly iterations: number
  /** Wall-clock time of the whole solve, in milliseconds. */
  readonly elapsedMs: number
  /** When the returned roster was found, in milliseconds from the start. */
  readonly bestAtMs: number
  /** True when `signal` stopped the search. */
  readonly cancelled: boolean
}

/**
 * Solves a shift-scheduling model with the default engine: a greedy construction, then simulated
 * annealing over cell, swap, block, run-edge and ruin-and-recreate moves with incremental evaluation.
 * Deterministic for a given seed when bounded by `maxIterations`. Never throws on an unsatisfiable
 * model (see `SolveStatus`); throws only when the model's indices are out of range.
 * @example solve(model, { seconds: 30, seed: 7 }).status // 'feasible'
 */
export function solve(model: Model, options: SolveOptions = {}): SolveResult {
  const now = options.now ?? (() => performance.now())
  const started = now()
  const c = compileModel(model)
  const clashes = findClashes(c)
  const outcome = search(c, {
    seconds: options.seconds ?? 10,
    maxIterations: options.maxIterations ?? Infinity,
    seed: options.seed ?? 1,
    signal: options.signal,
    onProgress: options.onProgress,
    now,
    initial: options.initial,
    columns: options.columns,
    heatWeight: options.heatWeight,
    peers: options.peers,
  })
  const roster = Array.from({ length: c.E }, (_, a) =>
    Array.from(outcome.grid.subarray(a * c.H, (a + 1) * c.H)),
  )
  const check = checkRoster(model, roster)
  const feasible = check.hardViolations.length === 0
  const floor = Math.max(0, outcome.lowerBound)
  const status = solveStatus(feasible, check.objective <= floor + 1e-9, clashes.length > 0)
  return {
    status,
    roster,
    score: { hard: check.hard, objective: check.objective },
    breakdown: check.breakdown,
    hardViolations: check.hardViolations,
    clashes: feasible ? [] : clashes,
    lowerBound: Number.isFinite(outcome.lowerBound) ? outcome.lowerBound : undefined,
    iterations: outcome.iterations,
    elapsedMs: now() - started,
    bestAtMs: outcome.bestAtMs,
    cancelled: outcome.stoppedBy === 'signal',
  }
}

/**
 * Cheap proofs of infeasibility: an agent whose free days cannot reach `minMinutes`, or whose pinned
 * and day-off cells alone exceed `maxMinutes` or break a succession.
 */
function findClashes(c: Compiled): string[] {
  const clashes: string[] = []
  for (let a = 0; a < c.E; a++) {
    const id = c.model.agents[a]?.id ?? String(a)
    const longest = Math.max(0, ...Array.from(c.eligible[a] ?? [], s => c.minutes[s] ?? 0))
    let reachable = 0
    let pinned = 0
    for (let d = 0; d < c.H; d++) {
      const fixed = c.fixed[a * c.H + d] ?? FREE
      if (fixed === FREE) reachable += longest
      else if (fixed >= 0) pinned += c.minutes[fixed] ?? 0
    }
    const min = c.minMinutes[a] ?? 0
    const max = c.maxMinutes[a] ?? Infinity
    if (reachable + pinned < min) clashes.push(`agent ${id}: at most ${reachable + pinned} min, needs ${min}`)
    if (pinned > max) clashes.push(`agent ${id}: pinned shifts alone take ${pinned} min, at most ${max}`)
    for (let d = 0; d + 1 < c.H; d++) {
      const s = c.fixed[a * c.H + d] ?? FREE
      const t = c.fixed[a * c.H + d + 1] ?? FREE
      if (s >= 0 && t >= 0 && c.forbidden[s * c.S + t] === 1) {
        clashes.push(`agent ${id}: pinned shifts on days ${d} and ${d + 1} form a forbidden succession`)
      }
    }
  }
  return clashes
}
