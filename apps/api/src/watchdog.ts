import { Worker } from 'node:worker_threads'

/**
 * The watchdog's thread, plain JavaScript (no loader needed): it reads the main thread's
 * heartbeat and, when the beat has not moved for `limitMs`, says so on stderr and kills the
 * process. A signal handler is JavaScript on the main thread, so a write that blocks that thread
 * (PGlite's WebAssembly spinning on a full disk) would otherwise ignore SIGTERM for good.
 */
const WATCHDOG = `
const { workerData } = require('node:worker_threads')
const { writeSync } = require('node:fs')
const beat = new Int32Array(workerData.buffer)
let last = Atomics.load(beat, 0)
let since = Date.now()
setInterval(() => {
  const now = Atomics.load(beat, 0)
  if (now !== last) {
    last = now
    since = Date.now()
    return
  }
  if (Date.now() - since < workerData.limitMs) return
  writeSync(2, 'paiban: the server has not answered for ' + Math.round(workerData.limitMs / 1000) +
    ' s (a stuck database write?): ending the process so it can be started again / ' +
    '服务已无响应，进程退出以便重新启动\\n')
  process.kill(process.pid, 'SIGKILL')
}, 100)
`

/**
 * Ends the process when its event loop has been blocked for `limitMs`: no request, health check
 * or SIGTERM can be answered then, so a service manager is better served by a restart (every
 * acknowledged write is on disk; a killed write is rolled back). With it, SIGTERM ends the
 * process within `limitMs` even when a write hangs the main thread.
 * @param limitMs how long the loop may be blocked, ms; 0 turns the watchdog off.
 * @returns stops the watchdog.
 */
export function startWatchdog(limitMs: number): () => void {
  if (limitMs <= 0) return () => {}
  const buffer = new SharedArrayBuffer(4)
  const beat = new Int32Array(buffer)
  const timer = setInterval(() => Atomics.add(beat, 0, 1), Math.min(250, limitMs / 4))
  timer.unref()
  const worker = new Worker(WATCHDOG, { eval: true, workerData: { buffer, limitMs } })
  worker.unref()
  return () => {
    clearInterval(timer)
    void worker.terminate()
  }
}
