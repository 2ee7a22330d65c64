import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { HIGHS_WORKER_SOURCE } from './highs-worker'
import type { Milp } from './milp'

/** What HiGHS reported while solving. */
export type HighsProgress = {
  /** Objective of the best roster so far (`null` before the first). */
  readonly objective: number | null
  /** Proven lower bound on the objective (`null` before the root LP). */
  readonly bound: number | null
  /** Relative gap as HiGHS defines it, `(objective − bound) / |objective|`; `null` when unknown. */
  readonly gap: number | null
  /** Branch-and-bound nodes explored. */
  readonly nodes: number | null
}

/** How one HiGHS run in a worker ended. */
export type HighsOutcome = {
  /** HiGHS model status code (`highs.constants.modelStatus`), or -1 when the worker was terminated. */
  readonly status: number
  readonly statusName: string
  /** Objective of `values` as HiGHS computes it (offset included), `null` without a solution. */
  readonly objective: number | null
  readonly bound: number | null
  readonly gap: number | null
  readonly nodes: number | null
  /** Column values of the best solution (at least the `x` columns), `null` without one. */
  readonly values: Float64Array | null
  /** Milliseconds from the start to the best solution, `null` without one. */
  readonly bestAtMs: number | null
  /** True when `signal` stopped the run. */
  readonly cancelled: boolean
  /** True when the worker did not stop by itself in time and was terminated. */
  readonly terminated: boolean
  /** Peak size of HiGHS's Wasm memory, bytes (`null` when terminated). */
  readonly memoryBytes: number | null
}

/** Options of {@link runHighs}. */
export type RunOptions = {
  /** HiGHS `time_limit`, seconds. */
  readonly seconds: number
  /** HiGHS `mip_rel_gap`. */
  readonly gap: number
  /** MIP start: values for some columns. */
  readonly start?: { readonly indices: Int32Array; readonly values: Float64Array }
  readonly signal?: AbortSignal
  readonly onProgress?: (progress: HighsProgress, elapsedMs: number) => void
  /** Extra HiGHS options (e.g. `random_seed`). */
  readonly highsOptions?: Readonly<Record<string, boolean | number | string>>
  readonly now: () => number
}

const STATUS_NAMES: Readonly<Record<number, string>> = {
  0: 'not set',
  1: 'load error',
  2: 'model error',
  3: 'presolve error',
  4: 'solve error',
  5: 'postsolve error',
  6: 'empty',
  7: 'optimal',
  8: 'infeasible',
  9: 'unbounded or infeasible',
  10: 'unbounded',
  11: 'objective bound',
  12: 'objective target',
  13: 'time limit',
  14: 'iteration limit',
  15: 'unknown',
  16: 'solution limit',
  17: 'interrupted',
}

/** HiGHS model status codes the engine distinguishes. */
export const HIGHS_STATUS = { optimal: 7, infeasible: 8, unboundedOrInfeasible: 9, timeLimit: 13 } as const

/** How long a worker may take to stop after being asked (cancel or overrun) before it is terminated. */
const GRACE_MS = 2000

let highsPath: string | undefined

type WorkerMessage =
  | { type: 'progress'; primal: number | null; dual: number | null; gap: number | null; nodes: number | null }
  | {
      type: 'incumbent'
      objective: number | null
      dual: number | null
      gap: number | null
      values: Float64Array | null
    }
  | {
      type: 'done'
      status: number
      objective: number | null
      dual: number | null
      gap: number | null
      nodes: number | null
      values: Float64Array | null
      memoryBytes: number
    }
  | { type: 'error'; message: string }

/**
 * Solves a MILP with HiGHS in a worker thread, so the caller's event loop keeps running. The run
 * stops at HiGHS's `time_limit`; `signal` asks HiGHS to stop at its next interrupt check (the best
 * solution so far is returned), and a worker that does not stop within 2 s of a cancel (or of the
 * time limit + 20 % + 5 s) is terminated, keeping the last improving solution it reported.
 * Rejects only on an internal error (HiGHS failing to load or rejecting the model).
 */
export function runHighs(milp: Milp, options: RunOptions): Promise<HighsOutcome> {
  highsPath ??= createRequire(import.meta.url).resolve('highs')
  const started = options.now()
  const elapsed = (): number => options.now() - started
  const stop = new SharedArrayBuffer(4)
  const flag = new Int32Array(stop)
  const model = {
    numCols: milp.numCols,
    numRows: milp.numRows,
    offset: milp.offset,
    colCost: milp.colCost,
    colLower: milp.colLower,
    colUpper: milp.colUpper,
    rowLower: milp.rowLower,
    rowUpper: milp.rowUpper,
    integrality: milp.integrality,
    matrix: {
      format: 'csr',
      numRows: milp.numRows,
      numCols: milp.numCols,
      starts: milp.starts,
      indices: milp.indices,
      values: milp.values,
    },
  }
  const worker = new Worker(HIGHS_WORKER_SOURCE, {
    eval: true,
    workerData: {
      highsPath,
      model,
      options: { time_limit: options.seconds, mip_rel_gap: options.gap, ...options.highsOptions },
      start: options.start,
      // Interrupt callbacks cost a little on every check; install them only when a cancel can come.
      stop: options.signal ? stop : undefined,
      cellColumns: milp.cellColumns,
    },
  })

  let best: { objective: number | null; values: Float64Array | null; at: number } | undefined
  let last: HighsProgress = { objective: null, bound: null, gap: null, nodes: null }
  let cancelled = false

  return new Promise<HighsOutcome>((resolve, reject) => {
    let settled = false
    let killTimer: ReturnType<typeof setTimeout> | undefined
    const finish = (outcome: HighsOutcome | Error): void => {
      if (settled) return
      settled = true
      clearTimeout(overrun)
      clearTimeout(killTimer)
      options.signal?.removeEventListener('abort', onAbort)
      void worker.terminate()
      if (outcome instanceof Error) reject(outcome)
      else resolve(outcome)
    }
    const terminated = (): HighsOutcome => ({
      status: -1,
      statusName: 'terminated',
      objective: best?.objective ?? null,
      bound: last.bound,
      gap: last.gap,
      nodes: last.nodes,
      values: best?.values ?? null,
      bestAtMs: best?.at ?? null,
      cancelled,
      terminated: true,
      memoryBytes: null,
    })
    const askToStop = (): void => {
      Atomics.store(flag, 0, 1)
      killTimer ??= setTimeout(() => finish(terminated()), GRACE_MS)
    }
    const onAbort = (): void => {
      cancelled = true
      askToStop()
    }
    const overrun = setTimeout(askToStop, options.seconds * 1200 + 5000)

    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'progress':
          last = { objective: message.primal, bound: message.dual, gap: message.gap, nodes: message.nodes }
          options.onProgress?.(last, elapsed())
          break
        case 'incumbent':
          best = { objective: message.objective, values: message.values, at: elapsed() }
          last = { ...last, objective: message.objective, bound: message.dual, gap: message.gap }
          options.onProgress?.(last, elapsed())
          break
        case 'done': {
          const values = message.values ?? best?.values ?? null
          const hasSolution = message.values !== null
          finish({
            status: message.status,
            statusName: STATUS_NAMES[message.status] ?? `status ${message.status}`,
            objective: hasSolution ? message.objective : (best?.objective ?? null),
            bound: message.dual,
            gap: message.gap,
            nodes: message.nodes,
            values,
            bestAtMs: values === null ? null : (best?.at ?? elapsed()),
            cancelled,
            terminated: false,
            memoryBytes: message.memoryBytes,
          })
          break
        }
        case 'error':
          finish(new Error(`highs: ${message.message}`))
          break
      }
    })
    worker.on('error', error => finish(error))
    worker.on('exit', code => {
      if (!settled) finish(code === 0 ? terminated() : new Error(`highs worker exited with code ${code}`))
    })
    if (options.signal?.aborted) onAbort()
    else options.signal?.addEventListener('abort', onAbort, { once: true })
  })
}
