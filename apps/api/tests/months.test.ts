import type { MonthFile } from '@paiban/domain'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { hashPassword } from '../src/auth/passwords'
import {
  CURRENT,
  json,
  monthUrl,
  NEXT,
  PASSWORD,
  signIn,
  signInAll,
  testApp,
  type Client,
  type Login,
} from './helpers/app'
import { describeEachDb, freshDatabase, type TestDatabase } from './helpers/databases'

vi.setConfig({ hookTimeout: 180_000 })

type View = { version: number; state: string; latestVersion: number; file: MonthFile }
type Version = { version: number; state: string; source: string; createdBy: string | null }

describeEachDb('months', kind => {
  let db: TestDatabase
  let app: FastifyInstance
  let as: Record<Login, Client>
  let supervisor2: Client

  beforeAll(async () => {
    db = await freshDatabase(kind)
    app = await testApp(db.config)
    as = await signInAll(app)
    // A second supervisor of the same team, for concurrent edits.
    await app.db
      .insertInto('people')
      .values({
        login: 'supervisor2',
        name: '李主管',
        role: 'supervisor',
        team_id: 'cs-1',
        agent_id: null,
        password_hash: await hashPassword(PASSWORD),
      })
      .execute()
    supervisor2 = await signIn(app, 'supervisor2')
  })
  afterAll(async () => {
    await app.close()
    await db.drop()
  })

  const read = async (client: Client, month = NEXT) => json<View>(await client.get(monthUrl(month)))
  const versions = async (month = NEXT) =>
    json<Version[]>(await as.supervisor.get(`${monthUrl(month)}/versions`))
  const auditCount = async () =>
    Number(
      (
        await app.db
          .selectFrom('audit_log')
          .select(eb => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('the first start created the demo: 42 agents in three jobs, both months published', async () => {
    const teams = json<Array<{ id: string; months: Array<{ month: string; state: string }> }>>(
      await as.agent1.get('/api/teams'),
    )
    expect(teams).toHaveLength(1)
    expect(teams[0]?.months.map(m => [m.month, m.state])).toEqual([
      [CURRENT, 'published'],
      [NEXT, 'published'],
    ])
    const view = await read(as.supervisor)
    expect(view.file.agents).toHaveLength(42)
    expect(new Set(view.file.agents.map(a => a.job))).toEqual(new Set(['phone', 'chat', 'email']))
    expect(view.file.agents.filter(a => !a.nights).length).toBeGreaterThan(0)
    expect(Object.values(view.file.roster ?? {}).every(row => /^[DN-]{31}$/.test(row))).toBe(true)
    // The next month continues the current one across the boundary (REST-6-1).
    const current = await read(as.supervisor, CURRENT)
    expect(view.file.previous.a01).toBe(current.file.roster?.a01?.slice(-6))
    const check = json<{ ok: boolean }>(await as.supervisor.post(`${monthUrl(NEXT)}/check`))
    expect(check.ok).toBe(true)
  })

  it('PUT imports a month file as a new draft; supervisors see it, agents still see the published one', async () => {
    const before = await read(as.supervisor)
    const file = structuredClone(before.file)
    file.roster = { ...file.roster, a03: '-'.repeat(31) }
    const response = await as.supervisor.put(monthUrl(NEXT), file)
    expect(response.statusCode).toBe(201)
    expect(json(response)).toMatchObject({
      version: before.version + 1,
      state: 'draft',
      source: 'import',
      createdBy: 'supervisor',
    })
    expect((await read(as.supervisor)).file.roster?.a03).toBe('-'.repeat(31))
    const agentView = await read(as.agent1)
    expect(agentView.version).toBe(before.version)
    expect(agentView.state).toBe('published')
    expect(agentView.file.roster?.a03).toBe(before.file.roster?.a03)
  })

  it('PUT creates a month on its first import', async () => {
    const file = structuredClone((await read(as.supervisor)).file)
    const next = { ...file, month: '2027-01', roster: undefined, previous: {}, wishes: [] }
    const response = await as.supervisor.put(monthUrl('2027-01'), next)
    expect(response.statusCode).toBe(201)
    expect(json(response)).toMatchObject({ version: 1, state: 'draft' })
    expect(json(await as.agent1.get(monthUrl('2027-01')))).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })

  it('PATCH applies cell edits made on the latest version, with an audit row of before and after', async () => {
    const before = await read(as.supervisor)
    const audits = await auditCount()
    const cell = before.file.roster?.a05?.[9] === 'D' ? 'N' : 'D'
    const response = await as.supervisor.patch(`${monthUrl(NEXT)}/cells`, {
      version: before.version,
      edits: [{ agentId: 'a05', date: `${NEXT}-10`, cell }],
    })
    expect(response.statusCode).toBe(200)
    expect(json(response)).toMatchObject({ version: before.version + 1, state: 'draft', source: 'edit' })
    expect((await read(as.supervisor)).file.roster?.a05?.[9]).toBe(cell)
    expect(await auditCount()).toBe(audits + 1)
    const row = await app.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ action: 'month.edit', actor_login: 'supervisor', team_id: 'cs-1' })
    expect(row.before).toEqual({
      version: before.version,
      cells: [{ agentId: 'a05', date: `${NEXT}-10`, cell: before.file.roster?.a05?.[9] }],
    })
    expect(row.after).toEqual({
      version: before.version + 1,
      cells: [{ agentId: 'a05', date: `${NEXT}-10`, cell }],
    })
  })

  it('PATCH on a stale version is 409 with the current version, and overwrites nothing', async () => {
    const latest = await read(as.supervisor)
    const response = await as.supervisor.patch(`${monthUrl(NEXT)}/cells`, {
      version: latest.version - 1,
      edits: [{ agentId: 'a06', date: `${NEXT}-02`, cell: '-' }],
    })
    expect(response.statusCode).toBe(409)
    expect(json(response)).toMatchObject({ error: { code: 'STALE_VERSION', currentVersion: latest.version } })
    const after = await read(as.supervisor)
    expect(after.version).toBe(latest.version)
    expect(after.file.roster).toEqual(latest.file.roster)
  })

  it('two supervisors editing the same version at once: one wins, the other gets 409', async () => {
    for (let round = 0; round < 3; round++) {
      const base = await read(as.supervisor)
      const row = base.file.roster?.a07 ?? ''
      const flip = (c: string | undefined) => (c === 'D' ? 'N' : 'D')
      const edits = {
        supervisor: { agentId: 'a07', date: `${NEXT}-04`, cell: flip(row[3]) },
        supervisor2: { agentId: 'a07', date: `${NEXT}-05`, cell: flip(row[4]) },
      }
      const [first, second] = await Promise.all([
        as.supervisor.patch(`${monthUrl(NEXT)}/cells`, { version: base.version, edits: [edits.supervisor] }),
        supervisor2.patch(`${monthUrl(NEXT)}/cells`, { version: base.version, edits: [edits.supervisor2] }),
      ])
      expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409])
      const winner = first.statusCode === 200 ? 'supervisor' : 'supervisor2'
      const loser = winner === 'supervisor' ? 'supervisor2' : 'supervisor'
      const after = await read(as.supervisor)
      expect(after.version).toBe(base.version + 1)
      const day = (e: { date: string }) => Number(e.date.slice(8)) - 1
      // Exactly the winner's edit: its cell changed, the loser's did not.
      expect(after.file.roster?.a07?.[day(edits[winner])]).toBe(edits[winner].cell)
      expect(after.file.roster?.a07?.[day(edits[loser])]).toBe(row[day(edits[loser])])
      const history = await versions()
      expect(history.filter(v => v.version === base.version + 1)).toHaveLength(1)
      expect(history[0]).toMatchObject({ version: base.version + 1, createdBy: winner })
    }
  })

  it('an edit that read the version just before another writer committed is refused under the lock', async () => {
    const base = await read(as.supervisor)
    const actor = await app.db
      .selectFrom('people')
      .select(['id', 'login'])
      .where('login', '=', 'supervisor')
      .executeTakeFirstOrThrow()
    let late: Promise<unknown> = Promise.resolve()
    await app.db.transaction().execute(async trx => {
      const m = await trx
        .selectFrom('months')
        .selectAll()
        .where('team_id', '=', 'cs-1')
        .where('month', '=', NEXT)
        .forUpdate()
        .executeTakeFirstOrThrow()
      await app.months.appendVersion(trx, m, base.file, 'edit', actor)
      // Starts while the first writer holds the lock and has not committed.
      late = app.months
        .edit(
          { ...actor, name: '', role: 'supervisor', teamId: 'cs-1', agentId: null },
          'cs-1',
          NEXT,
          base.version,
          [{ agentId: 'a08', date: `${NEXT}-09`, cell: '-' }],
        )
        .then(
          () => 'written',
          (error: { statusCode?: number }) => error.statusCode,
        )
      await new Promise(resolve => setTimeout(resolve, 200))
    })
    expect(await late).toBe(409)
    const after = await read(as.supervisor)
    expect(after.version).toBe(base.version + 1)
    expect(after.file.roster).toEqual(base.file.roster)
  })

  it('POST publish makes the latest draft the one agents see; a stale version is 409', async () => {
    const latest = await read(as.supervisor)
    expect(latest.state).toBe('draft')
    const stale = await as.supervisor.post(`${monthUrl(NEXT)}/publish`, { version: latest.version - 1 })
    expect(stale.statusCode).toBe(409)
    expect((await read(as.agent1)).version).toBeLessThan(latest.version)
    const response = await as.supervisor.post(`${monthUrl(NEXT)}/publish`, { version: latest.version })
    expect(response.statusCode).toBe(200)
    expect(json(response)).toMatchObject({
      version: latest.version,
      state: 'published',
      publishedBy: 'supervisor',
    })
    const agentView = await read(as.agent1)
    expect(agentView).toMatchObject({ version: latest.version, state: 'published' })
    expect(agentView.file.roster).toEqual(latest.file.roster)
  })

  it('GET versions lists the history, newest first, with who made each', async () => {
    const history = await versions()
    expect(history.map(v => v.version)).toEqual([...history.map(v => v.version)].sort((a, b) => b - a))
    expect(history.at(-1)).toMatchObject({ version: 1, source: 'demo', state: 'published', createdBy: null })
    expect(new Set(history.map(v => v.source))).toEqual(new Set(['demo', 'import', 'edit']))
  })

  it('POST check reports the rules; a team leader sees violations of their own agents only', async () => {
    const latest = await read(as.supervisor)
    // Everyone of a03's group off on the 1st: a00-style coverage breaks and a03 works too little.
    await as.supervisor.patch(`${monthUrl(NEXT)}/cells`, {
      version: latest.version,
      edits: ['a01', 'a02', 'a03', 'a04', 'a05', 'a06', 'a07'].map(agentId => ({
        agentId,
        date: `${NEXT}-01`,
        cell: '-',
      })),
    })
    const full = json<{ ok: boolean; violations: Array<{ rule: string; agentId?: string }> }>(
      await as.supervisor.post(`${monthUrl(NEXT)}/check`),
    )
    expect(full.ok).toBe(false)
    expect(full.violations.some(v => v.rule === 'COVER-MIN')).toBe(true)
    const leader = json<{ violations: Array<{ agentId?: string }> }>(
      await as.leader1.post(`${monthUrl(NEXT)}/check`),
    )
    const group = new Set(latest.file.agents.filter(a => a.teamLeaderId === 'a01').map(a => a.id))
    expect(leader.violations.every(v => v.agentId === undefined || group.has(v.agentId))).toBe(true)
  })

  it('POST swap-check judges a swap on the latest version (as on submit), changing nothing', async () => {
    const view = await read(as.agent1)
    const row = view.file.roster?.a02 ?? ''
    const day = [...row].findIndex((c, i) => c === 'D' && view.file.roster?.a04?.[i] === '-')
    expect(day).toBeGreaterThanOrEqual(0)
    const before = await versions()
    const response = await as.agent1.post(`${monthUrl(NEXT)}/swap-check`, {
      requester: 'a02',
      counterpart: 'a04',
      date: `${NEXT}-${String(day + 1).padStart(2, '0')}`,
    })
    expect(response.statusCode).toBe(200)
    expect(json(response)).toMatchObject({
      ok: expect.any(Boolean) as unknown,
      violations: expect.any(Array) as unknown,
      // The state a sent swap is judged on: the latest version, not the published one the agent reads.
      version: (await read(as.supervisor)).version,
    })
    expect(await versions()).toEqual(before)
  })

  it('an agent reads only their own requests and wishes', async () => {
    const latest = await read(as.supervisor)
    const file = structuredClone(latest.file)
    file.wishes = [
      { agentId: 'a02', date: `${NEXT}-03`, want: 'off', weight: 1 },
      { agentId: 'a09', date: `${NEXT}-03`, want: 'off', weight: 1 },
    ]
    file.leaves = [
      {
        id: 'l1',
        agentId: 'a09',
        date: `${NEXT}-08`,
        shift: 'D',
        kind: 'sick',
        urgent: false,
        certificate: true,
        submittedAt: `${NEXT}-01T09:00:00+08:00`,
        by: 'a01',
        status: 'pending',
        approvals: [],
      },
    ]
    const put = json<{ version: number }>(await as.supervisor.put(monthUrl(NEXT), file))
    await as.supervisor.post(`${monthUrl(NEXT)}/publish`, { version: put.version })
    const agentView = await read(as.agent1)
    expect(agentView.file.wishes.map(w => w.agentId)).toEqual(['a02'])
    expect(agentView.file.leaves).toEqual([])
    // a09 is in leader1's group: the team leader sees the sick leave they would file.
    const leaderView = await read(as.leader1)
    expect(leaderView.file.leaves.map(l => l.id)).toEqual(['l1'])
    const managerView = await read(as.manager)
    expect(managerView.file.wishes).toHaveLength(2)
  })
})
