/**
 * The source of a long-lived HiGHS worker thread holding one model that grows by columns: the
 * restricted master problem of column generation. Plain CommonJS run with `new Worker(source,
 * { eval: true })`, like `HIGHS_WORKER_SOURCE`, so it needs no loader.
 *
 * Requests (each answered by one message, in order):
 * - `{ type: 'init', model, options }` → `{ type: 'ok' }`: loads the model (HiGHS `ModelData`);
 * - `{ type: 'addCols', cost, lower, upper, starts, indices, values }` → `{ type: 'ok' }`: appends
 *   columns (CSC over the model's rows);
 * - `{ type: 'fix', columns }` → `{ type: 'ok' }`: bounds the columns (indices) to 0;
 * - `{ type: 'release', columns }` → `{ type: 'ok' }`: bounds the columns back to [0, 1];
 * - `{ type: 'delete', columns }` → `{ type: 'ok' }`: deletes the columns (later ones move up);
 * - `{ type: 'lp', seconds, primal }` → `{ type: 'lp', status, objective, rowDual, colValue }`: solves
 *   the LP relaxation (warm-started from the previous basis) by the primal simplex when `primal`,
 *   else by the dual simplex;
 * - `{ type: 'mip', seconds, integer, start }` → `{ type: 'mip', status, objective, bound, colValue }`:
 *   marks the columns `integer` (indices) integral and solves the MILP from the sparse MIP `start`;
 *   the interrupt flag (`workerData.stop`, a SharedArrayBuffer) stops it early with its incumbent.
 * Errors come back as `{ type: 'error', message }`.
 */
export const MASTER_WORKER_SOURCE = String.raw`
'use strict'
const { parentPort, workerData } = require('node:worker_threads')
const flag = new Int32Array(workerData.stop)
const number = v => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : null)

require(workerData.highsPath)()
  .then(highs => {
    let m = null
    const cb = highs.constants.callbackType
    const interrupt = e => {
      if (Atomics.load(flag, 0) !== 0) e.interrupt()
    }
    const callbacks = {}
    callbacks[cb.mipInterrupt] = interrupt
    callbacks[cb.simplexInterrupt] = interrupt
    const info = name => {
      try {
        return number(m.info.get(name))
      } catch {
        return null
      }
    }
    const handle = msg => {
      switch (msg.type) {
        case 'init':
          m = highs.createModel(msg.model)
          m.options.set(Object.assign({ output_flag: false }, msg.options))
          return { type: 'ok' }
        case 'addCols':
          m.addCols({
            cost: msg.cost,
            lower: msg.lower,
            upper: msg.upper,
            matrix: {
              format: 'csc',
              numRows: msg.numRows,
              numCols: msg.cost.length,
              starts: msg.starts,
              indices: msg.indices,
              values: msg.values,
            },
          })
          return { type: 'ok' }
        case 'fix':
          for (const j of msg.columns) m.changeColBounds(j, 0, 0)
          return { type: 'ok' }
        case 'delete':
          m.deleteCols({ kind: 'set', indices: msg.columns })
          return { type: 'ok' }
        case 'release':
          for (const j of msg.columns) m.changeColBounds(j, 0, 1)
          return { type: 'ok' }
        case 'lp': {
          m.zeroAllClocks()
          m.options.set({ time_limit: msg.seconds, simplex_strategy: msg.primal ? 4 : 1 })
          m.run(callbacks)
          const s = m.getSolution()
          return {
            type: 'lp',
            status: m.getModelStatus(),
            objective: m.getObjectiveValue(),
            rowDual: s.rowDual,
            colValue: s.colValue,
          }
        }
        case 'mip': {
          for (const j of msg.integer) m.changeColIntegrality(j, 1)
          m.options.set({ time_limit: msg.seconds, mip_rel_gap: 0, presolve: 'on' })
          if (msg.start) m.setSolution(msg.start)
          m.zeroAllClocks()
          m.run(callbacks)
          const feasible = info('primal_solution_status') === 2
          return {
            type: 'mip',
            status: m.getModelStatus(),
            objective: feasible ? m.getObjectiveValue() : null,
            bound: info('mip_dual_bound'),
            colValue: feasible ? m.getSolution().colValue : null,
          }
        }
        default:
          throw new Error('unknown request ' + msg.type)
      }
    }
    parentPort.on('message', msg => {
      try {
        parentPort.postMessage(handle(msg))
      } catch (error) {
        parentPort.postMessage({ type: 'error', message: String((error && error.stack) || error) })
      }
    })
    parentPort.postMessage({ type: 'ready' })
  })
  .catch(error => parentPort.postMessage({ type: 'error', message: String((error && error.stack) || error) }))
`
