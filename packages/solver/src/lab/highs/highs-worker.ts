/**
 * The source of the worker thread that runs HiGHS. It is plain CommonJS JavaScript run with
 * `new Worker(source, { eval: true })`, so it needs no loader: the same code runs under tsx, vitest
 * and plain node, and survives bundling (there is no worker file to find). It only needs `highs`,
 * whose resolved path comes in `workerData.highsPath`.
 *
 * Messages to the parent:
 * - `{ type: 'progress', primal, dual, gap, nodes, time }` at most every 250 ms during a MIP;
 * - `{ type: 'incumbent', objective, dual, gap, time, values }` for each improving MIP solution
 *   (`values`: the first `workerData.cellColumns` columns, enough to read the roster back);
 * - `{ type: 'done', status, objective, dual, gap, nodes, runTime, values, memoryBytes }` at the end;
 * - `{ type: 'error', message }` if loading or solving throws.
 *
 * Cancellation: when `workerData.stop` (a SharedArrayBuffer) holds a non-zero first Int32, the
 * simplex and MIP interrupt callbacks stop the solve and HiGHS returns its best solution so far.
 */
export const HIGHS_WORKER_SOURCE = String.raw`
'use strict'
const { parentPort, workerData } = require('node:worker_threads')
const { highsPath, model, options, start, stop, cellColumns } = workerData
const flag = stop ? new Int32Array(stop) : null
const number = v => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : null)

require(highsPath)()
  .then(highs => {
    const m = highs.createModel(model)
    try {
      m.options.set(Object.assign({ output_flag: false }, options))
      if (start) m.setSolution(start)
      const cb = highs.constants.callbackType
      let lastLog = -1
      const callbacks = {}
      callbacks[cb.mipImprovingSolution] = e => {
        const d = e.data
        const values = d.mip_solution ? d.mip_solution.slice(0, cellColumns) : null
        parentPort.postMessage(
          {
            type: 'incumbent',
            objective: number(d.objective_function_value),
            dual: number(d.mip_dual_bound),
            gap: number(d.mip_gap),
            time: number(d.running_time),
            values,
          },
          values ? [values.buffer] : [],
        )
      }
      callbacks[cb.mipLogging] = e => {
        const d = e.data
        const time = number(d.running_time) || 0
        if (time - lastLog < 0.25) return
        lastLog = time
        parentPort.postMessage({
          type: 'progress',
          primal: number(d.mip_primal_bound),
          dual: number(d.mip_dual_bound),
          gap: number(d.mip_gap),
          nodes: number(d.mip_node_count),
          time,
        })
      }
      if (flag) {
        const check = e => {
          if (Atomics.load(flag, 0) !== 0) e.interrupt()
        }
        callbacks[cb.mipInterrupt] = check
        callbacks[cb.simplexInterrupt] = check
        callbacks[cb.ipmInterrupt] = check
      }
      m.run(callbacks)
      const info = name => {
        try {
          return number(m.info.get(name))
        } catch {
          return null
        }
      }
      const feasible = info('primal_solution_status') === 2
      const values = feasible ? m.getSolution().colValue : null
      parentPort.postMessage(
        {
          type: 'done',
          status: m.getModelStatus(),
          objective: feasible ? m.getObjectiveValue() : null,
          dual: info('mip_dual_bound'),
          gap: info('mip_gap'),
          nodes: info('mip_node_count'),
          runTime: m.getRunTime(),
          values,
          memoryBytes: highs.memoryBytes,
        },
        values ? [values.buffer] : [],
      )
    } finally {
      m.dispose()
    }
  })
  .catch(error => parentPort.postMessage({ type: 'error', message: String((error && error.stack) || error) }))
`
