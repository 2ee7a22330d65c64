import { checkRoster } from '../engine/check'
import { better, solveParallel, startHelper } from '../engine/portfolio'
import type { ParallelOptions } from '../engine/portfolio'
import { createPeers, publish, sharedRoster } from '../engine/search'
import type { Peers } from '../engine/search'
import { solve } from '../engine/solve'
import type { Score, SolveResult } from '../engine/solve'
import type { Model } from '../model'
import { branchAndPrice } from './branch-and-price'
import { pricingRoundMs } from './price-and-dive'
import { polish, startTreeHelper, stopSignal } from './tree-helper'

/**
 * The second branch and price's first pass number: its jitter stream (`BranchAndPriceOptions.firstPass`),
 * far from the first one's passes.
 */
const SECOND_TREE_FIRST_PASS = 1000
/**
 * The second branch and price's largest slack (`BranchAndPriceOptions.maxSlack`): it keeps diving from
 * the root with passes of slack 4, 8 and 16, and leaves the proof to the first one.
 */
const SECOND_TREE_MAX_SLACK = 16
/** The second branch and price starts only when at least this many seconds are left after the root. */
const SECOND_TREE_MIN_SECONDS = 2
/** Share of the budget for the first local search, whose roster seeds the columns and the bound. */
const WARM_SHARE = 0.1
/** …and at most this many seconds of it. */
const WARM_MAX_SECONDS = 5
/**
 * Branch and price is not tried when one pricing round looks longer than this share of the budget
 * (`pricingRoundMs`, which overestimates the root's rounds several times): column generation needs
 * tens of rounds, so on long horizons the budget is better spent on local search alone.
 */
const MAX_PROBED_ROUND_SHARE = 0.2

/**
 * The default engine beside branch and price, for models without soft terms (e.g. Curtois & Qu
 * instances): a local search runs in a worker thread while this thread runs a short local search
 * (`WARM_SHARE` of the budget, at most 5 s) and then `branchAndPrice` from its roster. They share
 * their best rosters (`Peers`): branch and price prunes against the local search's best, and the local
 * search continues from a better roster found by branch and price. Once the root's column generation
 * has converged, the local search stops and a second branch and price (`startTreeHelper`) takes its
 * thread, started from the root's pool and diving along other passes: the rosters within 1 % on a
 * flat LP (Instance8) come from rare dives, and two trees dive twice as often. Each new
 * best from a tree gets a short local search (`polish`). When a tree has been searched whole, the best
 * roster is proven optimal and every search stops; when branch and price gives up (pricing too slow),
 * this thread returns to local search for the rest of the budget and the worker keeps its local
 * search. Falls back to `solveParallel` for models with soft terms, one thread, a finite
 * `maxIterations` (then deterministic per seed), or when a timed pricing round (`pricingRoundMs`)
 * shows that column generation cannot converge in the budget (e.g. a 364-day horizon).
 * @example (await solveHybrid(model, { seconds: 60, seed: 1 })).status // 'optimal'
 */
export async function solveHybrid(model: Model, options: ParallelOptions = {}): Promise<SolveResult> {
  const { threads = 2, ...rest } = options
  const soft = (model.terms ?? []).some(t => !t.hard)
  if (soft || threads <= 1 || Number.isFinite(rest.maxIterations ?? Infinity))
    return solveParallel(model, options)
  const now = rest.now ?? (() => performance.now())
  const started = now()
  const seconds = rest.seconds ?? 10
  const seed = rest.seed ?? 1
  if (pricingRoundMs(model) > seconds * 1000 * MAX_PROBED_ROUND_SHARE) {
    const result = await solveParallel(model, {
      ...options,
      seconds: Math.max(0.1, seconds - (now() - started) / 1000),
    })
    return { ...result, elapsedMs: now() - started }
  }
  const left = (): number => seconds - (now() - started) / 1000
  const report = (best: Score): void => rest.onProgress?.(best, now() - started)
  const peers = createPeers(model.agents.length * model.days)
  const helpers = Array.from({ length: threads - 1 }, (_, k) => startHelper(model, rest, seed + 1 + k, peers))
  const warm = solve(model, {
    ...rest,
    seconds: Math.min(WARM_MAX_SECONDS, seconds * WARM_SHARE),
    peers,
    onProgress: report,
  })
  const results: SolveResult[] = [warm]
  let second: ReturnType<typeof startTreeHelper> | undefined
  let grid: SolveResult | undefined
  let floor = warm.lowerBound ?? -Infinity
  // A searched tree means no roster beats the best known: that best is optimal, and every search stops.
  const proved = (objective: number): void => {
    floor = Math.max(floor, Math.min(objective, peers.values[0] ?? Infinity))
    raiseFloor(peers, floor)
    Atomics.store(peers.stop, 0, 1)
  }
  if (warm.status === 'feasible') publish(peers, warm.roster.flat(), warm.score.objective)
  if (warm.status === 'feasible' && left() > 1 && rest.signal?.aborted !== true) {
    const offset = now() - started
    let bestAtMs = offset
    const improved = (objective: number): void => {
      bestAtMs = now() - started
      report({ hard: 0, objective })
    }
    const bp = await branchAndPrice(model, warm.roster, {
      seconds: left(),
      upperBound: () => peers.values[0] ?? Infinity,
      onImproved: (roster, objective) => {
        const best = polish(model, roster, objective, seed, peers)
        if (best !== undefined) improved(best)
      },
      onBound: rootFloor => {
        floor = Math.max(floor, rootFloor)
        raiseFloor(peers, rootFloor)
      },
      onRoot: rows => {
        if (left() < SECOND_TREE_MIN_SECONDS) return
        for (const helper of helpers) helper.stop()
        const options = {
          seconds: left(),
          seed: seed + 1,
          firstPass: SECOND_TREE_FIRST_PASS,
          maxSlack: SECOND_TREE_MAX_SLACK,
          onImproved: improved,
        }
        second = startTreeHelper(model, warm.roster, rows, options, peers)
      },
      signal: stopSignal(peers, rest.signal),
      now,
    })
    if (bp.improved) results.push(resultOf(model, bp.roster, bestAtMs, now() - started))
    if (bp.exhausted) proved(bp.objective)
    const other = await second?.result
    if (other?.improved === true) results.push(resultOf(model, other.roster, bestAtMs, now() - started))
    if (other?.exhausted === true) proved(other.objective)
    // Polished rosters live in the shared grid only.
    const shared = sharedRoster(peers)
    if (shared !== undefined) grid = resultOf(model, rowsOf(shared.grid, model.days), bestAtMs, 0)
  }
  const proven = (): boolean => (peers.values[0] ?? Infinity) <= floor + 1e-9
  if (!proven() && left() > 0.5 && rest.signal?.aborted !== true) {
    const best = results.reduce((a, b) => (better(b, a) ? b : a))
    const offset = now() - started
    const last = solve(model, {
      ...rest,
      seconds: left(),
      seed,
      peers,
      ...(best.score.hard === 0 ? { initial: best.roster } : {}),
      onProgress: report,
    })
    results.push({ ...last, bestAtMs: last.bestAtMs + offset })
    floor = Math.max(floor, last.lowerBound ?? -Infinity)
  }
  const others = await Promise.all(helpers.map(h => h.result))
  for (const other of others) if (other !== undefined) results.push(other)
  // Last, so that a search's own result (with its own time to best) wins a tie.
  if (grid !== undefined) results.push(grid)
  for (const r of results) floor = Math.max(floor, r.lowerBound ?? -Infinity)
  const best = results.reduce((a, b) => (better(b, a) ? b : a))
  const optimal =
    best.score.hard === 0 && best.hardViolations.length === 0 && best.score.objective <= floor + 1e-9
  return {
    ...best,
    status: optimal ? 'optimal' : best.status === 'optimal' ? 'feasible' : best.status,
    lowerBound: Number.isFinite(floor) ? floor : undefined,
    iterations: results.reduce((sum, r) => sum + r.iterations, 0),
    elapsedMs: now() - started,
    cancelled: rest.signal?.aborted === true,
  }
}

/** A roster found outside the local search, as a `SolveResult` (checked by `checkRoster`). */
function resultOf(model: Model, roster: number[][], bestAtMs: number, elapsedMs: number): SolveResult {
  const check = checkRoster(model, roster)
  const feasible = check.hardViolations.length === 0
  return {
    status: feasible ? 'feasible' : 'timedout',
    roster,
    score: { hard: check.hard, objective: check.objective },
    breakdown: check.breakdown,
    hardViolations: check.hardViolations,
    clashes: [],
    lowerBound: undefined,
    iterations: 0,
    elapsedMs,
    bestAtMs,
    cancelled: false,
  }
}

/** A flat E × H grid as rows of `days` cells. */
function rowsOf(grid: Int16Array, days: number): number[][] {
  return Array.from({ length: grid.length / days }, (_, a) =>
    Array.from(grid.subarray(a * days, (a + 1) * days)),
  )
}

function raiseFloor(peers: Peers, floor: number): void {
  if (floor > (peers.values[1] ?? -Infinity)) peers.values[1] = floor
}
