import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { ACCESS, ROLES, type Role, type RouteKey } from '../src/access'
import { hashPassword } from '../src/auth/passwords'
import {
  Client,
  json,
  LOGINS,
  monthUrl,
  NEXT,
  PASSWORD,
  signIn,
  signInAll,
  testApp,
  type Login,
} from './helpers/app'
import { describeEachDb, freshDatabase, type TestDatabase } from './helpers/databases'

vi.setConfig({ hookTimeout: 180_000 })

const ROLE_OF: Record<Login, Role> = {
  supervisor: 'supervisor',
  leader1: 'teamLeader',
  agent1: 'agent',
  manager: 'manager',
  hr: 'hr',
  admin: 'admin',
}

type Sample = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: string
  body?: unknown
  headers?: Record<string, string>
  /** The answer of an allowed caller when it is not a success: the sample names no real request
   * (the workflows themselves are driven in requests.test.ts); it proves the role got past the gate. */
  expect?: number
}
type Context = {
  app: FastifyInstance
  login: Login
  /** The latest version of the next month, read now. */
  latest: () => Promise<number>
  /** A job that is still queued or running (cancellable). */
  liveJob: () => Promise<string>
  doneJob: string
}

/**
 * A request that succeeds for a role the route allows. `Record<RouteKey, …>`: a route added to
 * ACCESS without a sample here does not compile.
 */
const SAMPLES: Record<RouteKey, (ctx: Context) => Promise<Sample> | Sample> = {
  'GET /api/health': () => ({ method: 'GET', url: '/api/health' }),
  'GET /api/openapi.json': () => ({ method: 'GET', url: '/api/openapi.json' }),
  'POST /api/session': () => ({
    method: 'POST',
    url: '/api/session',
    body: { login: 'hr', password: PASSWORD },
  }),
  'GET /api/session': () => ({ method: 'GET', url: '/api/session' }),
  'DELETE /api/session': () => ({ method: 'DELETE', url: '/api/session' }),
  'GET /api/teams': () => ({ method: 'GET', url: '/api/teams' }),
  'GET /api/teams/:team/months/:month': () => ({ method: 'GET', url: monthUrl(NEXT) }),
  'PUT /api/teams/:team/months/:month': async ({ app }) => {
    const file = json<{ file: unknown }>(await (await signIn(app, 'supervisor')).get(monthUrl(NEXT))).file
    return { method: 'PUT', url: monthUrl(NEXT), body: file }
  },
  'PATCH /api/teams/:team/months/:month/cells': async ({ latest }) => ({
    method: 'PATCH',
    url: `${monthUrl(NEXT)}/cells`,
    body: { version: await latest(), edits: [{ agentId: 'a10', date: `${NEXT}-12`, cell: 'D' }] },
  }),
  'POST /api/teams/:team/months/:month/publish': async ({ latest }) => ({
    method: 'POST',
    url: `${monthUrl(NEXT)}/publish`,
    body: { version: await latest() },
  }),
  'POST /api/teams/:team/months/:month/generate': () => ({
    method: 'POST',
    url: `${monthUrl(NEXT)}/generate`,
    body: { seconds: 0.2 },
  }),
  'POST /api/teams/:team/months/:month/check': () => ({ method: 'POST', url: `${monthUrl(NEXT)}/check` }),
  'GET /api/teams/:team/months/:month/versions': () => ({ method: 'GET', url: `${monthUrl(NEXT)}/versions` }),
  'POST /api/teams/:team/months/:month/swap-check': ({ login }) => ({
    method: 'POST',
    url: `${monthUrl(NEXT)}/swap-check`,
    // Each asks about a swap of their own (the supervisor about anyone's).
    body: { requester: login === 'leader1' ? 'a01' : 'a02', counterpart: 'a04', date: `${NEXT}-15` },
  }),
  'POST /api/teams/:team/months/:month/leave-check': ({ login }) => ({
    method: 'POST',
    url: `${monthUrl(NEXT)}/leave-check`,
    // Every day of the month: each agent has a shift on some of them.
    body: {
      agentId: login === 'leader1' ? 'a01' : 'a02',
      dates: Array.from({ length: 31 }, (_, i) => `${NEXT}-${String(i + 1).padStart(2, '0')}`),
      kind: 'annual',
    },
  }),
  'GET /api/me/requests': () => ({ method: 'GET', url: '/api/me/requests' }),
  'GET /api/teams/:team/months/:month/swap-finder': () => ({
    method: 'GET',
    url: `${monthUrl(NEXT)}/swap-finder?date=${NEXT}-15`,
  }),
  'GET /api/teams/:team/months/:month/versions/:version': () => ({
    method: 'GET',
    url: `${monthUrl(NEXT)}/versions/1`,
  }),
  'POST /api/teams/:team/months/:month/swaps': () => ({
    method: 'POST',
    url: `${monthUrl(NEXT)}/swaps`,
    body: { counterpart: 'a99', date: `${NEXT}-15` },
    expect: 400,
  }),
  'DELETE /api/teams/:team/months/:month/swaps/:id': () => ({
    method: 'DELETE',
    url: `${monthUrl(NEXT)}/swaps/missing`,
    expect: 404,
  }),
  'POST /api/teams/:team/months/:month/leaves': () => ({
    method: 'POST',
    url: `${monthUrl(NEXT)}/leaves`,
    body: { dates: ['2027-01-05'], kind: 'annual', urgent: false, certificate: false },
    expect: 400,
  }),
  'DELETE /api/teams/:team/months/:month/leaves/:id': () => ({
    method: 'DELETE',
    url: `${monthUrl(NEXT)}/leaves/missing`,
    expect: 404,
  }),
  'PUT /api/teams/:team/months/:month/leaves/:id/certificate': () => ({
    method: 'PUT',
    url: `${monthUrl(NEXT)}/leaves/missing/certificate`,
    body: { handedIn: true },
    expect: 404,
  }),
  'GET /api/teams/:team/months/:month/compliance': () => ({
    method: 'GET',
    url: `${monthUrl(NEXT)}/compliance`,
  }),
  'POST /api/teams/:team/months/:month/swaps/:id/decision': () => ({
    method: 'POST',
    url: `${monthUrl(NEXT)}/swaps/missing/decision`,
    body: { decision: 'reject', reason: 'test' },
    expect: 404,
  }),
  'POST /api/teams/:team/months/:month/leaves/:id/decision': () => ({
    method: 'POST',
    url: `${monthUrl(NEXT)}/leaves/missing/decision`,
    body: { decision: 'reject', reason: 'test' },
    expect: 404,
  }),
  'GET /api/inbox': () => ({ method: 'GET', url: '/api/inbox' }),
  'GET /api/teams/:team/months/:month/payroll': () => ({
    method: 'GET',
    url: `${monthUrl(NEXT)}/payroll?format=csv`,
  }),
  'GET /api/me/ical': () => ({ method: 'GET', url: '/api/me/ical' }),
  'DELETE /api/me/ical': () => ({ method: 'DELETE', url: '/api/me/ical' }),
  'GET /api/ical/:token': () => ({ method: 'GET', url: '/api/ical/not-a-token', expect: 404 }),
  'GET /api/jobs/:id': ({ doneJob }) => ({ method: 'GET', url: `/api/jobs/${doneJob}` }),
  'GET /api/jobs/:id/events': ({ doneJob }) => ({ method: 'GET', url: `/api/jobs/${doneJob}/events` }),
  'DELETE /api/jobs/:id': async ({ liveJob }) => ({ method: 'DELETE', url: `/api/jobs/${await liveJob()}` }),
  'GET /api/holidays': () => ({ method: 'GET', url: '/api/holidays' }),
  'GET /api/holidays/:year': () => ({ method: 'GET', url: '/api/holidays/2030' }),
  'PUT /api/holidays/:year': async ({ app }) => ({
    method: 'PUT',
    url: `/api/holidays/2030?version=${(await app.holidays.year(2030)).version}`,
    body: { format: 'paiban.holidays/1', year: 2030, breaks: [], workdays: [], source: 'access test' },
  }),
  'GET /api/admin/teams': () => ({ method: 'GET', url: '/api/admin/teams' }),
  'POST /api/teams': () => ({
    method: 'POST',
    url: '/api/teams',
    body: { id: `t-${++counter}`, name: '新组', timeZone: 'Asia/Shanghai' },
  }),
  'PATCH /api/teams/:team': () => ({ method: 'PATCH', url: '/api/teams/cs-1', body: { name: '客服一组' } }),
  'GET /api/teams/:team/people': () => ({ method: 'GET', url: '/api/teams/cs-1/people' }),
  'POST /api/teams/:team/people': () => ({
    method: 'POST',
    url: '/api/teams/cs-1/people',
    body: { id: `n${++counter}`, name: `新人${counter}`, job: 'phone', level: 'junior', teamLeaderId: 'a01' },
  }),
  'PATCH /api/teams/:team/people/:id': () => ({
    method: 'PATCH',
    url: '/api/teams/cs-1/people/a05',
    body: { nights: true },
  }),
  'POST /api/teams/:team/people/import': () => ({
    method: 'POST',
    url: '/api/teams/cs-1/people/import?dryRun=1',
    body: '工号,姓名,岗位,级别\na05,王五,phone,junior\n',
    headers: { 'content-type': 'text/csv' },
  }),
  'GET /api/signins': () => ({ method: 'GET', url: '/api/signins' }),
  'POST /api/signins': () => ({
    method: 'POST',
    url: '/api/signins',
    body: { login: `hr${++counter}`, name: '人事', role: 'hr', team: 'cs-1', password: 'first-password' },
  }),
  'POST /api/signins/:id/password': async ({ app }) => {
    const target = await app.db
      .selectFrom('people')
      .select('id')
      .where('login', '=', 'reset-me')
      .executeTakeFirstOrThrow()
    return { method: 'POST', url: `/api/signins/${target.id}/password`, body: { password: 'another-first' } }
  },
  'POST /api/me/password': () => ({
    method: 'POST',
    url: '/api/me/password',
    body: { current: 'not-the-password', next: 'a-new-password' },
    expect: 400,
  }),
  'GET /api/teams/:team/settings': () => ({ method: 'GET', url: '/api/teams/cs-1/settings' }),
  'PUT /api/teams/:team/settings': async ({ app }) => {
    const current = await app.centre.settings('cs-1')
    return {
      method: 'PUT',
      url: '/api/teams/cs-1/settings',
      body: { version: current.version, policy: current.policy, coverage: current.coverage },
    }
  },
  'POST /api/teams/:team/months/:month/start': () => ({
    method: 'POST',
    url: `${monthUrl(`2028-${String((++counter % 12) + 1).padStart(2, '0')}`)}/start`,
  }),
  'GET /api/teams/:team/months/:month/roster.xlsx': () => ({
    method: 'GET',
    url: `${monthUrl(NEXT)}/roster.xlsx?lang=en`,
  }),
  'POST /api/teams/:team/months/:month/roster-import': () => ({
    method: 'POST',
    url: `${monthUrl(NEXT)}/roster-import?dryRun=1`,
    body: { data: Buffer.from('姓名,1,2\n').toString('base64') },
  }),
  'GET /api/teams/:team/months/:month/registers/:register': () => ({
    method: 'GET',
    url: `${monthUrl(NEXT)}/registers/swaps?format=csv`,
  }),
  'GET /api/teams/:team/months/:month/attendance/:date/:shift': () => ({
    method: 'GET',
    url: `${monthUrl(NEXT)}/attendance/${NEXT}-15/D`,
  }),
  'PUT /api/teams/:team/months/:month/attendance/:date/:shift': () => ({
    method: 'PUT',
    url: `${monthUrl(NEXT)}/attendance/${NEXT}-15/D`,
    body: { revision: 'x', records: [] },
    expect: 400,
  }),
  'POST /api/teams/:team/months/:month/attendance/import': () => ({
    method: 'POST',
    url: `${monthUrl(NEXT)}/attendance/import`,
    body: { csv: 'no,header,here' },
    expect: 400,
  }),
  'POST /api/teams/:team/months/:month/emergency-leaves': () => ({
    method: 'POST',
    url: `${monthUrl(NEXT)}/emergency-leaves`,
    body: { agentId: 'a99', date: `${NEXT}-15` },
    expect: 400,
  }),
  'GET /api/teams/:team/months/:month/payroll/table': () => ({
    method: 'GET',
    url: `${monthUrl(NEXT)}/payroll/table`,
  }),
  'GET /api/teams/:team/months/:month/handovers/:date/:shift': () => ({
    method: 'GET',
    url: `${monthUrl(NEXT)}/handovers/${NEXT}-15/D`,
  }),
  'PUT /api/teams/:team/months/:month/handovers/:date/:shift': () => ({
    method: 'PUT',
    url: `${monthUrl(NEXT)}/handovers/${NEXT}-15/D`,
    body: { revision: 'x' },
    expect: 400,
  }),
  'POST /api/teams/:team/months/:month/handovers/:date/:shift/acknowledge': () => ({
    method: 'POST',
    url: `${monthUrl(NEXT)}/handovers/${NEXT}-15/D/acknowledge`,
    body: { revision: 0 },
    expect: 400,
  }),
  'POST /api/teams/:team/months/:month/approvals/confirm': () => ({
    method: 'POST',
    url: `${monthUrl(NEXT)}/approvals/confirm`,
    body: { kind: 'leave', id: 'no-such-request' },
    expect: 404,
  }),
}

/** Makes the samples that create something create something new each time. */
let counter = 0

describeEachDb('authorization: every route × every role', kind => {
  let db: TestDatabase
  let app: FastifyInstance
  let as: Record<Login, Client>
  let outsider: Client
  let ctx: Omit<Context, 'login'>

  beforeAll(async () => {
    db = await freshDatabase(kind)
    app = await testApp(db.config)
    as = await signInAll(app)
    // The supervisor of another team.
    await app.db.insertInto('teams').values({ id: 'cs-2', name: '客服二组' }).execute()
    await app.db
      .insertInto('people')
      .values({
        login: 'other',
        name: '外组主管',
        role: 'supervisor',
        team_id: 'cs-2',
        agent_id: null,
        password_hash: await hashPassword(PASSWORD),
      })
      .execute()
    outsider = await signIn(app, 'other')
    // Whose password the reset sample resets (every other sign-in keeps its own).
    await app.db
      .insertInto('people')
      .values({
        login: 'reset-me',
        name: '重置',
        role: 'hr',
        team_id: 'cs-1',
        agent_id: null,
        password_hash: await hashPassword(PASSWORD),
      })
      .execute()
    let live: string | undefined
    const started = json<{ id: string }>(
      await as.supervisor.post(`${monthUrl(NEXT)}/generate`, { seconds: 0.2 }),
    )
    await as.supervisor.get(`/api/jobs/${started.id}/events`) // ends when the job does
    ctx = {
      app,
      doneJob: started.id,
      latest: async () => json<{ version: number }>(await as.supervisor.get(monthUrl(NEXT))).version,
      // One job per month at a time: the job of an earlier sample is reused while it still runs.
      liveJob: async () => {
        if (live) {
          const { status } = json<{ status: string }>(await as.supervisor.get(`/api/jobs/${live}`))
          if (status === 'queued' || status === 'running') return live
        }
        live = json<{ id: string }>(
          await as.supervisor.post(`${monthUrl(NEXT)}/generate`, { seconds: 30 }),
        ).id
        return live
      },
    }
  })
  afterAll(async () => {
    await app.close()
    await db.drop()
  })

  for (const [key, access] of Object.entries(ACCESS) as Array<[RouteKey, (typeof ACCESS)[RouteKey]]>) {
    it(`${key}: ${access === 'public' ? 'anyone' : access.join(', ')}`, async () => {
      const anonymous = await SAMPLES[key]({ ...ctx, login: 'supervisor' })
      const response = await new Client(app, null).request(
        anonymous.method,
        anonymous.url,
        anonymous.body,
        anonymous.headers,
      )
      if (access === 'public' && anonymous.expect !== undefined)
        expect(response.statusCode, 'without a session').toBe(anonymous.expect)
      else if (access === 'public') expect(response.statusCode, 'without a session').toBeLessThan(300)
      else expect(response.statusCode, 'without a session').toBe(401)

      for (const login of LOGINS) {
        const role = ROLE_OF[login]
        const sample = await SAMPLES[key]({ ...ctx, login })
        // Signing out ends the session: use one of its own.
        const client = key === 'DELETE /api/session' ? await signIn(app, login) : as[login]
        const result = await client.request(sample.method, sample.url, sample.body, sample.headers)
        const allowed = access === 'public' || (access as readonly Role[]).includes(role)
        const label = `${role} (${login}): ${result.body.slice(0, 200)}`
        if (allowed && sample.expect !== undefined) expect(result.statusCode, label).toBe(sample.expect)
        else if (allowed) expect(result.statusCode, label).toBeLessThan(300)
        else {
          expect(result.statusCode, label).toBe(403)
          expect(json(result), label).toMatchObject({ error: { code: 'FORBIDDEN' } })
        }
      }
    })
  }

  it('every role of the table is a role people can have', () => {
    const used = new Set(Object.values(ACCESS).flatMap(a => (a === 'public' ? [] : a)))
    expect([...used].every(r => (ROLES as readonly string[]).includes(r))).toBe(true)
  })

  it("a supervisor of another team is refused every team's route and job", async () => {
    for (const [key, access] of Object.entries(ACCESS) as Array<[RouteKey, (typeof ACCESS)[RouteKey]]>) {
      if (access === 'public' || !(access as readonly Role[]).includes('supervisor')) continue
      if (!key.includes(':team') && !key.includes(':id')) continue
      const sample = await SAMPLES[key]({ ...ctx, login: 'supervisor' })
      const result = await outsider.request(sample.method, sample.url, sample.body, sample.headers)
      expect(result.statusCode, `${key}: ${result.body.slice(0, 200)}`).toBe(403)
    }
    expect(json<unknown[]>(await outsider.get('/api/teams')).map(t => (t as { id: string }).id)).toEqual([
      'cs-2',
    ])
  })

  it('an agent may not check a swap between two other agents', async () => {
    const result = await as.agent1.post(`${monthUrl(NEXT)}/swap-check`, {
      requester: 'a04',
      counterpart: 'a05',
      date: `${NEXT}-15`,
    })
    expect(result.statusCode).toBe(403)
  })

  it('an agent never sees a draft', async () => {
    const latest = await ctx.latest()
    await as.supervisor.patch(`${monthUrl(NEXT)}/cells`, {
      version: latest,
      edits: [{ agentId: 'a10', date: `${NEXT}-13`, cell: '-' }],
    })
    const view = json<{ state: string; version: number }>(await as.agent1.get(monthUrl(NEXT)))
    expect(view.state).toBe('published')
    expect(view.version).toBeLessThanOrEqual(latest)
  })
})
