/** Call-centre months (the lead's part; the engine and Curtois exports are added below by their author). */
export type { GenerateOptions, GenerateResult } from './callcentre/generate'
export type { Clash } from './callcentre/explain'
export type { CompiledMonth } from './callcentre/compile'
export { changedCells, generateMonth, moveBudget, MOVES_PER_SECOND } from './callcentre/generate'
export { splitFindings } from './callcentre/findings'
export type { Findings } from './callcentre/findings'
export { KEEP_WEIGHT, keepRequests } from './callcentre/keep'
export type { Keep } from './callcentre/keep'
export { polishNights, POLISH_CHECKS, softPenalty } from './callcentre/polish'
export type { Polished } from './callcentre/polish'
export { explainClashes } from './callcentre/explain'
export { compileMonth, givenCells, HARD_COVER_WEIGHT } from './callcentre/compile'

/**
 * The exact engine on HiGHS (MILP in a worker thread): `solveExact` (optimum with proof, or best
 * roster and bound within `seconds`), `lowerBound` (LP relaxation or MIP dual bound),
 * `minimumShortfall` (least uncovered agent-shifts of a month with hard cover), and `modelToMilp` /
 * `milpToLp` (the model as a MILP). Node only (node:worker_threads); see each function's JSDoc for
 * units and defaults.
 */
export type {
  ExactOptions,
  ExactResult,
  HighsProgress,
  LowerBound,
  LowerBoundOptions,
  MilpSize,
  ShortLine,
  Shortfall,
  ShortfallOptions,
} from './exact/highs-engine'
export type { Milp, MilpConflict, MilpOptions } from './exact/milp'
export { lowerBound, minimumShortfall, solveExact } from './exact/highs-engine'
export { FIXED_OFF, FIXED_ON, milpToLp, modelToMilp, rosterFromColumns } from './exact/milp'
/**
 * "Who can fill this hole?" for the editor: candidates checked by `@paiban/rules` what-ifs, the set
 * chosen by a tiny javascript-lp-solver ILP. Browser-safe (no node: imports in exact/fill-hole.ts).
 */
export type {
  FillHoleOptions,
  FillHoleResult,
  HoleAnalysis,
  HoleCandidate,
  HoleChoice,
  HoleProblem,
  RejectedAgent,
} from './exact/fill-hole'
export { analyseHole, chooseWithLpSolver, fillHole, holeLpModel, LEAD_PENALTY } from './exact/fill-hole'

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
} from './model'
export { OFF } from './model'

/**
 * The default engine: `solve(model, options)` (construction, price phase, simulated annealing with
 * dynamic-programming moves; deterministic per seed under `maxIterations`), and `checkRoster`, the
 * independent rule-by-rule checker of a roster against its model.
 */
export type { Score, SolveOptions, SolveResult, SolveStatus } from './engine/solve'
export type { ParallelOptions } from './engine/portfolio'
export type { RosterCheck, SoftBreakdown } from './engine/check'
export { solve } from './engine/solve'
export { solveParallel } from './engine/portfolio'
export { checkRoster } from './engine/check'
/** The engine's seeded PRNG (mulberry32), for generated teams and repeatable tests and benchmarks. */
export type { Rng } from './engine/rng'
export { createRng } from './engine/rng'

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
export type { BranchAndPriceOptions, BranchAndPriceResult } from './exact/branch-and-price'
export { branchAndPrice } from './exact/branch-and-price'
export { solveHybrid } from './exact/hybrid'
