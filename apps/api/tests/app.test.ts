import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ACCESS } from '../src/access'
import { configFromEnv, EnvSchema } from '../src/config'
import { Client, json, monthUrl, NEXT, PASSWORD, signIn, testApp } from './helpers/app'
import { describeEachDb, freshDatabase, scratchDir, type TestDatabase } from './helpers/databases'

// Building a database template (once per source change) takes longer than vitest's 10 s default.
vi.setConfig({ hookTimeout: 180_000 })

describeEachDb('the app', kind => {
  let db: TestDatabase
  let app: FastifyInstance
  const logged: string[] = []

  beforeAll(async () => {
    db = await freshDatabase(kind)
    // Capture the log: a 5xx must be logged in full while the client learns nothing.
    app = await testApp(db.config, {
      logger: { level: 'error', stream: { write: (line: string) => void logged.push(line) } },
    })
  })
  afterAll(async () => {
    await app.close()
    await db.drop()
  })

  it('GET /api/health says the database answers', async () => {
    const response = await app.inject({ url: '/api/health' })
    expect(response.statusCode).toBe(200)
    expect(json(response)).toEqual({ ok: true, database: kind })
  })

  it('GET /api/openapi.json lists every route of the access table', async () => {
    const response = await app.inject({ url: '/api/openapi.json' })
    expect(response.statusCode).toBe(200)
    const doc = json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(response)
    expect(doc.openapi).toMatch(/^3\./)
    const listed = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map(method => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    )
    const routes = Object.keys(ACCESS).filter(key => key !== 'GET /api/openapi.json')
    expect(listed.sort()).toEqual(routes.sort())
    // The month file is documented as the PUT body, with its fields.
    const put = doc.paths['/api/teams/{team}/months/{month}']?.put as {
      requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } }
    }
    expect(Object.keys(put.requestBody.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['format', 'team', 'month', 'agents', 'roster', 'coverage']),
    )
  })

  it('POST /api/session sets an HttpOnly, SameSite=Lax session cookie; GET says who I am; DELETE signs out', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { login: 'agent1', password: PASSWORD },
    })
    expect(response.statusCode).toBe(200)
    expect(json(response)).toMatchObject({ login: 'agent1', role: 'agent', team: 'cs-1', agentId: 'a02' })
    const cookie = response.cookies.find(c => c.name === 'paiban_session')
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    expect(cookie?.secure).toBeFalsy() // plain http: a Secure cookie would never come back
    const client = new Client(app, cookie?.value ?? '')
    expect(json(await client.get('/api/session'))).toMatchObject({
      login: 'agent1',
      name: expect.any(String) as unknown,
    })
    expect((await client.delete('/api/session')).statusCode).toBe(204)
    expect((await client.get('/api/session')).statusCode).toBe(401)
  })

  it('POST /api/session refuses a wrong password and an unknown login with the same 401', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { login: 'agent1', password: 'nope-nope' },
    })
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { login: 'nobody', password: 'nope-nope' },
    })
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    expect(json(wrong)).toEqual(json(unknown))
    expect(wrong.cookies).toHaveLength(0)
  })

  it('answers 404 in the error shape for an unknown /api path', async () => {
    const response = await app.inject({ url: '/api/nothing-here' })
    expect(response.statusCode).toBe(404)
    expect(json(response)).toEqual({
      error: { code: 'NOT_FOUND', message: 'no route GET /api/nothing-here' },
    })
  })

  it('answers 400 naming the body for malformed JSON', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"login": ',
    })
    expect(response.statusCode).toBe(400)
    expect(json(response)).toMatchObject({ error: { code: 'BAD_REQUEST', issues: [{ path: '(body)' }] } })
  })

  it('etags the month with its version', async () => {
    const supervisor = await signIn(app, 'supervisor')
    const response = await supervisor.get(monthUrl(NEXT))
    expect(response.headers.etag).toBe(`"${json<{ version: number }>(response).version}"`)
  })

  // Last: it breaks the database on purpose.
  it('hides the internals of a 5xx and logs them', async () => {
    const supervisor = await signIn(app, 'supervisor')
    await app.db.destroy()
    const response = await supervisor.get('/api/teams')
    expect(response.statusCode).toBe(500)
    const body = json<{ error: { code: string; message: string; requestId: string } }>(response)
    expect(body.error.code).toBe('INTERNAL')
    expect(body.error.message).toBe('Internal Server Error: the request failed on the server and was logged')
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'requestId'])
    expect(response.body).not.toMatch(/pglite|postgres|pool|destroy|stack|at /i)
    expect(
      logged.some(line => line.includes('"request failed"') && line.includes(body.error.requestId)),
    ).toBe(true)
  })
})

describe('the web app', () => {
  let app: FastifyInstance
  let dir: string
  beforeAll(async () => {
    dir = scratchDir('web')
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>排班</title>')
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)')
    app = await testApp((await freshDatabase('pglite')).config, { webDist: dir })
  })
  afterAll(async () => {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('serves its files on the same port', async () => {
    const response = await app.inject({ url: '/assets/app.js' })
    expect(response.statusCode).toBe(200)
    expect(response.body).toBe('console.log(1)')
  })

  it('falls back to index.html for client-side routes, never for /api', async () => {
    const page = await app.inject({ url: '/months/2026-12' })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    expect(page.body).toContain('排班')
    const api = await app.inject({ url: '/api/nope' })
    expect(api.statusCode).toBe(404)
    expect(json(api)).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })
})

describe('configuration from the environment', () => {
  it('defaults to port 3000, ./data and the demo', () => {
    const env = EnvSchema.parse({})
    const { port, config } = configFromEnv(env)
    expect(port).toBe(3000)
    expect(config.database).toMatchObject({
      kind: 'pglite',
      dataDir: expect.stringMatching(/\/data$/) as unknown,
    })
    expect(config.demo).toMatchObject({ enabled: true })
    expect(config.demo.password).toBeUndefined()
  })

  it('uses PostgreSQL when DATABASE_URL is set, and reads the demo switches', () => {
    const env = EnvSchema.parse({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@h/db',
      PAIBAN_DEMO: '0',
      PAIBAN_DEMO_PASSWORD: 'long-enough',
      PAIBAN_SECURE_COOKIES: 'true',
    })
    const { port, config } = configFromEnv(env)
    expect(port).toBe(8080)
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' })
    expect(config.demo).toMatchObject({ enabled: false, password: 'long-enough' })
    expect(config.secureCookies).toBe(true)
  })

  it('names a bad variable', () => {
    const result = EnvSchema.safeParse({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map(i => i.path.join('.')).sort()).toEqual(['DATABASE_URL', 'PORT'])
  })
})
