import type { MonthFile } from '@paiban/domain'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { json, monthUrl, signIn, testApp, type Client } from './helpers/app'
import { describeEachDb, freshDatabase, type TestDatabase } from './helpers/databases'
import { agentClient } from './helpers/requests'
import { SMALL_MONTH, smallMonth } from './helpers/small-month'

vi.setConfig({ hookTimeout: 180_000, testTimeout: 120_000 })

type View = { version: number; state: string; file: MonthFile }
type ErrorBody = { error: { code: string; message: string; issues?: Array<{ path: string }> } }

const URL = monthUrl(SMALL_MONTH)
const DATE = `${SMALL_MONTH}-15`
const DAY = 14
/** Each alone leaves one lead on the day shift of the 15th; together none (see small-month.ts). */
const SWAPS = [
  { requester: 'a03', counterpart: 'a04' },
  { requester: 'a36', counterpart: 'a05' },
] as const

describeEachDb('two final approvals racing on swaps that cannot both hold', kind => {
  let db: TestDatabase
  let app: FastifyInstance
  let supervisor: Client
  let leader: Client

  beforeAll(async () => {
    db = await freshDatabase(kind)
    // Each roster write pauses inside its transaction, so the two approvals surely overlap: the
    // second reaches the month's lock while the first still holds it.
    app = await testApp(db.config, { writePauseMs: 300 })
    supervisor = await signIn(app, 'supervisor')
    leader = await signIn(app, 'leader1')
    const put = await supervisor.put(URL, smallMonth())
    expect(put.statusCode, put.body).toBe(201)
    const version = json<{ version: number }>(put).version
    const published = await supervisor.post(`${URL}/publish`, { version })
    expect(published.statusCode, published.body).toBe(200)
  })
  afterAll(async () => {
    await app.close()
    await db.drop()
  })

  const latest = async () => json<View>(await supervisor.get(URL))

  it('applies exactly one, refuses the other with COVER-LEAD, and never leaves a swap half-applied', async () => {
    const before = await latest()
    const ids: string[] = []
    for (const s of SWAPS) {
      const requester = await agentClient(app, s.requester, 'agent')
      const r = await requester.post(`${URL}/swaps`, { counterpart: s.counterpart, date: DATE })
      expect(r.statusCode, r.body).toBe(201)
      const { id } = json<{ id: string }>(r)
      ids.push(id)
      const agreed = await (
        await agentClient(app, s.counterpart, 'agent')
      ).post(`${URL}/swaps/${id}/decision`, { decision: 'approve' })
      expect(agreed.statusCode, agreed.body).toBe(200)
      const led = await leader.post(`${URL}/swaps/${id}/decision`, { decision: 'approve' })
      expect(led.statusCode, led.body).toBe(200)
      expect(json(led)).toMatchObject({ status: 'pending' })
    }

    const results = await Promise.all(
      ids.map(id => supervisor.post(`${URL}/swaps/${id}/decision`, { decision: 'approve', reason: 'ok' })),
    )
    const codes = results.map(r => r.statusCode)
    expect([...codes].sort(), results.map(r => r.body).join('\n')).toEqual([200, 422])
    const winner = codes.indexOf(200)
    const loser = 1 - winner
    const [won, lost] = [results[winner], results[loser]]
    const [winnerId, loserId] = [ids[winner] ?? '', ids[loser] ?? '']
    if (!won || !lost) throw new Error('unreachable')
    const refusal = json<ErrorBody>(lost)
    expect(refusal.error.code).toBe('UNPROCESSABLE')
    expect(refusal.error.issues?.map(i => i.path)).toContain('COVER-LEAD')
    expect(refusal.error.message).toMatch(/COVER-LEAD/)
    expect(json(won)).toMatchObject({ status: 'approved', version: before.version + 1 })

    // One new version, published (the month was); the winner's two cells exchanged, the loser's not.
    const after = await latest()
    expect(after.version).toBe(before.version + 1)
    expect(after.state).toBe('published')
    const cell = (v: View, id: string) => v.file.roster?.[id]?.[DAY]
    SWAPS.forEach((s, i) => {
      const swapped = cell(after, s.requester) === cell(before, s.counterpart)
      expect(swapped).toBe(cell(after, s.counterpart) === cell(before, s.requester))
      expect(swapped).toBe(i === winner)
    })
    const moved = new Set<string>([SWAPS[winner]?.requester ?? '', SWAPS[winner]?.counterpart ?? ''])
    for (const id of Object.keys(before.file.roster ?? {}).filter(id => !moved.has(id)))
      expect(after.file.roster?.[id]).toBe(before.file.roster?.[id])

    // The database agrees: statuses, approvals and the audit log.
    const rows = await app.db
      .selectFrom('swaps')
      .select(['id', 'record_id', 'status'])
      .where('record_id', 'in', ids)
      .execute()
    const status = (id: string) => rows.find(r => r.record_id === id)?.status
    expect(status(winnerId)).toBe('approved')
    expect(status(loserId)).toBe('pending')
    const supervisorApprovals = await app.db
      .selectFrom('approvals')
      .innerJoin('swaps', 'swaps.id', 'approvals.swap_id')
      .select('swaps.record_id')
      .where('approvals.role', '=', 'supervisor')
      .where('swaps.record_id', 'in', ids)
      .execute()
    expect(supervisorApprovals.map(r => r.record_id)).toEqual([winnerId])
    const audit = await app.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity_id', 'in', ids)
      .orderBy('id')
      .execute()
    const actions = (id: string) => audit.filter(a => a.entity_id === id).map(a => a.action)
    expect(actions(winnerId)).toEqual(['swap.request', 'swap.approve', 'swap.approve', 'swap.apply'])
    expect(actions(loserId)).toEqual(['swap.request', 'swap.approve', 'swap.approve'])

    // Asked again, the loser is still refused, and still nothing changes.
    const again = await supervisor.post(`${URL}/swaps/${loserId}/decision`, { decision: 'approve' })
    expect(again.statusCode, again.body).toBe(422)
    expect((await latest()).version).toBe(after.version)
  })
})
