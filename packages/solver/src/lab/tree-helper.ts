import { fileURLToPath } from 'node:url'
import { Worker, parentPort, workerData } from 'node:worker_threads'
import { tsxApiPath, workerAnswer } from '../engine/portfolio'
import { peerBuffers, peersOn, publish } from '../engine/search'
import type { PeerBuffers, Peers } from '../engine/search'
import { solve } from '../engine/solve'
import type { Model, Roster } from '../model'
import { branchAndPrice } from './branch-and-price'
import type { BranchAndPriceResult } from './branch-and-price'

/** How long after its time limit the worker's answer is still awaited before it is terminated. */
const ANSWER_GRACE_MS = 5000
/** Seconds of local search from every roster a branch and price finds (`polish`). */
export const POLISH_SECONDS = 1

/**
 * A roster branch and price found, when it is the best any search has (`peers`), improved by a short
 * local search (`POLISH_SECONDS`): its rosters come from rounding a node's LP and are often a few
 * moves from a better one. Publishes the better of the two to `peers` and returns its objective;
 * undefined (and nothing published) when another search has a roster as good already.
 */
export function polish(
  model: Model,
  roster: Roster,
  objective: number,
  seed: number,
  peers: Peers,
): number | undefined {
  // Only a new best is worth the time: the dives' early rosters are far above the local search's.
  if (!(objective < (peers.values[0] ?? Infinity))) return undefined
  publish(peers, roster.flat(), objective)
  const polished = solve(model, { seconds: POLISH_SECONDS, seed, initial: roster })
  if (polished.score.hard > 0 || polished.score.objective >= objective) return objective
  publish(peers, polished.roster.flat(), polished.score.objective)
  return polished.score.objective
}

/** What the second branch and price needs: see {@link startTreeHelper}. */
type TreeJob = {
  readonly model: Model
  readonly start: Roster
  readonly columns: number[][][]
  readonly seconds: number
  readonly seed: number
  readonly firstPass: number
  readonly maxSlack: number | undefined
  readonly stop: SharedArrayBuffer
  readonly peers: PeerBuffers
  readonly startedAt: number
}

type TreeMessage =
  | { type: 'improved'; objective: number }
  | { type: 'done'; result: BranchAndPriceResult }
  | { type: 'error'; message: string }

/** The worker's bootstrap: loads this module's TypeScript through tsx and runs {@link runTreeJob}. */
const WORKER_SOURCE = String.raw`
'use strict'
const { parentPort, workerData } = require('node:worker_threads')
try {
  require(workerData.tsxApi).register()
  require(workerData.modulePath).runTreeJob()
} catch (error) {
  parentPort.postMessage({ type: 'error', message: String((error && error.stack) || error) })
}
`

/**
 * A second branch and price in a worker thread, beside the one on the calling thread: it starts from
 * the other's root pool (`columns`, so its root converges in a few rounds) and numbers its passes
 * from `firstPass`, so its dives follow another jitter. Both share their best rosters and the stop
 * flag through `peers`; each roster it finds is polished (`polish`). `result` is undefined when the
 * worker could not run; `stop()` ends it early.
 */
export function startTreeHelper(
  model: Model,
  start: Roster,
  columns: number[][][],
  options: {
    readonly seconds: number
    readonly seed: number
    readonly firstPass: number
    /** See `BranchAndPriceOptions.maxSlack`. Default: no limit. */
    readonly maxSlack?: number
    /** Called on this thread with the objective of every better roster the helper finds (polished). */
    readonly onImproved?: (objective: number) => void
  },
  peers: Peers,
): { readonly result: Promise<BranchAndPriceResult | undefined>; stop(): void } {
  const tsxApi = tsxApiPath()
  if (tsxApi === undefined) return { result: Promise.resolve(undefined), stop: () => undefined }
  const stop = new SharedArrayBuffer(4)
  const flag = new Int32Array(stop)
  const job: TreeJob = {
    model,
    start,
    columns,
    seconds: options.seconds,
    seed: options.seed,
    firstPass: options.firstPass,
    maxSlack: options.maxSlack,
    stop,
    peers: peerBuffers(peers),
    startedAt: Date.now(),
  }
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { tsxApi, modulePath: fileURLToPath(import.meta.url), job },
  })
  const waitMs = options.seconds * 1000 + ANSWER_GRACE_MS
  const result = workerAnswer<BranchAndPriceResult, TreeMessage>(worker, waitMs, message => {
    if (message.type === 'improved') options.onImproved?.(message.objective)
  })
  return { result, stop: () => Atomics.store(flag, 0, 1) }
}

/**
 * Runs in the worker: the job's branch and price, answered with its result. Reached by
 * `require(modulePath)` in the bootstrap above, so knip cannot see the call.
 * @public
 */
export function runTreeJob(): void {
  const { job } = workerData as { job: TreeJob }
  const peers = peersOn(job.peers)
  const flag = new Int32Array(job.stop)
  const signal = stopSignal(peers, {
    get aborted() {
      return Atomics.load(flag, 0) !== 0
    },
  } as AbortSignal)
  const post = (message: TreeMessage): void => parentPort?.postMessage(message)
  // Loading the engine took a moment: end with the calling thread's search, not that much later.
  const seconds = Math.max(0.1, job.seconds - (Date.now() - job.startedAt) / 1000)
  branchAndPrice(job.model, job.start, {
    seconds,
    columns: job.columns,
    firstPass: job.firstPass,
    ...(job.maxSlack === undefined ? {} : { maxSlack: job.maxSlack }),
    upperBound: () => peers.values[0] ?? Infinity,
    onImproved: (roster, objective) => {
      const best = polish(job.model, roster, objective, job.seed, peers)
      if (best !== undefined) post({ type: 'improved', objective: best })
    },
    signal,
  })
    .then(result => {
      // A searched tree proves the best roster optimal: every search stops.
      if (result.exhausted) Atomics.store(peers.stop, 0, 1)
      post({ type: 'done', result })
    })
    .catch((error: unknown) => post({ type: 'error', message: String(error) }))
}

/** Aborted when `signal` is, or when a search has proven its roster optimal (`peers.stop`). */
export function stopSignal(peers: Peers, signal?: AbortSignal): AbortSignal {
  return {
    get aborted(): boolean {
      return signal?.aborted === true || Atomics.load(peers.stop, 0) !== 0
    },
  } as AbortSignal
}
