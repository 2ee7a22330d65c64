import { OFF } from '../model'
import { FREE, UNLIMITED } from './compiled'
import type { SearchState } from './state'

/** A layer larger than this abandons the program (the caller tries a smaller window). */
const MAX_LABELS = 60_000
/** Label transitions one call may spend (tens of milliseconds) before it gives up. */
const MAX_WORK = 500_000
/** Shift types whose remaining budget binds inside a window are tracked exactly, up to this many. */
const MAX_TRACKED = 3
const EPS = 1e-9
/** `untracked` masks cover the shift types with an index below this (bits of a 32-bit integer). */
export const MASKABLE_SHIFTS = 31

/**
 * Finds the best values for one agent on a window of days with every other cell fixed, under the
 * search objective (soft + hard weight × hard units), by dynamic programming over (last value's
 * successor class, run length, minutes, new weekends, binding shift counts). Exact for every built-in
 * rule; `Model.terms` are left to the caller's real evaluation.
 *
 * Labels that cannot beat the agent's current window (cost so far plus a lower bound on the rest) are
 * dropped, so the program is cheap when little can improve. Buffers are reused between calls.
 */
export class WindowSolver {
  /** Labels × options examined so far (all calls): a machine-independent measure of the effort spent. */
  work = 0
  private capacity = 0
  private cost = new Float64Array(0)
  private parent = new Int32Array(0)
  private value = new Int16Array(0)
  private length = new Int16Array(0)
  private open = new Uint8Array(0)
  private minutes = new Int32Array(0)
  private weekends = new Int16Array(0)
  private flag = new Uint8Array(0)
  private counts = new Int16Array(0)
  private tableSize = 0
  private keyA = new Int32Array(0)
  private keyB = new Int32Array(0)
  private keyC = new Int32Array(0)
  private slot = new Int32Array(0)
  private stamp = new Int32Array(0)
  private generation = 0
  private size = 0
  private layerBase = 0

  /**
   * @param maxLabels largest layer before a call gives up (default 60,000)
   * @param maxWork label transitions one call may spend before it gives up (default 500,000)
   */
  constructor(
    private readonly maxLabels = MAX_LABELS,
    private readonly maxWork = MAX_WORK,
  ) {
    this.ensure(4096)
    this.resizeTable(1 << 12)
  }

  /**
   * The best values for agent `a` on days `from … to`, or undefined when a layer grows past the
   * label limit. Ties keep the earliest label found, which is deterministic. `untracked` is a bit
   * mask of shift types (indices below `MASKABLE_SHIFTS`, 31) whose maximum count the program may ignore: a relaxation
   * with far fewer labels, for a caller that checks the answer's counts and asks again with fewer
   * bits when one is exceeded (pricing); default 0, every count exact.
   */
  best(
    state: SearchState,
    a: number,
    from: number,
    to: number,
    hardWeight: number,
    force?: { readonly day: number; readonly value: number },
    costOf?: CellCost,
    untracked = 0,
  ): Int16Array | undefined {
    const p = prepare(state, a, from, to, hardWeight, force, costOf, untracked)
    if (p === undefined) return undefined
    const current = Int16Array.from({ length: to - from + 1 }, (_, k) =>
      force !== undefined && from + k === force.day ? force.value : state.get(a, from + k),
    )
    const bound = this.solve(p, current, Infinity)
    if (bound === undefined) return undefined
    // Relative slack: with large hard weights, rounding alone could otherwise prune the current row.
    return this.solve(p, undefined, bound.cost + EPS * Math.max(1, Math.abs(bound.cost)) * 1000)?.values
  }

  private solve(
    p: Problem,
    only: Int16Array | undefined,
    bound: number,
  ): { cost: number; values: Int16Array } | undefined {
    const c = p.state.c
    const { S } = c
    const a = p.a
    const width = p.to - p.from + 1
    const T = p.tracked.length
    const maxCons = c.maxConsecutive[a] ?? UNLIMITED
    const minCons = c.minConsecutive[a] ?? 1
    const minOff = c.minOff[a] ?? 1
    const maxWeekends = c.maxWeekends[a] ?? UNLIMITED
    const minMinutes = c.minMinutes[a] ?? 0
    const maxMinutes = c.maxMinutes[a] ?? Infinity
    const lambda = p.hardWeight
    const capRadix = Math.max(p.workCap, p.offCap) + 1
    const weekendRadix = width + 1
    const unit = c.minuteUnit
    const weekendBase = Math.max(0, p.outsideWeekends - maxWeekends)

    const startWork = this.work
    this.size = 0
    const start = this.push()
    this.cost[start] = 0
    this.parent[start] = -1
    this.value[start] = p.startLast
    this.length[start] = Math.min(p.startLength, p.startLast >= 0 ? p.workCap : p.offCap)
    this.open[start] = p.startOpen ? 1 : 0
    this.minutes[start] = 0
    this.weekends[start] = 0
    this.flag[start] = 0
    for (let t = 0; t < T; t++) this.counts[start * MAX_TRACKED + t] = 0
    let layerStart = start
    let layerEnd = start + 1
    const layerStarts = [layerStart]

    for (let k = 0; k < width; k++) {
      this.generation++
      const role = p.weekendRole[k] ?? -1
      const options = only === undefined ? (p.options[k] ?? Int16Array.of(OFF)) : only.subarray(k, k + 1)
      const daysLeft = width - 1 - k
      const restBase = p.futureBase[k + 1] ?? 0
      const prefixRow = (k + 1) * (width + 1)
      const restMin = p.futureMinMinutes[k + 1] ?? 0
      const restMax = p.futureMaxMinutes[k + 1] ?? 0
      const nextStart = this.size
      this.layerBase = nextStart
      this.work += (layerEnd - layerStart) * options.length
      for (let i = layerStart; i < layerEnd; i++) {
        const last = this.value[i] ?? OFF
        const length = this.length[i] ?? 0
        const open = this.open[i] ?? 0
        const base = this.cost[i] ?? 0
        for (const v of options) {
          let units = 0
          const working = v >= 0
          if (working && last >= 0 && last < S && (c.forbidden[last * S + v] ?? 0) === 1) units++
          let nextLength: number
          let nextOpen = open
          if (working === last >= 0) {
            nextLength = Math.min(length + 1, working ? p.workCap : p.offCap)
            if (working && length + 1 > maxCons) units++
          } else {
            if (open === 0) units += Math.max(0, (last >= 0 ? minCons : minOff) - length)
            nextLength = 1
            nextOpen = p.from + k === 0 ? 1 : 0
            if (working && 1 > maxCons) units++
          }
          let minutes = this.minutes[i] ?? 0
          if (working) minutes += (c.minutes[v] ?? 0) / p.minuteStep
          let weekends = this.weekends[i] ?? 0
          let flag = this.flag[i] ?? 0
          if (role >= 0) {
            const counted = role === 1 ? 0 : flag
            if (working && counted === 0) weekends++
            flag = counted === 1 || working ? 1 : 0
          }
          // A total that cannot reach its limit in the days left is as good as 0: merge those labels.
          if (p.outsideWeekends + weekends + (p.weekendsAhead[k] ?? 0) <= maxWeekends) weekends = 0
          let countKey = 0
          for (let t = 0; t < T; t++) {
            const budget = p.trackedBudget[t] ?? 0
            const n = (this.counts[i * MAX_TRACKED + t] ?? 0) + (v === p.tracked[t] ? 1 : 0)
            if (v === p.tracked[t] && n > budget) units++
            const kept = n + daysLeft <= budget ? 0 : Math.min(n, Math.max(0, budget) + 1)
            this.scratch[t] = kept
            countKey = countKey * (Math.max(0, budget) + 2) + kept
          }
          const cost = base + (p.cellCost[k * (S + 2) + v + 1] ?? 0) + lambda * units

          const total = p.outsideMinutes + minutes * p.minuteStep
          const low = total + restMin
          const high = total + restMax
          // Once every completion stays inside [min, max], the minutes worked no longer matter.
          const minuteKey = low >= minMinutes && high <= maxMinutes ? -1 : minutes
          const minutesGap = high < minMinutes ? minMinutes - high : low > maxMinutes ? low - maxMinutes : 0
          const weekendGap = Math.max(0, p.outsideWeekends + weekends - maxWeekends) - weekendBase
          let shifts = daysLeft
          if (p.shiftsLeft > 0)
            shifts = Math.max(0, Math.min(daysLeft, Math.floor((maxMinutes - total) / p.shiftsLeft)))
          const restCost = restBase - (p.gainPrefix[prefixRow + shifts] ?? 0)
          if (cost + restCost + lambda * (minutesGap / unit + weekendGap) > bound) continue

          const cls = working ? (c.successorClass[v] ?? v) + 1 : 0
          const keyA =
            ((((cls * capRadix + nextLength) * 2 + nextOpen) * 2 + flag) * weekendRadix + weekends) | 0
          const found = this.lookup(keyA, minuteKey, countKey)
          if (found >= 0) {
            if (cost < (this.cost[found] ?? 0)) {
              this.cost[found] = cost
              this.parent[found] = i
              this.value[found] = v
            }
            continue
          }
          const j = this.push()
          this.insert(keyA, minuteKey, countKey, j)
          this.cost[j] = cost
          this.parent[j] = i
          this.value[j] = v
          this.length[j] = nextLength
          this.open[j] = nextOpen
          this.minutes[j] = minutes
          this.weekends[j] = weekends
          this.flag[j] = flag
          for (let t = 0; t < T; t++) this.counts[j * MAX_TRACKED + t] = this.scratch[t] ?? 0
        }
      }
      if (this.size - nextStart > this.maxLabels || this.work - startWork > this.maxWork) return undefined
      layerStart = nextStart
      layerEnd = this.size
      layerStarts.push(layerStart)
      if (layerStart === layerEnd) return undefined
    }

    let bestLabel = -1
    let bestCost = Infinity
    for (let i = layerStart; i < layerEnd; i++) {
      const cost = (this.cost[i] ?? 0) + lambda * this.finalUnits(p, i, maxCons, minCons, minOff, weekendBase)
      if (cost < bestCost - EPS) {
        bestCost = cost
        bestLabel = i
      }
    }
    if (bestLabel < 0) return undefined
    const values = new Int16Array(width)
    for (let k = width - 1, i = bestLabel; k >= 0; k--) {
      values[k] = this.value[i] ?? OFF
      i = this.parent[i] ?? 0
    }
    return { cost: bestCost, values }
  }

  private readonly scratch = new Int16Array(MAX_TRACKED)

  /** Hard units settled at the end of the window: the run meeting the right context, minutes, weekends. */
  private finalUnits(
    p: Problem,
    i: number,
    maxCons: number,
    minCons: number,
    minOff: number,
    weekendBase: number,
  ): number {
    const c = p.state.c
    const a = p.a
    const S = c.S
    const last = this.value[i] ?? OFF
    const length = this.length[i] ?? 0
    const open = (this.open[i] ?? 0) === 1
    let units = 0
    if (p.to < c.H - 1) {
      const next = p.nextValue
      if (last >= 0 && last < S && next >= 0 && (c.forbidden[last * S + next] ?? 0) === 1) units++
      const working = last >= 0
      if (working === next >= 0) {
        const total = length + p.nextLength
        if (working) units += length >= maxCons ? p.nextLength : Math.max(0, total - maxCons)
        if (!open && !p.nextOpen) units += Math.max(0, (working ? minCons : minOff) - total)
      } else {
        if (!open) units += Math.max(0, (working ? minCons : minOff) - length)
        if (next >= 0) units += Math.max(0, p.nextLength - maxCons)
        if (!p.nextOpen) units += Math.max(0, (next >= 0 ? minCons : minOff) - p.nextLength)
      }
    }
    const minutes = p.outsideMinutes + (this.minutes[i] ?? 0) * p.minuteStep
    const min = c.minMinutes[a] ?? 0
    const max = c.maxMinutes[a] ?? Infinity
    units += (minutes < min ? min - minutes : minutes > max ? minutes - max : 0) / c.minuteUnit
    const weekends = p.outsideWeekends + (this.weekends[i] ?? 0)
    units += Math.max(0, weekends - (c.maxWeekends[a] ?? UNLIMITED)) - weekendBase
    return units
  }

  private push(): number {
    if (this.size === this.capacity) this.ensure(this.capacity * 2)
    return this.size++
  }

  private ensure(capacity: number): void {
    const grow = <TArray extends Float64Array | Int32Array | Int16Array | Uint8Array>(
      arr: TArray,
      n: number,
    ): TArray => {
      const next = new (arr.constructor as new (n: number) => TArray)(n)
      next.set(arr)
      return next
    }
    this.cost = grow(this.cost, capacity)
    this.parent = grow(this.parent, capacity)
    this.value = grow(this.value, capacity)
    this.length = grow(this.length, capacity)
    this.open = grow(this.open, capacity)
    this.minutes = grow(this.minutes, capacity)
    this.weekends = grow(this.weekends, capacity)
    this.flag = grow(this.flag, capacity)
    this.counts = grow(this.counts, capacity * MAX_TRACKED)
    this.capacity = capacity
  }

  private hash(keyA: number, keyB: number, keyC: number): number {
    let h =
      Math.imul(keyA, 0x9e3779b1) ^
      Math.imul(keyB + 0x7f4a7c15, 0x85ebca77) ^
      Math.imul(keyC + 0x165667b1, 0xc2b2ae3d)
    h ^= h >>> 15
    return h & (this.tableSize - 1)
  }

  /** Label with this key in the current layer, or -1. */
  private lookup(keyA: number, keyB: number, keyC: number): number {
    for (let h = this.hash(keyA, keyB, keyC); ; h = (h + 1) & (this.tableSize - 1)) {
      if (this.stamp[h] !== this.generation) return -1
      if (this.keyA[h] === keyA && this.keyB[h] === keyB && this.keyC[h] === keyC) return this.slot[h] ?? -1
    }
  }

  private insert(keyA: number, keyB: number, keyC: number, label: number): void {
    if (this.tableSize < 4 * (this.size - this.layerBase + 16)) this.resizeTable(this.tableSize * 4)
    let h = this.hash(keyA, keyB, keyC)
    while (this.stamp[h] === this.generation) h = (h + 1) & (this.tableSize - 1)
    this.stamp[h] = this.generation
    this.keyA[h] = keyA
    this.keyB[h] = keyB
    this.keyC[h] = keyC
    this.slot[h] = label
  }

  /** Grows the table; the current layer's entries are lost, so only grow between layers or re-insert. */
  private resizeTable(size: number): void {
    const old = { keyA: this.keyA, keyB: this.keyB, keyC: this.keyC, slot: this.slot, stamp: this.stamp }
    this.tableSize = size
    this.keyA = new Int32Array(size)
    this.keyB = new Int32Array(size)
    this.keyC = new Int32Array(size)
    this.slot = new Int32Array(size)
    this.stamp = new Int32Array(size)
    for (let h = 0; h < old.stamp.length; h++) {
      if (old.stamp[h] !== this.generation) continue
      this.insert(old.keyA[h] ?? 0, old.keyB[h] ?? 0, old.keyC[h] ?? 0, old.slot[h] ?? 0)
    }
  }
}

type Problem = {
  readonly state: SearchState
  readonly a: number
  readonly from: number
  readonly to: number
  readonly hardWeight: number
  /** Per window day: the values it may take. */
  readonly options: readonly Int16Array[]
  /** `cellCost[k * (S + 2) + v + 1]`: soft cost of value v on window day k. */
  readonly cellCost: Float64Array
  readonly startLast: number
  readonly startLength: number
  readonly startOpen: boolean
  readonly nextValue: number
  readonly nextLength: number
  readonly nextOpen: boolean
  readonly workCap: number
  readonly offCap: number
  readonly minuteStep: number
  readonly outsideMinutes: number
  readonly outsideWeekends: number
  /** Per window day: -1 if the day cannot add a worked weekend, 1 if it starts its weekend in the window, else 0. */
  readonly weekendRole: Int8Array
  /** Per window day k: weekends that days after k could still add (an upper bound). */
  readonly weekendsAhead: Int32Array
  /** Tracked shift types, their remaining budget (max − count outside the window). */
  readonly tracked: Int16Array
  readonly trackedBudget: Int32Array
  /** Position of each shift in `tracked`, or -1. */
  readonly trackedIndex: Int8Array
  /** From window day k on: least sum of cell costs, least and most minutes (for bounds). */
  readonly futureBase: Float64Array
  /** `gainPrefix[k * (width + 1) + m]`: the m largest gains of working on days k…, summed. */
  readonly gainPrefix: Float64Array
  /** Shortest shift for counting the shifts the minutes maximum still allows, or 0 to not count them. */
  readonly shiftsLeft: number
  readonly futureMinMinutes: Float64Array
  readonly futureMaxMinutes: Float64Array
}

function prepare(
  state: SearchState,
  a: number,
  from: number,
  to: number,
  hardWeight: number,
  force: { readonly day: number; readonly value: number } | undefined,
  costOf: CellCost | undefined,
  untracked: number,
): Problem | undefined {
  const c = state.c
  const { H, S } = c
  const choices = Int16Array.from([OFF, ...(c.eligible[a] ?? [])])
  const width = to - from + 1
  const options: Int16Array[] = []
  const cellCost = new Float64Array(width * (S + 2))
  let windowMinutes = 0
  const windowCounts = new Int32Array(S)
  for (let d = from; d <= to; d++) {
    const current = state.get(a, d)
    if (current >= 0) {
      windowMinutes += c.minutes[current] ?? 0
      windowCounts[current] = (windowCounts[current] ?? 0) + 1
    }
  }

  const tracked: number[] = []
  const trackedBudget: number[] = []
  const trackedIndex = new Int8Array(S).fill(-1)
  for (const s of c.eligible[a] ?? []) {
    const budget = (c.maxShifts[a * S + s] ?? 0) - ((state.counts[a * S + s] ?? 0) - (windowCounts[s] ?? 0))
    if (budget >= width || (s < MASKABLE_SHIFTS && (untracked & (1 << s)) !== 0)) continue
    if (tracked.length === MAX_TRACKED) return undefined
    trackedIndex[s] = tracked.length
    tracked.push(s)
    trackedBudget.push(budget)
  }

  // Shifts that behave alike (and are not counted separately) differ only in cost: keep the cheapest.
  const cheapest = new Map<number, number>()
  for (let k = 0; k < width; k++) {
    const d = from + k
    const fixed = c.fixed[a * H + d] ?? FREE
    const values =
      force !== undefined && force.day === d
        ? Int16Array.of(force.value)
        : fixed === FREE
          ? choices
          : Int16Array.of(fixed)
    cheapest.clear()
    for (const v of values) {
      const cost = (costOf ?? cellSoftCost)(state, a, d, v)
      cellCost[k * (S + 2) + v + 1] = cost
      const group = v < 0 ? -1 : (trackedIndex[v] ?? -1) >= 0 ? S + v : (c.behaviourClass[v] ?? v)
      const kept = cheapest.get(group)
      if (kept === undefined || cost < (cellCost[k * (S + 2) + kept + 1] ?? 0)) cheapest.set(group, v)
    }
    options.push(values.length === cheapest.size ? values : Int16Array.from(cheapest.values()))
  }

  const { outsideWeekends, weekendRole, weekendsAhead } = weekendContext(state, a, from, to)
  const history = c.historyWorked[a] ?? 0
  let startLast: number
  let startLength: number
  let startOpen: boolean
  if (from > 0) {
    startLast = state.get(a, from - 1)
    const runStart = state.runStart(a, from - 1)
    startOpen = runStart === 0
    startLength = from - runStart + (startOpen && startLast >= 0 ? history : 0)
  } else {
    const last = c.historyLast[a] ?? OFF
    startLast = last >= 0 ? last : history > 0 ? S : OFF
    startLength = startLast >= 0 ? history : 1
    startOpen = true
  }
  let nextValue = OFF
  let nextLength = 0
  let nextOpen = true
  if (to < H - 1) {
    nextValue = state.get(a, to + 1)
    const runEnd = state.runEnd(a, to + 1)
    nextLength = runEnd - to
    nextOpen = runEnd === H - 1
  }

  const futureMinMinutes = new Float64Array(width + 1)
  const futureMaxMinutes = new Float64Array(width + 1)
  // Bound on the cost of days k…: every day at its off cost, minus the best `m` gains of working
  // instead, where m is how many more shifts the minutes maximum allows.
  const futureBase = new Float64Array(width + 1)
  const gains: number[] = []
  const gainPrefix = new Float64Array((width + 1) * (width + 1))
  let shortestShift = Infinity
  let maxGain = 0
  for (let k = width - 1; k >= 0; k--) {
    let offCost = Infinity
    let workCost = Infinity
    let least = Infinity
    let most = 0
    for (const v of options[k] ?? []) {
      const cost = cellCost[k * (S + 2) + v + 1] ?? 0
      if (v < 0) offCost = cost
      else workCost = Math.min(workCost, cost)
      const m = v >= 0 ? (c.minutes[v] ?? 0) : 0
      if (v >= 0) shortestShift = Math.min(shortestShift, m)
      least = Math.min(least, m)
      most = Math.max(most, m)
    }
    futureBase[k] = (futureBase[k + 1] ?? 0) + (offCost === Infinity ? workCost : offCost)
    if (offCost !== Infinity && workCost < offCost) {
      const gain = offCost - workCost
      maxGain = Math.max(maxGain, gain)
      let at = gains.length
      while (at > 0 && (gains[at - 1] ?? 0) < gain) at--
      gains.splice(at, 0, gain)
    }
    let sum = 0
    for (let m = 0; m <= width; m++) {
      sum += gains[m - 1] ?? 0
      gainPrefix[k * (width + 1) + m] = sum
    }
    futureMinMinutes[k] = (futureMinMinutes[k + 1] ?? 0) + least
    futureMaxMinutes[k] = (futureMaxMinutes[k + 1] ?? 0) + most
  }
  // The budget only binds if exceeding the minutes maximum by a shift costs more than any gain.
  const budgeted =
    shortestShift > 0 && shortestShift !== Infinity && (hardWeight * shortestShift) / c.minuteUnit >= maxGain
  const maxCons = c.maxConsecutive[a] ?? UNLIMITED
  const minutes = options.flatMap(values => [...values].filter(v => v >= 0).map(v => c.minutes[v] ?? 0))
  return {
    state,
    a,
    from,
    to,
    hardWeight,
    options,
    cellCost,
    startLast,
    startLength,
    startOpen,
    nextValue,
    nextLength,
    nextOpen,
    workCap: Math.max(c.minConsecutive[a] ?? 1, maxCons >= UNLIMITED ? 1 : maxCons + 1),
    offCap: Math.max(c.minOff[a] ?? 1, 1),
    minuteStep: minutes.filter(m => m > 0).reduce(gcd, 0) || 1,
    outsideMinutes: (state.workedMinutes[a] ?? 0) - windowMinutes,
    outsideWeekends,
    weekendRole,
    weekendsAhead,
    tracked: Int16Array.from(tracked),
    trackedBudget: Int32Array.from(trackedBudget),
    trackedIndex,
    futureBase,
    gainPrefix,
    shiftsLeft: budgeted ? shortestShift : 0,
    futureMinMinutes,
    futureMaxMinutes,
  }
}

/** The soft cost of agent a holding value v on day d; by default the change in the real objective. */
export type CellCost = (state: SearchState, a: number, d: number, v: number) => number

/** Soft cost of agent a holding v on day d, with everyone else as they are. */
function cellSoftCost(state: SearchState, a: number, d: number, v: number): number {
  const c = state.c
  const { H, S, E } = c
  const i = a * H + d
  let cost = 0
  for (let r = c.reqStart[i] ?? 0, end = c.reqStart[i + 1] ?? 0; r < end; r++) {
    const shift = c.reqShift[r] ?? OFF
    if ((c.reqOn[r] ?? 0) === 1 ? shift !== v : shift === v) cost += c.reqWeight[r] ?? 0
  }
  if (v < 0) return cost
  const current = state.grid[i] ?? OFF
  const key = d * S + v
  for (let k = c.lineStart[key] ?? 0, end = c.lineStart[key + 1] ?? 0; k < end; k++) {
    const l = c.lineIds[k] ?? 0
    const g = c.lineGroup[l] ?? -1
    if (g >= 0 && (c.member[g * E + a] ?? 0) === 0) continue
    const others = (state.lineCount[l] ?? 0) - (current === v ? 1 : 0)
    const target = c.lineTarget[l] ?? 0
    cost += others + 1 <= target ? -(c.lineUnder[l] ?? 0) : (c.lineOver[l] ?? 0)
  }
  return cost
}

function weekendContext(
  state: SearchState,
  a: number,
  from: number,
  to: number,
): { outsideWeekends: number; weekendRole: Int8Array; weekendsAhead: Int32Array } {
  const c = state.c
  const width = to - from + 1
  const weekendRole = new Int8Array(width).fill(-1)
  const insideWorked = new Map<number, number>()
  for (let d = from; d <= to; d++) {
    const w = c.weekendOf[d] ?? -1
    if (w >= 0 && state.get(a, d) >= 0) insideWorked.set(w, (insideWorked.get(w) ?? 0) + 1)
  }
  let outsideWeekends = state.weekendsWorked[a] ?? 0
  for (const [w, n] of insideWorked) {
    if ((state.weekendDays[a * c.W + w] ?? 0) === n) outsideWeekends--
  }
  const seen = new Set<number>()
  for (let d = from; d <= to; d++) {
    const w = c.weekendOf[d] ?? -1
    if (w < 0) continue
    const outside = (state.weekendDays[a * c.W + w] ?? 0) - (insideWorked.get(w) ?? 0)
    if (outside > 0) continue
    weekendRole[d - from] = seen.has(w) ? 0 : 1
    seen.add(w)
  }
  const weekendsAhead = new Int32Array(width)
  const ahead = new Set<number>()
  for (let k = width - 1; k >= 0; k--) {
    weekendsAhead[k] = ahead.size
    if ((weekendRole[k] ?? -1) >= 0) ahead.add(c.weekendOf[from + k] ?? -1)
  }
  return { outsideWeekends, weekendRole, weekendsAhead }
}

function gcd(x: number, y: number): number {
  return y === 0 ? x : gcd(y, x % y)
}
