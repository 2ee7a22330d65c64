/**
 * `@paiban/solver`, the product: generate a call-centre month (`month/`, on the general model's
 * search in `engine/`) and "who can fill this hole?" for the editor. The Curtois & Qu laboratory
 * (benchmark reader and evaluator, branch and price, HiGHS) is `@paiban/solver/lab`; the browser
 * imports `@paiban/solver/fill-hole` only.
 */

/** Fills every `?` cell of a month (or a missing roster), keeps every other cell, verified by `@paiban/rules`. */
export { generateMonth } from './month/generate'
/** Options of `generateMonth`: `seconds` (10), `seed` (1), `maxIterations` (move budget), `keep`, `onProgress`, `signal`. */
export type { GenerateOptions } from './month/generate'
/** What `generateMonth` returns: the filled file, its status, the rules' verdict, roster findings apart from paperwork. */
export type { GenerateResult } from './month/generate'
/** The engine's status union: `'optimal' | 'feasible' | 'infeasible' | 'timedout'` (about the roster only). */
export type { SolveStatus } from './engine/solve'
/** Why no roster can meet a hard rule: the rule, the day and shift, and the people involved (bilingual). */
export type { Clash } from './month/explain'
/** Minimal change: a reference roster (one character per day per agent) and the cost of changing a cell. */
export type { Keep } from './month/keep'
/** Default cost of changing one kept cell in a re-plan: 100 (above any soft rule's gain, below hard cover). */
export { KEEP_WEIGHT } from './month/keep'
/** Cells of a month's roster that differ from a reference roster (`L` cells included). */
export { changedCells } from './month/generate'
/** The default move budget of `generateMonth` for a time limit: `seconds` × `MOVES_PER_SECOND`. */
export { moveBudget } from './month/generate'
/** Moves per second of the time limit in the default move budget: 40,000 (measured on 2 loaded cores). */
export { MOVES_PER_SECOND } from './month/generate'

/** Ranked candidates to fill a hole in a shift, each checked by a `@paiban/rules` what-if; browser-safe. */
export { fillHole } from './month/fill-hole'
/** Options of `fillHole`: `count` (agents to choose; default what COVER-MIN is short for the job, at least 1). */
export type { FillHoleOptions } from './month/fill-hole'
/** What `fillHole` returns: candidates best first (the ILP's chosen set first), the agents the rules reject, `filled`. */
export type { FillHoleResult } from './month/fill-hole'
/** An agent who can take the shift without a new hard violation: ranking `cost`, the soft findings it adds, `chosen`. */
export type { HoleCandidate } from './month/fill-hole'
/** An agent who is off that day but would break a hard rule by taking the shift, with those violations. */
export type { RejectedAgent } from './month/fill-hole'

/** The engine's seeded PRNG (mulberry32), for generated teams and repeatable tests and benchmarks. */
export { createRng } from './engine/rng'
/** A seeded pseudo-random source (`next()` in [0, 1), `int(n)`). */
export type { Rng } from './engine/rng'
