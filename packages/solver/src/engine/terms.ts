import { OFF } from '../model'
import type { Roster, ShiftCountTerm, Term } from '../model'
import type { Compiled } from './compiled'

/**
 * The incremental evaluator of one `Model.terms` entry: how the engine adds a rule without touching
 * the search. To add a term kind: add its type to `Term` (model.ts), an evaluator here, a case in
 * `createTermEvaluators`, and its from-scratch penalty in `termPenalty` (used by the checker).
 */
export type TermEvaluator = {
  /** Agents whose cells the term reads; `change` is called only for these. */
  readonly agents: readonly number[]
  /** Hard terms count violation units; soft terms return weighted penalties. */
  readonly hard: boolean
  /** Resets to an all-off roster and returns the penalty there. */
  reset(): number
  /** Cell (a, d) changes from `from` to `to`; returns the change in penalty. */
  change(a: number, d: number, from: number, to: number): number
}

/** One evaluator per model term, in model order. */
export function createTermEvaluators(c: Compiled): TermEvaluator[] {
  return c.terms.map(term => {
    switch (term.kind) {
      case 'shift-count':
        return shiftCountEvaluator(c, term)
    }
  })
}

/**
 * A term's penalty for a whole roster, computed from scratch: violation units for a hard term,
 * weighted penalty for a soft one.
 */
export function termPenalty(
  model: { readonly shifts: readonly unknown[] },
  term: Term,
  roster: Roster,
): number {
  switch (term.kind) {
    case 'shift-count': {
      const counted = new Set(term.shifts ?? model.shifts.keys())
      const days = term.days ? new Set(term.days) : undefined
      const n = (roster[term.agent] ?? []).filter(
        (s, d) => s !== OFF && counted.has(s) && (!days || days.has(d)),
      ).length
      return outside(term, n) * (term.hard ? 1 : term.weight)
    }
  }
}

function outside(term: ShiftCountTerm, n: number): number {
  const min = term.min ?? 0
  const max = term.max ?? Infinity
  return n < min ? min - n : n > max ? n - max : 0
}

function shiftCountEvaluator(c: Compiled, term: ShiftCountTerm): TermEvaluator {
  const counted = new Uint8Array(c.S)
  for (const s of term.shifts ?? c.model.shifts.keys()) counted[s] = 1
  const onDay = new Uint8Array(c.H).fill(term.days ? 0 : 1)
  for (const d of term.days ?? []) onDay[d] = 1
  const weight = term.hard ? 1 : term.weight
  let n = 0
  return {
    agents: [term.agent],
    hard: term.hard,
    reset: () => {
      n = 0
      return outside(term, 0) * weight
    },
    change: (_a, d, from, to) => {
      if (onDay[d] !== 1) return 0
      const step = (to >= 0 ? (counted[to] ?? 0) : 0) - (from >= 0 ? (counted[from] ?? 0) : 0)
      if (step === 0) return 0
      const before = outside(term, n)
      n += step
      return (outside(term, n) - before) * weight
    },
  }
}
