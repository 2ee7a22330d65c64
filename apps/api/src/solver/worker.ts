import { parentPort, workerData } from 'node:worker_threads'
import type { MonthFile } from '@paiban/domain'
import { generateMonth, type Keep } from '@paiban/solver'

/**
 * The solver thread: runs generateMonth on the month it is given, posts progress (at most every
 * 200 ms) and then the result. Cancelling is `worker.terminate()` from the parent: the search is
 * synchronous, so nothing in this thread could hear a message until it finished.
 */
/** `keep`: a reference roster (the published one, when re-planning a published month) whose cells cost a weight to change. */
export type SolverInput = { file: MonthFile; seconds: number; seed: number; keep?: Keep }

export type SolverMessage =
  | { type: 'progress'; hard: number; soft: number; elapsedMs: number }
  | {
      type: 'done'
      file: MonthFile
      status: string
      ok: boolean
      hard: number
      soft: number
      elapsedMs: number
      /** Cells that differ from `keep`'s roster (0 without it). */
      changed: number
    }

const input = workerData as SolverInput
const post = (message: SolverMessage) => parentPort?.postMessage(message)

let last = -Infinity
const result = generateMonth(input.file, {
  seconds: input.seconds,
  seed: input.seed,
  ...(input.keep ? { keep: input.keep } : {}),
  onProgress: (best, elapsedMs) => {
    if (elapsedMs - last < 200) return
    last = elapsedMs
    post({ type: 'progress', hard: best.hard, soft: best.objective, elapsedMs })
  },
})
post({
  type: 'done',
  file: result.file,
  status: result.status,
  // About the roster: paperwork on leave and swap records (result.notices) is not the solver's.
  ok: result.ok,
  hard: result.hard,
  soft: result.soft,
  elapsedMs: result.elapsedMs,
  changed: result.changed,
})
