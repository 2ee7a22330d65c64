import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { EnvSchema } from '../src/config'
import { monthUrl, NEXT, signIn, testApp } from './helpers/app'
import { describeEachDb, freshDatabase, type TestDatabase } from './helpers/databases'

vi.setConfig({ hookTimeout: 180_000 })

it('listens on 127.0.0.1 unless HOST says otherwise', () => {
  expect(EnvSchema.parse({}).HOST).toBe('127.0.0.1')
})

describeEachDb('security headers', kind => {
  let database: TestDatabase
  let app: FastifyInstance

  beforeAll(async () => {
    database = await freshDatabase(kind)
    app = await testApp(database.config)
  })
  afterAll(async () => {
    await app.close()
    await database.drop()
  })

  it('sends CSP, frame-ancestors none, nosniff, no-referrer and no-store on personal data', async () => {
    const supervisor = await signIn(app, 'supervisor')
    for (const response of [
      await supervisor.get(monthUrl(NEXT)),
      await supervisor.get(`${monthUrl(NEXT)}/payroll?format=csv`),
      await supervisor.get('/api/inbox'),
      await app.inject({ method: 'GET', url: '/api/nothing-here' }),
      await app.inject({ method: 'POST', url: '/api/session', payload: { login: 'x', password: 'y' } }),
    ]) {
      const csp = String(response.headers['content-security-policy'])
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toContain('unsafe-inline')
      expect(response.headers['x-content-type-options']).toBe('nosniff')
      expect(response.headers['referrer-policy']).toBe('no-referrer')
      expect(response.headers['x-frame-options']).toBe('DENY')
      expect(response.headers['cache-control']).toBe('no-store')
    }
  })
})
