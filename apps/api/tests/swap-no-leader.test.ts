import type { MonthFile } from '@paiban/domain'
import { checkMonth } from '@paiban/rules'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CLOCK, json, monthUrl, NEXT, signIn, testApp, type Client } from './helpers/app'
import { freshDatabase, type TestDatabase } from './helpers/databases'
import { agentClient, findSwaps, parsed } from './helpers/requests'
import { smallMonth } from './helpers/small-month'

vi.setConfig({ hookTimeout: 180_000, testTimeout: 120_000 })

/** SWAP-APPROVAL for an agent without a team leader: the supervisor's final approval goes through. */
describe('a swap of an agent without a team leader (PGlite)', () => {
  let db: TestDatabase
  let app: FastifyInstance
  let supervisor: Client
  const url = monthUrl(NEXT)

  beforeAll(async () => {
    db = await freshDatabase('pglite')
    app = await testApp(db.config, { clock: () => CLOCK })
    supervisor = await signIn(app, 'supervisor')
    // a06 has no team leader in this month; everyone else is led by a01.
    const month = smallMonth()
    month.agents = month.agents.map(({ teamLeaderId, ...a }) =>
      a.id === 'a06' ? a : { ...a, ...(teamLeaderId ? { teamLeaderId } : {}) },
    )
    const put = await supervisor.put(url, month)
    expect(put.statusCode, put.body).toBe(201)
  })
  afterAll(async () => {
    await app.close()
    await db.drop()
  })

  const file = async (): Promise<MonthFile> => parsed(json<{ file: unknown }>(await supervisor.get(url)).file)
  const approve = (client: Client, id: string) =>
    client.post(`${url}/swaps/${id}/decision`, { decision: 'approve', reason: '' })

  it('is approved to the end: counterpart, the counterpart’s team leader, then the supervisor', async () => {
    const f = await file()
    expect(f.agents.find(a => a.id === 'a06')?.teamLeaderId).toBeUndefined()
    const [swap] = findSwaps(f, 'a06', { submittedAt: CLOCK.toISOString(), counterparts: ['a04', 'a05'] })
    if (!swap) throw new Error('no allowed swap for a06 in the small month')
    const requester = await agentClient(app, 'a06', 'agent')
    const counterpart = await agentClient(app, swap.counterpart, 'agent')
    const leader = await signIn(app, 'leader1')
    const sent = await requester.post(`${url}/swaps`, { counterpart: swap.counterpart, date: swap.date })
    expect(sent.statusCode, sent.body).toBe(201)
    const { id } = json<{ id: string }>(sent)

    // The counterpart's inbox says what follows: their leader, then the supervisor (no step for a06's).
    const inbox = json<Array<{ request: { id: string }; as: string; then?: string[] }>>(
      await counterpart.get('/api/inbox'),
    ).find(i => i.request.id === id)
    expect(inbox).toMatchObject({ as: 'counterpart', then: ['teamLeader', 'supervisor'] })

    expect(json(await approve(counterpart, id))).toEqual({ status: 'pending' })
    expect(json(await approve(leader, id))).toEqual({ status: 'pending' })
    // Before the fix this was refused for ever (SWAP-APPROVAL asked for a06's missing leader).
    const last = await approve(supervisor, id)
    expect(last.statusCode, last.body).toBe(200)
    expect(json(last)).toMatchObject({ status: 'approved' })

    const after = await file()
    expect(after.swaps.find(s => s.id === id)?.status).toBe('approved')
    const day = Number(swap.date.slice(8, 10)) - 1
    expect(after.roster?.a06?.[day]).toBe(f.roster?.[swap.counterpart]?.[day])
    expect(checkMonth(after).violations.filter(v => v.rule === 'SWAP-APPROVAL')).toEqual([])
  })

  it('refuses the supervisor’s approval before the counterpart’s (the minimal failing case)', async () => {
    const f = await file()
    const [swap] = findSwaps(f, 'a06', {
      submittedAt: CLOCK.toISOString(),
      counterparts: ['a04', 'a05', 'a12'],
      limit: 1,
    })
    if (!swap) throw new Error('no second swap for a06')
    const requester = await agentClient(app, 'a06', 'agent')
    const sent = await requester.post(`${url}/swaps`, { counterpart: swap.counterpart, date: swap.date })
    expect(sent.statusCode, sent.body).toBe(201)
    const early = await approve(supervisor, json<{ id: string }>(sent).id)
    expect(early.statusCode).toBe(403)
  })
})
