import { statutoryDates, type MonthFile } from '@paiban/domain'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest'
import { ACCESS, type RouteKey } from '../src/access'
import { json, monthUrl, NEXT, signIn, testApp, type Client } from './helpers/app'
import { describeEachDb, freshDatabase, type TestDatabase } from './helpers/databases'

vi.setConfig({ hookTimeout: 180_000 })

type Case = {
  route: RouteKey
  name: string
  request: (
    file: MonthFile,
    version: number,
  ) => { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; body?: unknown }
  /** The field paths the 400 must name, in order. */
  paths: string[]
  /** A message the first issue must say, when it matters. */
  message?: RegExp
  /** Who sends it, for routes the supervisor may not call. Default the supervisor. */
  as?: 'agent1' | 'admin'
}

const M = monthUrl(NEXT)
/** A good paiban.holidays/1 (made-up break days), spoilt one field per case. */
const HOLIDAYS = {
  format: 'paiban.holidays/1',
  year: 2027,
  breaks: ['2027-02-09'],
  workdays: [],
  source: 'validation test (made up)',
}
const JOB = '/api/jobs/not-a-job-id'

/** Bad input for every route that takes any: each must answer 400 naming the field. */
const CASES: Case[] = [
  {
    route: 'POST /api/session',
    name: 'empty login, numeric password',
    request: () => ({ method: 'POST', url: '/api/session', body: { login: '', password: 12 } }),
    paths: ['login', 'password'],
  },
  {
    route: 'GET /api/teams/:team/months/:month',
    name: 'no such month',
    request: () => ({ method: 'GET', url: monthUrl('2026-13') }),
    paths: ['params.month'],
  },
  {
    route: 'PUT /api/teams/:team/months/:month',
    name: 'an unknown level',
    request: file => ({
      method: 'PUT',
      url: M,
      body: { ...file, agents: file.agents.map((a, i) => (i === 3 ? { ...a, level: 'expert' } : a)) },
    }),
    paths: ['agents[3].level'],
    message: /^expected one of trainee\|junior\|intermediate\|senior\|reserve$/,
  },
  {
    route: 'PUT /api/teams/:team/months/:month',
    name: 'a roster row of the wrong length',
    request: file => ({ method: 'PUT', url: M, body: { ...file, roster: { ...file.roster, a01: 'DDD' } } }),
    paths: ['roster.a01'],
    message: /expected 31 characters/,
  },
  {
    route: 'PUT /api/teams/:team/months/:month',
    name: 'another team and month than the URL',
    request: file => ({
      method: 'PUT',
      url: M,
      body: { ...file, team: { ...file.team, id: 'cs-9' }, month: '2026-11', roster: undefined, wishes: [] },
    }),
    paths: ['team.id', 'month'],
  },
  {
    route: 'PUT /api/teams/:team/months/:month',
    name: 'not a month file at all',
    request: () => ({ method: 'PUT', url: M, body: [1, 2] }),
    paths: ['(body)'],
  },
  {
    route: 'PATCH /api/teams/:team/months/:month/cells',
    name: 'no version, no edits',
    request: () => ({ method: 'PATCH', url: `${M}/cells`, body: { version: 'latest', edits: [] } }),
    paths: ['version', 'edits'],
  },
  {
    route: 'PATCH /api/teams/:team/months/:month/cells',
    name: 'an unknown cell',
    request: (_, version) => ({
      method: 'PATCH',
      url: `${M}/cells`,
      body: { version, edits: [{ agentId: 'a01', date: `${NEXT}-02`, cell: 'X' }] },
    }),
    paths: ['edits[0].cell'],
    message: /^expected one of D\|N\|-\|L\|\?$/,
  },
  {
    route: 'PATCH /api/teams/:team/months/:month/cells',
    name: 'an unknown agent and a date of another month',
    request: (_, version) => ({
      method: 'PATCH',
      url: `${M}/cells`,
      body: {
        version,
        edits: [
          { agentId: 'a01', date: `${NEXT}-02`, cell: 'D' },
          { agentId: 'zz', date: `${NEXT}-02`, cell: 'D' },
          { agentId: 'a01', date: '2027-01-02', cell: 'D' },
        ],
      },
    }),
    paths: ['edits[1].agentId', 'edits[2].date'],
  },
  {
    route: 'POST /api/teams/:team/months/:month/check',
    name: 'a bad month',
    request: () => ({ method: 'POST', url: monthUrl('26-12') + '/check' }),
    paths: ['params.month'],
  },
  {
    route: 'POST /api/teams/:team/months/:month/publish',
    name: 'no version',
    request: () => ({ method: 'POST', url: `${M}/publish`, body: {} }),
    paths: ['version'],
  },
  {
    route: 'GET /api/teams/:team/months/:month/versions',
    name: 'a bad month',
    request: () => ({ method: 'GET', url: monthUrl('2026-1') + '/versions' }),
    paths: ['params.month'],
  },
  {
    route: 'POST /api/teams/:team/months/:month/swap-check',
    name: 'missing counterpart and date',
    request: () => ({ method: 'POST', url: `${M}/swap-check`, body: { requester: 'a02' } }),
    paths: ['counterpart', 'date'],
  },
  {
    route: 'POST /api/teams/:team/months/:month/swap-check',
    name: 'an unknown counterpart',
    request: () => ({
      method: 'POST',
      url: `${M}/swap-check`,
      body: { requester: 'a02', counterpart: 'nobody', date: `${NEXT}-03` },
    }),
    paths: ['counterpart'],
  },
  {
    route: 'POST /api/teams/:team/months/:month/generate',
    name: 'no time to solve',
    request: () => ({ method: 'POST', url: `${M}/generate`, body: { seconds: 0 } }),
    paths: ['seconds'],
  },

  {
    route: 'GET /api/jobs/:id',
    name: 'not a job id',
    request: () => ({ method: 'GET', url: JOB }),
    paths: ['params.id'],
  },
  {
    route: 'GET /api/jobs/:id/events',
    name: 'not a job id',
    request: () => ({ method: 'GET', url: `${JOB}/events` }),
    paths: ['params.id'],
  },
  {
    route: 'DELETE /api/jobs/:id',
    name: 'not a job id',
    request: () => ({ method: 'DELETE', url: JOB }),
    paths: ['params.id'],
  },
  {
    route: 'GET /api/teams/:team/months/:month/versions/:version',
    name: 'version 0',
    request: () => ({ method: 'GET', url: `${M}/versions/0` }),
    paths: ['params.version'],
  },
  {
    route: 'POST /api/teams/:team/months/:month/swaps',
    name: 'missing counterpart and date',
    as: 'agent1',
    request: () => ({ method: 'POST', url: `${M}/swaps`, body: {} }),
    paths: ['counterpart', 'date'],
  },
  {
    route: 'DELETE /api/teams/:team/months/:month/swaps/:id',
    name: 'a bad month',
    as: 'agent1',
    request: () => ({ method: 'DELETE', url: `${monthUrl('2026-1')}/swaps/s1` }),
    paths: ['params.month'],
  },
  {
    route: 'POST /api/teams/:team/months/:month/leaves',
    name: 'no dates and an unknown kind',
    as: 'agent1',
    request: () => ({ method: 'POST', url: `${M}/leaves`, body: { dates: [], kind: 'holiday' } }),
    paths: ['dates', 'kind'],
  },
  {
    route: 'DELETE /api/teams/:team/months/:month/leaves/:id',
    name: 'a bad month',
    as: 'agent1',
    request: () => ({ method: 'DELETE', url: `${monthUrl('2026-1')}/leaves/r1` }),
    paths: ['params.month'],
  },
  {
    route: 'POST /api/teams/:team/months/:month/swaps/:id/decision',
    name: 'a decision that is neither approve nor reject',
    request: () => ({ method: 'POST', url: `${M}/swaps/s1/decision`, body: { decision: 'maybe' } }),
    paths: ['decision'],
  },
  {
    route: 'POST /api/teams/:team/months/:month/leaves/:id/decision',
    name: 'a decision that is neither approve nor reject',
    request: () => ({ method: 'POST', url: `${M}/leaves/r1/decision`, body: { decision: 'maybe' } }),
    paths: ['decision'],
  },
  {
    route: 'PUT /api/teams/:team/months/:month/leaves/:id/certificate',
    name: 'handedIn is not a boolean',
    request: () => ({ method: 'PUT', url: `${M}/leaves/r1/certificate`, body: { handedIn: 'yes' } }),
    paths: ['handedIn'],
  },
  {
    route: 'GET /api/teams/:team/months/:month/compliance',
    name: 'an unknown format and language',
    request: () => ({ method: 'GET', url: `${M}/compliance?format=pdf&lang=fr` }),
    paths: ['query.format', 'query.lang'],
  },
  {
    route: 'GET /api/teams/:team/months/:month/payroll',
    name: 'an unknown format',
    request: () => ({ method: 'GET', url: `${M}/payroll?format=pdf` }),
    paths: ['query.format'],
  },
  {
    route: 'GET /api/teams/:team/months/:month/roster.xlsx',
    name: 'an unknown language',
    request: () => ({ method: 'GET', url: `${M}/roster.xlsx?lang=fr` }),
    paths: ['query.lang'],
  },
  {
    route: 'POST /api/teams/:team/months/:month/roster-import',
    name: 'no file and a mapping to a cell that does not exist',
    request: (_file, version) => ({
      method: 'POST',
      url: `${M}/roster-import`,
      body: { version, mapping: { 早: 'X' } },
    }),
    paths: ['data', 'mapping.早'],
  },
  {
    route: 'GET /api/teams/:team/months/:month/registers/:register',
    name: 'an unknown register',
    request: () => ({ method: 'GET', url: `${M}/registers/overtime?format=csv` }),
    paths: ['params.register'],
  },
  // The centre (issue 18)
  {
    route: 'POST /api/teams',
    name: 'a bad id, no name, an unknown time zone',
    request: () => ({
      method: 'POST',
      url: '/api/teams',
      body: { id: 'Bad Id', name: '', timeZone: 'Mars/Base' },
    }),
    paths: ['id', 'name', 'timeZone'],
    as: 'admin',
  },
  {
    route: 'PATCH /api/teams/:team',
    name: 'an unknown time zone',
    request: () => ({ method: 'PATCH', url: '/api/teams/cs-1', body: { timeZone: 'Mars/Base' } }),
    paths: ['timeZone'],
    message: /CAL-TZ/,
    as: 'admin',
  },
  {
    route: 'GET /api/teams/:team/people',
    name: 'a team id too long',
    request: () => ({ method: 'GET', url: `/api/teams/${'x'.repeat(65)}/people` }),
    paths: ['params.team'],
    as: 'admin',
  },
  {
    route: 'POST /api/teams/:team/people',
    name: 'no id, an unknown job',
    request: () => ({
      method: 'POST',
      url: '/api/teams/cs-1/people',
      body: { id: '', name: '新人', job: 'fax', level: 'junior' },
    }),
    paths: ['id', 'job'],
  },
  {
    route: 'PATCH /api/teams/:team/people/:id',
    name: 'a leaving date that does not exist',
    request: () => ({ method: 'PATCH', url: '/api/teams/cs-1/people/a05', body: { leftOn: '2027-02-30' } }),
    paths: ['leftOn'],
  },
  {
    route: 'PATCH /api/teams/:team/people/:id',
    name: 'a move from a date that does not exist, and a level that is none',
    request: () => ({
      method: 'PATCH',
      url: '/api/teams/cs-1/people/a05',
      body: { team: 'cs-2', from: '2027-02-30', level: 'expert' },
    }),
    paths: ['level', 'from'],
  },
  {
    route: 'POST /api/teams/:team/people/import',
    name: 'dryRun neither 0 nor 1',
    request: () => ({ method: 'POST', url: '/api/teams/cs-1/people/import?dryRun=maybe', body: {} }),
    paths: ['query.dryRun'],
  },
  {
    route: 'POST /api/signins',
    name: 'a login with a space, an unknown role, a short password',
    request: () => ({
      method: 'POST',
      url: '/api/signins',
      body: { login: 'a b', role: 'boss', password: 'short' },
    }),
    paths: ['login', 'role', 'password'],
    as: 'admin',
  },
  {
    route: 'POST /api/signins/:id/password',
    name: 'an id that is no number',
    request: () => ({ method: 'POST', url: '/api/signins/abc/password', body: { password: 'long-enough' } }),
    paths: ['params.id'],
  },
  {
    route: 'POST /api/me/password',
    name: 'no current password, a short next one',
    request: () => ({ method: 'POST', url: '/api/me/password', body: { current: '', next: 'short' } }),
    paths: ['current', 'next'],
  },
  {
    route: 'GET /api/teams/:team/settings',
    name: 'a team id too long',
    request: () => ({ method: 'GET', url: `/api/teams/${'x'.repeat(65)}/settings` }),
    paths: ['params.team'],
    as: 'admin',
  },
  {
    route: 'PUT /api/teams/:team/settings',
    name: 'a negative coverage count',
    request: () => ({
      method: 'PUT',
      url: '/api/teams/cs-1/settings',
      body: { version: 1, policy: {}, coverage: { default: { D: { phone: -1 } } } },
    }),
    paths: ['coverage.default.D.phone'],
  },
  {
    route: 'PUT /api/teams/:team/settings',
    name: 'a policy setting out of range (the month file’s schema)',
    request: () => ({
      method: 'PUT',
      url: '/api/teams/cs-1/settings',
      body: { version: 1, policy: { rest: { maxConsecutiveDays: 0 } }, coverage: { default: {} } },
    }),
    paths: ['policy.rest.maxConsecutiveDays'],
  },
  {
    route: 'POST /api/teams/:team/months/:month/start',
    name: 'no such month',
    request: () => ({ method: 'POST', url: `${monthUrl('2026-13')}/start` }),
    paths: ['params.month'],
  },
  {
    route: 'GET /api/holidays/:year',
    name: 'not a year',
    request: () => ({ method: 'GET', url: '/api/holidays/next' }),
    paths: ['params.year'],
  },
  {
    route: 'PUT /api/holidays/:year',
    name: 'an unknown format',
    request: () => ({
      method: 'PUT',
      url: '/api/holidays/2027?version=0',
      body: { ...HOLIDAYS, format: 'paiban.holidays/2' },
    }),
    paths: ['format'],
    message: /expected paiban\.holidays\/1/,
  },
  {
    route: 'PUT /api/holidays/:year',
    name: 'a date outside its year',
    request: () => ({
      method: 'PUT',
      url: '/api/holidays/2027?version=0',
      body: { ...HOLIDAYS, breaks: ['2028-02-01'] },
    }),
    paths: ['breaks[0]'],
    message: /2028-02-01 is not in 2027/,
  },
  {
    route: 'PUT /api/holidays/:year',
    name: 'a statutory list that disagrees with the law (除夕 2027-02-05 left out)',
    request: () => ({
      method: 'PUT',
      url: '/api/holidays/2027?version=0',
      body: { ...HOLIDAYS, statutory: [...statutoryDates(2027)].filter(d => d !== '2027-02-05') },
    }),
    paths: ['statutory'],
    message: /2027-02-05 .* is missing/,
  },
  {
    route: 'PUT /api/holidays/:year',
    name: 'another year than the URL, no version',
    request: () => ({ method: 'PUT', url: '/api/holidays/2028', body: HOLIDAYS }),
    paths: ['query.version'],
  },
  {
    route: 'PUT /api/holidays/:year',
    name: 'another year than the URL',
    request: () => ({ method: 'PUT', url: '/api/holidays/2028?version=0', body: HOLIDAYS }),
    paths: ['year'],
  },
  {
    route: 'POST /api/teams/:team/months/:month/leave-check',
    name: 'no dates and an unknown kind',
    request: () => ({ method: 'POST', url: `${M}/leave-check`, body: { dates: [], kind: 'holiday' } }),
    paths: ['dates', 'kind'],
  },
  {
    route: 'GET /api/teams/:team/months/:month/swap-finder',
    as: 'agent1',
    name: 'a date that is not a date',
    request: () => ({ method: 'GET', url: `${M}/swap-finder?date=soon` }),
    // IsoDateSchema names it twice: not YYYY-MM-DD, and not a calendar date.
    paths: ['query.date', 'query.date'],
  },
  // Attendance on the day (ATTEND-RECORD, LEAVE-EMERGENCY)
  {
    route: 'GET /api/teams/:team/months/:month/attendance/:date/:shift',
    name: 'an unknown shift',
    request: () => ({ method: 'GET', url: `${M}/attendance/${NEXT}-05/X` }),
    paths: ['params.shift'],
  },
  {
    route: 'PUT /api/teams/:team/months/:month/attendance/:date/:shift',
    name: 'a negative revision and records that are not a list',
    request: () => ({
      method: 'PUT',
      url: `${M}/attendance/${NEXT}-05/D`,
      body: { revision: -1, records: 'none' },
    }),
    paths: ['revision', 'records'],
  },
  {
    route: 'POST /api/teams/:team/months/:month/attendance/import',
    name: 'an empty CSV',
    request: () => ({ method: 'POST', url: `${M}/attendance/import`, body: { csv: '' } }),
    paths: ['csv'],
  },
  {
    route: 'POST /api/teams/:team/months/:month/emergency-leaves',
    name: 'no agent and a date that is not one',
    request: () => ({ method: 'POST', url: `${M}/emergency-leaves`, body: { agentId: '', date: 'soon' } }),
    paths: ['agentId', 'date', 'date'],
  },
  // HANDOVER-LOG and the payroll page
  {
    route: 'GET /api/teams/:team/months/:month/payroll/table',
    name: 'a month that is not one',
    request: () => ({ method: 'GET', url: `${monthUrl('2026-13')}/payroll/table` }),
    paths: ['params.month'],
  },
  {
    route: 'GET /api/teams/:team/months/:month/handovers/:date/:shift',
    name: 'an unknown shift',
    request: () => ({ method: 'GET', url: `${M}/handovers/${NEXT}-05/X` }),
    paths: ['params.shift'],
  },
  {
    route: 'PUT /api/teams/:team/months/:month/handovers/:date/:shift',
    name: 'no revision and an equipment note that is not text',
    request: () => ({ method: 'PUT', url: `${M}/handovers/${NEXT}-05/D`, body: { equipment: 5 } }),
    paths: ['revision', 'equipment'],
  },
  {
    route: 'POST /api/teams/:team/months/:month/handovers/:date/:shift/acknowledge',
    name: 'a revision before the first write',
    request: () => ({
      method: 'POST',
      url: `${M}/handovers/${NEXT}-05/D/acknowledge`,
      body: { revision: 0 },
    }),
    paths: ['revision'],
  },
  {
    route: 'POST /api/teams/:team/months/:month/approvals/confirm',
    name: 'an unknown kind and no id',
    request: () => ({ method: 'POST', url: `${M}/approvals/confirm`, body: { kind: 'vote', id: '' } }),
    paths: ['kind', 'id'],
  },
]

/** Routes that take no input but the session cookie. */
const NO_INPUT: RouteKey[] = [
  'GET /api/health',
  'GET /api/openapi.json',
  'GET /api/session',
  'DELETE /api/session',
  'GET /api/teams',
  'GET /api/inbox',
  'GET /api/me/ical',
  'DELETE /api/me/ical',
  'GET /api/me/requests',
  // Its only input is an opaque token: every value is well-formed, an unknown one is 404.
  'GET /api/ical/:token',
  'GET /api/admin/teams',
  'GET /api/signins',
  'GET /api/holidays',
]

it('bad input is tested on every route that takes input', () => {
  const covered = new Set([...CASES.map(c => c.route), ...NO_INPUT])
  expect([...covered].sort()).toEqual(Object.keys(ACCESS).sort())
})

describeEachDb('bad input', kind => {
  let db: TestDatabase
  let app: FastifyInstance
  let supervisor: Client
  let agent: Client
  let admin: Client

  beforeAll(async () => {
    db = await freshDatabase(kind)
    app = await testApp(db.config)
    supervisor = await signIn(app, 'supervisor')
    agent = await signIn(app, 'agent1')
    admin = await signIn(app, 'admin')
    // Start from a draft, so a bad publish could change something.
    const view = json<{ version: number; file: MonthFile }>(await supervisor.get(M))
    await supervisor.put(M, view.file)
  })
  afterAll(async () => {
    await app.close()
    await db.drop()
  })

  /** Everything a bad request could have changed. */
  const snapshot = async () => ({
    month: json<{ version: number; state: string; file: MonthFile }>(await supervisor.get(M)),
    versions: json<unknown>(await supervisor.get(`${M}/versions`)),
    rows: await Promise.all(
      (['roster_versions', 'solver_jobs', 'sessions', 'audit_log', 'holiday_arrangements'] as const).map(
        async table =>
          Number(
            (
              await app.db
                .selectFrom(table)
                .select(eb => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
      ),
    ),
  })
  let before: Awaited<ReturnType<typeof snapshot>>
  beforeEach(async () => {
    before = await snapshot()
  })

  for (const c of CASES)
    it(`${c.route}: ${c.name} → 400 naming ${c.paths.join(', ')}; nothing stored`, async () => {
      const request = c.request(before.month.file, before.month.version)
      const client = c.as === 'agent1' ? agent : c.as === 'admin' ? admin : supervisor
      const response = await client.request(request.method, request.url, request.body)
      expect(response.statusCode, response.body).toBe(400)
      const body = json<{
        error: { code: string; message: string; issues: Array<{ path: string; message: string }> }
      }>(response)
      expect(body.error.code).toBe('BAD_REQUEST')
      expect(body.error.issues.map(i => i.path)).toEqual(c.paths)
      if (c.message) expect(body.error.issues[0]?.message).toMatch(c.message)
      expect(body.error.message).toContain(c.paths[0] ?? '')
      expect(response.cookies).toHaveLength(0)
      expect(await snapshot()).toEqual(before)
    })
})
