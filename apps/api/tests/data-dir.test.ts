import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { isDatabaseOutage } from '../src/errors'
import { json, monthUrl, NEXT, signIn, testApp } from './helpers/app'
import { processDatabase } from './helpers/databases'
import { ServerProcess } from './helpers/server'

vi.setConfig({ hookTimeout: 180_000, testTimeout: 180_000 })

/** Every entry under `dir` whose mode is not 0700 (directories) or 0600 (files). */
function looseModes(dir: string): string[] {
  const loose: string[] = []
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name)
      const mode = statSync(child).mode & 0o777
      if (entry.isDirectory()) {
        if (mode !== 0o700) loose.push(`${child} ${mode.toString(8)}`)
        walk(child)
      } else if (mode !== 0o600) loose.push(`${child} ${mode.toString(8)}`)
    }
  }
  if ((statSync(dir).mode & 0o777) !== 0o700) loose.push(`${dir} ${(statSync(dir).mode & 0o777).toString(8)}`)
  walk(dir)
  return loose
}

describe('the PGlite data directory', () => {
  let database: Awaited<ReturnType<typeof processDatabase>>
  let app: FastifyInstance
  let free = 10 * 1024 ** 3

  beforeAll(async () => {
    database = await processDatabase('pglite')
    app = await testApp(
      { kind: 'pglite', dataDir: database.dataDir ?? '' },
      { storage: { reserveBytes: 128 * 1024 ** 2, freeBytes: () => free } },
    )
  })
  afterAll(async () => {
    await app.close()
    await database.drop()
  })

  it('is private to the server: directories 0700, files 0600 (also those PGlite made)', () => {
    const dir = database.dataDir ?? ''
    expect(looseModes(dir)).toEqual([])
    expect(readdirSync(dir)).toContain('paiban.lock')
  })

  it('refuses writes with 503 while the disk is under its reserve, and takes them again when space is freed', async () => {
    const supervisor = await signIn(app, 'supervisor')
    const before = json<{ version: number; file: { roster: Record<string, string> } }>(
      await supervisor.get(monthUrl(NEXT)),
    )
    const edit = { version: before.version, edits: [{ agentId: 'a01', date: `${NEXT}-02`, cell: 'N' }] }
    free = 8 * 1024 ** 2
    await new Promise(resolve => setTimeout(resolve, 1100)) // past the statfs cache
    const refused = await supervisor.patch(`${monthUrl(NEXT)}/cells`, edit)
    expect(refused.statusCode).toBe(503)
    expect(json<{ error: { message: string } }>(refused).error.message).toMatch(
      /^the database cannot store changes right now; nothing was saved/,
    )
    expect(refused.headers['retry-after']).toBeDefined()
    const health = await app.inject({ method: 'GET', url: '/api/health' })
    expect(health.statusCode).toBe(503)
    expect(json<{ ok: boolean; reason: string }>(health)).toMatchObject({ ok: false })
    // Reads still work; nothing was written.
    const during = json<{ version: number }>(await supervisor.get(monthUrl(NEXT)))
    expect(during.version).toBe(before.version)
    free = 10 * 1024 ** 3
    await new Promise(resolve => setTimeout(resolve, 1100))
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
    const accepted = await supervisor.patch(`${monthUrl(NEXT)}/cells`, edit)
    expect(accepted.statusCode).toBe(200)
  })

  it('counts a full disk, a lost connection and an aborted PGlite as outages, not bugs', () => {
    const withCode = (code: string) => Object.assign(new Error('x'), { code })
    expect(isDatabaseOutage(withCode('53100'))).toBe(true)
    expect(isDatabaseOutage(withCode('ENOSPC'))).toBe(true)
    expect(isDatabaseOutage(withCode('57P01'))).toBe(true)
    expect(isDatabaseOutage(Object.assign(new Error('Aborted()'), { name: 'RuntimeError' }))).toBe(true)
    expect(isDatabaseOutage(withCode('23505'))).toBe(false)
    expect(isDatabaseOutage(new TypeError('a bug'))).toBe(false)
  })
})

describe('one server process per data directory', () => {
  it('refuses a second server on the same directory with a clear message, and takes over after a kill -9', async () => {
    const database = await processDatabase('pglite')
    try {
      const first = await ServerProcess.start(database.env)
      try {
        await expect(ServerProcess.start(database.env, 60_000)).rejects.toThrow(
          /another Paiban server \(process \d+\) is using the data directory/,
        )
        expect((await first.request('GET', '/api/health')).status).toBe(200)
      } finally {
        await first.kill()
      }
      // The lock of a killed process is stale: the next start takes it.
      const next = await ServerProcess.start(database.env)
      expect(await next.stop()).toBe(0)
    } finally {
      await database.drop()
    }
  })
})
