import type { Cell, MonthFile } from '@paiban/domain'
import { checkMonth, type CheckResult } from '@paiban/rules'
import { solve, type Score, type SolveStatus } from '../engine/solve'
import { OFF } from '../model'
import { compileMonth, SHIFT_CHAR } from './compile'
import { explainClashes, pinnedClashes, type Clash } from './explain'

/** Options of {@link generateMonth}. */
export type GenerateOptions = {
  /** Wall-clock limit in seconds. Default 10. */
  readonly seconds?: number
  /** Seed of the search. Default 1. */
  readonly seed?: number
  /**
   * Move budget. When set, the search is the same for the same seed on any machine (the time limit
   * still applies as a safety net). Default: bounded by time only.
   */
  readonly maxIterations?: number
  /** Best score so far (hard units, soft objective) and elapsed ms, when it improves. */
  readonly onProgress?: (best: Score, elapsedMs: number) => void
  /** Cancels the search; the best roster so far is returned. */
  readonly signal?: AbortSignal
}

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
  const result = solve(compiled.model, {
    seconds: options.seconds ?? 10,
    seed: options.seed ?? 1,
    heatWeight: compiled.heatWeight,
    ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  })
  const roster = Object.fromEntries(
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
  const filled: MonthFile = { ...file, roster }
  const check = checkMonth(filled)
  const clashes = check.ok
    ? []
    : [...pinnedClashes(file, compiled.given), ...explainClashes(file, compiled.given)]
  const soft = check.violations.reduce((sum, v) => sum + (v.severity === 'soft' ? (v.penalty ?? 0) : 0), 0)
  const status: SolveStatus = check.ok
    ? soft === 0
      ? 'optimal'
      : 'feasible'
    : clashes.length > 0
      ? 'infeasible'
      : 'timedout'
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
