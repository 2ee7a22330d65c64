import { checkRoster } from '../../engine/check'
import type { RosterCheck } from '../../engine/check'
import type { SolveStatus } from '../../engine/solve'
import type { Model, Roster } from '../../model'
import { columnsFromRoster, modelToMilp, rosterFromColumns } from './milp'
import type { Milp, MilpConflict, MilpOptions } from './milp'
import { HIGHS_STATUS, runHighs } from './run-highs'
import type { HighsOutcome, HighsProgress } from './run-highs'

export type { HighsProgress } from './run-highs'

/** Options of {@link solveExact}. Only `seconds` is usually needed. */
export type ExactOptions = {
  /** Wall-clock limit in seconds, passed to HiGHS as `time_limit` (it includes presolve). Default 10. */
  readonly seconds?: number
  /**
   * Stops the solve: HiGHS is interrupted at its next check and its best roster so far is returned
   * with `cancelled: true`; a worker that does not stop within 2 s is terminated.
   */
  readonly signal?: AbortSignal
  /** Called with the incumbent, the bound and the gap when HiGHS improves or logs (≤ 4 times a second). */
  readonly onProgress?: (progress: HighsProgress, elapsedMs: number) => void
  /**
   * Relative gap at which HiGHS may stop and report optimal (`mip_rel_gap`). Default 0: `'optimal'`
   * means proven optimal.
   */
  readonly gap?: number
  /** A roster to start from (a MIP start), e.g. the default engine's; HiGHS completes or repairs it. */
  readonly initial?: Roster
  /** Extra HiGHS options, e.g. `{ random_seed: 7 }`. Default none. */
  readonly highsOptions?: Readonly<Record<string, boolean | number | string>>
  /** Clock in milliseconds. Default `performance.now`. */
  readonly now?: () => number
}

/** Size of the MILP handed to HiGHS. */
export type MilpSize = {
  readonly columns: number
  readonly rows: number
  readonly nonzeros: number
  /** Milliseconds to build it from the model. */
  readonly buildMs: number
}

/**
 * The outcome of {@link solveExact}. The status union is the default engine's (`SolveStatus`):
 * - `'optimal'`: HiGHS proved the roster optimal (within `gap`), and `checkRoster` agrees on both
 *   feasibility and objective;
 * - `'feasible'`: a roster without hard violations, not proven optimal (time limit or cancel);
 * - `'infeasible'`: no roster meets the hard rules: HiGHS proved it, or `conflicts` lists rules that
 *   fixed cells alone break; `roster` is `null`;
 * - `'timedout'`: stopped before a roster without hard violations was found (`roster` is `null`, or,
 *   if `disagreements` is not empty, the roster HiGHS returned and the checker rejected).
 */
export type ExactResult = {
  readonly status: SolveStatus
  /** `roster[agent][day]`: a shift index or `OFF`; `null` when HiGHS found none. */
  readonly roster: number[][] | null
  /** The roster's soft objective as `checkRoster` computes it; `null` without a roster. */
  readonly objective: number | null
  /** Proven lower bound on the optimum (HiGHS's MIP dual bound); equals `objective` when optimal. */
  readonly bound: number | null
  /** Relative gap `(objective − bound) / |objective|` (HiGHS's definition); 0 when optimal, `null` when unknown. */
  readonly gap: number | null
  /** `checkRoster` on the roster, `null` without one. */
  readonly check: RosterCheck | null
  /**
   * True when the roster passed `checkRoster` with no hard violation and the objective HiGHS
   * reported. False without a roster, or when they disagree (see `disagreements`).
   */
  readonly verified: boolean
  /** Where `checkRoster` and HiGHS disagree (a bug in the MILP if ever non-empty). */
  readonly disagreements: readonly string[]
  /** Hard rules that pinned or fixed cells alone break, found before solving; empty unless infeasible. */
  readonly conflicts: readonly MilpConflict[]
  /** HiGHS's model status, e.g. `'optimal'`, `'time limit'`, `'interrupted'`, `'terminated'`. */
  readonly highsStatus: string
  /** The objective HiGHS reported for its roster. */
  readonly highsObjective: number | null
  /** Branch-and-bound nodes explored. */
  readonly nodes: number | null
  readonly size: MilpSize
  /** Wall-clock time of the whole call (build, worker start, solve, check), milliseconds. */
  readonly elapsedMs: number
  /** When the returned roster was found, milliseconds from the start; `null` without a roster. */
  readonly bestAtMs: number | null
  /** True when `signal` stopped the solve. */
  readonly cancelled: boolean
  /** Peak HiGHS Wasm memory in bytes, `null` when the worker was terminated or not started. */
  readonly memoryBytes: number | null
}

/**
 * Solves a model exactly with HiGHS (MILP branch-and-cut, Wasm) in a worker thread: the optimum
 * with a proof when it finishes in time, else the best roster and a bound on how far it may be from
 * the optimum. Every roster is checked by `checkRoster` before it is returned. Suited to small
 * models (Curtois Instances 1–3 prove in seconds), sub-problems and bounds; the default engine
 * (`solve`) is the one for whole months. Never rejects on an unsatisfiable model; rejects only
 * when HiGHS fails to load or the model's indices are out of range.
 * @example (await solveExact(compileNrp(instance1), { seconds: 60 })).objective // 607
 */
export async function solveExact(model: Model, options: ExactOptions = {}): Promise<ExactResult> {
  return solveWith(model, {}, options, roster => checkRoster(model, roster).objective)
}

/** A lower bound on the optimum of a model, and where it comes from. */
export type LowerBound = {
  /**
   * No roster without hard violations scores less. `Infinity` when the model is infeasible;
   * `-Infinity` when the time ran out before HiGHS had one.
   */
  readonly bound: number
  /** `'lp'`: the LP relaxation's optimum; `'mip'`: HiGHS's MIP dual bound after branch-and-cut. */
  readonly method: 'lp' | 'mip'
  /** True when the MIP was solved to optimality (`bound` is then the optimum). */
  readonly optimal: boolean
  /** Best roster objective found on the way (`'mip'` only), `null` if none. */
  readonly objective: number | null
  readonly elapsedMs: number
}

/** Options of {@link lowerBound}. */
export type LowerBoundOptions = {
  /** Time limit in seconds. Default 10. */
  readonly seconds?: number
  /** Solve only the LP relaxation (fast, weaker). Default false: MIP dual bound. */
  readonly relaxation?: boolean
  readonly signal?: AbortSignal
  /** Clock in milliseconds. Default `performance.now`. */
  readonly now?: () => number
}

/**
 * A lower bound on the model's optimum, to say how far a roster (e.g. the default engine's) can be
 * from optimal: the LP relaxation's value (`relaxation: true`), or the MIP dual bound HiGHS has
 * proven within `seconds` (default), which is the optimum itself when HiGHS finishes.
 * @example const { bound } = await lowerBound(model, { seconds: 30 }); gap = (score − bound) / score
 */
export async function lowerBound(model: Model, options: LowerBoundOptions = {}): Promise<LowerBound> {
  const now = options.now ?? (() => performance.now())
  const started = now()
  const base = { seconds: options.seconds ?? 10, now, ...(options.signal ? { signal: options.signal } : {}) }
  if (options.relaxation) {
    const result = await solveWith(model, { relax: true }, base, () => NaN)
    const infeasible = result.status === 'infeasible'
    return {
      bound: infeasible ? Infinity : (result.highsObjective ?? -Infinity),
      method: 'lp',
      optimal: false,
      objective: null,
      elapsedMs: now() - started,
    }
  }
  const result = await solveExact(model, base)
  return {
    bound:
      result.status === 'infeasible'
        ? Infinity
        : result.status === 'optimal'
          ? (result.objective ?? -Infinity)
          : (result.bound ?? -Infinity),
    method: 'mip',
    optimal: result.status === 'optimal',
    objective: result.objective,
    elapsedMs: now() - started,
  }
}

/**
 * Builds the MILP, runs HiGHS, reads the roster back and checks it: hard rules with `checkRoster`,
 * the objective with `score` (NaN skips the objective comparison, as for an LP relaxation).
 */
async function solveWith(
  model: Model,
  milpOptions: MilpOptions,
  options: ExactOptions,
  score: (roster: Roster) => number,
): Promise<ExactResult> {
  const now = options.now ?? (() => performance.now())
  const started = now()
  const milp = modelToMilp(model, milpOptions)
  const size: MilpSize = {
    columns: milp.numCols,
    rows: milp.numRows,
    nonzeros: milp.indices.length,
    buildMs: now() - started,
  }
  const base = {
    bound: null,
    gap: null,
    check: null,
    verified: false,
    disagreements: [],
    highsObjective: null,
    nodes: null,
    size,
    bestAtMs: null,
    memoryBytes: null,
  }
  if (milp.conflicts.length > 0) {
    return {
      ...base,
      status: 'infeasible',
      roster: null,
      objective: null,
      conflicts: milp.conflicts,
      highsStatus: 'not run',
      elapsedMs: now() - started,
      cancelled: false,
    }
  }
  // Every cell fixed and nothing to price: the fixed roster is the only one, HiGHS has nothing to do.
  const outcome: HighsOutcome =
    milp.numCols === 0
      ? fixedOutcome(milp.offset)
      : await runHighs(milp, {
          seconds: options.seconds ?? 10,
          gap: options.gap ?? 0,
          now,
          ...(options.initial ? { start: columnsFromRoster(milp, options.initial) } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
          ...(options.highsOptions ? { highsOptions: options.highsOptions } : {}),
        })
  return assemble(model, milp, outcome, { size, relaxed: milpOptions.relax ?? false, score }, now() - started)
}

function fixedOutcome(objective: number): HighsOutcome {
  return {
    status: HIGHS_STATUS.optimal,
    statusName: 'not run',
    objective,
    bound: objective,
    gap: 0,
    nodes: 0,
    values: new Float64Array(0),
    bestAtMs: 0,
    cancelled: false,
    terminated: false,
    memoryBytes: null,
  }
}

function assemble(
  model: Model,
  milp: Milp,
  outcome: HighsOutcome,
  how: { readonly size: MilpSize; readonly relaxed: boolean; readonly score: (roster: Roster) => number },
  elapsedMs: number,
): ExactResult {
  const { size, relaxed, score } = how
  const infeasible =
    outcome.status === HIGHS_STATUS.infeasible || outcome.status === HIGHS_STATUS.unboundedOrInfeasible
  const roster = outcome.values && !relaxed && !infeasible ? rosterFromColumns(milp, outcome.values) : null
  const check = roster ? checkRoster(model, roster) : null
  const disagreements: string[] = []
  if (check && check.hard > 0) {
    const rules = [...new Set(check.hardViolations.map(v => v.rule))].join(', ')
    disagreements.push(
      `checkRoster finds ${check.hardViolations.length} hard violation(s) (${rules}) in the roster HiGHS returned`,
    )
  }
  const value = roster ? score(roster) : NaN
  const proven = outcome.status === HIGHS_STATUS.optimal
  if (roster && outcome.objective !== null && Number.isFinite(value)) {
    const tolerance = 1e-6 * Math.max(1, Math.abs(value))
    // Before optimality HiGHS may carry slacks above what the roster needs (an under and an over on
    // the same line), so its objective can exceed the roster's; the reverse is always a bug.
    if (
      value > outcome.objective + tolerance ||
      (proven && Math.abs(value - outcome.objective) > tolerance)
    ) {
      disagreements.push(`checkRoster scores the roster ${value}, HiGHS reported ${outcome.objective}`)
    }
  }
  const hardOk = check !== null && check.hard === 0
  const status: SolveStatus = infeasible
    ? 'infeasible'
    : hardOk
      ? proven && disagreements.length === 0
        ? 'optimal'
        : 'feasible'
      : relaxed && outcome.status === HIGHS_STATUS.optimal
        ? 'optimal'
        : 'timedout'
  const bound = proven && outcome.objective !== null ? outcome.objective : outcome.bound
  const objective = roster && Number.isFinite(value) ? value : (check?.objective ?? null)
  return {
    status,
    roster,
    objective,
    bound: relaxed ? outcome.objective : bound,
    gap: relaxed ? null : proven ? 0 : relativeGap(objective, bound),
    check,
    verified: hardOk && disagreements.length === 0,
    disagreements,
    conflicts: [],
    highsStatus: outcome.statusName,
    highsObjective: outcome.objective,
    nodes: outcome.nodes,
    size,
    elapsedMs,
    bestAtMs: roster ? outcome.bestAtMs : null,
    cancelled: outcome.cancelled,
    memoryBytes: outcome.memoryBytes,
  }
}

/** `(objective − bound) / |objective|`, HiGHS's definition, for the checked objective. */
function relativeGap(objective: number | null, bound: number | null): number | null {
  if (objective === null || bound === null || !Number.isFinite(bound)) return null
  if (objective === 0) return bound >= 0 ? 0 : Infinity
  return Math.max(0, objective - bound) / Math.abs(objective)
}
