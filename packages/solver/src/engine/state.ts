import { OFF } from '../model'
import type { Compiled } from './compiled'
import { createTermEvaluators } from './terms'
import type { TermEvaluator } from './terms'

/**
 * A roster under search with every rule's contribution kept up to date cell by cell, so a move costs
 * time proportional to the cells it changes (plus the work/off runs around them), not to the roster.
 *
 * Hard violations are counted in units: one per forbidden succession, shift over a max, day of a run
 * too long or too short, weekend over the max, and one per `minuteUnit` minutes outside the minutes
 * range. Cells fixed by pins or days off, and shifts an agent is not eligible for, are never written
 * by the search, so those rules hold by construction.
 *
 * Every write is logged; `undoTo(mark)` restores an earlier state exactly.
 */
export class SearchState {
  readonly c: Compiled
  /** Current roster, `grid[a * H + d]`. */
  readonly grid: Int16Array
  readonly counts: Int32Array
  readonly workedMinutes: Float64Array
  readonly weekendDays: Int32Array
  readonly weekendsWorked: Int32Array
  readonly lineCount: Int32Array
  /** Hard violation units per agent (minutes as a fraction of `minuteUnit`). */
  readonly agentHard: Float64Array
  /** Integer hard units other than minutes. */
  hardUnits = 0
  /** Minutes outside the agents' ranges, summed. */
  minutesOff = 0
  /** Soft objective. */
  soft = 0
  private readonly terms: readonly TermEvaluator[]
  private readonly termsOf: ReadonlyArray<readonly TermEvaluator[]>
  private logA = new Int32Array(256)
  private logD = new Int32Array(256)
  private logV = new Int16Array(256)
  private logLength = 0

  constructor(c: Compiled, grid: Int16Array) {
    this.c = c
    this.grid = Int16Array.from(grid)
    this.counts = new Int32Array(c.E * c.S)
    this.workedMinutes = new Float64Array(c.E)
    this.weekendDays = new Int32Array(c.E * c.W)
    this.weekendsWorked = new Int32Array(c.E)
    this.lineCount = new Int32Array(c.lineTarget.length)
    this.agentHard = new Float64Array(c.E)
    this.terms = createTermEvaluators(c)
    this.termsOf = Array.from({ length: c.E }, (_, a) => this.terms.filter(t => t.agents.includes(a)))
    this.recompute()
  }

  /** Hard violation units, minutes converted at `minuteUnit`; 0 means feasible. */
  get hard(): number {
    return this.hardUnits + this.minutesOff / this.c.minuteUnit
  }

  /** The search objective: soft + `hardWeight` × hard. */
  score(hardWeight: number): number {
    return this.soft + hardWeight * this.hard
  }

  /** Length of the undo log, to pass to `undoTo`. */
  mark(): number {
    return this.logLength
  }

  /** Forgets the undo log (the current state is accepted). */
  commit(): void {
    this.logLength = 0
  }

  /** Reverts every write after `mark`. */
  undoTo(mark: number): void {
    while (this.logLength > mark) {
      this.logLength--
      this.assign(
        this.logA[this.logLength] ?? 0,
        this.logD[this.logLength] ?? 0,
        this.logV[this.logLength] ?? 0,
      )
    }
  }

  /** Copies the roster as it was before the writes still in the undo log. */
  copyBeforePending(into: Int16Array): void {
    into.set(this.grid)
    for (let k = this.logLength - 1; k >= 0; k--) {
      into[(this.logA[k] ?? 0) * this.c.H + (this.logD[k] ?? 0)] = this.logV[k] ?? OFF
    }
  }

  /** Value of cell (a, d). */
  get(a: number, d: number): number {
    return this.grid[a * this.c.H + d] ?? OFF
  }

  /** Writes cell (a, d) and updates every total; logged for `undoTo`. */
  set(a: number, d: number, v: number): void {
    const old = this.grid[a * this.c.H + d] ?? OFF
    if (old === v) return
    if (this.logLength === this.logA.length) this.growLog()
    this.logA[this.logLength] = a
    this.logD[this.logLength] = d
    this.logV[this.logLength] = old
    this.logLength++
    this.assign(a, d, v)
  }

  private growLog(): void {
    const grow = <TArray extends Int32Array | Int16Array>(
      arr: TArray,
      make: (n: number) => TArray,
    ): TArray => {
      const next = make(arr.length * 2)
      next.set(arr)
      return next
    }
    this.logA = grow(this.logA, n => new Int32Array(n))
    this.logD = grow(this.logD, n => new Int32Array(n))
    this.logV = grow(this.logV, n => new Int16Array(n))
  }

  private assign(a: number, d: number, v: number): void {
    const c = this.c
    const { H, S } = c
    const i = a * H + d
    const grid = this.grid
    const old = grid[i] ?? OFF
    let units = 0
    let soft = 0

    const prev = d > 0 ? (grid[i - 1] ?? OFF) : (c.historyLast[a] ?? OFF)
    const next = d < H - 1 ? (grid[i + 1] ?? OFF) : OFF
    if (prev >= 0) {
      if (old >= 0) units -= c.forbidden[prev * S + old] ?? 0
      if (v >= 0) units += c.forbidden[prev * S + v] ?? 0
    }
    if (next >= 0) {
      if (old >= 0) units -= c.forbidden[old * S + next] ?? 0
      if (v >= 0) units += c.forbidden[v * S + next] ?? 0
    }

    let minutes = this.workedMinutes[a] ?? 0
    const minutesBefore = this.minutesOutside(a, minutes)
    if (old >= 0) {
      const k = a * S + old
      const n = this.counts[k] ?? 0
      this.counts[k] = n - 1
      if (n > (c.maxShifts[k] ?? 0)) units--
      minutes -= c.minutes[old] ?? 0
    }
    if (v >= 0) {
      const k = a * S + v
      const n = (this.counts[k] ?? 0) + 1
      this.counts[k] = n
      if (n > (c.maxShifts[k] ?? 0)) units++
      minutes += c.minutes[v] ?? 0
    }
    this.workedMinutes[a] = minutes
    const minutesDelta = this.minutesOutside(a, minutes) - minutesBefore

    if (old >= 0 !== v >= 0) {
      units += this.weekendDelta(a, d, v >= 0)
      const from = d === 0 ? 0 : this.runStart(a, d - 1)
      const to = d === H - 1 ? H - 1 : this.runEnd(a, d + 1)
      const before = this.runPenalty(a, from, to)
      grid[i] = v
      units += this.runPenalty(a, from, to) - before
    } else {
      grid[i] = v
    }

    if (old >= 0) soft += this.coverDelta(a, d * S + old, -1)
    if (v >= 0) soft += this.coverDelta(a, d * S + v, 1)
    for (let r = c.reqStart[i] ?? 0, end = c.reqStart[i + 1] ?? 0; r < end; r++) {
      const shift = c.reqShift[r] ?? OFF
      const penalisedOn = (c.reqOn[r] ?? 0) === 1 ? shift !== v : shift === v
      const wasPenalisedOn = (c.reqOn[r] ?? 0) === 1 ? shift !== old : shift === old
      soft += ((penalisedOn ? 1 : 0) - (wasPenalisedOn ? 1 : 0)) * (c.reqWeight[r] ?? 0)
    }
    const terms = this.termsOf[a]
    if (terms !== undefined && terms.length > 0) {
      for (const term of terms) {
        const delta = term.change(a, d, old, v)
        if (term.hard) units += delta
        else soft += delta
      }
    }

    this.hardUnits += units
    this.minutesOff += minutesDelta
    this.soft += soft
    this.agentHard[a] = (this.agentHard[a] ?? 0) + units + minutesDelta / c.minuteUnit
  }

  private minutesOutside(a: number, minutes: number): number {
    const min = this.c.minMinutes[a] ?? 0
    const max = this.c.maxMinutes[a] ?? Infinity
    return minutes < min ? min - minutes : minutes > max ? minutes - max : 0
  }

  private weekendDelta(a: number, d: number, working: boolean): number {
    const w = this.c.weekendOf[d] ?? -1
    if (w < 0) return 0
    const k = a * this.c.W + w
    const days = (this.weekendDays[k] ?? 0) + (working ? 1 : -1)
    this.weekendDays[k] = days
    if (working ? days !== 1 : days !== 0) return 0
    const before = this.weekendsWorked[a] ?? 0
    const after = before + (working ? 1 : -1)
    this.weekendsWorked[a] = after
    const max = this.c.maxWeekends[a] ?? 0
    return Math.max(0, after - max) - Math.max(0, before - max)
  }

  private coverDelta(a: number, key: number, step: number): number {
    const c = this.c
    let delta = 0
    for (let k = c.lineStart[key] ?? 0, end = c.lineStart[key + 1] ?? 0; k < end; k++) {
      const l = c.lineIds[k] ?? 0
      const g = c.lineGroup[l] ?? -1
      if (g >= 0 && (c.member[g * c.E + a] ?? 0) === 0) continue
      const before = this.lineCount[l] ?? 0
      const after = before + step
      this.lineCount[l] = after
      delta += linePenalty(c, l, after) - linePenalty(c, l, before)
    }
    return delta
  }

  /** First day of the work/off run containing day d. */
  runStart(a: number, d: number): number {
    const base = a * this.c.H
    const working = (this.grid[base + d] ?? OFF) >= 0
    let s = d
    while (s > 0 && (this.grid[base + s - 1] ?? OFF) >= 0 === working) s--
    return s
  }

  /** Last day of the work/off run containing day d. */
  runEnd(a: number, d: number): number {
    const { H } = this.c
    const base = a * H
    const working = (this.grid[base + d] ?? OFF) >= 0
    let e = d
    while (e < H - 1 && (this.grid[base + e + 1] ?? OFF) >= 0 === working) e++
    return e
  }

  /** Run-length violation units of the whole runs within [from, to] (both run boundaries). */
  runPenalty(a: number, from: number, to: number): number {
    const c = this.c
    const H = c.H
    const base = a * H
    let total = 0
    let start = from
    while (start <= to) {
      const working = (this.grid[base + start] ?? OFF) >= 0
      let end = start
      while (end < to && (this.grid[base + end + 1] ?? OFF) >= 0 === working) end++
      total += runUnits(c, a, start, end, working)
      start = end + 1
    }
    return total
  }

  /** Rebuilds every total from the grid: start from an all-off roster, then write each worked cell. */
  recompute(): void {
    const c = this.c
    const { E, H } = c
    this.counts.fill(0)
    this.workedMinutes.fill(0)
    this.weekendDays.fill(0)
    this.weekendsWorked.fill(0)
    this.lineCount.fill(0)
    this.agentHard.fill(0)
    this.hardUnits = 0
    this.minutesOff = 0
    this.soft = 0
    const grid = Int16Array.from(this.grid)
    this.grid.fill(OFF)
    for (let l = 0; l < this.lineCount.length; l++) this.soft += linePenalty(c, l, 0)
    for (let a = 0; a < E; a++) {
      const units = this.runPenalty(a, 0, H - 1)
      this.hardUnits += units
      this.minutesOff += this.minutesOutside(a, 0)
      this.agentHard[a] = units + this.minutesOutside(a, 0) / c.minuteUnit
      for (let i = a * H; i < (a + 1) * H; i++) {
        for (let r = c.reqStart[i] ?? 0, end = c.reqStart[i + 1] ?? 0; r < end; r++) {
          const shift = c.reqShift[r] ?? OFF
          if ((c.reqOn[r] ?? 0) === 1 ? shift !== OFF : shift === OFF) this.soft += c.reqWeight[r] ?? 0
        }
      }
    }
    for (const term of this.terms) {
      const penalty = term.reset()
      if (!term.hard) {
        this.soft += penalty
        continue
      }
      this.hardUnits += penalty
      for (const a of term.agents) this.agentHard[a] = (this.agentHard[a] ?? 0) + penalty / term.agents.length
    }
    for (let i = 0; i < E * H; i++) {
      const v = grid[i] ?? OFF
      if (v !== OFF) this.assign(Math.floor(i / H), i % H, v)
    }
  }
}

function linePenalty(c: Compiled, l: number, n: number): number {
  const target = c.lineTarget[l] ?? 0
  return n < target ? (target - n) * (c.lineUnder[l] ?? 0) : (n - target) * (c.lineOver[l] ?? 0)
}

/** Violation units of one maximal run [start, end] of agent a. */
function runUnits(c: Compiled, a: number, start: number, end: number, working: boolean): number {
  const length = end - start + 1
  const inside = start > 0 && end < c.H - 1
  if (working) {
    const effective = start === 0 ? length + (c.historyWorked[a] ?? 0) : length
    const over = Math.max(0, effective - (c.maxConsecutive[a] ?? 0))
    return inside ? over + Math.max(0, (c.minConsecutive[a] ?? 0) - length) : over
  }
  return inside ? Math.max(0, (c.minOff[a] ?? 0) - length) : 0
}
