import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { SolverInput, SolverMessage } from './worker'

const WORKER = new URL('./worker.ts', import.meta.url)

/**
 * The source that starts a worker thread on a TypeScript entry. Node 20 does not pass tsx's
 * loader (`--import tsx`) on to worker threads, so the thread registers it itself through tsx's
 * API before importing the entry. Works under `tsx` and under vitest alike.
 */
function bootstrap(entry: URL): string {
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
  const api = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href
  return `import(${JSON.stringify(api)}).then(tsx => { tsx.register(); return import(${JSON.stringify(entry.href)}) })`
}

export type SolverRun = {
  /** The solver's result; rejects if the thread fails; resolves `null` once cancelled. */
  readonly done: Promise<Extract<SolverMessage, { type: 'done' }> | null>
  /** Stops the thread at once (the search is synchronous: only termination stops it). */
  readonly cancel: () => Promise<void>
}

/** Runs generateMonth in a worker thread, off the request thread. */
export function runSolver(
  input: SolverInput,
  onProgress: (progress: Extract<SolverMessage, { type: 'progress' }>) => void,
): SolverRun {
  const worker = new Worker(bootstrap(WORKER), { eval: true, workerData: input })
  let cancelled = false
  const done = new Promise<Extract<SolverMessage, { type: 'done' }> | null>((resolve, reject) => {
    let result: Extract<SolverMessage, { type: 'done' }> | null = null
    worker.on('message', (message: SolverMessage) => {
      if (message.type === 'progress') onProgress(message)
      else result = message
    })
    worker.once('error', reject)
    worker.once('exit', code => {
      if (cancelled) resolve(null)
      else if (result) resolve(result)
      else reject(new Error(`the solver thread exited (code ${code}) without a result`))
    })
  })
  return {
    done,
    cancel: async () => {
      cancelled = true
      await worker.terminate()
    },
  }
}
