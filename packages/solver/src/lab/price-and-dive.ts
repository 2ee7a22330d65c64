import { checkRoster } from '../engine/check'
import { compileModel, FREE } from '../engine/compiled'
import type { Compiled } from '../engine/compiled'
import { MASKABLE_SHIFTS, WindowSolver } from '../engine/dp'
import { createRng } from '../engine/rng'
import { SearchState } from '../engine/state'
import { OFF } from '../model'
import type { Model, Roster } from '../model'
import { MasterWorker } from './master'
import type { MasterLp, MasterModel, NewColumns } from './master'

/** Options of {@link priceAndDive}. `seconds` is usually the only one needed. */
export type PriceAndDiveOptions = {
  /** Wall-clock budget in seconds for the whole call. Default 10. */
  readonly seconds?: number
  /** Share of `seconds` after which column generation stops and the dive starts. Default 0.4. */
  readonly pricingShare?: number
  /**
   * Stops pricing early when a round takes longer than this many ms per agent on average (a model
   * too large for full-horizon rows). Default 200.
   */
  readonly maxPricingMsPerAgent?: number
  /** Share of `seconds` after which the dive stops and the MILP decides the remaining agents. Default 0.85. */
  readonly diveShare?: number
  /** Share of the undecided agents decided per dive step (at least one). Default 0.05. */
  readonly fixShare?: number
  /** False: column generation only (no dive). Default true. */
  readonly dive?: boolean
  /** The dive hands over to the MILP once this few agents are undecided. Default 12. */
  readonly mipAgents?: number
  readonly signal?: AbortSignal
  /** Clock in milliseconds. Default `performance.now`. */
  readonly now?: () => number
}

/** What {@link priceAndDive} ended with. */
export type PriceAndDiveResult = {
  /** The dive's roster (feasible by construction), or the start roster when it is better or no dive ran. */
  readonly roster: number[][]
  readonly objective: number
  /** Whether the dive's roster replaced the start roster. */
  readonly improved: boolean
  /** Objective of the dive's roster, undefined when no dive finished. */
  readonly diveObjective: number | undefined
  /**
   * Lower bound on the optimum from the best complete pricing round (LP value plus every agent's
   * least reduced cost), or undefined when no round priced every agent.
   */
  readonly bound: number | undefined
  /** Value of the master LP when column generation stopped. */
  readonly lpObjective: number | undefined
  readonly columns: number
  /** Every generated row, per agent (`rows[agent]`), e.g. for the default engine's `columns` option. */
  readonly rows: number[][][]
  readonly rounds: number
  /** Why it did not run, or stopped pricing early; empty when it ran as planned. */
  readonly note: string
  readonly elapsedMs: number
}

/** Hard weight inside pricing: high enough that the program returns rows without violations. */
const PRICE_HARD_WEIGHT = 1e6
const EPS = 1e-6
/** Row-program limits when pricing: a column is worth far more than one search move. */
const PRICE_MAX_LABELS = 400_000
const PRICE_MAX_WORK = 8_000_000
/** Pricing rounds after each dive step (the LP moves little once a few agents are decided). */
const DIVE_ROUNDS = 20
/** Pricing stops when no column can lower the LP by more than this (objectives here are integers). */
const CONVERGED = 0.5
/** An LP value this close to 1 counts as a decided row. */
const INTEGRAL = 0.999

/**
 * Column generation with a dive ("price and dive"): the set-partitioning form of the model (one
 * column = one agent's whole row; cover lines are the linking rows) is solved as an LP by HiGHS in a
 * worker (`MasterWorker`), each agent's pricing problem being the engine's exact row program
 * (`WindowSolver`) with the cover lines' duals as cell rewards. Then a dive decides agents step by
 * step: the agents whose LP row is (nearly) integral, plus the most decided fractional ones, keep
 * that row; the LP is re-solved and re-priced; until every agent has a row. Every column meets its
 * agent's hard rules and cover is soft, so any choice of columns is a feasible roster.
 *
 * The start roster's rows are the first columns. Degrades gracefully: returns the start roster
 * (with a `note`) when it is infeasible, the model has soft terms (not priced here), or pricing takes
 * too long for the model's size; when time runs out mid-dive, the undecided agents take their
 * largest LP row.
 * @example (await priceAndDive(model, solve(model, { seconds: 20 }).roster, { seconds: 30 })).objective
 */
export async function priceAndDive(
  model: Model,
  start: Roster,
  options: PriceAndDiveOptions = {},
): Promise<PriceAndDiveResult> {
  const now = options.now ?? (() => performance.now())
  const started = now()
  const seconds = options.seconds ?? 10
  const deadline = started + seconds * 1000
  const first = checkRoster(model, start)
  const base = {
    roster: start.map(row => [...row]),
    objective: first.objective,
    improved: false,
    diveObjective: undefined,
    bound: undefined,
    lpObjective: undefined,
    columns: 0,
    rows: [],
    rounds: 0,
  }
  const skip = (note: string): PriceAndDiveResult => ({ ...base, note, elapsedMs: now() - started })
  if (first.hard > 0) return skip('start roster infeasible')
  if ((model.terms ?? []).some(t => !t.hard)) return skip('soft terms are not priced')
  if (model.agents.length === 0) return skip('no agents')
  const run = new Generation(model, start, options, now)
  try {
    await run.init()
    await run.generate(started + seconds * 1000 * (options.pricingShare ?? 0.4))
    const diveUntil = started + seconds * 1000 * (options.diveShare ?? 0.85)
    const generated = run.rows()
    const rows =
      options.dive === false
        ? undefined
        : await run.dive(diveUntil, deadline, options.fixShare ?? 0.05, options.mipAgents ?? 12)
    const result = {
      ...base,
      bound: run.bound,
      lpObjective: run.lpObjective,
      columns: run.columns,
      rows: generated,
      rounds: run.rounds,
    }
    if (rows === undefined) return { ...result, note: run.note, elapsedMs: now() - started }
    const check = checkRoster(model, rows)
    const better = check.hard === 0 && check.objective < first.objective
    return {
      ...result,
      ...(better ? { roster: rows, objective: check.objective, improved: true } : {}),
      diveObjective: check.hard === 0 ? check.objective : undefined,
      note: run.note,
      elapsedMs: now() - started,
    }
  } finally {
    await run.close()
  }
}

/**
 * One column generation: the master in its worker, the column pool and the pricing state. Internal to
 * the exact engines (`priceAndDive`, `branchAndPrice`), which reach into its parts.
 */
export class Generation {
  readonly c: Compiled
  note = ''
  bound: number | undefined
  lpObjective: number | undefined
  rounds = 0
  readonly pool: ColumnPool
  readonly state: SearchState
  /** Cells (see {@link cellKey}) whose value pricing must not use: branching's "not this value". */
  readonly forbidden = new Set<number>()
  private readonly windows = new WindowSolver(PRICE_MAX_LABELS, PRICE_MAX_WORK)
  readonly master: MasterWorker
  /** Per agent: the pool column it keeps, or -1 while undecided. */
  private readonly decided: Int32Array
  /**
   * Per agent: bit mask of the shift types whose maximum count pricing leaves out of the row program
   * (see `priceAgent`); a bit is cleared for good once a priced row exceeded that maximum.
   */
  private readonly relaxed: Int32Array
  private sent = 0
  private lastLp: Float64Array | undefined

  constructor(
    model: Model,
    start: Roster,
    private readonly options: PriceAndDiveOptions,
    private readonly now: () => number,
  ) {
    this.c = compileModel(model)
    this.pool = new ColumnPool(this.c)
    this.state = new SearchState(this.c, gridOf(this.c, start))
    for (let a = 0; a < this.c.E; a++) this.pool.add(a, Int16Array.from(start[a] ?? []))
    this.master = new MasterWorker(this.pool.rows)
    this.decided = new Int32Array(this.c.E).fill(-1)
    this.relaxed = new Int32Array(this.c.E).fill(RELAX_ALL)
  }

  get columns(): number {
    return this.pool.size
  }

  /** Every row in the pool, per agent. */
  rows(): number[][][] {
    return this.pool.perAgent()
  }

  async init(): Promise<void> {
    await this.master.init(this.pool.initialModel())
    this.sent = this.pool.size
  }

  /** Column generation until no column prices out, or `until` (ms on the clock). */
  async generate(until: number): Promise<void> {
    for (let first = true; this.now() < until && !this.aborted(); first = false) {
      const lp = await this.solveLp(until, !first)
      if (lp === undefined) return
      this.lpObjective = lp.objective
      const round = this.now()
      const priced = await this.price(lp.rowDual, until)
      if (priced.complete) this.bound = Math.max(this.bound ?? -Infinity, lp.objective + priced.reduced)
      if (priced.added === 0 || (priced.complete && priced.reduced > -CONVERGED)) return
      if ((this.now() - round) / this.c.E > (this.options.maxPricingMsPerAgent ?? 200)) {
        this.note = 'pricing too slow for this model; stopped early'
        return
      }
    }
  }

  /**
   * Decides agents step by step (see `priceAndDive`) until `until` or until at most `mipAgents` are
   * left; the rest are decided by the master MILP over their columns (HiGHS, until `deadline`), or
   * by their largest LP row if that finds nothing. Undefined when no LP solution was available.
   */
  async dive(
    until: number,
    deadline: number,
    share: number,
    mipAgents: number,
  ): Promise<number[][] | undefined> {
    while (this.decided.includes(-1) && this.now() < until && !this.aborted()) {
      let lp = await this.solveLp(until)
      for (let k = 0; lp !== undefined && k < DIVE_ROUNDS && this.now() < until; k++) {
        const priced = await this.price(lp.rowDual, until)
        if (priced.added === 0 || (priced.complete && priced.reduced > -CONVERGED)) break
        lp = await this.solveLp(until, true)
      }
      const values = this.lastLp
      if (values === undefined) return undefined
      const picks = this.pool.largest(values, this.decided)
      if (picks.length <= mipAgents) break
      const integral = picks.filter(p => p.value >= INTEGRAL)
      const fractional = picks.filter(p => p.value < INTEGRAL)
      const wanted = Math.max(1, Math.ceil(picks.length * share))
      const chosen = [...integral, ...fractional.slice(0, Math.max(0, wanted - integral.length))]
      await this.decide(chosen)
    }
    if (this.lastLp === undefined) return undefined
    if (this.decided.includes(-1) && deadline - this.now() > 200 && !this.aborted()) {
      const free = this.pool.columnsOfUndecided(this.decided)
      const onAbort = (): void => this.master.interrupt()
      this.options.signal?.addEventListener('abort', onAbort, { once: true })
      const mip = await this.master.mip((deadline - this.now()) / 1000, free)
      this.options.signal?.removeEventListener('abort', onAbort)
      if (mip.colValue !== null) this.lastLp = mip.colValue
    }
    await this.decide(this.pool.largest(this.lastLp, this.decided))
    return this.pool.rosterOf(this.decided)
  }

  private async decide(chosen: ReadonlyArray<{ agent: number; column: number }>): Promise<void> {
    for (const p of chosen) this.decided[p.agent] = p.column
    await this.master.exclude(this.pool.othersOf(chosen))
  }

  async close(): Promise<void> {
    await this.master.close()
  }

  /**
   * Removes pool rows (see `ColumnPool.remove`) from the pool and the master. Only between searches
   * of the pool: the last LP no longer matches it. Returns each kept row's old index by its new one.
   */
  async remove(drop: (j: number) => boolean): Promise<Int32Array> {
    const { removed, kept } = this.pool.remove(drop)
    await this.master.remove(removed)
    this.sent = this.pool.size
    this.lastLp = undefined
    return kept
  }

  private aborted(): boolean {
    return this.options.signal?.aborted === true
  }

  /** The master's LP; `afterPricing`: only columns were added since the last solve (see `MasterWorker.lp`). */
  async solveLp(until: number, afterPricing = false): Promise<MasterLp | undefined> {
    const lp = await this.master.lp(Math.max(0.2, (until - this.now()) / 1000), afterPricing)
    if (lp.status !== 7) {
      this.note = `master LP status ${lp.status}`
      return undefined
    }
    this.lastLp = lp.colValue
    this.rounds++
    return lp
  }

  /** Prices every undecided agent and sends the new columns to the master. */
  async price(
    dual: Float64Array,
    until: number,
  ): Promise<{ added: number; reduced: number; complete: boolean }> {
    let reduced = 0
    let complete = true
    for (let a = 0; a < this.c.E; a++) {
      if ((this.decided[a] ?? -1) >= 0) continue
      if (this.now() >= until || this.aborted()) {
        complete = false
        break
      }
      const priced = priceAgent(
        this.c,
        this.state,
        this.windows,
        a,
        dual,
        this.pool,
        this.forbidden,
        this.relaxed,
      )
      if (priced === undefined) {
        complete = false
        continue
      }
      reduced += Math.min(0, priced.reduced)
      if (priced.reduced < -EPS) this.pool.add(a, priced.values)
    }
    const added = this.pool.since(this.sent)
    this.sent = this.pool.size
    await this.master.addColumns(added)
    return { added: added.cost.length, reduced, complete }
  }
}

/** Every maskable shift type (see `WindowSolver.best`'s `untracked`). */
const RELAX_ALL = 2 ** MASKABLE_SHIFTS - 1

/**
 * Agent a's best row under the duals, by the row program, and its reduced cost (row cost minus the
 * duals of its cover rows and of its convexity row); undefined when the program gives up or the row
 * breaks a hard rule. The program first ignores the maximum counts of the shift types in
 * `relaxed[a]`: tracking a count multiplies its labels (three counted shift types made some of
 * Instance8's agents ten times slower), and most maxima do not bind at the duals' optimum. When the
 * answer exceeds one, that type's bit is cleared for good and the agent is priced again, so the
 * row returned is the exact program's.
 */
function priceAgent(
  c: Compiled,
  state: SearchState,
  windows: WindowSolver,
  a: number,
  dual: Float64Array,
  pool: ColumnPool,
  forbidden: ReadonlySet<number>,
  relaxed: Int32Array,
): { values: Int16Array; reduced: number } | undefined {
  const cost = pricingCost(c, dual, forbidden)
  let values: Int16Array | undefined
  for (;;) {
    values = windows.best(state, a, 0, c.H - 1, PRICE_HARD_WEIGHT, undefined, cost, relaxed[a])
    if (values === undefined) return undefined
    for (let d = 0; d < c.H; d++) state.set(a, d, values[d] ?? OFF)
    state.commit()
    const exceeded = exceededCounts(state, a) & (relaxed[a] ?? 0)
    if (exceeded === 0) break
    relaxed[a] = (relaxed[a] ?? 0) & ~exceeded
  }
  if ((state.agentHard[a] ?? 0) > 0) return undefined
  let total = -(dual[pool.convexityRow(a)] ?? 0)
  for (let d = 0; d < c.H; d++) total += cost(state, a, d, values[d] ?? OFF)
  return { values: Int16Array.from(values), reduced: total }
}

/** Bit mask of the maskable shift types that agent a works more often than its maximum (the state's counts). */
function exceededCounts(state: SearchState, a: number): number {
  const { S, maxShifts } = state.c
  let mask = 0
  for (let s = 0; s < Math.min(S, MASKABLE_SHIFTS); s++)
    if ((state.counts[a * S + s] ?? 0) > (maxShifts[a * S + s] ?? 0)) mask |= 1 << s
  return mask
}

/**
 * About how long one pricing round (every agent's row program on the whole horizon) takes on this
 * machine, in ms: `sample` agents are priced under random cover duals (0 to the line's under weight,
 * seeded) and the time is scaled to every agent. Infinity when a program gives up (too many labels).
 * The program ignores the maximum shift counts (`RELAX_ALL`), as pricing does at first (`priceAgent`):
 * timed with every count tracked, Instances 14, 15, 17, 18 and 19 (42–84 days) looked 10–50 times
 * slower than their pricing is, or gave up, and never got branch and price.
 * Lets a caller skip column generation on models where it cannot converge in time (long horizons).
 */
export function pricingRoundMs(model: Model, sample = 3): number {
  const c = compileModel(model)
  if (c.E === 0) return 0
  const grid = Int16Array.from(c.fixed, f => (f === FREE ? OFF : f))
  const state = new SearchState(c, grid)
  const windows = new WindowSolver(PRICE_MAX_LABELS, PRICE_MAX_WORK)
  const rng = createRng(1)
  const dual = Float64Array.from(c.lineUnder, w => rng.next() * w)
  const agents = Array.from({ length: Math.min(sample, c.E) }, (_, k) =>
    Math.floor((k * c.E) / Math.min(sample, c.E)),
  )
  const started = performance.now()
  const cost = pricingCost(c, dual, new Set())
  for (const a of agents) {
    if (windows.best(state, a, 0, c.H - 1, PRICE_HARD_WEIGHT, undefined, cost, RELAX_ALL) === undefined)
      return Infinity
  }
  return ((performance.now() - started) / agents.length) * c.E
}

/** A cell's cost in pricing: its broken requests minus the duals of its cover lines, plus FORBIDDEN. */
function pricingCost(
  c: Compiled,
  dual: Float64Array,
  forbidden: ReadonlySet<number>,
): (state: SearchState, a: number, d: number, v: number) => number {
  return (_, a, d, v) =>
    (forbidden.size > 0 && forbidden.has(cellKey(c, a, d, v)) ? FORBIDDEN : 0) +
    requestCost(c, a, d, v) -
    coverDual(c, a, d, v, dual)
}

/** Cost of a forbidden value in pricing: no row using one can price out. */
const FORBIDDEN = 1e9

/** One number per (agent, day, value), value OFF included. */
export function cellKey(c: Compiled, a: number, d: number, v: number): number {
  return (a * c.H + d) * (c.S + 1) + v + 1
}

/** Requests broken by agent a holding v on day d. */
function requestCost(c: Compiled, a: number, d: number, v: number): number {
  const i = a * c.H + d
  let cost = 0
  for (let r = c.reqStart[i] ?? 0, end = c.reqStart[i + 1] ?? 0; r < end; r++) {
    const shift = c.reqShift[r] ?? OFF
    if ((c.reqOn[r] ?? 0) === 1 ? shift !== v : shift === v) cost += c.reqWeight[r] ?? 0
  }
  return cost
}

/** Sum of the duals of the cover lines agent a counts toward when working v on day d. */
function coverDual(c: Compiled, a: number, d: number, v: number, dual: Float64Array): number {
  if (v < 0) return 0
  let sum = 0
  const key = d * c.S + v
  for (let k = c.lineStart[key] ?? 0, end = c.lineStart[key + 1] ?? 0; k < end; k++) {
    const l = c.lineIds[k] ?? 0
    const g = c.lineGroup[l] ?? -1
    if (g >= 0 && (c.member[g * c.E + a] ?? 0) === 0) continue
    sum += dual[l] ?? 0
  }
  return sum
}

function gridOf(c: Compiled, roster: Roster): Int16Array {
  const grid = new Int16Array(c.E * c.H)
  for (let a = 0; a < c.E; a++) for (let d = 0; d < c.H; d++) grid[a * c.H + d] = roster[a]?.[d] ?? OFF
  return grid
}

/**
 * The master's columns. Rows: the cover lines (`n + u − o = target`), then one convexity row per
 * agent (`Σ λ = 1`). Columns: under and over slacks of each line, then the agents' rows (`λ`).
 */
export class ColumnPool {
  readonly rows: number
  readonly agentOf: number[] = []
  readonly values: Int16Array[] = []
  private readonly seen: Array<Set<string>>

  constructor(private readonly c: Compiled) {
    this.rows = c.lineTarget.length + c.E
    this.seen = Array.from({ length: c.E }, () => new Set<string>())
  }

  get size(): number {
    return this.values.length
  }

  get slacks(): number {
    return 2 * this.c.lineTarget.length
  }

  convexityRow(a: number): number {
    return this.c.lineTarget.length + a
  }

  /** The master column of cover line l's under-cover slack (its over-cover slack is the next one). */
  underColumn(l: number): number {
    return 2 * l
  }

  /** Adds agent a's row unless the pool has it already. */
  add(a: number, values: Int16Array): void {
    const key = values.join(',')
    const seen = this.seen[a]
    if (seen === undefined || seen.has(key)) return
    seen.add(key)
    this.agentOf.push(a)
    this.values.push(values)
  }

  /**
   * Removes the rows `drop` picks (pool indices), keeping the others in order; a removed row may be
   * added again later. Returns the removed rows' master indices, ascending, and each kept row's old
   * index by its new one.
   */
  remove(drop: (j: number) => boolean): { readonly removed: Int32Array; readonly kept: Int32Array } {
    const removed: number[] = []
    const kept: number[] = []
    for (let j = 0; j < this.values.length; j++) {
      if (drop(j)) {
        removed.push(this.slacks + j)
        this.seen[this.agentOf[j] ?? 0]?.delete((this.values[j] ?? []).join(','))
      } else kept.push(j)
    }
    const agentOf = kept.map(j => this.agentOf[j] ?? 0)
    const values = kept.map(j => this.values[j] ?? new Int16Array(0))
    this.agentOf.length = 0
    this.agentOf.push(...agentOf)
    this.values.length = 0
    this.values.push(...values)
    return { removed: Int32Array.from(removed), kept: Int32Array.from(kept) }
  }

  /** Rows, slacks and the columns added so far, as the worker's first model. */
  initialModel(): MasterModel {
    const c = this.c
    const L = c.lineTarget.length
    const rowLower = new Float64Array(this.rows)
    const rowUpper = new Float64Array(this.rows)
    for (let l = 0; l < L; l++) {
      rowLower[l] = c.lineTarget[l] ?? 0
      rowUpper[l] = c.lineTarget[l] ?? 0
    }
    for (let a = 0; a < c.E; a++) {
      rowLower[L + a] = 1
      rowUpper[L + a] = 1
    }
    const columns = this.since(0)
    const numCols = this.slacks + columns.cost.length
    const colCost = new Float64Array(numCols)
    const colLower = new Float64Array(numCols)
    const colUpper = new Float64Array(numCols).fill(Infinity)
    for (let l = 0; l < L; l++) {
      colCost[2 * l] = c.lineUnder[l] ?? 0
      colCost[2 * l + 1] = c.lineOver[l] ?? 0
    }
    colCost.set(columns.cost, this.slacks)
    colUpper.set(columns.upper, this.slacks)
    // CSC → CSR: slack entries first, then the rows' entries.
    const entries: Array<Array<[number, number]>> = Array.from({ length: this.rows }, () => [])
    for (let l = 0; l < L; l++) {
      entries[l]?.push([2 * l, 1], [2 * l + 1, -1])
    }
    for (let j = 0; j < columns.cost.length; j++) {
      for (let k = columns.starts[j] ?? 0; k < (columns.starts[j + 1] ?? 0); k++) {
        entries[columns.indices[k] ?? 0]?.push([this.slacks + j, columns.values[k] ?? 0])
      }
    }
    const starts = new Int32Array(this.rows + 1)
    entries.forEach((row, r) => (starts[r + 1] = (starts[r] ?? 0) + row.length))
    const flat = entries.flat()
    return {
      numCols,
      numRows: this.rows,
      colCost,
      colLower,
      colUpper,
      rowLower,
      rowUpper,
      starts,
      indices: Int32Array.from(flat, e => e[0]),
      values: Float64Array.from(flat, e => e[1]),
    }
  }

  /** Columns `from …` in CSC. */
  since(from: number): NewColumns {
    const c = this.c
    const cost: number[] = []
    const starts: number[] = [0]
    const indices: number[] = []
    const entries: number[] = []
    for (let j = from; j < this.values.length; j++) {
      const a = this.agentOf[j] ?? 0
      const values = this.values[j] ?? new Int16Array(0)
      let total = 0
      const rows = new Map<number, number>()
      for (let d = 0; d < c.H; d++) {
        const v = values[d] ?? OFF
        total += requestCost(c, a, d, v)
        if (v < 0) continue
        const key = d * c.S + v
        for (let k = c.lineStart[key] ?? 0, end = c.lineStart[key + 1] ?? 0; k < end; k++) {
          const l = c.lineIds[k] ?? 0
          const g = c.lineGroup[l] ?? -1
          if (g >= 0 && (c.member[g * c.E + a] ?? 0) === 0) continue
          rows.set(l, (rows.get(l) ?? 0) + 1)
        }
      }
      rows.set(this.convexityRow(a), 1)
      cost.push(total)
      for (const [row, n] of [...rows].sort((x, y) => x[0] - y[0])) {
        indices.push(row)
        entries.push(n)
      }
      starts.push(indices.length)
    }
    return {
      cost: Float64Array.from(cost),
      lower: new Float64Array(cost.length),
      upper: new Float64Array(cost.length).fill(1),
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: Float64Array.from(entries),
    }
  }

  /** Per undecided agent: its column with the largest LP value, largest first. */
  largest(
    colValue: Float64Array,
    decided: Int32Array,
  ): Array<{ agent: number; column: number; value: number }> {
    const best = new Map<number, { agent: number; column: number; value: number }>()
    this.agentOf.forEach((a, j) => {
      if ((decided[a] ?? -1) >= 0) return
      const value = colValue[this.slacks + j] ?? 0
      const seen = best.get(a)
      if (seen === undefined || value > seen.value) best.set(a, { agent: a, column: j, value })
    })
    return [...best.values()].sort((x, y) => y.value - x.value || x.agent - y.agent)
  }

  /** Master indices of every column of the chosen agents except the chosen one. */
  othersOf(chosen: ReadonlyArray<{ agent: number; column: number }>): Int32Array {
    const keep = new Map(chosen.map(p => [p.agent, p.column]))
    const out: number[] = []
    this.agentOf.forEach((a, j) => {
      const column = keep.get(a)
      if (column !== undefined && column !== j) out.push(this.slacks + j)
    })
    return Int32Array.from(out)
  }

  /** The roster of decided columns (pool indices per agent). */
  rosterOf(decided: Int32Array): number[][] {
    return Array.from(decided, j => Array.from(this.values[j] ?? []))
  }

  perAgent(): number[][][] {
    const rows: number[][][] = Array.from({ length: this.c.E }, () => [])
    this.agentOf.forEach((a, j) => rows[a]?.push(Array.from(this.values[j] ?? [])))
    return rows
  }

  /** Master indices of the columns of undecided agents. */
  columnsOfUndecided(decided: Int32Array): Int32Array {
    const out: number[] = []
    this.agentOf.forEach((a, j) => {
      if ((decided[a] ?? -1) < 0) out.push(this.slacks + j)
    })
    return Int32Array.from(out)
  }

  /** Indices of the λ columns in the master (for integrality). */
  lambdaColumns(): Int32Array {
    return Int32Array.from({ length: this.values.length }, (_, j) => this.slacks + j)
  }

  /** MIP start: the first column of each agent (the start roster's row) at 1, every other λ at 0. */
  startOf(): { indices: Int32Array; values: Float64Array } {
    const picked = new Set<number>()
    const values = new Float64Array(this.values.length)
    this.agentOf.forEach((a, j) => {
      if (picked.has(a)) return
      picked.add(a)
      values[j] = 1
    })
    return { indices: this.lambdaColumns(), values }
  }

  /** The roster of a master solution: each agent's row with the largest λ. */
  roster(colValue: Float64Array): number[][] {
    const c = this.c
    const best = new Float64Array(c.E).fill(-1)
    const rows: number[][] = Array.from({ length: c.E }, () => new Array<number>(c.H).fill(OFF))
    this.agentOf.forEach((a, j) => {
      const x = colValue[this.slacks + j] ?? 0
      if (x <= (best[a] ?? -1)) return
      best[a] = x
      rows[a] = Array.from(this.values[j] ?? [])
    })
    return rows
  }
}
