import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest'
import { CLOCK, PASSWORD, signIn, testApp } from './helpers/app'
import { describeEachDb, freshDatabase, type TestDatabase } from './helpers/databases'

vi.setConfig({ hookTimeout: 180_000, testTimeout: 120_000 })

const MINUTE = 60_000
const HOUR = 60 * MINUTE

describeEachDb('sign-in lockout and session expiry', kind => {
  let database: TestDatabase
  let app: FastifyInstance
  let now = new Date(CLOCK)

  beforeAll(async () => {
    database = await freshDatabase(kind)
    app = await testApp(database.config, { clock: () => now })
  })
  beforeEach(async () => {
    // Each test starts a day later: earlier failures and locks are out of every window.
    now = new Date(now.getTime() + 24 * HOUR)
    await app.db.deleteFrom('sign_in_failures').execute()
  })
  afterAll(async () => {
    await app.close()
    await database.drop()
  })

  const attempt = (login: string, password: string, remoteAddress = '10.1.1.1') =>
    app.inject({ method: 'POST', url: '/api/session', payload: { login, password }, remoteAddress })

  const auditRows = (action: string, entityId: string) =>
    app.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where('entity_id', '=', entityId)
      .execute()

  it('locks a login after 10 failures in 10 minutes: the 11th attempt is 429 even with the right password', async () => {
    const failsBefore = (await auditRows('session.fail', 'agent1')).length
    const locksBefore = (await auditRows('session.lock', 'agent1')).length
    for (let i = 0; i < 10; i++) {
      now = new Date(now.getTime() + 50_000)
      expect((await attempt('agent1', `wrong-${i}`)).statusCode).toBe(401)
    }
    const refused = await attempt('agent1', PASSWORD)
    expect(refused.statusCode).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(14 * 60)
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('TOO_MANY_REQUESTS')
    // Failures and the lock are in the audit log, with the address.
    const fails = await auditRows('session.fail', 'agent1')
    expect(fails.length - failsBefore).toBe(10)
    expect(fails.at(-1)?.after).toEqual({ address: '10.1.1.1' })
    const locks = await auditRows('session.lock', 'agent1')
    expect(locks.length - locksBefore).toBe(1)
    expect(locks.at(-1)).toMatchObject({ entity: 'login', team_id: 'cs-1' })
    // Another login is not locked by it; the lock ends after 15 minutes.
    expect((await attempt('leader1', PASSWORD)).statusCode).toBe(200)
    now = new Date(now.getTime() + 14 * MINUTE)
    expect((await attempt('agent1', PASSWORD)).statusCode).toBe(429)
    now = new Date(now.getTime() + 2 * MINUTE)
    expect((await attempt('agent1', PASSWORD)).statusCode).toBe(200)
  })

  it('does not lock a login whose failures are spread beyond the 10-minute window', async () => {
    for (let i = 0; i < 12; i++) {
      now = new Date(now.getTime() + 2 * MINUTE)
      expect((await attempt('leader1', 'wrong')).statusCode).toBe(401)
    }
    expect((await attempt('leader1', PASSWORD)).statusCode).toBe(200)
  })

  it('locks an address after 30 failures over any logins, and only that address', async () => {
    for (let i = 0; i < 30; i++)
      expect((await attempt(`nobody${i}`, 'wrong', '10.9.9.9')).statusCode).toBe(401)
    expect((await attempt('manager', PASSWORD, '10.9.9.9')).statusCode).toBe(429)
    expect((await attempt('manager', PASSWORD, '10.9.9.8')).statusCode).toBe(200)
    expect(await auditRows('session.lock', '10.9.9.9')).toHaveLength(1)
  })

  it('ends a session after 12 idle hours, and any session 7 days after sign-in; purges them', async () => {
    const idle = await signIn(app, 'hr')
    const busy = await signIn(app, 'supervisor')
    now = new Date(now.getTime() + 11 * HOUR)
    expect((await busy.get('/api/session')).statusCode).toBe(200)
    now = new Date(now.getTime() + 1.5 * HOUR)
    expect((await idle.get('/api/session')).statusCode).toBe(401)
    // Used every 11 hours, the session still ends 7 days after sign-in.
    for (let day = 0; day < 14; day++) {
      expect((await busy.get('/api/session')).statusCode).toBe(200)
      now = new Date(now.getTime() + 11 * HOUR)
    }
    expect(now.getTime() - CLOCK.getTime()).toBeGreaterThan(0)
    let alive = true
    for (let i = 0; i < 3 && alive; i++) {
      alive = (await busy.get('/api/session')).statusCode === 200
      now = new Date(now.getTime() + 11 * HOUR)
    }
    expect(alive).toBe(false)
    const before = await app.db.selectFrom('sessions').select('id').execute()
    expect(await app.auth.purgeExpired()).toBeGreaterThanOrEqual(2)
    const after = await app.db.selectFrom('sessions').select('id').execute()
    expect(before.length - after.length).toBeGreaterThanOrEqual(2)
  })
})
