import { Writable } from 'node:stream'
import fc from 'fast-check'
import type { MonthFile } from '@paiban/domain'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ACCESS, type Role } from '../src/access'
import { errorSerializer } from '../src/logging'
import { json, monthUrl, NEXT, signIn, TEAM, testApp, type Client } from './helpers/app'
import { describeEachDb, freshDatabase, type TestDatabase } from './helpers/databases'

vi.setConfig({ hookTimeout: 180_000, testTimeout: 120_000 })

/** What a refused request must leave as it was: every table a write could touch. */
async function snapshot(app: FastifyInstance): Promise<string> {
  const { rows } = await sql<{ t: string; n: string }>`
    select 'audit' as t, count(*)::text as n from audit_log
    union all select 'versions', count(*)::text from roster_versions
    union all select 'months', coalesce(string_agg(latest_version::text || state, ',' order by id), '') from months
    union all select 'leaves', count(*)::text from leaves
    union all select 'swaps', count(*)::text from swaps
    union all select 'approvals', count(*)::text from approvals
    union all select 'sessions', count(*)::text from sessions
    union all select 'ical', count(*)::text from ical_tokens`.execute(app.db)
  return rows.map(r => `${r.t}=${r.n}`).join(' ')
}

/** A sign-in per role of the demo (roles without a demo login are left out). */
const LOGIN_OF: Partial<Record<Role, string>> = {
  agent: 'agent1',
  teamLeader: 'leader1',
  supervisor: 'supervisor',
  manager: 'manager',
  hr: 'hr',
  admin: 'admin',
}

/** A plausible value for each path parameter; the property replaces one of them. */
const PARAM_VALUE: Record<string, string> = { team: TEAM, month: NEXT, id: '1', version: '1', token: 'x' }

/** A body of the route's shape (valid or not: the control character must be named either way). */
const BODY: Record<string, unknown> = {
  'POST /api/session': { login: 'agent1', password: 'paiban-test-password' },
  'PATCH /api/teams/:team/months/:month/cells': {
    version: 1,
    edits: [{ agentId: 'a01', date: `${NEXT}-02`, cell: 'D' }],
  },
  'POST /api/teams/:team/months/:month/swap-check': { counterpart: 'a02', date: `${NEXT}-03` },
  'POST /api/teams/:team/months/:month/swaps': { counterpart: 'a02', date: `${NEXT}-03` },
  'POST /api/teams/:team/months/:month/leaves': { dates: [`${NEXT}-20`], kind: 'personal' },
  'POST /api/teams/:team/months/:month/swaps/:id/decision': { decision: 'reject', reason: 'no' },
  'POST /api/teams/:team/months/:month/leaves/:id/decision': { decision: 'reject', reason: 'no' },
  'PUT /api/teams/:team/months/:month/leaves/:id/certificate': { handedIn: 'yes' },
}
const DEFAULT_BODY = { name: 'a name', note: 'a note', items: ['one', 'two'] }

/** The string leaves of a JSON value, by the API's path notation. */
function stringPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return [path]
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, `${path}[${i}]`))
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, path ? `${path}.${k}` : k))
  return []
}

function setAt(value: unknown, path: string, leaf: string): unknown {
  const copy = structuredClone(value) as Record<string, unknown>
  const keys = path.match(/[^.[\]]+/g) ?? []
  let node: Record<string, unknown> = copy
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>
  node[keys[keys.length - 1] ?? ''] = leaf
  return copy
}

/** C0 controls and DEL that no field may hold (tab, LF and CR are allowed in bodies). */
const BAD_CHARS = [...Array.from({ length: 32 }, (_, i) => i), 127]
  .filter(c => c !== 9 && c !== 10 && c !== 13)
  .map(c => String.fromCharCode(c))

const withControl = fc
  .tuple(fc.string({ maxLength: 12 }), fc.constantFrom(...BAD_CHARS), fc.string({ maxLength: 12 }))
  .map(([a, c, b]) => `${[...a].filter(ch => !BAD_CHARS.includes(ch)).join('')}${c}${b}`)

describe('error serializer', () => {
  it('drops the SQL text, its parameters and any body of a database error', () => {
    const error = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
      query: 'insert into roster_versions (file) values ($1)',
      params: ['{"agents":[{"name":"张三"}]}'],
      parameters: ['张三'],
      detail: 'Key (login)=(agent1) already exists.',
      body: { name: '张三' },
    })
    const logged = JSON.stringify(errorSerializer(error))
    expect(logged).toContain('22021')
    expect(logged).toContain('invalid byte sequence')
    for (const leak of ['insert into', '张三', 'agent1']) expect(logged).not.toContain(leak)
  })
})

describeEachDb('control characters and logs', kind => {
  let database: TestDatabase
  let app: FastifyInstance
  const lines: string[] = []
  const clients = new Map<Role, Client>()

  beforeAll(async () => {
    database = await freshDatabase(kind)
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString())
        callback()
      },
    })
    app = await testApp(database.config, { logger: { level: 'info', stream } })
    for (const [role, login] of Object.entries(LOGIN_OF)) {
      try {
        clients.set(role as Role, await signIn(app, login))
      } catch {
        // This branch has no such demo login; routes only that role may call are skipped below.
      }
    }
  })
  afterAll(async () => {
    await app.close()
    await database.drop()
  })

  it('answers 400 naming the login for a NUL in a sign-in, without a session', async () => {
    const before = await snapshot(app)
    const response = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { login: 'agent1\u0000', password: 'whatever1' },
    })
    expect(response.statusCode).toBe(400)
    expect(
      json<{ error: { issues: Array<{ path: string }> } }>(response).error.issues.map(i => i.path),
    ).toEqual(['login'])
    expect(await snapshot(app)).toBe(before)
  })

  it('answers 400 naming the path parameter for a NUL in an id', async () => {
    const supervisor = clients.get('supervisor')
    if (!supervisor) throw new Error('no supervisor')
    const response = await supervisor.delete(`${monthUrl(NEXT)}/leaves/1%00`)
    expect(response.statusCode).toBe(400)
    expect(json<{ error: { issues: Array<{ path: string }> } }>(response).error.issues[0]?.path).toBe(
      'params.id',
    )
  })

  it('answers 400 naming the field for a NUL in an imported month file, and stores nothing', async () => {
    const supervisor = clients.get('supervisor')
    if (!supervisor) throw new Error('no supervisor')
    const file = json<{ file: MonthFile }>(await supervisor.get(monthUrl(NEXT))).file
    const before = await snapshot(app)
    const bad = {
      ...file,
      agents: file.agents.map((a, i) => (i === 3 ? { ...a, name: `${a.name}\u0000` } : a)),
    }
    const response = await supervisor.put(monthUrl(NEXT), bad)
    expect(response.statusCode).toBe(400)
    expect(json<{ error: { issues: Array<{ path: string }> } }>(response).error.issues[0]?.path).toBe(
      'agents[3].name',
    )
    expect(await snapshot(app)).toBe(before)
  })

  it('never writes an iCal token to the log', async () => {
    const agent = clients.get('agent')
    if (!agent) throw new Error('no agent')
    // DELETE makes a fresh address whether or not one was made before (it is shown only when made).
    const { url } = json<{ url: string }>(await agent.delete('/api/me/ical'))
    const token = url.split('/').pop() ?? ''
    expect(token.length).toBeGreaterThan(10)
    lines.length = 0
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200)
    expect(lines.join('')).toContain('/api/ical/[redacted]')
    expect(lines.join('')).not.toContain(token)
  })

  it('refuses a control character in any path parameter, query or body string of every route (property)', async () => {
    const routes = Object.entries(ACCESS).map(([key, access]) => {
      const [method = 'GET', pattern = ''] = key.split(' ')
      const role =
        access === 'public' ? null : ((access as readonly Role[]).find(r => clients.has(r)) ?? undefined)
      const params = [...pattern.matchAll(/:(\w+)/g)].map(m => m[1] ?? '')
      const body = method === 'GET' || method === 'DELETE' ? undefined : (BODY[key] ?? DEFAULT_BODY)
      return { key, method, pattern, role, params, body }
    })
    const callable = routes.filter(r => r.role !== undefined)
    expect(callable.length).toBeGreaterThan(25)
    const target = fc.constantFrom(...callable).chain(route =>
      fc.record({
        route: fc.constant(route),
        where: fc.constantFrom(
          ...route.params.map(p => ({ part: 'params' as const, name: p })),
          { part: 'query' as const, name: 'format' },
          ...stringPaths(route.body).map(p => ({ part: 'body' as const, name: p })),
        ),
        bad: withControl,
      }),
    )
    const before = await snapshot(app)
    await fc.assert(
      fc.asyncProperty(target, async ({ route, where, bad }) => {
        let url = route.pattern.replace(/:(\w+)/g, (_, name: string) =>
          encodeURIComponent(
            where.part === 'params' && where.name === name ? bad : (PARAM_VALUE[name] ?? 'x'),
          ),
        )
        if (where.part === 'query') url += `?format=${encodeURIComponent(bad)}`
        const body = where.part === 'body' ? setAt(route.body, where.name, bad) : route.body
        const client = route.role ? clients.get(route.role) : undefined
        const response = await app.inject({
          method: route.method as 'GET',
          url,
          ...(client?.cookie ? { cookies: { paiban_session: client.cookie } } : {}),
          ...(body !== undefined ? { payload: body as object } : {}),
        })
        const expected =
          where.part === 'params'
            ? `params.${where.name}`
            : where.part === 'query'
              ? 'query.format'
              : where.name
        expect(response.statusCode, `${route.key} ${where.part} ${where.name}`).toBe(400)
        const paths = json<{ error: { issues?: Array<{ path: string }> } }>(response).error.issues?.map(
          i => i.path,
        )
        expect(paths, route.key).toContain(expected)
      }),
      { seed: 25, numRuns: 300 },
    )
    expect(await snapshot(app)).toBe(before)
  })
})
