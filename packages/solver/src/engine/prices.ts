import { OFF } from '../model'
import type { Compiled } from './compiled'
import type { CellCost, WindowSolver } from './dp'
import type { Rng } from './rng'
import { SearchState } from './state'

/** A candidate row (or window of a row) for one agent, produced by the price phase. */
export type Column = {
  readonly from: number
  readonly values: Int16Array
}

/** Hard weight inside the price phase: high enough that the programs return rows without violations. */
const PRICE_HARD_WEIGHT = 1e6
/** Work (label transitions) per agent and sweep above which sweeps use shorter windows. */
const SWEEP_WORK = 100_000
/** Columns kept per agent; a full pool replaces a random column. */
const POOL_SIZE = 400

/**
 * Lagrangian relaxation of the cover lines: each line gets a price (between −weightOver and
 * weightUnder); every agent then picks its best row alone (the dynamic program, hard rules enforced)
 * with each worked cell paying its requests minus the prices of the lines it counts toward; prices
 * move by subgradient steps toward the cover targets.
 *
 * Two things come out: a pool of good rows per agent (the search recombines them), and, when rows
 * span the whole horizon, a lower bound on the objective of any feasible roster.
 */
export class PricePhase {
  readonly prices: Float64Array
  readonly pools: Column[][]
  /** Best lower bound so far; -Infinity until a full-horizon sweep (or when windows are partial). */
  bound = -Infinity
  sweeps = 0
  private readonly state: SearchState
  private readonly direction: Float64Array
  private readonly keys: Array<Set<string>>
  private readonly poolKeys: string[][]
  private readonly costOf: CellCost
  private step = 1
  private stalled = 0

  constructor(
    private readonly c: Compiled,
    private readonly rng: Rng,
    private readonly windows: WindowSolver,
    private maxWindow: number,
    start: Int16Array,
  ) {
    this.pools = Array.from({ length: c.E }, () => [])
    this.keys = Array.from({ length: c.E }, () => new Set<string>())
    this.poolKeys = Array.from({ length: c.E }, () => [])
    this.state = new SearchState(c, start)
    this.direction = new Float64Array(c.lineTarget.length)
    // Start from the incumbent: a short line is worth its under weight, an over-staffed one costs its over weight.
    this.prices = Float64Array.from(c.lineTarget, (target, l) => {
      const n = this.state.lineCount[l] ?? 0
      const under = c.lineUnder[l] ?? 0
      return n < target ? under : n > target ? -(c.lineOver[l] ?? 0) : under / 2
    })
    this.costOf = (_state, a, d, v) => this.cellCost(a, d, v)
  }

  /** True once the step length has shrunk so far that the prices no longer move much. */
  get settled(): boolean {
    return this.step < 1 / 256
  }

  /**
   * One subgradient iteration over every agent, on the whole horizon when it fits in `maxWindow`
   * days, else on a random window (then no bound). `target` is the best known objective, which sets
   * the step length (Polyak's rule).
   */
  sweep(target: number, shouldStop: () => boolean): void {
    const { c, state } = this
    const width = Math.min(c.H, this.maxWindow)
    const from = this.rng.int(c.H - width + 1)
    const to = from + width - 1
    let cost = 0
    let complete = true
    const work = this.windows.work
    for (let a = 0; a < c.E; a++) {
      if (shouldStop()) return
      const values = this.windows.best(state, a, from, to, PRICE_HARD_WEIGHT, undefined, this.costOf)
      if (values === undefined) {
        complete = false
        continue
      }
      for (let d = from; d <= to; d++) {
        const v = values[d - from] ?? OFF
        if (state.get(a, d) !== v) state.set(a, d, v)
        cost += this.cellCost(a, d, v)
      }
      this.remember(a, { from, values })
    }
    state.commit()
    this.sweeps++
    // Keep sweeps affordable on long horizons and many shift types (deterministic: measured in work).
    const perAgent = (this.windows.work - work) / c.E
    if ((!complete || perAgent > SWEEP_WORK) && this.maxWindow > 3) this.maxWindow--
    const whole = complete && width === c.H && state.hard === 0
    const value = cost + this.priceOfTargets(from, to)
    if (whole && value > this.bound + 1e-9) {
      this.bound = value
      this.stalled = 0
    } else if (++this.stalled >= 15) {
      this.step *= 0.7
      this.stalled = 0
    }
    this.move(from, to, whole ? target - value : target * 0.05)
  }

  private priceOfTargets(from: number, to: number): number {
    const c = this.c
    let sum = 0
    for (let l = 0; l < c.lineTarget.length; l++) {
      const day = c.lineDay[l] ?? 0
      if (day >= from && day <= to) sum += (this.prices[l] ?? 0) * (c.lineTarget[l] ?? 0)
    }
    return sum
  }

  /**
   * Deflected subgradient step on the lines of days [from, to]: raise prices of short lines, lower
   * over-staffed ones; half of the previous direction is kept, which damps zig-zagging.
   */
  private move(from: number, to: number, gap: number): void {
    const c = this.c
    let norm = 0
    for (let l = 0; l < c.lineTarget.length; l++) {
      const day = c.lineDay[l] ?? 0
      if (day < from || day > to) continue
      const g = (c.lineTarget[l] ?? 0) - (this.state.lineCount[l] ?? 0)
      const d = g + 0.5 * (this.direction[l] ?? 0)
      this.direction[l] = d
      norm += d * d
    }
    if (norm === 0) return
    const size = (this.step * Math.max(gap, 1e-6)) / norm
    for (let l = 0; l < c.lineTarget.length; l++) {
      const day = c.lineDay[l] ?? 0
      if (day < from || day > to) continue
      const price = (this.prices[l] ?? 0) + size * (this.direction[l] ?? 0)
      this.prices[l] = Math.max(-(c.lineOver[l] ?? 0), Math.min(c.lineUnder[l] ?? 0, price))
    }
  }

  /** Requests of the cell minus the prices of the lines agent a would count toward. */
  private cellCost(a: number, d: number, v: number): number {
    const c = this.c
    const i = a * c.H + d
    let cost = 0
    for (let r = c.reqStart[i] ?? 0, end = c.reqStart[i + 1] ?? 0; r < end; r++) {
      const shift = c.reqShift[r] ?? OFF
      if ((c.reqOn[r] ?? 0) === 1 ? shift !== v : shift === v) cost += c.reqWeight[r] ?? 0
    }
    if (v < 0) return cost
    const key = d * c.S + v
    for (let k = c.lineStart[key] ?? 0, end = c.lineStart[key + 1] ?? 0; k < end; k++) {
      const l = c.lineIds[k] ?? 0
      const g = c.lineGroup[l] ?? -1
      if (g >= 0 && (c.member[g * c.E + a] ?? 0) === 0) continue
      cost -= this.prices[l] ?? 0
    }
    return cost
  }

  private remember(a: number, column: Column): void {
    const key = `${column.from}:${column.values.join(',')}`
    const keys = this.keys[a]
    const pool = this.pools[a]
    const poolKeys = this.poolKeys[a]
    if (keys === undefined || pool === undefined || poolKeys === undefined || keys.has(key)) return
    keys.add(key)
    const at = pool.length < POOL_SIZE ? pool.length : this.rng.int(POOL_SIZE)
    if (at < pool.length) keys.delete(poolKeys[at] ?? '')
    pool[at] = column
    poolKeys[at] = key
  }
}
