import type { MonthFile } from '@paiban/domain'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { json, monthUrl, NEXT, signIn, testApp } from './helpers/app'
import { describeEachDb, freshDatabase, type TestDatabase } from './helpers/databases'

vi.setConfig({ hookTimeout: 180_000, testTimeout: 180_000 })

describeEachDb('bounded work per request', kind => {
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

  it('60 duplicate leave requests: at most 10 wait (409 for the rest), the inbox answers', async () => {
    const supervisor = await signIn(app, 'supervisor')
    const agent = await signIn(app, 'agent1')
    const me = json<{ agentId: string }>(await agent.get('/api/session')).agentId
    const file = json<{ file: MonthFile }>(await supervisor.get(monthUrl(NEXT))).file
    const row = file.roster?.[me] ?? ''
    const dates = [...row]
      .map((cell, i) => ({ cell, date: `${NEXT}-${String(i + 1).padStart(2, '0')}` }))
      .filter((d, i) => i >= 9 && (d.cell === 'D' || d.cell === 'N'))
      .slice(0, 11)
      .map(d => d.date)
    expect(dates).toHaveLength(11)
    const statuses: number[] = []
    for (let i = 0; i < 60; i++) {
      const r = await agent.post(`${monthUrl(NEXT)}/leaves`, {
        dates,
        kind: 'annual',
        urgent: false,
        certificate: false,
      })
      statuses.push(r.statusCode)
      if (r.statusCode !== 201) expect(r.statusCode, r.body).toBe(409)
    }
    const accepted = statuses.filter(s => s === 201).length
    expect(accepted).toBeGreaterThanOrEqual(1)
    expect(accepted).toBeLessThanOrEqual(10)

    // The inbox still answers (each pending request checked, yielding to the event loop between
    // two requests' checks); its time is recorded, not yet bounded (see the todo below).
    const t = performance.now()
    const inbox = await supervisor.get('/api/inbox')
    expect(inbox.statusCode).toBe(200)
    console.log(`inbox with ${accepted} pending 11-day requests: ${(performance.now() - t).toFixed(0)} ms`)
  })

  it.todo(
    'the inbox answers within 1 s and health within 100 ms meanwhile (now ≈ 6 s: checkLeave builds the month context once per record; needs batched checks in a worker)',
  )
})
