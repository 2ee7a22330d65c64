import { checkRoster } from '../engine/check'
import { FREE } from '../engine/compiled'
import { createRng } from '../engine/rng'
import { provenFloor, softWeights } from '../engine/search'
import { OFF } from '../model'
import type { Model, Roster } from '../model'
import type { MasterLp } from './master'
import { cellKey, Generation } from './price-and-dive'

/** Options of {@link branchAndPrice}. */
export type BranchAndPriceOptions = {
  /** Wall-clock budget in seconds. Default 10. */
  readonly seconds?: number
  /**
   * The best objective known elsewhere (e.g. a local search running beside this one), read at every
   * node: nodes whose bound cannot beat it are pruned. Default: only this search's own best.
   */
  readonly upperBound?: () => number
  /** Called with every roster better than the best so far (e.g. to hand it to a local search). */
  readonly onImproved?: (roster: number[][], objective: number) => void
  /**
   * Called with the root's proven floor once column generation has converged there: its lower bound,
   * rounded up when every weight is an integer (then every objective is one).
   */
  readonly onBound?: (bound: number) => void
  /**
   * Share of the free cells fixed at once while the dive stays on the root's bound (the cells the LP
   * has decided, plus the most decided fractional ones). Default 0.03.
   */
  readonly bulkShare?: number
  /** Nodes one pass may search before the next pass starts (see `branchAndPrice`). Default 100. */
  readonly passNodes?: number
  /**
   * Gives up (note 'pricing too slow for this model') when one pricing round at the root takes longer
   * than this share of the budget: the root needs tens of rounds. Default 0.05.
   */
  readonly maxRoundShare?: number
  /**
   * Rows to start the column pool with, per agent (`columns[agent]`), besides the start roster's:
   * e.g. another branch and price's root pool (`onRoot`), so that this root converges in a few rounds.
   */
  readonly columns?: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>
  /**
   * Number of the first pass, which seeds the jitter of the cell order (pass 0 has none). A second
   * branch and price beside this one starts elsewhere (e.g. 1000) and so dives into other subtrees.
   * Default 0.
   */
  readonly firstPass?: number
  /**
   * At a pass's start, once the pool holds more than this many times the root's rows, the rows
   * generated below the root that no node's LP has used in the last two passes are removed (a smaller
   * master re-solves faster at every node). Default 2; Infinity keeps every row.
   */
  readonly purgeFactor?: number
  /**
   * When set, the slack goes back to its first value (4) instead of rising past this, and the search
   * never runs the last, unlimited pass: a pure diver, e.g. beside a search that proves (a last pass
   * on a flat LP is one long depth-first dive into a single subtree). Default: no limit.
   */
  readonly maxSlack?: number
  /** Called once the root has converged, with every row in the pool per agent (see `columns`). */
  readonly onRoot?: (rows: number[][][]) => void
  readonly signal?: AbortSignal
  /** Clock in milliseconds. Default `performance.now`. */
  readonly now?: () => number
}

/** What {@link branchAndPrice} found. */
export type BranchAndPriceResult = {
  /** The best roster found by the search (every column meets its agent's hard rules), or the start. */
  readonly roster: number[][]
  readonly objective: number
  /** True when the search found a roster better than the start. */
  readonly improved: boolean
  /** The root's lower bound (LP plus every agent's least reduced cost), undefined when pricing never completed. */
  readonly bound: number | undefined
  /** True when the whole tree was searched: no roster beats `objective` (or the upper bound given). */
  readonly exhausted: boolean
  readonly nodes: number
  /** Rows removed from the pool (see `purgeFactor`). */
  readonly purged: number
  /** Why it stopped early, empty otherwise. */
  readonly note: string
  readonly elapsedMs: number
}

/** Nodes a pass with a slack may search before the next pass starts (the last pass is not limited). */
const PASS_NODES = 100
/** The slack of the second pass; it doubles every `PASSES_PER_SLACK` passes after that. */
const FIRST_SLACK = 4
/** Passes per slack above 0, each from the root with its own jitter (see `Tree.branching`). */
const PASSES_PER_SLACK = 3
/** Largest random amount added to a fractional cell's LP value when ordering cells, after the first pass. */
const JITTER = 0.2
/** See `BranchAndPriceOptions.purgeFactor`. */
const PURGE_FACTOR = 2
/** A row below the root is removed once no node's LP has used it in this many passes. */
const PURGE_PASSES = 2
/** Pricing rounds per node before branching anyway. */
const NODE_ROUNDS = 30
/** With integer weights, pricing stops when no column can lower the LP by more than this. */
const CONVERGED = 0.5
/** A cell whose LP value is at least this counts as decided. */
const DECIDED = 0.999

type Cell = { readonly a: number; readonly d: number; readonly v: number }
/** A branching decision: cells fixed in bulk (retried one by one when it fails), or one cell fixed or forbidden. */
type Decision = {
  readonly kind: 'bulk' | 'fix' | 'forbid'
  readonly cells: readonly Cell[]
  /** Of a bulk slice: the share of free cells it was cut at. */
  readonly share?: number
}

/**
 * Branch and price on the set-partitioning form of a model without soft terms (one column = one
 * agent's whole row, cover soft): column generation at every node (`Generation`: HiGHS master in a
 * worker, the engine's row program as pricing), branching on cells — first "agent a works v on day
 * d", then "not v", for a fractional cell of the scarcest shift (the most LP under-cover) that the LP
 * has most nearly decided. While the LP stays on the root's
 * bound, whole slices of decided cells are fixed at once; a slice that lifts the bound past the best
 * roster is undone and retried one cell at a time. Depth first; a node is pruned when its bound
 * (rounded up when every weight is an integer) cannot beat the best roster known here or `upperBound()`,
 * as soon as a complete pricing round shows it (before its column generation converges).
 * Every node's LP is also rounded (each agent's largest column) into a roster, so rosters come early.
 *
 * Returns the start roster unchanged (with a `note`) when the model has soft terms, the start breaks a
 * hard rule, or pricing is too slow for the model's size.
 * @example (await branchAndPrice(model, solve(model, { seconds: 5 }).roster, { seconds: 55 })).objective
 */
export async function branchAndPrice(
  model: Model,
  start: Roster,
  options: BranchAndPriceOptions = {},
): Promise<BranchAndPriceResult> {
  const now = options.now ?? (() => performance.now())
  const started = now()
  const deadline = started + (options.seconds ?? 10) * 1000
  const first = checkRoster(model, start)
  const result = {
    roster: start.map(row => [...row]),
    objective: first.objective,
    improved: false,
    bound: undefined as number | undefined,
    exhausted: false,
    nodes: 0,
    purged: 0,
    note: '',
  }
  const done = (): BranchAndPriceResult => ({ ...result, elapsedMs: now() - started })
  if (first.hard > 0) return { ...done(), note: 'start roster infeasible' }
  if ((model.terms ?? []).some(t => !t.hard)) return { ...done(), note: 'soft terms are not priced' }
  if (model.agents.length === 0) return { ...done(), note: 'no agents' }
  const tree = new Tree(model, start, now)
  tree.pass = options.firstPass ?? 0
  options.columns?.forEach((rows, a) => {
    for (const row of rows) tree.gen.pool.add(a, Int16Array.from(row))
  })
  // With integer weights every objective is an integer, so bounds round up.
  const integral = softWeights(tree.gen.c).integral
  const tolerance = integral ? CONVERGED : 1e-6
  const roundUp = (bound: number): number => provenFloor(bound, integral)
  const stopped = (): boolean => now() >= deadline || options.signal?.aborted === true
  try {
    await tree.gen.init()
    const fullShare = options.bulkShare ?? 0.03
    let share = fullShare
    let root: number | undefined
    // Pass by pass, nodes whose bound exceeds the root's by more than `slack` are cut as well; once a
    // pass has searched its whole tree or spent its nodes, the search restarts from the root with the
    // next pass (slack 0, then 4, 4, 4, 8, 8, 8, 16, …; each repeat orders the cells with a new
    // jitter, so it dives elsewhere): near-LP rosters come first, and a flat LP (many nodes on the
    // root's bound, none integral) cannot hold the search in one subtree.
    let slack = 0
    const maxSlack = options.maxSlack ?? Infinity
    let cut = false
    let passNodes = 0
    let passesAtSlack = 0
    let rootRows = Infinity
    const widen = async (): Promise<void> => {
      tree.pass++
      if (tree.gen.pool.size > rootRows * (options.purgeFactor ?? PURGE_FACTOR))
        result.purged += await tree.purge(rootRows, tree.pass - PURGE_PASSES)
      passesAtSlack++
      if (slack === 0 || passesAtSlack >= PASSES_PER_SLACK) {
        slack = slack === 0 || slack * 2 > maxSlack ? FIRST_SLACK : slack * 2
        passesAtSlack = 0
      }
      cut = false
      passNodes = 0
      share = fullShare
    }
    const bestKnown = (): number => Math.min(result.objective, options.upperBound?.() ?? Infinity)
    // The last pass (its slack reaches `best`) is plain branch and bound: it cuts nothing and has no
    // node limit. Other passes cut the nodes whose floor exceeds the root's by more than the slack.
    const lastPass = (best: number): boolean =>
      root === undefined || (maxSlack === Infinity && root + slack >= best - 1)
    const aboveSlack = (floor: number, best: number): boolean =>
      !lastPass(best) && floor > (root ?? Infinity) + slack
    while (!stopped()) {
      const isRoot = result.nodes === 0
      const roundMs = isRoot ? (deadline - started) * (options.maxRoundShare ?? 0.05) : Infinity
      // A node below the root whose bound already reaches the cut-off is pruned before its column
      // generation converges: further rounds could only raise the bound.
      const cutoff = bestKnown()
      const prunable = (bound: number): boolean => {
        const floor = roundUp(bound)
        return !isRoot && (floor >= cutoff - 1e-9 || aboveSlack(floor, cutoff))
      }
      const node = await tree.solve(deadline, isRoot, roundMs, tolerance, prunable)
      result.nodes++
      passNodes++
      if (node === 'slow') return { ...done(), note: 'pricing too slow for this model' }
      if (node !== undefined) tree.markUsed(node.lp.colValue)
      if (node !== undefined && isRoot && node.bound !== undefined) {
        result.bound = node.bound
        root = roundUp(node.bound)
        rootRows = tree.gen.pool.size
        options.onBound?.(root)
        options.onRoot?.(tree.gen.pool.perAgent())
      }
      if (node !== undefined) {
        const rounded = tree.gen.pool.roster(node.lp.colValue)
        const check = checkRoster(model, rounded)
        if (check.hard === 0 && check.objective < result.objective - 1e-9) {
          result.roster = rounded
          result.objective = check.objective
          result.improved = true
          options.onImproved?.(rounded, check.objective)
        }
      }
      const best = bestKnown()
      const floor = node?.bound === undefined ? -Infinity : roundUp(node.bound)
      if (!lastPass(best) && passNodes > (options.passNodes ?? PASS_NODES)) {
        tree.reset()
        await widen()
        await tree.sync()
        continue
      }
      const tooHigh = aboveSlack(floor, best)
      cut ||= tooHigh && floor < best - 1e-9
      const choice =
        node === undefined || floor >= best - 1e-9 || tooHigh ? undefined : tree.branching(node.lp, share)
      // An integral LP is the node's optimum only when no column could still price out; an
      // infeasible restricted master (an agent's columns all excluded) proves nothing either, as
      // rows that meet the decisions may exist that were never priced.
      if (node === undefined || (choice === undefined && !node.converged && !tooHigh && floor < best - 1e-9))
        cut = true
      if (choice !== undefined) {
        tree.push(choice)
        await tree.sync()
        share = Math.min(fullShare, share * 2)
        continue
      }
      // Pruned, or integral (nothing left to branch on): back up to the latest untried alternative.
      const next = tree.backtrack()
      if (typeof next === 'object') share = next.retry
      if (next === 'exhausted') {
        if (!cut) {
          result.exhausted = true
          break
        }
        await widen()
      }
      await tree.sync()
    }
    return done()
  } finally {
    await tree.gen.close()
  }
}

/** The search tree's state: the decisions on the path from the root, applied to the generation. */
class Tree {
  readonly gen: Generation
  private readonly path: Decision[] = []
  /** The pass (0 first): passes after the first jitter the order of the fractional cells. */
  pass = 0
  /** Per pool column: 1 while the master bounds it to 0 (it contradicts a decision on the path). */
  private excluded = new Uint8Array(0)
  /** Per pool row: the last pass in which a node's LP gave it a positive value (see `markUsed`). */
  private usedIn = new Int32Array(0)

  constructor(
    model: Model,
    start: Roster,
    private readonly now: () => number,
  ) {
    this.gen = new Generation(model, start, {}, now)
  }

  /**
   * Column generation at the current node until no column prices out (or, below the root, `NODE_ROUNDS` rounds):
   * the last LP and the node's bound (LP value plus the agents' least reduced costs, from a round
   * that priced every agent); undefined when the node's LP is infeasible (every column of an agent
   * excluded), `'slow'` when a round would take longer than `roundMs`. Pricing has converged when no
   * column lowers the LP by more than `tolerance`; it stops early once `prunable` holds for the
   * bound (the node will be pruned whatever further rounds find, as they only raise it).
   */
  async solve(
    until: number,
    root: boolean,
    roundMs: number,
    tolerance: number,
    prunable: (bound: number) => boolean = () => false,
  ): Promise<{ lp: MasterLp; bound: number | undefined; converged: boolean } | undefined | 'slow'> {
    const gen = this.gen
    let bound: number | undefined
    let converged = false
    let lp = await gen.solveLp(until)
    const rounds = root ? Infinity : NODE_ROUNDS
    for (let round = 0; lp !== undefined && round < rounds && this.now() < until; round++) {
      const roundUntil = Math.min(until, this.now() + roundMs)
      const priced = await gen.price(lp.rowDual, roundUntil)
      if (!priced.complete && roundUntil < until && this.now() >= roundUntil) return 'slow'
      if (priced.complete) bound = Math.max(bound ?? -Infinity, lp.objective + priced.reduced)
      converged = priced.complete && (priced.added === 0 || priced.reduced > -tolerance)
      if (bound !== undefined && prunable(bound)) break
      if (priced.added === 0) break
      await this.sync()
      lp = await gen.solveLp(until, true)
      if (converged) break
    }
    return lp === undefined ? undefined : { lp, bound, converged }
  }

  /**
   * The next decision at a node that is not pruned: in bulk mode every decided cell plus the first
   * fractional cells (`share` of the free cells, one per agent); else the single first fractional
   * cell. Fractional cells come scarcest shift first — the shift whose cover lines the LP leaves
   * most under-covered (their cells decide where the unavoidable shortfall goes, and the other shifts
   * fit around them) — then most decided (largest LP value, plus the pass's jitter) first. Undefined
   * when the LP is integral (nothing to branch on).
   */
  branching(lp: MasterLp, share: number): Decision | undefined {
    const { c, pool } = this.gen
    const { H, S } = c
    const y = new Float64Array(c.E * H * (S + 1))
    pool.agentOf.forEach((a, j) => {
      const x = lp.colValue[pool.slacks + j] ?? 0
      if (x < 1e-9) return
      const values = pool.values[j]
      for (let d = 0; d < H; d++) {
        const key = cellKey(c, a, d, values?.[d] ?? OFF)
        y[key] = (y[key] ?? 0) + x
      }
    })
    const decided: Cell[] = []
    const fractional: Array<Cell & { readonly w: number }> = []
    for (let a = 0; a < c.E; a++) {
      for (let d = 0; d < H; d++) {
        if (c.fixed[a * H + d] !== FREE) continue
        let v = OFF
        let w = -1
        for (let s = OFF; s < S; s++) {
          const ys = y[cellKey(c, a, d, s)] ?? 0
          if (ys > w + 1e-12) {
            w = ys
            v = s
          }
        }
        if (w >= DECIDED) decided.push({ a, d, v })
        else fractional.push({ a, d, v, w })
      }
    }
    if (fractional.length === 0) return undefined
    // Under-cover per shift, rounded so that LP noise does not reorder shifts that are equally short.
    const shortfall = new Float64Array(S)
    for (let l = 0; l < c.lineTarget.length; l++) {
      const s = c.lineShift[l] ?? 0
      shortfall[s] = (shortfall[s] ?? 0) + (lp.colValue[pool.underColumn(l)] ?? 0)
    }
    const scarcity = shortfall.map(u => Math.round(u * 1e6))
    const scarcityOf = (v: number): number => (v < 0 ? 0 : (scarcity[v] ?? 0))
    const rng = this.pass > 0 ? createRng(this.pass) : undefined
    const order = fractional.map(cell => ({ ...cell, w: cell.w + (rng ? rng.next() * JITTER : 0) }))
    order.sort((p, q) => scarcityOf(q.v) - scarcityOf(p.v) || q.w - p.w || p.a - q.a || p.d - q.d)
    const wanted = Math.ceil((decided.length + order.length) * share)
    if (wanted <= 1) return { kind: 'fix', cells: [order[0] as Cell] }
    const agents = new Set<number>()
    const cells = [...decided]
    for (const cell of order) {
      if (cells.length >= decided.length + wanted) break
      if (agents.has(cell.a)) continue
      agents.add(cell.a)
      cells.push(cell)
    }
    return { kind: 'bulk', cells, share }
  }

  /** Records the pass in which each pool row last had a positive value in a node's LP. */
  markUsed(colValue: Float64Array): void {
    const { pool } = this.gen
    if (this.usedIn.length < pool.size) {
      const grown = new Int32Array(pool.size).fill(this.pass)
      grown.set(this.usedIn)
      this.usedIn = grown
    }
    for (let j = 0; j < pool.size; j++)
      if ((colValue[pool.slacks + j] ?? 0) > 1e-9) this.usedIn[j] = this.pass
  }

  /**
   * Removes the rows after the first `keep` that no LP has used since pass `since` (see
   * `purgeFactor`); returns how many. Only at the root (an empty path): every row is released first,
   * so that nothing stays excluded.
   */
  async purge(keep: number, since: number): Promise<number> {
    await this.sync()
    const before = this.gen.pool.size
    const kept = await this.gen.remove(j => j >= keep && (this.usedIn[j] ?? this.pass) < since)
    this.usedIn = Int32Array.from(kept, j => this.usedIn[j] ?? this.pass)
    this.excluded = new Uint8Array(kept.length)
    return before - kept.length
  }

  /** Applies a decision and tells the master which columns it excludes. */
  push(decision: Decision): void {
    this.path.push(decision)
    this.apply(decision, true)
  }

  /**
   * Undoes decisions from the end of the path until one has an untried alternative, and takes it:
   * a fixed cell becomes a forbidden value; a bulk slice is undone and its node is to be retried with
   * a quarter of its share (`retry`), down to single cells. `'exhausted'` when the path is empty.
   */
  backtrack(): { readonly retry: number } | 'forbid' | 'exhausted' {
    for (let top = this.path.pop(); top !== undefined; top = this.path.pop()) {
      this.apply(top, false)
      if (top.kind === 'bulk') return { retry: (top.share ?? 0) / 4 }
      if (top.kind === 'fix') {
        this.push({ kind: 'forbid', cells: top.cells })
        return 'forbid'
      }
    }
    return 'exhausted'
  }

  /** Undoes every decision: back at the root. */
  reset(): void {
    for (let top = this.path.pop(); top !== undefined; top = this.path.pop()) this.apply(top, false)
  }

  private apply(decision: Decision, on: boolean): void {
    const { c, state, forbidden } = this.gen
    for (const { a, d, v } of decision.cells) {
      if (decision.kind === 'forbid') {
        if (on) forbidden.add(cellKey(c, a, d, v))
        else forbidden.delete(cellKey(c, a, d, v))
        continue
      }
      c.fixed[a * c.H + d] = on ? v : FREE
      // The row program reads a fixed cell's value from the pricing state.
      if (on) state.set(a, d, v)
    }
    state.commit()
  }

  /** Bounds to 0 the columns that contradict the path, and back to 1 those that no longer do. */
  async sync(): Promise<void> {
    const { c, pool, master, forbidden } = this.gen
    if (this.excluded.length < pool.size) {
      const grown = new Uint8Array(pool.size)
      grown.set(this.excluded)
      this.excluded = grown
    }
    const exclude: number[] = []
    const release: number[] = []
    pool.agentOf.forEach((a, j) => {
      const values = pool.values[j]
      let out = 0
      for (let d = 0; d < c.H && out === 0; d++) {
        const v = values?.[d] ?? OFF
        const fixed = c.fixed[a * c.H + d] ?? FREE
        if ((fixed !== FREE && fixed !== v) || (forbidden.size > 0 && forbidden.has(cellKey(c, a, d, v))))
          out = 1
      }
      if (out === (this.excluded[j] ?? 0)) return
      this.excluded[j] = out
      ;(out === 1 ? exclude : release).push(pool.slacks + j)
    })
    await master.exclude(Int32Array.from(exclude))
    await master.release(Int32Array.from(release))
  }
}
