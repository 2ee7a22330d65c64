import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Model } from '../model'
import { createPeers, peerBuffers } from './search'
import type { Peers } from './search'
import { solve } from './solve'
import type { SolveOptions, SolveResult } from './solve'

/** Options of {@link solveParallel}: `SolveOptions` plus how many searches run at once. */
export type ParallelOptions = SolveOptions & {
  /**
   * Searches run at once (one on this thread, the others in worker threads), with seeds `seed`,
   * `seed + 1`, …. Default 2 (one per core of the 2-core target machine).
   */
  readonly threads?: number
}

/**
 * How long after the time limit a worker's answer is still awaited before it is terminated (the
 * worker checks its clock every few hundred moves, and posting a large roster takes a moment).
 */
const GRACE_MS = 3000

/**
 * The worker: loads the engine's TypeScript through tsx's CommonJS hook (the repository runs on
 * tsx) and runs one `solve`. Cancel arrives through a shared flag, read as `signal.aborted`.
 */
const WORKER_SOURCE = String.raw`
'use strict'
const { parentPort, workerData } = require('node:worker_threads')
try {
  require(workerData.tsxApi).register()
  const { solve } = require(workerData.solvePath)
  const flag = new Int32Array(workerData.stop)
  const signal = { get aborted() { return Atomics.load(flag, 0) !== 0 } }
  const peers = { stop: new Int32Array(workerData.peers.stop), values: new Float64Array(workerData.peers.values), grid: new Int16Array(workerData.peers.grid) }
  // Loading the engine took a moment: end with the main thread's search, not that much later.
  const seconds = Math.max(0.1, workerData.options.seconds - (Date.now() - workerData.startedAt) / 1000)
  const result = solve(workerData.model, Object.assign({}, workerData.options, { seconds, signal, peers }))
  parentPort.postMessage({ type: 'done', result })
} catch (error) {
  parentPort.postMessage({ type: 'error', message: String((error && error.stack) || error) })
}
`

/**
 * The default engine on several cores: `threads` searches with different seeds, the best roster kept
 * (fewest hard violations, then lowest objective, then the earliest seed). They share their best
 * objective and lower bound (`Peers`): all stop as soon as a roster of any is proven optimal by the
 * bound of any, and the result is then `'optimal'`. With a finite
 * `maxIterations` it is exactly `solve` (one search, deterministic per seed). When worker threads
 * cannot run the engine (no tsx to load its TypeScript, or a worker fails), it falls back to the
 * search on this thread alone, so it never does worse than `solve` with the same seed and time.
 *
 * This thread's search blocks the event loop for `seconds`; `onProgress` reports it alone.
 * @example (await solveParallel(model, { seconds: 60, seed: 1 })).score.objective
 */
export async function solveParallel(model: Model, options: ParallelOptions = {}): Promise<SolveResult> {
  const { threads = 2, ...rest } = options
  if (Number.isFinite(rest.maxIterations ?? Infinity) || threads <= 1) return solve(model, rest)
  const seed = rest.seed ?? 1
  const started = performance.now()
  const peers = createPeers(model.agents.length * model.days)
  const helpers = Array.from({ length: threads - 1 }, (_, k) => startHelper(model, rest, seed + 1 + k, peers))
  const own = solve(model, { ...rest, peers })
  const others = await Promise.all(helpers.map(h => h.result))
  const results = [own, ...others.filter((r): r is SolveResult => r !== undefined)]
  const best = results.reduce((a, b) => (better(b, a) ? b : a))
  const bounds = results.flatMap(r => (r.lowerBound === undefined ? [] : [r.lowerBound]))
  const lowerBound = bounds.length > 0 ? Math.max(...bounds) : undefined
  // Bounds are proven floors already (rounded up for integral weights).
  const proven =
    best.status === 'feasible' && lowerBound !== undefined && best.score.objective <= lowerBound + 1e-9
  return {
    ...best,
    status: proven ? 'optimal' : best.status,
    lowerBound,
    iterations: results.reduce((sum, r) => sum + r.iterations, 0),
    elapsedMs: performance.now() - started,
    cancelled: own.cancelled,
  }
}

/** True when `a` beats `b`: fewer hard units, then a lower objective. */
export function better(a: SolveResult, b: SolveResult): boolean {
  return (
    a.score.hard < b.score.hard || (a.score.hard === b.score.hard && a.score.objective < b.score.objective)
  )
}

/**
 * A search in a worker thread; `result` is undefined when the worker could not run or answer in time.
 * `stop()` ends the search early (it answers with its best so far).
 */
export function startHelper(
  model: Model,
  options: SolveOptions,
  seed: number,
  peers: Peers,
): { readonly result: Promise<SolveResult | undefined>; stop(): void } {
  const tsxApi = tsxApiPath()
  if (tsxApi === undefined) return { result: Promise.resolve(undefined), stop: () => undefined }
  const stop = new SharedArrayBuffer(4)
  const flag = new Int32Array(stop)
  const seconds = options.seconds ?? 10
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      tsxApi,
      solvePath: fileURLToPath(new URL('./solve.ts', import.meta.url)),
      model,
      options: { seconds, seed, ...(options.initial ? { initial: options.initial } : {}) },
      stop,
      peers: peerBuffers(peers),
      startedAt: Date.now(),
    },
  })
  const onAbort = (): void => {
    Atomics.store(flag, 0, 1)
  }
  if (options.signal?.aborted === true) onAbort()
  else options.signal?.addEventListener('abort', onAbort, { once: true })
  // Started when the worker is: this thread is busy with its own search until then anyway.
  const result = workerAnswer<SolveResult>(worker, seconds * 1000 + GRACE_MS).finally(() =>
    options.signal?.removeEventListener('abort', onAbort),
  )
  return { result, stop: onAbort }
}

/**
 * Path of tsx's CommonJS hook, which a worker thread registers to load the engine's TypeScript;
 * undefined where tsx is not installed (the caller then runs without workers).
 */
export function tsxApiPath(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('tsx/cjs/api')
  } catch {
    return undefined
  }
}

/**
 * The `result` of a worker's `{ type: 'done', result }` message, or undefined on `{ type: 'error' }`,
 * a crash, an exit or after `waitMs`; other messages go to `onMessage`. The worker is terminated then.
 */
export function workerAnswer<T, M extends { readonly type: string } = { readonly type: string }>(
  worker: Worker,
  waitMs: number,
  onMessage?: (message: M) => void,
): Promise<T | undefined> {
  return new Promise<T | undefined>(resolve => {
    const finish = (value: T | undefined): void => {
      clearTimeout(timer)
      void worker.terminate()
      resolve(value)
    }
    const timer = setTimeout(() => finish(undefined), waitMs)
    worker.on('message', (message: M | { readonly type: 'done'; readonly result: T }) => {
      if (message.type === 'done') finish((message as { readonly result: T }).result)
      else if (message.type === 'error') finish(undefined)
      else onMessage?.(message as M)
    })
    worker.on('error', () => finish(undefined))
    worker.on('exit', () => finish(undefined))
  })
}
