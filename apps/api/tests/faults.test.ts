import { execFileSync } from 'node:child_process'
import { mkdirSync, openSync, closeSync, rmSync, statfsSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { NEXT, PASSWORD } from './helpers/app'
import { pgliteDump, processDatabase, scratchDir } from './helpers/databases'
import { ServerProcess } from './helpers/server'

// Real processes, real file systems: generous limits; the one timing asserted is the 10 s promise.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 60_000 })

const month = `/api/teams/cs-1/months/${NEXT}`
type View = { version: number }

/** Mounts a tmpfs of `mb` MiB at a new directory; undefined where this machine does not allow it. */
function tmpfs(mb: number, options = ''): string | undefined {
  const dir = scratchDir('tmpfs')
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m${options ? `,${options}` : ''}`, 'tmpfs', dir], {
      stdio: 'ignore',
    })
    return dir
  } catch {
    rmSync(dir, { recursive: true, force: true })
    return undefined
  }
}
function unmount(dir: string) {
  execFileSync('umount', [dir], { stdio: 'ignore' })
  rmSync(dir, { recursive: true, force: true })
}
const canMount = (() => {
  const probe = tmpfs(1)
  if (probe === undefined) return false
  unmount(probe)
  return true
})()

/** Fills the file system of `dir` until `leaveMb` MiB are free; returns the filler's path. */
function fill(dir: string, leaveMb: number): string {
  const path = join(dir, 'filler')
  const fd = openSync(path, 'w')
  const chunk = Buffer.alloc(1024 * 1024)
  try {
    for (;;) {
      const stats = statfsSync(dir)
      if (stats.bavail * stats.bsize <= leaveMb * 1024 * 1024) break
      writeSync(fd, chunk)
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
  } finally {
    closeSync(fd)
  }
  return path
}

describe('SIGTERM ends the process within 10 s', () => {
  const cleanups: Array<() => Promise<unknown>> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  async function stuckWrite(env: Record<string, string>, logged: RegExp) {
    const db = await processDatabase('pglite')
    cleanups.push(db.drop)
    const server = await ServerProcess.start({ ...db.env, ...env })
    cleanups.push(() => server.kill())
    const cookie = await server.signIn('supervisor', PASSWORD)
    const before = (await server.request('GET', month, { cookie })).body as View
    const edit = server
      .request('PATCH', `${month}/cells`, {
        cookie,
        body: { version: before.version, edits: [{ agentId: 'a03', date: `${NEXT}-02`, cell: 'N' }] },
      })
      .catch(() => null)
    await server.waitFor(logged)
    const t = performance.now()
    const code = await server.stop()
    const seconds = (performance.now() - t) / 1000
    expect(await edit).toBeNull() // never acknowledged
    return { code, seconds, output: server.stdout }
  }

  it('while a write waits forever inside its transaction', async () => {
    const { seconds } = await stuckWrite(
      { PAIBAN_TEST_WRITE_PAUSE_MS: '120000' },
      /pausing inside a roster write/,
    )
    expect(seconds).toBeLessThan(10)
  })

  it('while a write blocks the event loop (the signal handler cannot run): the watchdog ends it', async () => {
    const { seconds, output } = await stuckWrite(
      { PAIBAN_TEST_WRITE_SPIN_MS: '120000' },
      /blocking the event loop inside a roster write/,
    )
    expect(seconds).toBeLessThan(10)
    expect(output).toMatch(/the server has not answered for 8 s/)
  })
})

describe.skipIf(!canMount)('a data directory on a disk that cannot take it (real tmpfs)', () => {
  it('a read-only disk: the start says which directory and why, no PGlite internals', async () => {
    const mount = tmpfs(64) ?? ''
    try {
      mkdirSync(join(mount, 'data'))
      execFileSync('mount', ['-o', 'remount,ro', mount])
      const dataDir = join(mount, 'data')
      const error = await ServerProcess.start({ PAIBAN_DATA_DIR: dataDir }, 60_000).catch((e: unknown) => e)
      expect(String(error)).toContain(`paiban: cannot open the data directory ${dataDir}:`)
      expect(String(error)).toMatch(/is not writable by this user \(read-only disk or wrong owner\)/)
      expect(String(error)).not.toMatch(/PGlite failed to initialize|RuntimeError/)
    } finally {
      unmount(mount)
    }
  })

  it('a full disk: the start says the disk is full, not RuntimeError: Aborted()', async () => {
    const mount = tmpfs(32) ?? ''
    try {
      fill(mount, 0)
      const dataDir = join(mount, 'data')
      const error = await ServerProcess.start({ PAIBAN_DATA_DIR: dataDir }, 60_000).catch((e: unknown) => e)
      expect(String(error)).toContain(
        `paiban: cannot open the data directory ${dataDir}: the disk holding it is full`,
      )
      expect(String(error)).not.toMatch(/RuntimeError: Aborted\(\)/)
    } finally {
      unmount(mount)
    }
  })

  it('low disk while running: the write is refused with 503, health says so, and both recover when space is freed', async () => {
    const mount = tmpfs(400) ?? ''
    let server: ServerProcess | undefined
    try {
      const dataDir = join(mount, 'data')
      mkdirSync(dataDir)
      await (await PGlite.create({ dataDir, loadDataDir: await pgliteDump('seeded') })).close()
      const running = await ServerProcess.start({
        PAIBAN_DATA_DIR: dataDir,
        PAIBAN_FREE_SPACE_RESERVE_MB: '128',
      })
      server = running
      const cookie = await running.signIn('supervisor', PASSWORD)
      const before = (await running.request('GET', month, { cookie })).body as View
      const edit = (version: number) =>
        running.request('PATCH', `${month}/cells`, {
          cookie,
          body: { version, edits: [{ agentId: 'a03', date: `${NEXT}-02`, cell: 'N' }] },
        })
      const filler = fill(mount, 16)
      await new Promise(resolve => setTimeout(resolve, 1100)) // past the statfs cache
      const refused = await edit(before.version)
      expect(refused.status).toBe(503)
      expect((refused.body as { error: { message: string } }).error.message).toMatch(
        /^the database cannot store changes right now; nothing was saved/,
      )
      expect((await running.request('GET', '/api/health')).status).toBe(503)
      expect(((await running.request('GET', month, { cookie })).body as View).version).toBe(before.version)
      rmSync(filler)
      await new Promise(resolve => setTimeout(resolve, 1100))
      expect((await running.request('GET', '/api/health')).status).toBe(200)
      expect((await edit(before.version)).status).toBe(200)
      expect(await running.stop()).toBe(0)
    } finally {
      await server?.kill()
      unmount(mount)
    }
  })
})
