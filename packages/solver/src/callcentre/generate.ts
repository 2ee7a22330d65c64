import type { Cell, MonthFile } from '@paiban/domain'
import { checkMonth, type CheckResult } from '@paiban/rules'
import { solve, solveStatus, type SolveOptions, type SolveStatus } from '../engine/solve'
import { OFF } from '../model'
import { compileMonth, SHIFT_CHAR } from './compile'
import { explainClashes, pinnedClashes, type Clash } from './explain'
import { polishNights, softPenalty } from './polish'

/**
 * Options of {@link generateMonth}: the engine's `seconds` (default 10), `seed` (default 1),
 * `onProgress` and `signal` (see `SolveOptions`), and a move budget with its own default.
 */
export type GenerateOptions = Pick<SolveOptions, 'seconds' | 'seed' | 'onProgress' | 'signal'> & {
  /**
   * Move budget: the search is the same for the same seed on any machine as long as the budget ends
   * before the time limit (which stays a safety net). Default `seconds` × {@link MOVES_PER_SECOND};
   * `Infinity` opts out (bounded by time only, so the roster depends on the machine's speed).
   */
  readonly maxIterations?: number
}

/**
 * Moves per second of `seconds` in the default move budget of {@link generateMonth}. Measured on a
 * 2-core machine at load average 8–9 (about a quarter of a core left): 50,000–170,000 moves/s at
 * 60–1000 agents, about 300,000 moves/s unloaded; so the budget normally ends well before the time
 * limit, and the same seed gives the same roster on any machine that is not much slower.
 */
export const MOVES_PER_SECOND = 40_000

/** The generated month: the file with its roster filled, and the rules' verdict on it. */
export type GenerateResult = {
  /** `optimal`/`feasible`: no hard violation; `infeasible`: `clashes` say why; `timedout`: stopped first. */
  readonly status: SolveStatus
  readonly file: MonthFile
  /** `@paiban/rules` on the returned roster: the only judge of hard violations. */
  readonly check: CheckResult
  readonly clashes: readonly Clash[]
  /** Weighted soft penalty by the rules (sum of soft violations' penalties). */
  readonly soft: number
  readonly elapsedMs: number
  /** When the best roster was found, ms from the start. */
  readonly bestAtMs: number
  /** Moves the search tried. */
  readonly iterations: number
  readonly cancelled: boolean
}

/**
 * Generates the month's roster: fills every `?` (or a missing roster) and keeps every other cell.
 * Every hard rule is met whenever the search finds a way; the result is verified by
 * `@paiban/rules` before it is returned, and when hard violations remain the clashes that make the
 * month impossible are explained.
 * @example generateMonth(file, { seconds: 5, seed: 1 }).check.ok // true for a feasible month
 */
export function generateMonth(file: MonthFile, options: GenerateOptions = {}): GenerateResult {
  const compiled = compileMonth(file)
  const seconds = options.seconds ?? 10
  const result = solve(compiled.model, {
    seconds,
    seed: options.seed ?? 1,
    heatWeight: compiled.heatWeight,
    maxIterations: options.maxIterations ?? moveBudget(seconds),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  })
  const solved = Object.fromEntries(
    compiled.agentIds.map((id, a) => {
      const given = compiled.given[a] ?? []
      const row = (result.roster[a] ?? []).map((s, d): Cell => {
        const kept = given[d]
        if (kept !== undefined && kept !== '?') return kept
        return s === OFF ? '-' : (SHIFT_CHAR[s] ?? '-')
      })
      return [id, row.join('')]
    }),
  )
  const solvedFile: MonthFile = { ...file, roster: solved }
  const { file: filled, check } = polishNights(solvedFile, compiled.given, checkMonth(solvedFile))
  const clashes = check.ok
    ? []
    : [...pinnedClashes(file, compiled.given), ...explainClashes(file, compiled.given)]
  const soft = softPenalty(check)
  const status = solveStatus(check.ok, soft === 0, clashes.length > 0)
  return {
    status,
    file: filled,
    check,
    clashes,
    soft,
    elapsedMs: result.elapsedMs,
    bestAtMs: result.bestAtMs,
    iterations: result.iterations,
    cancelled: result.cancelled,
  }
}

/** The default move budget of {@link generateMonth} for a time limit of `seconds`: at least 1 move. */
export function moveBudget(seconds: number): number {
  return Math.max(1, Math.round(seconds * MOVES_PER_SECOND))
}
