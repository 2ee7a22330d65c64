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

    // Then requests that do not overlap, up to the cap: the inbox has the most one agent can cause.
    const shifts = [...row]
      .map((cell, i) => ({ cell, date: `${NEXT}-${String(i + 1).padStart(2, '0')}` }))
      .filter(d => (d.cell === 'D' || d.cell === 'N') && !dates.includes(d.date))
      .map(d => d.date)
    let pending = accepted
    for (let i = 0; i < shifts.length && pending < 10; i++) {
      const r = await agent.post(`${monthUrl(NEXT)}/leaves`, {
        dates: [shifts[i]],
        kind: 'annual',
        urgent: false,
        certificate: false,
      })
      if (r.statusCode === 201) pending++
      else expect(r.statusCode, r.body).toBe(409)
    }
    expect(pending).toBe(10)
    /** The supervisor's inbox, timed, with /api/health called every 10 ms while it runs. */
    const timedInbox = async (expected: number) => {
      const t = performance.now()
      let done = false
      const inbox = supervisor.get('/api/inbox').finally(() => (done = true))
      const health: number[] = []
      while (!done) {
        const h = performance.now()
        expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
        health.push(performance.now() - h)
        await new Promise(resolve => setTimeout(resolve, 10))
      }
      const answered = await inbox
      const inboxMs = performance.now() - t
      expect(answered.statusCode).toBe(200)
      expect(json<unknown[]>(answered).length).toBeGreaterThanOrEqual(expected)
      const healthMax = Math.max(0, ...health)
      console.log(
        `inbox with ${expected} pending requests: ${inboxMs.toFixed(0)} ms; health max ${healthMax.toFixed(0)} ms over ${health.length} calls`,
      )
      return { inboxMs, healthMax }
    }

    // The most one agent can cause: the inbox answers within 1 s (the month's rule context is built
    // once, not once per request) and health within 100 ms while it runs.
    const one = await timedInbox(pending)
    expect(one.inboxMs).toBeLessThan(1000)
    expect(one.healthMax).toBeLessThan(100)

    // And the team leader files an 11-day sick leave for each of his agents: many long requests.
    const leader = await signIn(app, 'leader1')
    const leaderId = json<{ agentId: string }>(await leader.get('/api/session')).agentId
    for (const a of file.agents.filter(
      x => x.teamLeaderId === leaderId && x.id !== me && x.id !== leaderId,
    )) {
      const days = [...(file.roster?.[a.id] ?? '')]
        .map((cell, i) => ({ cell, date: `${NEXT}-${String(i + 1).padStart(2, '0')}` }))
        .filter((d, i) => i >= 9 && (d.cell === 'D' || d.cell === 'N'))
        .slice(0, 11)
        .map(d => d.date)
      const r = await leader.post(`${monthUrl(NEXT)}/leaves`, {
        agentId: a.id,
        dates: days,
        kind: 'sick',
        urgent: false,
        certificate: false,
      })
      if (r.statusCode === 201) pending++
    }
    expect(pending).toBeGreaterThan(12)
    // Health still answers between two requests' checks (the inbox yields between requests), so
    // one eleven-day leave's check is what it can wait for: ≈21 ms seen alone, 231 ms once in CI on
    // PostgreSQL with the whole suite running. The inbox itself is bounded loosely here (≈1.2 s seen;
    // ≈2 s before each request's leave check was kept for its second use): the worker with a time
    // budget that would hold both under the targets is not built yet (see the todo).
    const many = await timedInbox(pending)
    expect(many.healthMax).toBeLessThan(500)
    expect(many.inboxMs).toBeLessThan(5000)
  })

  it.todo(
    'many long requests of several agents: the inbox within 1 s (checks in a worker with a time budget)',
  )
})
