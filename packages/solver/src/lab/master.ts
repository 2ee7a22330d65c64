import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { MASTER_WORKER_SOURCE } from './master-worker'

/** Columns to append to a {@link MasterWorker}'s model, CSC over its rows. */
export type NewColumns = {
  readonly cost: Float64Array
  readonly lower: Float64Array
  readonly upper: Float64Array
  readonly starts: Int32Array
  readonly indices: Int32Array
  readonly values: Float64Array
}

/** An LP solve of the master: HiGHS model status, objective, row duals and column values. */
export type MasterLp = {
  readonly status: number
  readonly objective: number
  readonly rowDual: Float64Array
  readonly colValue: Float64Array
}

/** A MILP solve of the master; `colValue` is null when HiGHS found no solution. */
export type MasterMip = {
  readonly status: number
  readonly objective: number | null
  readonly bound: number | null
  readonly colValue: Float64Array | null
}

/** The initial model of a master problem (HiGHS `ModelData`, CSR). */
export type MasterModel = {
  readonly numCols: number
  readonly numRows: number
  readonly colCost: Float64Array
  readonly colLower: Float64Array
  readonly colUpper: Float64Array
  readonly rowLower: Float64Array
  readonly rowUpper: Float64Array
  readonly starts: Int32Array
  readonly indices: Int32Array
  readonly values: Float64Array
}

type Reply =
  | { type: 'ready' | 'ok' }
  | ({ type: 'lp' } & MasterLp)
  | ({ type: 'mip' } & MasterMip)
  | { type: 'error'; message: string }

/** Time a worker gets to stop after an interrupt before it is terminated. */
const GRACE_MS = 2000

/**
 * A HiGHS model kept alive in a worker thread between solves, for column generation: load it once,
 * append columns, re-solve the LP from the previous basis, finally solve it as a MILP. Requests are
 * answered in order; `close()` ends the worker (always call it). `interrupt()` stops a running solve
 * (HiGHS returns its best so far).
 */
export class MasterWorker {
  private readonly worker: Worker
  private readonly flag: Int32Array
  private readonly waiting: Array<{ resolve: (r: Reply) => void; reject: (e: Error) => void }> = []
  private failure: Error | undefined
  private readonly ready: Promise<Reply>

  constructor(private readonly numRows: number) {
    const highsPath = createRequire(import.meta.url).resolve('highs')
    const stop = new SharedArrayBuffer(4)
    this.flag = new Int32Array(stop)
    this.worker = new Worker(MASTER_WORKER_SOURCE, { eval: true, workerData: { highsPath, stop } })
    this.ready = this.next()
    this.worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.shift()
      if (reply.type === 'error') waiter?.reject(new Error(`highs master: ${reply.message}`))
      else waiter?.resolve(reply)
    })
    const fail = (error: Error): void => {
      this.failure = error
      for (const w of this.waiting.splice(0)) w.reject(error)
    }
    this.worker.on('error', fail)
    this.worker.on('exit', code => fail(new Error(`highs master worker exited (${code})`)))
  }

  /** Loads the initial model (rows and the first columns). */
  async init(model: MasterModel): Promise<void> {
    await this.ready
    await this.request({
      type: 'init',
      model: {
        numCols: model.numCols,
        numRows: model.numRows,
        colCost: model.colCost,
        colLower: model.colLower,
        colUpper: model.colUpper,
        rowLower: model.rowLower,
        rowUpper: model.rowUpper,
        matrix: {
          format: 'csr',
          numRows: model.numRows,
          numCols: model.numCols,
          starts: model.starts,
          indices: model.indices,
          values: model.values,
        },
      },
      options: { presolve: 'off' },
    })
  }

  async addColumns(columns: NewColumns): Promise<void> {
    if (columns.cost.length === 0) return
    await this.request({ type: 'addCols', numRows: this.numRows, ...columns })
  }

  /** Bounds the columns to 0 (e.g. every other row of an agent whose row is decided). */
  async exclude(columns: Int32Array): Promise<void> {
    if (columns.length > 0) await this.request({ type: 'fix', columns })
  }

  /** Lets the columns take values again (bounds back to [0, 1]), e.g. when a branch is undone. */
  async release(columns: Int32Array): Promise<void> {
    if (columns.length > 0) await this.request({ type: 'release', columns })
  }

  /** Deletes the columns (ascending indices); the later columns move up to fill the gaps. */
  async remove(columns: Int32Array): Promise<void> {
    if (columns.length > 0) await this.request({ type: 'delete', columns })
  }

  /**
   * Solves the LP relaxation within `seconds`, from the previous basis. `primal`: by the primal
   * simplex, for a re-solve after columns were only added (the basis stays primal feasible: Instance12's
   * root LPs took 4.6 s instead of 12.9); else by the dual simplex, right after bounds changed
   * (branching), where the primal simplex halved the nodes searched.
   */
  async lp(seconds: number, primal = false): Promise<MasterLp> {
    const reply = await this.request({ type: 'lp', seconds, primal })
    if (reply.type !== 'lp') throw new Error(`highs master: expected an LP reply, got ${reply.type}`)
    return reply
  }

  /**
   * Solves the model with the columns `integer` integral, within `seconds`, from a sparse MIP start.
   * Resolves with HiGHS's incumbent (or none) after the limit or an `interrupt()`.
   */
  async mip(
    seconds: number,
    integer: Int32Array,
    start?: { readonly indices: Int32Array; readonly values: Float64Array },
  ): Promise<MasterMip> {
    Atomics.store(this.flag, 0, 0)
    const kill = setTimeout(() => void this.worker.terminate(), seconds * 1200 + 5000)
    try {
      const reply = await this.request({ type: 'mip', seconds, integer, ...(start ? { start } : {}) })
      if (reply.type !== 'mip') throw new Error(`highs master: expected a MIP reply, got ${reply.type}`)
      return reply
    } finally {
      clearTimeout(kill)
    }
  }

  /** Asks a running solve to stop; the worker is terminated if it does not within 2 s. */
  interrupt(): void {
    Atomics.store(this.flag, 0, 1)
    setTimeout(() => {
      if (this.waiting.length > 0) void this.worker.terminate()
    }, GRACE_MS).unref()
  }

  /** Ends the worker. */
  async close(): Promise<void> {
    await this.worker.terminate()
  }

  private next(): Promise<Reply> {
    return new Promise<Reply>((resolve, reject) => {
      if (this.failure) reject(this.failure)
      else this.waiting.push({ resolve, reject })
    })
  }

  private request(message: Record<string, unknown>): Promise<Reply> {
    const reply = this.next()
    this.worker.postMessage(message)
    return reply
  }
}
