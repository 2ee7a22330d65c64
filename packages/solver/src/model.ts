/**
 * The general shift-scheduling model: agents × days × shift types.
 *
 * A model is plain readonly data; the engine never mutates it. A roster assigns each (agent, day)
 * one shift index or `OFF`. Hard rules make a roster infeasible; soft terms add a weighted penalty,
 * and the engine minimises the sum of the soft penalties over rosters without hard violations.
 *
 * Indices: shifts, agents and groups are referred to by their index in the model's arrays; days
 * are `0 … days-1`.
 */

/** The value of a roster cell for a day off. */
export const OFF = -1

/** A roster: `roster[agent][day]` is a shift index or `OFF`. */
export type Roster = ReadonlyArray<readonly number[]>

/** A shift type. */
export type ShiftType = {
  /** Label used in reports and violations. */
  readonly id: string
  /** Paid length in minutes; counts toward an agent's `minMinutes`/`maxMinutes`. */
  readonly minutes: number
  /**
   * Hard: indices of shift types that must not be worked on the day after this one (forbidden
   * successions, e.g. no day shift right after a night). May name the shift itself.
   */
  readonly forbiddenNext?: readonly number[]
}

/** What an agent did just before day 0, so rules can run across the start of the horizon. */
export type History = {
  /**
   * Worked days in a row ending on day −1 (0 = day −1 was off). They count toward
   * `maxConsecutiveWorked` for a run that starts on day 0.
   */
  readonly workedDaysBefore: number
  /** Shift worked on day −1, checked against its `forbiddenNext` on day 0. Default `OFF`. */
  readonly lastShift?: number
}

/** A cell fixed in advance (hard): the agent works exactly `shift` (or is `OFF`) on `day`. */
export type Pin = {
  readonly day: number
  readonly shift: number
}

/** An agent (employee) and their hard limits. Every limit is optional; defaults impose nothing. */
export type Agent = {
  readonly id: string
  /**
   * Per shift index: the most days the agent may work that shift over the horizon. 0 = not eligible
   * (the model's only skill mechanism besides groups). Default: unlimited for every shift.
   */
  readonly maxShifts?: readonly number[]
  /** Least total minutes over the horizon. Default 0. */
  readonly minMinutes?: number
  /** Most total minutes over the horizon. Default `Infinity`. */
  readonly maxMinutes?: number
  /** Most worked days in a row (history included for a run starting on day 0). Default `Infinity`. */
  readonly maxConsecutiveWorked?: number
  /**
   * Fewest worked days in a row. A run that starts on day 0 or ends on the last day is exempt, as the
   * horizon continues beyond both ends. Default 1 (no constraint).
   */
  readonly minConsecutiveWorked?: number
  /** Fewest days off in a row; runs touching either end of the horizon are exempt. Default 1. */
  readonly minConsecutiveOff?: number
  /** Most weekends (see `Model.weekends`) with at least one worked day. Default `Infinity`. */
  readonly maxWeekends?: number
  /** Days on which the agent must be off (hard). Default none. */
  readonly daysOff?: readonly number[]
  /** Cells fixed in advance (hard). A pin overrides `daysOff` and eligibility. Default none. */
  readonly pinned?: readonly Pin[]
  /** Days worked just before day 0. Default: none (day −1 counts as off). */
  readonly history?: History
}

/** A set of agents, e.g. the agents who can do one job. Cover lines may count only a group. */
export type Group = {
  readonly id: string
  /** Agent indices. */
  readonly agents: readonly number[]
}

/**
 * Soft: the preferred number of agents (of `group`, or of everyone) working `shift` on `day`.
 * Penalty `(target − n) · weightUnder` when short, `(n − target) · weightOver` when over.
 */
export type CoverLine = {
  readonly day: number
  readonly shift: number
  /** Group index; only its agents count toward this line. Default: every agent counts. */
  readonly group?: number
  readonly target: number
  /** Penalty per missing agent. */
  readonly weightUnder: number
  /** Penalty per extra agent. */
  readonly weightOver: number
}

/**
 * Soft: a wish about one cell. `'on'`: penalty `weight` unless the agent works exactly `shift` that
 * day; `'off'`: penalty `weight` if they do. With `shift: OFF`, `'on'` asks for the day off and
 * `'off'` asks to work (any shift).
 */
export type Request = {
  readonly agent: number
  readonly day: number
  readonly shift: number
  readonly kind: 'on' | 'off'
  readonly weight: number
}

/**
 * Additional terms beyond the built-in rules. This is the extension point for rules the built-in
 * fields do not express; each kind has an incremental evaluator in `engine/terms.ts`.
 */
export type Term = ShiftCountTerm

/**
 * How many of `shifts` an agent works, kept in `[min, max]`. Soft (penalty `weight` per shift outside
 * the range) or hard (`weight` ignored). Use it for contract-day targets or per-kind minimums.
 */
export type ShiftCountTerm = {
  readonly kind: 'shift-count'
  readonly agent: number
  /** Shift indices counted; default: every shift. */
  readonly shifts?: readonly number[]
  /** Days counted (e.g. weekends and holidays for a fair share of them); default: every day. */
  readonly days?: readonly number[]
  /** Inclusive range; defaults 0 and `Infinity`. */
  readonly min?: number
  readonly max?: number
  readonly hard: boolean
  readonly weight: number
}

/** A complete shift-scheduling problem. Treated as readonly (recursively); nothing on it is mutated. */
export type Model = {
  /** Number of days in the horizon. */
  readonly days: number
  readonly shifts: readonly ShiftType[]
  readonly agents: readonly Agent[]
  /** Groups that cover lines refer to. Default none. */
  readonly groups?: readonly Group[]
  /** Soft staffing targets. Pairs without a line have no target. */
  readonly cover: readonly CoverLine[]
  /** Soft cell wishes. Default none. */
  readonly requests?: readonly Request[]
  /**
   * Weekends for `Agent.maxWeekends`: each entry lists its day indices (e.g. `[5, 6]`); a weekend counts
   * as worked when any of its days is. Weekends must not share days. Default none.
   */
  readonly weekends?: ReadonlyArray<readonly number[]>
  /** Additional soft or hard terms. Default none. */
  readonly terms?: readonly Term[]
}

/** Hard rule identifiers reported in `ModelViolation.rule`. */
export type ModelRule =
  | 'forbidden-succession'
  | 'max-shifts'
  | 'min-minutes'
  | 'max-minutes'
  | 'max-consecutive-worked'
  | 'min-consecutive-worked'
  | 'min-consecutive-off'
  | 'max-weekends'
  | 'day-off'
  | 'pinned'
  | 'term'

/** One broken hard rule of a model. */
export type ModelViolation = {
  readonly rule: ModelRule
  /** Agent index and ID. */
  readonly agent: number
  readonly agentId: string
  /** First day concerned, when the rule is about days. */
  readonly day?: number
  /** Human-readable numbers, e.g. `'5 days, at least 2'`. */
  readonly detail: string
}
