/**
 * `@paiban/solver/lab`: the laboratory beside the product. The Curtois & Qu benchmark (reader,
 * FORMAT.md evaluator, roster files, `solveNrp`), the general model and its engine for callers
 * that build their own models, branch and price with the hybrid, and the exact engine on HiGHS.
 * Used by `paiban nrp` and bench/; nothing under month/ or engine/ imports from here. Node only.
 * Why each piece is kept: ./README.md.
 */

/**
 * The general shift-scheduling model (agents × days × shift types): readonly plain data, documented
 * field by field in model.ts. `OFF` (-1) marks a day off in a roster.
 */
export type {
  Agent,
  CoverLine,
  Group,
  History,
  Model,
  ModelRule,
  ModelViolation,
  Pin,
  Request,
  Roster,
  ShiftCountTerm,
  ShiftType,
  Term,
} from '../model'
export { OFF } from '../model'

/**
 * The default engine: `solve(model, options)` (construction, price phase, simulated annealing with
 * dynamic-programming moves; deterministic per seed under `maxIterations`), `solveParallel` (one
 * search per thread, best kept), and `checkRoster`, the independent rule-by-rule checker.
 */
export type { Score, SolveOptions, SolveResult } from '../engine/solve'
export type { ParallelOptions } from '../engine/portfolio'
export type { RosterCheck, SoftBreakdown } from '../engine/check'
export { solve } from '../engine/solve'
export { solveParallel } from '../engine/portfolio'
export { checkRoster } from '../engine/check'

/**
 * The Curtois & Qu benchmark: instance parser, the FORMAT.md evaluator (independent of the engine),
 * Strandmark `.out` and JSON roster files, and the mapping onto the model (`compileNrp`, `solveNrp`).
 */
export type { NrpCover, NrpEmployee, NrpInstance, NrpRequest, NrpShift } from './nrp/instance'
export type { NrpEvaluation, NrpRoster, NrpRule, NrpViolation } from './nrp/evaluate'
export type { NrpRosterFile, NrpRosterJson } from './nrp/solution-io'
export type { NrpSolveResult } from './nrp/compile'
export { parseNrpInstance } from './nrp/instance'
export { evaluateNrp } from './nrp/evaluate'
export { readRosterJson, readStrandmarkRoster, writeRosterJson } from './nrp/solution-io'
export { compileNrp, solveNrp } from './nrp/compile'

/**
 * Branch and price (column generation with cell branching) and the hybrid that runs it beside the
 * default engine: what `solveNrp` uses, for models without soft terms.
 */
export type { BranchAndPriceOptions, BranchAndPriceResult } from './branch-and-price'
export { branchAndPrice } from './branch-and-price'
export { solveHybrid } from './hybrid'

/**
 * The exact engine on HiGHS (MILP in a worker thread): `solveExact` (optimum with proof, or best
 * roster and bound within `seconds`) and `lowerBound` (LP relaxation or MIP dual bound); the
 * branch-and-price tests' independent oracle and the `exact` benchmark section. `createHoleHighs`
 * solves the fill-hole ILP with HiGHS, for the benchmark's comparison with javascript-lp-solver.
 */
export type {
  ExactOptions,
  ExactResult,
  HighsProgress,
  LowerBound,
  LowerBoundOptions,
} from './highs/highs-engine'
export { lowerBound, solveExact } from './highs/highs-engine'
export { createHoleHighs } from './highs/hole-highs'
