import { OFF } from '../model'
import { FREE } from './compiled'
import { WindowSolver } from './dp'
import type { Column } from './prices'
import type { Rng } from './rng'
import type { SearchState } from './state'

/**
 * What moves need besides the state: the random source, per-agent free days and choices, and the
 * current hard weight (ruin-and-recreate scores its greedy choices with it).
 */
export type MoveContext = {
  readonly state: SearchState
  readonly rng: Rng
  /** Per agent: the days the search may change (not pinned, not a day off). */
  readonly freeDays: readonly Int32Array[]
  /** Per agent: OFF followed by the eligible shifts. */
  readonly choices: readonly Int16Array[]
  /** Longest block a block move touches, in days. */
  readonly maxBlock: number
  /** Longest window the dynamic-programming moves re-optimise, in days; shrinks when programs get expensive. */
  maxWindow: number
  /** Upper limit of `maxWindow`. */
  readonly windowCap: number
  readonly windows: WindowSolver
  /** Per agent: candidate rows from the price phase (empty until it runs). */
  pools: ReadonlyArray<readonly Column[]>
  hardWeight: number
  /** Cells (`a × H + d`) holding at least one request, for the request moves. */
  readonly requestCells: Int32Array
}

/** A move writes cells through the state (so it can be undone) and returns false if it found nothing to do. */
export type Move = (ctx: MoveContext) => boolean

/** Builds the per-agent free days and value choices of a state's model. */
export function moveContext(state: SearchState, rng: Rng, hardWeight: number): MoveContext {
  const c = state.c
  const freeDays = Array.from({ length: c.E }, (_, a) =>
    Int32Array.from({ length: c.H }, (_, d) => d).filter(d => c.fixed[a * c.H + d] === FREE),
  )
  const choices = c.eligible.map(shifts => Int16Array.from([OFF, ...shifts]))
  return {
    state,
    rng,
    freeDays,
    choices,
    maxBlock: Math.min(c.H, 7),
    maxWindow: Math.min(c.H, 28),
    windowCap: Math.min(c.H, 28),
    windows: new WindowSolver(),
    pools: [],
    hardWeight,
    requestCells: Int32Array.from({ length: c.E * c.H }, (_, i) => i).filter(
      i => (c.reqStart[i + 1] ?? 0) > (c.reqStart[i] ?? 0) && c.fixed[i] === FREE,
    ),
  }
}

/** Picks an agent: one with hard violations half the time when there are any, else uniformly. */
export function pickAgent(ctx: MoveContext): number {
  const { state, rng } = ctx
  const E = state.c.E
  const a = rng.int(E)
  if (state.hard === 0 || rng.next() < 0.5) return a
  for (let k = 0; k < E; k++) {
    const b = (a + k) % E
    if ((state.agentHard[b] ?? 0) > 1e-9) return b
  }
  return a
}

/** Gives one free cell a different value (a shift the agent is eligible for, or off). */
export const changeCell: Move = ctx => {
  const a = pickAgent(ctx)
  const days = ctx.freeDays[a]
  const choices = ctx.choices[a]
  if (days === undefined || days.length === 0 || choices === undefined || choices.length < 2) return false
  const d = days[ctx.rng.int(days.length)] ?? 0
  const current = ctx.state.get(a, d)
  let v = choices[ctx.rng.int(choices.length - 1)] ?? OFF
  if (v === current) v = choices[choices.length - 1] ?? OFF
  ctx.state.set(a, d, v)
  return true
}

/** Swaps the cells of two agents on one day; cover is unchanged unless groups differ. */
export const swapDay: Move = ctx => swapBlockOf(ctx, 1)

/** Swaps the cells of two agents over a block of consecutive days. */
export const swapBlock: Move = ctx => swapBlockOf(ctx, 2 + ctx.rng.int(Math.max(1, ctx.maxBlock - 1)))

function swapBlockOf(ctx: MoveContext, length: number): boolean {
  const { state, rng } = ctx
  const { E, H } = state.c
  if (E < 2) return false
  const a = pickAgent(ctx)
  let b = rng.int(E - 1)
  if (b >= a) b++
  const start = rng.int(Math.max(1, H - length + 1))
  const end = Math.min(H, start + length)
  let changed = false
  for (let d = start; d < end; d++) changed = swapCells(state, a, b, d) || changed
  return changed
}

/** Sets a block of one agent's free days to off, or to one shift. */
export const assignBlock: Move = ctx => {
  const { state, rng } = ctx
  const a = pickAgent(ctx)
  const choices = ctx.choices[a]
  if (choices === undefined) return false
  const v = choices[rng.int(choices.length)] ?? OFF
  const length = 1 + rng.int(ctx.maxBlock)
  const start = rng.int(Math.max(1, state.c.H - length + 1))
  let changed = false
  for (let d = start; d < Math.min(state.c.H, start + length); d++) {
    if (state.c.fixed[a * state.c.H + d] !== FREE || state.get(a, d) === v) continue
    state.set(a, d, v)
    changed = true
  }
  return changed
}

/**
 * Moves the boundary of a work or off run of one agent by one or more days: the neighbour of a run
 * takes the run's value (a worked day copies the shift next to it).
 */
export const shiftRunEdge: Move = ctx => {
  const { state, rng } = ctx
  const a = pickAgent(ctx)
  const days = ctx.freeDays[a]
  if (days === undefined || days.length === 0) return false
  const H = state.c.H
  const d = days[rng.int(days.length)] ?? 0
  const forward = rng.next() < 0.5
  const edge = forward ? state.runEnd(a, d) : state.runStart(a, d)
  const steps = 1 + rng.int(2)
  let changed = false
  for (let k = 1; k <= steps; k++) {
    const target = forward ? edge + k : edge - k
    if (target < 0 || target >= H || state.c.fixed[a * H + target] !== FREE) break
    const v = state.get(a, forward ? target - 1 : target + 1)
    if (v >= 0 && (state.c.maxShifts[a * state.c.S + v] ?? 0) === 0) break
    state.set(a, target, v)
    changed = true
  }
  return changed
}

/**
 * Ruin and recreate: clears a window of days for a few agents, then refills the cells one by one
 * (in random order) with the value that scores best at the current hard weight.
 */
export const ruinRecreate: Move = ctx => {
  const { state, rng } = ctx
  const { E, H, fixed } = state.c
  const width = Math.min(H, 2 + rng.int(ctx.maxBlock + 3))
  const start = rng.int(H - width + 1)
  const agents = pickAgents(ctx, Math.min(E, 2 + rng.int(3)))
  const cells: number[] = []
  for (const a of agents) {
    for (let d = start; d < start + width; d++) {
      if (fixed[a * H + d] !== FREE) continue
      state.set(a, d, OFF)
      cells.push(a * H + d)
    }
  }
  if (cells.length === 0) return false
  shuffle(cells, rng)
  for (const cell of cells) {
    const a = Math.floor(cell / H)
    const d = cell % H
    greedyCell(ctx, a, d)
  }
  return true
}

/** Sets cell (a, d) to the choice with the best score (ties broken by the first seen). */
export function greedyCell(ctx: MoveContext, a: number, d: number): void {
  const { state } = ctx
  const choices = ctx.choices[a]
  if (choices === undefined) return
  let bestValue = state.get(a, d)
  let best = state.score(ctx.hardWeight)
  for (const v of choices) {
    if (v === bestValue) continue
    state.set(a, d, v)
    const score = state.score(ctx.hardWeight)
    if (score < best - 1e-9) {
      best = score
      bestValue = v
    }
  }
  state.set(a, d, bestValue)
}

function pickAgents(ctx: MoveContext, count: number): number[] {
  const picked = new Set<number>([pickAgent(ctx)])
  while (picked.size < count) picked.add(ctx.rng.int(ctx.state.c.E))
  return [...picked]
}

function shuffle(items: number[], rng: Rng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1)
    const t = items[i] ?? 0
    items[i] = items[j] ?? 0
    items[j] = t
  }
}

/**
 * Replaces a window of one agent's row by the best one given everyone else (`bestWindow`): exact for
 * every built-in rule, so it repairs run-length and minutes violations that single-cell moves cannot.
 */
export const reoptimizeWindow: Move = ctx => {
  const { state, rng } = ctx
  const H = state.c.H
  const width = windowWidth(ctx)
  const from = rng.int(H - width + 1)
  return applyBestWindow(ctx, pickAgent(ctx), from, from + width - 1)
}

/** Window widths from 3 days to `maxWindow`, mostly short: the program's cost grows fast with width. */
function windowWidth(ctx: MoveContext): number {
  const r = ctx.rng.next()
  return Math.min(ctx.state.c.H, 3 + Math.floor(r * r * Math.max(1, ctx.maxWindow - 2)))
}

/** Work (label transitions) per window above which windows shrink, and below a quarter of which they grow. */
const WINDOW_WORK = 100_000

/** Keeps dynamic programs affordable: shorter windows after an expensive one, longer after cheap ones. */
export function adaptWindow(ctx: MoveContext, work: number, width: number): void {
  if (work > WINDOW_WORK) ctx.maxWindow = Math.max(3, Math.min(ctx.maxWindow, width) - 1)
  else if (work < WINDOW_WORK / 4 && width >= ctx.maxWindow)
    ctx.maxWindow = Math.min(ctx.windowCap, ctx.maxWindow + 1)
}

function applyBestWindow(
  ctx: MoveContext,
  a: number,
  from: number,
  to: number,
  force?: { readonly day: number; readonly value: number },
): boolean {
  const work = ctx.windows.work
  const values = ctx.windows.best(ctx.state, a, from, to, ctx.hardWeight, force)
  adaptWindow(ctx, values === undefined ? Infinity : ctx.windows.work - work, to - from + 1)
  if (values === undefined) return false
  let changed = false
  for (let d = from; d <= to; d++) {
    const v = values[d - from] ?? OFF
    if (ctx.state.get(a, d) === v) continue
    ctx.state.set(a, d, v)
    changed = true
  }
  return changed
}

/**
 * Repairs an agent with hard violations: re-optimises a window around its first broken run or
 * succession (or a random window when only totals are off, which any window can fix).
 */
export const repairAgent: Move = ctx => {
  const { state, rng } = ctx
  const { E, H } = state.c
  if (state.hard === 0) return false
  let a = -1
  for (let k = 0, start = rng.int(E); k < E; k++) {
    const b = (start + k) % E
    if ((state.agentHard[b] ?? 0) > 1e-9) {
      a = b
      break
    }
  }
  if (a < 0) return false
  const width = Math.min(H, ctx.maxWindow)
  const day = firstLocalViolation(state, a)
  const centre = day >= 0 ? day : rng.int(H)
  const from = Math.max(0, Math.min(H - width, centre - (width >> 1)))
  return applyBestWindow(ctx, a, from, from + width - 1)
}

/** First day of a run or succession violation of agent a, or -1 when its runs and successions are fine. */
function firstLocalViolation(state: SearchState, a: number): number {
  const { H } = state.c
  let start = 0
  for (let d = 0; d < H; d = start) {
    const end = state.runEnd(a, d)
    if (state.runPenalty(a, start, end) > 0) return start
    const v = state.get(a, end)
    const next = end + 1 < H ? state.get(a, end + 1) : OFF
    if (v >= 0 && next >= 0 && (state.c.forbidden[v * state.c.S + next] ?? 0) === 1) return end
    start = end + 1
  }
  return -1
}

/**
 * An ejection chain: an agent takes a short-staffed cell and the dynamic program rebuilds a window of
 * its row around it (usually giving up a shift elsewhere); another agent then takes the cell that left
 * short, and so on for a few steps. Each step alone may worsen the roster; the chain is judged whole.
 */
export const coverChain: Move = ctx => {
  const { state, rng } = ctx
  const c = state.c
  let target = underCoveredLine(ctx)
  if (target < 0) return false
  const used = new Set<number>()
  let changed = false
  for (let step = 0; step < 3 && target >= 0; step++) {
    const line = target
    const day = c.lineDay[line] ?? 0
    const shift = c.lineShift[line] ?? 0
    const a = agentFor(ctx, line, used)
    if (a < 0) break
    used.add(a)
    const width = Math.min(c.H, 5 + rng.int(10))
    const from = Math.max(0, Math.min(c.H - width, day - rng.int(width)))
    const before = Int16Array.from({ length: width }, (_, k) => state.get(a, from + k))
    if (!applyBestWindow(ctx, a, from, from + width - 1, { day, value: shift })) break
    changed = true
    target = -1
    // The next link fills a line this agent left short, if any.
    for (let k = 0, offset = rng.int(width); k < width; k++) {
      const d = from + ((offset + k) % width)
      const old = before[d - from] ?? OFF
      if (old < 0 || state.get(a, d) === old) continue
      const hole = shortLine(state, a, d, old)
      if (hole >= 0) {
        target = hole
        break
      }
    }
  }
  return changed
}

/** A random cover line below target, or -1 (tries a bounded number of random lines). */
function underCoveredLine(ctx: MoveContext): number {
  const { state, rng } = ctx
  const L = state.lineCount.length
  if (L === 0) return -1
  for (let tries = 0; tries < 64; tries++) {
    const l = rng.int(L)
    if ((state.lineCount[l] ?? 0) < (state.c.lineTarget[l] ?? 0)) return l
  }
  return -1
}

/** A line on (d, s) counting agent a that is now below target, or -1. */
function shortLine(state: SearchState, a: number, d: number, s: number): number {
  const c = state.c
  const key = d * c.S + s
  for (let k = c.lineStart[key] ?? 0, end = c.lineStart[key + 1] ?? 0; k < end; k++) {
    const l = c.lineIds[k] ?? 0
    const g = c.lineGroup[l] ?? -1
    if (g >= 0 && (c.member[g * c.E + a] ?? 0) === 0) continue
    if ((state.lineCount[l] ?? 0) < (c.lineTarget[l] ?? 0)) return l
  }
  return -1
}

/** A random agent who counts toward the line, may work its shift that day and does not yet; -1 if none. */
function agentFor(ctx: MoveContext, line: number, used: ReadonlySet<number>): number {
  const { state, rng } = ctx
  const c = state.c
  const day = c.lineDay[line] ?? 0
  const shift = c.lineShift[line] ?? 0
  const g = c.lineGroup[line] ?? -1
  for (let k = 0, start = rng.int(c.E); k < c.E; k++) {
    const a = (start + k) % c.E
    if (used.has(a) || (g >= 0 && (c.member[g * c.E + a] ?? 0) === 0)) continue
    if ((c.maxShifts[a * c.S + shift] ?? 0) === 0 || c.fixed[a * c.H + day] !== FREE) continue
    if (state.get(a, day) !== shift) return a
  }
  return -1
}

/**
 * Gives an agent (sometimes two) one of its pooled rows from the price phase: a large move that keeps
 * each agent's own rules, since pooled rows were built to respect them.
 */
export const poolColumn: Move = ctx => {
  const first = applyColumn(ctx, pickAgent(ctx))
  const second = ctx.rng.next() < 0.3 && applyColumn(ctx, ctx.rng.int(ctx.state.c.E))
  return first || second
}

function applyColumn(ctx: MoveContext, a: number): boolean {
  const pool = ctx.pools[a]
  if (pool === undefined || pool.length === 0) return false
  const column = pool[ctx.rng.int(pool.length)]
  if (column === undefined) return false
  let changed = false
  column.values.forEach((v, k) => {
    if (ctx.state.get(a, column.from + k) === v) return
    ctx.state.set(a, column.from + k, v)
    changed = true
  })
  return changed
}

/** Swaps the cells of agents a and b on day d when both may take the other's value; false if nothing moved. */
function swapCells(state: SearchState, a: number, b: number, d: number): boolean {
  const { H, S, fixed, maxShifts } = state.c
  if (fixed[a * H + d] !== FREE || fixed[b * H + d] !== FREE) return false
  const va = state.get(a, d)
  const vb = state.get(b, d)
  if (va === vb) return false
  if (vb >= 0 && (maxShifts[a * S + vb] ?? 0) === 0) return false
  if (va >= 0 && (maxShifts[b * S + va] ?? 0) === 0) return false
  state.set(a, d, vb)
  state.set(b, d, va)
  return true
}

/** Days either side of a granted request where `requestSwap` looks for the day to swap back (a week). */
const SWAP_BACK_REACH = 7

/**
 * Grants a broken request by a swap: the requester takes the cell of someone who has what it asked for
 * (the shift, or any other value for a request to be off) on that day; the second agent's week is
 * evened out by swapping back on the best nearby day (chosen by score at the current hard weight).
 */
export const requestSwap: Move = ctx => {
  const { state, rng } = ctx
  const c = state.c
  const cells = ctx.requestCells
  if (cells.length === 0 || c.E < 2) return false
  const cell = cells[rng.int(cells.length)] ?? 0
  const a = Math.floor(cell / c.H)
  const d = cell % c.H
  const r =
    (c.reqStart[cell] ?? 0) + rng.int(Math.max(1, (c.reqStart[cell + 1] ?? 0) - (c.reqStart[cell] ?? 0)))
  const shift = c.reqShift[r] ?? OFF
  const on = (c.reqOn[r] ?? 0) === 1
  const current = state.get(a, d)
  if (on ? current === shift : current !== shift) return false
  for (let k = 0, start = rng.int(c.E); k < c.E; k++) {
    const b = (start + k) % c.E
    if (b === a) continue
    const vb = state.get(b, d)
    if (on ? vb !== shift : vb === shift) continue
    if (!swapCells(state, a, b, d)) continue
    const mark = state.mark()
    let bestDay = -1
    let bestScore = state.score(ctx.hardWeight)
    for (let x = Math.max(0, d - SWAP_BACK_REACH); x <= Math.min(c.H - 1, d + SWAP_BACK_REACH); x++) {
      if (x === d || !swapCells(state, a, b, x)) continue
      const score = state.score(ctx.hardWeight)
      if (score < bestScore) {
        bestScore = score
        bestDay = x
      }
      state.undoTo(mark)
    }
    if (bestDay >= 0) swapCells(state, a, b, bestDay)
    return true
  }
  return false
}
