import { readFileSync } from 'node:fs'
import type { MonthFile } from '@paiban/domain'
import { afterEach, expect, it, vi } from 'vitest'
import { CURRENT, NEXT, PASSWORD } from './helpers/app'
import { describeEachDb, processDatabase } from './helpers/databases'
import { SERVER_ENTRY, ServerProcess } from './helpers/server'

// Real processes, real kills: slower than inject, so generous limits (never timing assertions).
vi.setConfig({ testTimeout: 240_000, hookTimeout: 60_000 })

type View = { version: number; state: string; file: MonthFile }
type Version = { version: number; state: string; source: string }

const month = `/api/teams/cs-1/months/${NEXT}`

it('the root start script runs the server this suite starts', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>
  }
  expect(pkg.scripts.start).toBe(`tsx ${SERVER_ENTRY}`)
})

describeEachDb('the server process', kind => {
  const cleanups: Array<() => Promise<unknown>> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  async function start(env: Record<string, string>): Promise<ServerProcess> {
    const server = await ServerProcess.start(env)
    cleanups.push(() => server.kill())
    return server
  }
  async function database(seeded: boolean) {
    const db = await processDatabase(kind, seeded)
    cleanups.push(db.drop)
    return db
  }

  it('started twice on one database, the second start keeps the first one’s data and does not re-seed', async () => {
    const db = await database(false)
    const env = { ...db.env, PAIBAN_DEMO_SECONDS: '1' }
    const first = await start(env)
    const announced = /with the password: (\S+)/.exec(first.stdout)?.[1]
    expect(announced, first.stdout.slice(-2000)).toBeDefined()
    const password = announced ?? ''
    const cookie = await first.signIn('supervisor', password)
    const before = (await first.request('GET', month, { cookie })).body as View
    const edited = await first.request('PATCH', `${month}/cells`, {
      cookie,
      body: { version: before.version, edits: [{ agentId: 'a03', date: `${NEXT}-02`, cell: 'N' }] },
    })
    expect(edited.status).toBe(200)
    expect(await first.stop()).toBe(0)

    const second = await start(env)
    expect(second.stdout).not.toMatch(/Demo centre created|password:/)
    const again = await second.signIn('supervisor', password)
    const after = (await second.request('GET', month, { cookie: again })).body as View
    expect(after.version).toBe(before.version + 1)
    expect(after.file.roster?.a03?.[1]).toBe('N')
    const teams = (await second.request('GET', '/api/teams', { cookie: again })).body as unknown[]
    expect(teams).toHaveLength(1)
    // The first start's session survives the restart too.
    expect((await second.request('GET', '/api/session', { cookie })).status).toBe(200)
  })

  it('killed in the middle of an import, the month is whole after a restart: old or new, never half', async () => {
    const db = await database(true)
    // Pause inside the import's transaction, after the version row is written: kill -9 there.
    const server = await start({ ...db.env, PAIBAN_TEST_WRITE_PAUSE_MS: '60000' })
    let cookie = await server.signIn('supervisor', PASSWORD)
    const old = (await server.request('GET', month, { cookie })).body as View
    const oldVersions = (await server.request('GET', `${month}/versions`, { cookie })).body as Version[]
    const big = largeMonth(old.file, 3000)
    const put = server.request('PUT', month, { cookie, body: big }).catch(() => null)
    await server.waitFor(/pausing inside a roster write/)
    await server.kill()
    expect(await put).toBeNull() // the client never got an answer

    let restarted = await start(db.env)
    cookie = await restarted.signIn('supervisor', PASSWORD)
    const after = (await restarted.request('GET', month, { cookie })).body as View
    expect(after.version).toBe(old.version)
    expect(after.file.agents).toHaveLength(old.file.agents.length)
    expect(after.file.roster).toEqual(old.file.roster)
    expect((await restarted.request('GET', `${month}/versions`, { cookie })).body).toEqual(oldVersions)

    // Then kills at arbitrary moments of an import (no pause): each restart finds old or new.
    let known = { version: old.version, roster: old.file.roster, versions: oldVersions.length }
    for (const delay of [50, 400]) {
      const body = largeMonth(old.file, 3000, delay)
      const sent = restarted.request('PUT', month, { cookie, body }).catch(() => null)
      await new Promise(resolve => setTimeout(resolve, delay))
      await restarted.kill()
      await sent
      restarted = await start(db.env)
      cookie = await restarted.signIn('supervisor', PASSWORD)
      const view = (await restarted.request('GET', month, { cookie })).body as View
      const history = (await restarted.request('GET', `${month}/versions`, { cookie })).body as Version[]
      expect(history.map(v => v.version)).toEqual(
        Array.from({ length: history.length }, (_, i) => history.length - i),
      )
      expect(history[0]?.version).toBe(view.version)
      if (view.version === known.version) {
        expect(view.file.roster).toEqual(known.roster)
        expect(history).toHaveLength(known.versions)
      } else {
        expect(view.version).toBe(known.version + 1)
        expect(view.file.agents).toHaveLength(body.agents.length)
        expect(view.file.roster).toEqual(body.roster)
        expect(history).toHaveLength(known.versions + 1)
      }
      known = { version: view.version, roster: view.file.roster, versions: history.length }
    }
  })

  it('a job running when the server is killed is marked failed, visibly, after the restart', async () => {
    const db = await database(true)
    const env = { ...db.env, PAIBAN_JOB_STALE_SECONDS: '2' }
    const server = await start(env)
    let cookie = await server.signIn('supervisor', PASSWORD)
    const versions = (await server.request('GET', `/api/teams/cs-1/months/${CURRENT}/versions`, { cookie }))
      .body
    const created = await server.request('POST', `/api/teams/cs-1/months/${CURRENT}/generate`, {
      cookie,
      body: { seconds: 120, replan: true },
    })
    expect(created.status).toBe(202)
    const id = (created.body as { id: string }).id
    for (let i = 0; ; i++) {
      const job = (await server.request('GET', `/api/jobs/${id}`, { cookie })).body as {
        status: string
        progress: unknown
      }
      if (job.status === 'running' && job.progress !== null) break
      if (i > 300) throw new Error(`job still ${job.status}`)
      await new Promise(resolve => setTimeout(resolve, 100))
    }
    await server.kill()

    const restarted = await start(env)
    cookie = await restarted.signIn('supervisor', PASSWORD)
    let job: { status: string; error: string | null; resultVersion: number | null } = {
      status: '',
      error: null,
      resultVersion: null,
    }
    // PGlite fails it at startup; PostgreSQL once its heartbeat is stale (other processes may live).
    for (let i = 0; i < 200; i++) {
      job = (await restarted.request('GET', `/api/jobs/${id}`, { cookie })).body as typeof job
      if (job.status !== 'running') break
      await new Promise(resolve => setTimeout(resolve, 100))
    }
    expect(job).toMatchObject({ status: 'failed', error: 'interrupted by a restart', resultVersion: null })
    expect(
      (await restarted.request('GET', `/api/teams/cs-1/months/${CURRENT}/versions`, { cookie })).body,
    ).toEqual(versions)
    // The restarted server still runs jobs.
    const next = await restarted.request('POST', `/api/teams/cs-1/months/${CURRENT}/generate`, {
      cookie,
      body: { seconds: 0.5 },
    })
    const nextId = (next.body as { id: string }).id
    for (let i = 0; ; i++) {
      const state = (await restarted.request('GET', `/api/jobs/${nextId}`, { cookie })).body as {
        status: string
      }
      if (state.status === 'done') break
      if (i > 300) throw new Error(`job still ${state.status}`)
      await new Promise(resolve => setTimeout(resolve, 100))
    }
  })
})

/** The month with `extra` more agents (each resting all month): a large file to import. */
function largeMonth(file: MonthFile, extra: number, salt = 0): MonthFile {
  const days = file.roster?.a01?.length ?? 31
  const agents = Array.from({ length: extra }, (_, i) => ({
    id: `x${i}`,
    name: `临时客服${i}`,
    job: 'email' as const,
    level: 'junior' as const,
    role: 'agent' as const,
    teamLeaderId: 'a35',
    nights: true,
  }))
  const roster = { ...file.roster }
  for (const a of agents) roster[a.id] = '-'.repeat(days)
  // The salt changes one cell so that every import differs from the one before.
  const first = roster.a02 ?? ''
  roster.a02 = (salt % 2 === 0 ? 'D' : '-') + first.slice(1)
  return { ...file, agents: [...file.agents, ...agents], roster }
}
