import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statfsSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { dirname, join } from 'node:path'

/** The lock file inside a PGlite data directory: the pid of the one server process using it. */
export const LOCK_FILE = 'paiban.lock'

/** A start that cannot use its data directory; the message says why and what to do. */
export class DataDirError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'DataDirError'
  }
}

/**
 * Creates the data directory (and its parents) and makes it and everything in it private to the
 * server's user: directories 0700, files 0600. PGlite's file system creates its files 0666
 * whatever the umask, so the modes are set again after it opened and when it closes; the 0700
 * directory is what keeps other users out in between.
 */
export function secureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const walk = (path: string) => {
    chmodSync(path, 0o700)
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name)
      if (entry.isDirectory()) walk(child)
      else if (entry.isFile()) chmodSync(child, 0o600)
    }
  }
  walk(dir)
}

const alive = (pid: number) => {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists, it belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes the data directory for this process: one server per directory (two PGlite processes on
 * one directory corrupt it). A lock left by a process that is gone is taken over.
 * @returns the release function (removes the lock file).
 * @throws DataDirError naming the other process when it is still running.
 */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, LOCK_FILE)
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600)
      writeSync(fd, `${process.pid}\n`)
      closeSync(fd)
      return () => {
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path)
        } catch {
          // Already gone: nothing to release.
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const pid = Number(readFileSync(path, 'utf8').trim())
      if (alive(pid))
        throw new DataDirError(
          `another Paiban server (process ${pid}) is using the data directory ${dir}: stop it first, ` +
            `or give this one its own PAIBAN_DATA_DIR / 另一个排班服务进程（${pid}）正在使用数据目录 ${dir}：请先停止它`,
        )
      unlinkSync(path) // left by a process that is gone
    }
  }
  throw new DataDirError(`could not take the lock file ${path}`)
}

/** Free bytes for an unprivileged writer on the file system holding `dir` (or its nearest parent). */
export function freeBytes(dir: string): number {
  let path = dir
  while (!existsSync(path) && dirname(path) !== path) path = dirname(path)
  const stats = statfsSync(path)
  return stats.bavail * stats.bsize
}

/**
 * Why a data directory could not be opened, in words a supervisor or an administrator can act on:
 * not writable, a full disk, or PGlite's own error.
 */
export function explainOpenFailure(dir: string, error: unknown): DataDirError {
  if (error instanceof DataDirError) return error
  const detail = error instanceof Error ? error.message : String(error)
  let existing = dir
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing)
  try {
    accessSync(existing, constants.W_OK)
  } catch {
    return new DataDirError(
      `cannot open the data directory ${dir}: ${existing} is not writable by this user ` +
        `(read-only disk or wrong owner); fix its permissions or set PAIBAN_DATA_DIR / 数据目录不可写`,
      { cause: error },
    )
  }
  try {
    const free = freeBytes(dir)
    if (free < 64 * 1024 * 1024)
      return new DataDirError(
        `cannot open the data directory ${dir}: the disk holding it is full (${Math.floor(free / 1024 / 1024)} MB free); ` +
          `free some space and start again / 磁盘已满，请清理空间后再启动`,
        { cause: error },
      )
  } catch {
    // statfs not possible: fall through to PGlite's own message.
  }
  return new DataDirError(`cannot open the data directory ${dir}: ${detail}`, { cause: error })
}
