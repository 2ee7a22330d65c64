import type { Cell, MonthFile, Violation } from '@paiban/domain'
import { checkMonth, type CheckResult } from '@paiban/rules'
import { solve, solveStatus, type SolveOptions, type SolveStatus } from '../engine/solve'
import { OFF } from '../model'
import { compileMonth, SHIFT_CHAR } from './compile'
import { explainClashes, pinnedClashes, type Clash } from './explain'
import { splitFindings } from './findings'
import { keepRequests, type Keep } from './keep'
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
  /**
   * Minimal change: a reference roster (e.g. the published one) whose cells cost `weight` each to
   * change. Only free (`?`) cells are affected; the search starts from the reference, and the
   * FAIR-NIGHT polish is skipped (it would trade kept cells for fairness). Default none.
   */
  readonly keep?: Keep
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
  /**
   * About the roster only: `optimal`/`feasible`: the roster breaks no hard rule (`notices` may
   * remain); `infeasible`: it does and `clashes` say why no roster can avoid it; `timedout`: it
   * does and no clash was found (the search stopped first).
   */
  readonly status: SolveStatus
  readonly file: MonthFile
  /** `@paiban/rules` on the returned month, records included: the only judge of hard violations. */
  readonly check: CheckResult
  /** True when the roster breaks no hard rule (`check.ok` may still be false because of `notices`). */
  readonly ok: boolean
  /** Hard violations the roster causes (what a solver could change). */
  readonly hard: number
  /** The check's violations caused by the roster, hard and soft (`check.violations` less `notices`). */
  readonly violations: readonly Violation[]
  /**
   * Hard findings on leave and swap records that no roster can mend (a missing certificate or
   * approval, late notice): paperwork for people, not counted in `hard` (see `splitFindings`).
   */
  readonly notices: readonly Violation[]
  /** With `keep`: cells of the returned roster that differ from the reference (0 without `keep`). */
  readonly changed: number
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
  const keep = options.keep ? keepRequests(file, compiled.given, options.keep) : undefined
  const model = keep
    ? { ...compiled.model, requests: [...(compiled.model.requests ?? []), ...keep.requests] }
    : compiled.model
  const result = solve(model, {
    seconds,
    seed: options.seed ?? 1,
    heatWeight: compiled.heatWeight,
    maxIterations: options.maxIterations ?? moveBudget(seconds),
    ...(keep ? { initial: keep.initial } : {}),
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
  const { file: filled, check } = keep
    ? { file: solvedFile, check: checkMonth(solvedFile) }
    : polishNights(solvedFile, compiled.given, checkMonth(solvedFile))
  const findings = splitFindings(file, compiled.given, check)
  const ok = findings.hard === 0
  const clashes = ok ? [] : [...pinnedClashes(file, compiled.given), ...explainClashes(file, compiled.given)]
  const soft = softPenalty(check)
  const status = solveStatus(ok, soft === 0, clashes.length > 0)
  return {
    status,
    file: filled,
    check,
    ok,
    hard: findings.hard,
    violations: findings.roster,
    notices: findings.notices,
    changed: options.keep ? changedCells(filled, options.keep.roster) : 0,
    clashes,
    soft,
    elapsedMs: result.elapsedMs,
    bestAtMs: result.bestAtMs,
    iterations: result.iterations,
    cancelled: result.cancelled,
  }
}

/** Cells of `file`'s roster that differ from `reference` (agents missing from either count every day). */
export function changedCells(file: MonthFile, reference: Readonly<Record<string, string>>): number {
  let n = 0
  for (const agent of file.agents) {
    const a = file.roster?.[agent.id] ?? ''
    const b = reference[agent.id] ?? ''
    for (let d = 0; d < Math.max(a.length, b.length); d++) if (a[d] !== b[d]) n++
  }
  return n
}

/** The default move budget of {@link generateMonth} for a time limit of `seconds`: at least 1 move. */
export function moveBudget(seconds: number): number {
  return Math.max(1, Math.round(seconds * MOVES_PER_SECOND))
}
