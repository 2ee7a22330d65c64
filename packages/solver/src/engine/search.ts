import { OFF } from '../model'
import type { Roster } from '../model'
import type { Compiled } from './compiled'
import { FREE } from './compiled'
import {
  assignBlock,
  changeCell,
  coverChain,
  greedyCell,
  moveContext,
  poolColumn,
  reoptimizeWindow,
  repairAgent,
  requestSwap,
  ruinRecreate,
  shiftRunEdge,
  swapBlock,
  swapDay,
} from './moves'
import type { Move, MoveContext } from './moves'
import { PricePhase } from './prices'
import type { Column } from './prices'
import { createRng } from './rng'
import { SearchState } from './state'

/** Knobs of the search. The defaults are what `solve` uses; they are not tuned per instance. */
export type Tuning = {
  /** Relative frequency of each move in the annealing phase. */
  readonly moves: ReadonlyArray<readonly [Move, number]>
  /** Chance of a repair move on an iteration that starts infeasible. */
  readonly repairRate: number
  /** Share of the budget for a first anneal that gives the price phase a good upper bound. */
  readonly warmShare: number
  /**
   * Cap on the first anneal, in moves per free cell: on a small model the price phase (and with it a
   * proof of optimality) comes after a short anneal instead of `warmShare` of the budget.
   */
  readonly warmMovesPerCell: number
  /** Share of the budget for the price phase (stops early once its prices settle). */
  readonly priceShare: number
  /** Share of the annealing's work spent on further price sweeps (fresh pooled rows, better bound). */
  readonly sweepShare: number
  /** Start temperature as a multiple of the largest soft weight, end temperature of the smallest. */
  readonly startHeat: number
  readonly endHeat: number
  /** Hard weight bounds, as multiples of the largest soft weight. */
  readonly minHardWeight: number
  readonly maxHardWeight: number
  /** Factor the hard weight moves by every `adaptEvery` iterations (up while infeasible, else down). */
  readonly hardWeightStep: number
  readonly adaptEvery: number
  /**
   * With peers: after the price phase, every `shareEvery` of the budget the searches exchange their
   * best rosters (see `Peers.grid`). 0 or more than 1: never.
   */
  readonly shareEvery: number
}

export const defaultTuning: Tuning = {
  moves: [
    [changeCell, 300],
    [swapDay, 200],
    [swapBlock, 150],
    [assignBlock, 100],
    [shiftRunEdge, 150],
    [ruinRecreate, 30],
    [poolColumn, 200],
    [requestSwap, 100],
    [reoptimizeWindow, 1],
    [coverChain, 1],
  ],
  repairRate: 0.002,
  warmShare: 0.15,
  warmMovesPerCell: 2000,
  priceShare: 0.25,
  sweepShare: 0.2,
  startHeat: 0.3,
  endHeat: 0.1,
  minHardWeight: 1,
  maxHardWeight: 30,
  hardWeightStep: 1.05,
  adaptEvery: 500,
  shareEvery: 0.1,
}

/** Limits and hooks of one search. */
export type SearchLimits = {
  readonly seconds: number
  readonly maxIterations: number
  readonly seed: number
  readonly signal: AbortSignal | undefined
  readonly onProgress: ((best: { hard: number; objective: number }, elapsedMs: number) => void) | undefined
  readonly now: () => number
  readonly initial: Roster | undefined
  /** Extra whole rows per agent for the pooled-row move (see `SolveOptions.columns`). */
  readonly columns?: ReadonlyArray<ReadonlyArray<readonly number[]>> | undefined
  /** Reference weight of the start temperature (see `SolveOptions.heatWeight`); default the largest soft weight. */
  readonly heatWeight?: number | undefined
  /** Searches running side by side (see {@link Peers}); undefined for a search alone. */
  readonly peers?: Peers | undefined
  /** Internal: observes the annealing every 65,536 iterations (experiments). */
  readonly trace?: (info: Readonly<Record<string, number>>) => void
}

/**
 * What searches running side by side (`solveParallel`) share, in shared memory: a search that proves
 * its best roster optimal raises `stop[0]`, and every search stops once it is raised; `values[0]` is
 * the lowest feasible objective any of them has found and `values[1]` the highest proven floor (see
 * {@link provenFloor}), so one search's roster and another's bound together can prove optimality.
 * Start values: `stop = [0, 0]`, `values = [Infinity, -Infinity, Infinity]` (see {@link createPeers}).
 */
export type Peers = {
  /** [0]: optimality proven; [1]: sequence lock of `grid` (odd while one is written). */
  readonly stop: Int32Array
  /** [0]: lowest feasible objective found; [1]: highest proven floor; [2]: objective of `grid`. */
  readonly values: Float64Array
  /**
   * The best feasible roster any search published (E × H cells), or empty: at the share points of
   * `Tuning.shareEvery` a search publishes its best when it is better, else restarts from this one
   * when this is better, so the searches work near the better roster instead of independently.
   */
  readonly grid: Int16Array
}

/**
 * Offers a feasible roster (E × H cells) to the searches of `peers`: it becomes the shared roster when
 * it beats the one there (they continue from it at their next share point), and the lowest feasible
 * objective is updated. Returns false when it was not better, or another writer held the lock.
 */
export function publish(peers: Peers, grid: ArrayLike<number>, objective: number): boolean {
  if (objective < (peers.values[0] ?? Infinity)) peers.values[0] = objective
  const lock = peers.stop
  if (peers.grid.length !== grid.length || !(objective < (peers.values[2] ?? Infinity) - EPS)) return false
  const seq = Atomics.load(lock, 1)
  if ((seq & 1) === 1 || Atomics.compareExchange(lock, 1, seq, seq + 1) !== seq) return false
  peers.grid.set(grid)
  peers.values[2] = objective
  Atomics.store(lock, 1, seq + 2)
  return true
}

/**
 * A consistent copy of the shared roster (`Peers.grid`, E × H cells) and its objective, read under the
 * sequence lock; undefined while a writer holds it, when the copy was torn by one, or when none was
 * published yet.
 */
export function sharedRoster(
  peers: Peers,
): { readonly grid: Int16Array; readonly objective: number } | undefined {
  const lock = peers.stop
  const seq = Atomics.load(lock, 1)
  if ((seq & 1) === 1) return undefined
  const objective = peers.values[2] ?? Infinity
  const grid = Int16Array.from(peers.grid)
  if (Atomics.load(lock, 1) !== seq || objective === Infinity) return undefined
  return { grid, objective }
}

/** The shared buffers behind {@link Peers}, to post to a worker (rebuilt there by {@link peersOn}). */
export type PeerBuffers = {
  readonly stop: SharedArrayBuffer
  readonly values: SharedArrayBuffer
  readonly grid: SharedArrayBuffer
}

/** The buffers of `peers`, for a worker's `workerData`. */
export function peerBuffers(peers: Peers): PeerBuffers {
  return {
    stop: peers.stop.buffer as SharedArrayBuffer,
    values: peers.values.buffer as SharedArrayBuffer,
    grid: peers.grid.buffer as SharedArrayBuffer,
  }
}

/** {@link Peers} on buffers posted by {@link peerBuffers}: the same shared memory, seen from a worker. */
export function peersOn(buffers: PeerBuffers): Peers {
  return {
    stop: new Int32Array(buffers.stop),
    values: new Float64Array(buffers.values),
    grid: new Int16Array(buffers.grid),
  }
}

/** Fresh {@link Peers} in shared memory (posted to workers, the views are rebuilt on the buffers). */
export function createPeers(cells = 0): Peers {
  const peers = {
    stop: new Int32Array(new SharedArrayBuffer(8)),
    values: new Float64Array(new SharedArrayBuffer(24)),
    grid: new Int16Array(new SharedArrayBuffer(2 * cells)),
  }
  peers.values[0] = Infinity
  peers.values[1] = -Infinity
  peers.values[2] = Infinity
  return peers
}

/** What a search found: the best roster (fewest hard units, then lowest objective) and when. */
export type SearchOutcome = {
  readonly grid: Int16Array
  readonly hard: number
  readonly objective: number
  /**
   * Lower bound on the objective of any feasible roster, rounded up when every weight is an integer
   * (-Infinity when none was proven).
   */
  readonly lowerBound: number
  readonly iterations: number
  readonly elapsedMs: number
  readonly bestAtMs: number
  /** `'peer'`: another search of the same `Peers` proved optimality. */
  readonly stoppedBy: 'time' | 'iterations' | 'signal' | 'optimal' | 'peer'
}

const EPS = 1e-9
/** Label transitions of the dynamic program that cost about as much time as one annealing move. */
const WORK_PER_ITERATION = 50

/**
 * Greedy construction, then a price phase (Lagrangian relaxation of cover, see `PricePhase`) that
 * fills per-agent pools of rows, then simulated annealing over cell, block, pool and
 * dynamic-programming moves on a penalised objective (soft + hard weight × hard units). The hard
 * weight rises while the current roster is infeasible and falls while it is feasible; the best
 * roster is kept by (hard units, objective).
 *
 * The budget is time, or iterations when `maxIterations` is finite: then every phase and the cooling
 * follow iterations, so the same seed gives the same roster on any machine.
 */
export function search(c: Compiled, limits: SearchLimits, tuning: Tuning = defaultTuning): SearchOutcome {
  const run = new Run(c, limits, tuning)
  run.construct()
  run.anneal(tuning.warmShare, tuning.warmMovesPerCell)
  run.restoreBest()
  run.price(tuning.warmShare + tuning.priceShare)
  run.anneal(1)
  return run.outcome()
}

class Run {
  private readonly started: number
  private readonly state: SearchState
  private readonly ctx: MoveContext
  private readonly weights: { max: number; min: number; integral: boolean }
  private readonly best: Int16Array
  private readonly byIterations: boolean
  private bestHard = Infinity
  private bestSoft = Infinity
  private bestAtMs = 0
  private bestIsCurrent = false
  private reportedAtMs = -1
  private lowerBound = -Infinity
  private iterations = 0
  private stoppedBy: SearchOutcome['stoppedBy'] | undefined
  private hardWeight: number
  private prices: PricePhase | undefined

  constructor(
    private readonly c: Compiled,
    private readonly limits: SearchLimits,
    private readonly tuning: Tuning,
  ) {
    this.started = limits.now()
    this.byIterations = Number.isFinite(limits.maxIterations)
    const rng = createRng(limits.seed)
    this.state = new SearchState(c, initialGrid(c, limits.initial))
    this.weights = softWeights(c)
    this.hardWeight = this.weights.max * Math.sqrt(tuning.minHardWeight * tuning.maxHardWeight)
    this.ctx = moveContext(this.state, rng, this.hardWeight)
    this.ctx.pools = externalPools(c, limits.columns)
    this.best = Int16Array.from(this.state.grid)
  }

  /** Greedy start (skipped for a warm start): each free cell, in random order, takes its best value. */
  construct(): void {
    const { state, ctx } = this
    if (this.limits.initial === undefined) {
      const { E, H } = this.c
      const cells = Int32Array.from({ length: E * H }, (_, i) => i).filter(i => this.c.fixed[i] === FREE)
      shuffle(cells, ctx.rng)
      for (let k = 0; k < cells.length; k++) {
        if ((k & 1023) === 0 && this.stopped()) break
        const cell = cells[k] ?? 0
        greedyCell(ctx, Math.floor(cell / H), cell % H)
        this.iterations++
      }
    }
    state.commit()
    this.record()
  }

  /** Continues from the best roster found so far. */
  restoreBest(): void {
    if (this.bestIsCurrent) return
    this.state.grid.set(this.best)
    this.state.recompute()
    this.bestIsCurrent = true
  }

  /** Runs price sweeps until `until` of the budget is used, or until the prices stop moving. */
  price(until: number): void {
    const c = this.c
    if (this.tuning.priceShare <= 0 || c.lineTarget.length === 0) return
    this.prices = new PricePhase(c, this.ctx.rng, this.ctx.windows, this.ctx.maxWindow, this.state.grid)
    this.prices.pools.forEach((pool, a) => pool.push(...(this.ctx.pools[a] ?? [])))
    this.ctx.pools = this.prices.pools
    while (!this.stopped() && this.progress() < until && !this.prices.settled) this.sweep()
  }

  /** One price sweep; returns its cost in iterations. */
  private sweep(): number {
    const prices = this.prices
    if (prices === undefined || prices.settled) return 0
    const target = this.bestHard === 0 ? this.bestSoft : Math.max(1, this.state.soft)
    const work = this.ctx.windows.work
    prices.sweep(target, () => this.stopped())
    const cost = Math.ceil((this.ctx.windows.work - work) / WORK_PER_ITERATION)
    this.iterations += cost
    this.lowerBound = Math.max(this.lowerBound, prices.bound)
    const peers = this.limits.peers
    const floor = provenFloor(this.lowerBound, this.weights.integral)
    if (peers !== undefined && floor > (peers.values[1] ?? -Infinity)) peers.values[1] = floor
    return cost
  }

  /**
   * Simulated annealing, cooling from start to end temperature, until `until` of the budget is used,
   * or (when `perCell` is finite) after `perCell` moves per free cell, cooling over those moves.
   */
  anneal(until: number, perCell = Infinity): void {
    const { state, ctx, tuning } = this
    const table = tuning.moves.flatMap(([move, weight]) =>
      new Array<Move>(Math.max(0, Math.round(weight))).fill(move),
    )
    const t1 = tuning.endHeat * this.weights.min
    const t0 = Math.max(t1, tuning.startHeat * (this.limits.heatWeight ?? this.weights.max))
    const start = this.progress()
    const cap = perCell * this.ctx.freeDays.reduce((sum, days) => sum + days.length, 0)
    let temperature = t0
    let nextSweep = this.iterations
    let nextShare = start + tuning.shareEvery
    let moves = 0
    while (true) {
      if (this.prices !== undefined && tuning.sweepShare > 0 && this.iterations >= nextSweep) {
        // Spread sweeps so that they take `sweepShare` of the work.
        const cost = this.sweep()
        nextSweep = this.iterations + Math.max(1000, (cost * (1 - tuning.sweepShare)) / tuning.sweepShare)
        if (this.stopped()) break
      }
      if ((moves & 127) === 0) {
        if (this.stopped() || this.progress() >= until || moves >= cap) break
        const fraction = Math.min(
          1,
          Math.max((this.progress() - start) / Math.max(EPS, until - start), moves / cap),
        )
        temperature = t0 * Math.pow(t1 / t0, fraction)
        if (this.reportedAtMs < this.bestAtMs) this.report()
        if (tuning.shareEvery > 0 && this.progress() >= nextShare && perCell === Infinity) {
          nextShare += tuning.shareEvery
          this.exchange()
        }
        if ((moves & 0xffff) === 0) this.trace(temperature)
      }
      moves++
      this.iterations++
      if (moves % tuning.adaptEvery === 0) this.adaptHardWeight()
      const work = ctx.windows.work
      const before = state.score(this.hardWeight)
      const move =
        state.hard > EPS && ctx.rng.next() < tuning.repairRate
          ? repairAgent
          : (table[ctx.rng.int(table.length)] ?? changeCell)
      const moved = move(ctx)
      if (ctx.windows.work !== work)
        this.iterations += Math.floor((ctx.windows.work - work) / WORK_PER_ITERATION)
      if (!moved) {
        state.undoTo(0)
        continue
      }
      const delta = state.score(this.hardWeight) - before
      if (delta > EPS && ctx.rng.next() >= Math.exp(-delta / temperature)) {
        state.undoTo(0)
        continue
      }
      this.accept()
    }
  }

  /** Publishes the best roster to the peers when it beats theirs, else continues from theirs when better. */
  private exchange(): void {
    const peers = this.limits.peers
    const { state } = this
    if (peers === undefined || peers.grid.length !== state.grid.length) return
    const shared = peers.values[2] ?? Infinity
    if (this.bestHard === 0 && this.bestSoft < shared - EPS) {
      publish(peers, this.bestIsCurrent ? state.grid : this.best, this.bestSoft)
    } else if (shared < this.bestSoft - EPS) {
      const copy = sharedRoster(peers)
      if (copy === undefined || !(copy.objective < this.bestSoft - EPS)) return
      if (this.bestIsCurrent) this.best.set(state.grid)
      this.bestIsCurrent = false
      state.grid.set(copy.grid)
      state.recompute()
      this.record()
    }
  }

  outcome(): SearchOutcome {
    if (this.bestIsCurrent) this.best.set(this.state.grid)
    if (this.reportedAtMs < this.bestAtMs) this.report()
    return {
      grid: this.best,
      hard: this.bestHard,
      objective: this.bestSoft,
      lowerBound: this.floor(),
      iterations: this.iterations,
      elapsedMs: this.limits.now() - this.started,
      bestAtMs: this.bestAtMs,
      stoppedBy: this.stoppedBy ?? 'iterations',
    }
  }

  /** Commits the pending move, keeping a copy of the best roster before leaving it. */
  private accept(): void {
    const { state } = this
    const hard = state.hard
    const better = this.isBetter(hard, state.soft)
    const same = !better && hard < this.bestHard + EPS && state.soft < this.bestSoft + EPS
    if (this.bestIsCurrent && !better && !same) {
      state.copyBeforePending(this.best)
      this.bestIsCurrent = false
    }
    state.commit()
    if (better) this.record()
  }

  private isBetter(hard: number, soft: number): boolean {
    return hard < this.bestHard - EPS || (hard < this.bestHard + EPS && soft < this.bestSoft - EPS)
  }

  /** The current roster is the new best. */
  private record(): void {
    const hard = this.state.hard
    if (!this.isBetter(hard, this.state.soft)) return
    this.bestHard = hard < EPS ? 0 : hard
    this.bestSoft = this.state.soft
    this.bestAtMs = this.limits.now() - this.started
    this.bestIsCurrent = true
    const peers = this.limits.peers
    if (peers !== undefined && this.bestHard === 0 && this.bestSoft < (peers.values[0] ?? Infinity)) {
      peers.values[0] = this.bestSoft
    }
  }

  /** The proven floor of the objective: this search's, or a peer's when higher. */
  private floor(): number {
    const own = provenFloor(this.lowerBound, this.weights.integral)
    return Math.max(own, this.limits.peers?.values[1] ?? -Infinity)
  }

  private adaptHardWeight(): void {
    const { tuning, weights } = this
    const factor = this.state.hard > EPS ? tuning.hardWeightStep : 1 / tuning.hardWeightStep
    this.hardWeight = Math.min(
      weights.max * tuning.maxHardWeight,
      Math.max(weights.max * tuning.minHardWeight, this.hardWeight * factor),
    )
    this.ctx.hardWeight = this.hardWeight
  }

  /** Share of the budget used, in [0, 1]. */
  private progress(): number {
    if (this.byIterations) return this.iterations / this.limits.maxIterations
    return (this.limits.now() - this.started) / (this.limits.seconds * 1000)
  }

  private stopped(): boolean {
    if (this.stoppedBy !== undefined) return true
    if (this.limits.signal?.aborted === true) this.stoppedBy = 'signal'
    else if (this.limits.now() - this.started >= this.limits.seconds * 1000) this.stoppedBy = 'time'
    else if (this.iterations >= this.limits.maxIterations) this.stoppedBy = 'iterations'
    else if (this.bestHard === 0 && this.bestSoft <= this.floor() + EPS) this.stoppedBy = 'optimal'
    else if (this.limits.peers !== undefined) {
      const { stop, values } = this.limits.peers
      if (Atomics.load(stop, 0) !== 0 || (values[0] ?? Infinity) <= this.floor() + EPS)
        this.stoppedBy = 'peer'
    }
    if (this.stoppedBy === 'optimal' && this.limits.peers !== undefined)
      Atomics.store(this.limits.peers.stop, 0, 1)
    return this.stoppedBy !== undefined
  }

  private report(): void {
    this.reportedAtMs = this.bestAtMs
    this.limits.onProgress?.(
      { hard: this.bestHard, objective: this.bestSoft },
      this.limits.now() - this.started,
    )
  }

  private trace(temperature: number): void {
    this.limits.trace?.({
      iterations: this.iterations,
      hard: this.state.hard,
      soft: this.state.soft,
      bestHard: this.bestHard,
      bestSoft: this.bestSoft,
      hardWeight: this.hardWeight,
      temperature,
    })
  }
}

/**
 * The least objective a roster can have given a lower bound: with integer weights every objective is
 * an integer, so the bound rounds up.
 */
export function provenFloor(bound: number, integral: boolean): number {
  return integral ? Math.ceil(bound - 1e-6) : bound
}

/** Per agent: the given whole rows as pool columns (rows of the wrong length are skipped). */
function externalPools(c: Compiled, columns: SearchLimits['columns']): Column[][] {
  return Array.from({ length: c.E }, (_, a) =>
    (columns?.[a] ?? [])
      .filter(row => row.length === c.H)
      .map(row => ({ from: 0, values: Int16Array.from(row) })),
  )
}

function initialGrid(c: Compiled, initial: Roster | undefined): Int16Array {
  const grid = new Int16Array(c.E * c.H).fill(OFF)
  for (let a = 0; a < c.E; a++) {
    for (let d = 0; d < c.H; d++) {
      const i = a * c.H + d
      const fixed = c.fixed[i] ?? FREE
      const wanted = initial?.[a]?.[d] ?? OFF
      const allowed =
        wanted === OFF || (wanted >= 0 && wanted < c.S && (c.maxShifts[a * c.S + wanted] ?? 0) > 0)
      grid[i] = fixed !== FREE ? fixed : allowed ? wanted : OFF
    }
  }
  return grid
}

/** Largest and smallest positive soft weight (1 and 1 when there are none), and whether all are integers. */
export function softWeights(c: Compiled): { max: number; min: number; integral: boolean } {
  const all = [...c.lineUnder, ...c.lineOver, ...c.reqWeight].filter(w => w > 0)
  for (const term of c.terms) if (!term.hard && term.weight > 0) all.push(term.weight)
  if (all.length === 0) return { max: 1, min: 1, integral: true }
  return {
    max: all.reduce((m, w) => Math.max(m, w), 0),
    min: all.reduce((m, w) => Math.min(m, w), Infinity),
    integral: all.every(w => Number.isInteger(w)),
  }
}

function shuffle(items: Int32Array, rng: { int: (n: number) => number }): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1)
    const t = items[i] ?? 0
    items[i] = items[j] ?? 0
    items[j] = t
  }
}
