import type { MonthFile, Swap } from '@paiban/domain'
import { checkLeave, checkMonth } from '@paiban/rules'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CLOCK, json, monthUrl, NEXT, signInAll, testApp, type Client, type Login } from './helpers/app'
import { freshDatabase, type TestDatabase } from './helpers/databases'
import { agentClient, findSwaps, parsed } from './helpers/requests'

vi.setConfig({ hookTimeout: 180_000, testTimeout: 120_000 })

type ErrorBody = {
  error: {
    code: string
    message: string
    issues?: Array<{ path: string; message: string }>
    text?: { zh: string; en: string }
    violations?: Array<{ rule: string; requestId?: string; message: { zh: string; en: string } }>
  }
}
type Mine = Array<{
  kind: string
  id: string
  status: string
  needsCover: boolean
  waiting?: { role: string; name?: string }
}>
type InboxItem = {
  kind: 'swap' | 'leave'
  as: string
  request: { id: string; requestId?: string }
  then?: string[]
  escalated?: { reason: string; waiting: { role: string; by?: string } }
  cover?: Array<{ date: string; shift: 'D' | 'N'; candidates: Array<{ agentId: string; name: string }> }>
}

/** Issue 20 on PGlite: one state for every check, cover, own requests, separation of duties. */
describe('requests as people use them (PGlite)', () => {
  let db: TestDatabase
  let app: FastifyInstance
  let as: Record<Login, Client>
  const url = monthUrl(NEXT)

  beforeAll(async () => {
    db = await freshDatabase('pglite')
    app = await testApp(db.config, { clock: () => CLOCK })
    as = await signInAll(app)
  })
  afterAll(async () => {
    await app.close()
    await db.drop()
  })

  const file = async (): Promise<MonthFile> =>
    parsed(json<{ file: unknown }>(await as.supervisor.get(url)).file)
  const decide = (client: Client, kind: 'swaps' | 'leaves', id: string, body: Record<string, unknown> = {}) =>
    client.post(`${url}/${kind}/${id}/decision`, { decision: 'approve', reason: '', ...body })

  it('leave on a fully covered day is accepted as "needs cover"; the supervisor approves it with a replacement', async () => {
    const f = await file()
    // a02 (agent1): the first working day whose leave leaves the shift short (COVER-MIN).
    const row = f.roster?.a02 ?? ''
    let date = ''
    for (let i = 4; i < row.length && !date; i++) {
      const cell = row[i]
      // Day shifts: night leave also needs the manager (LEAVE-NIGHT), not what this test is about.
      if (cell !== 'D') continue
      const d = `${NEXT}-${String(i + 1).padStart(2, '0')}`
      const probe = {
        id: 'p',
        agentId: 'a02',
        date: d,
        shift: 'D' as const,
        kind: 'annual' as const,
        urgent: false,
        certificate: false,
        submittedAt: CLOCK.toISOString(),
        by: 'a02',
        status: 'pending' as const,
        approvals: [],
      }
      const v = checkLeave(f, probe).violations
      if (
        v.some(x => x.rule === 'COVER-MIN') &&
        !v.some(x => x.rule.startsWith('LEAVE-') && x.severity === 'hard')
      )
        date = d
    }
    expect(date, 'a day on which a02 is needed').not.toBe('')
    const body = { dates: [date], kind: 'annual', urgent: false, certificate: false }

    // The check before sending says the same as the submit: accepted, needs cover, the supervisor approves.
    const check = json<{ ok: boolean; needsCover: boolean; steps: string[] }>(
      await as.agent1.post(`${url}/leave-check`, body),
    )
    expect(check).toMatchObject({ ok: true, needsCover: true, steps: ['supervisor'] })
    const sent = await as.agent1.post(`${url}/leaves`, body)
    expect(sent.statusCode, sent.body).toBe(201)
    const { requestId } = json<{ requestId: string }>(sent)

    // A repeat is refused 409, pointing to the existing request, in both languages.
    const again = await as.agent1.post(`${url}/leaves`, body)
    expect(again.statusCode).toBe(409)
    const err = json<ErrorBody>(again).error
    expect(err.issues).toEqual([{ path: 'existing', message: requestId }])
    expect(err.text?.zh).toContain('不能重复申请')
    expect(json<{ ok: boolean }>(await as.agent1.post(`${url}/leave-check`, body)).ok).toBe(false)

    // The agent sees it pending, marked needs cover, waiting for the supervisor.
    const mine = json<Mine>(await as.agent1.get('/api/me/requests')).find(r => r.id === requestId)
    expect(mine).toMatchObject({
      kind: 'leave',
      status: 'pending',
      needsCover: true,
      waiting: { role: 'supervisor' },
    })

    // The supervisor sees the gap with who could cover it.
    const item = json<InboxItem[]>(await as.supervisor.get('/api/inbox')).find(
      i => i.request.requestId === requestId,
    )
    expect(item?.then).toEqual([])
    const gap = item?.cover?.[0]
    const candidate = gap?.candidates[0]
    if (!gap || !candidate) throw new Error(`no cover suggested: ${JSON.stringify(item)}`)
    expect(gap.date).toBe(date)

    // Approving without a replacement and without saying "short" is refused, naming the gap.
    const plain = await decide(as.supervisor, 'leaves', requestId)
    expect(plain.statusCode, plain.body).toBe(422)
    expect(json<ErrorBody>(plain).error.violations?.map(v => v.rule)).toContain('COVER-MIN')
    expect(json<ErrorBody>(plain).error.text?.zh).toContain('缺人')

    // With the suggested replacement in the same step: approved, and the day is covered.
    const done = await decide(as.supervisor, 'leaves', requestId, {
      cover: [{ agentId: candidate.agentId, date: gap.date, shift: gap.shift }],
    })
    expect(done.statusCode, done.body).toBe(200)
    expect(json(done)).toMatchObject({ status: 'approved' })
    const after = await file()
    const day = Number(date.slice(8)) - 1
    expect(after.roster?.a02?.[day]).toBe('L')
    expect(after.roster?.[candidate.agentId]?.[day]).toBe(gap.shift)
    const cover = checkMonth(after).violations.filter(v => v.rule === 'COVER-MIN' && v.date === date)
    expect(cover).toEqual([])
    const mineAfter = json<Mine>(await as.agent1.get('/api/me/requests')).find(r => r.id === requestId)
    expect(mineAfter).toMatchObject({ status: 'approved', needsCover: false })
  })

  it('a third swap is refused with SWAP-MAX naming the new request, the same before sending and on submit; a pending swap is cancelled', async () => {
    const f = await file()
    const submittedAt = CLOCK.toISOString()
    const requester = 'a10'
    const client = await agentClient(app, requester, 'agent')
    const pending: Swap[] = []
    for (const swap of findSwaps(f, requester, { submittedAt, limit: 40 })) {
      if (pending.length === 2) break
      // Spread out: no back-to-back swaps, no shared dates.
      if (pending.some(p => Math.abs(Number(p.date.slice(8)) - Number(swap.date.slice(8))) < 3)) continue
      if (
        findSwaps(f, requester, {
          submittedAt,
          pending: [...pending, swap],
          dates: [swap.date],
          counterparts: [swap.counterpart],
        }).length === 0
      )
        continue
      const r = await client.post(`${url}/swaps`, { counterpart: swap.counterpart, date: swap.date })
      if (r.statusCode === 201) pending.push({ ...swap, id: json<{ id: string }>(r).id })
    }
    expect(pending).toHaveLength(2)
    // The third: a date before both, so "the swap with the latest date" is not the new one.
    const [third] = findSwaps(f, requester, { submittedAt, pending, rules: ['SWAP-MAX'], limit: 1 })
    if (!third) throw new Error('no third swap')
    const draft = { counterpart: third.counterpart, date: third.date }
    const check = json<{ ok: boolean; violations: Array<{ rule: string; message: { zh: string } }> }>(
      await client.post(`${url}/swap-check`, { requester, ...draft }),
    )
    expect(check.ok).toBe(false)
    const before = check.violations.find(v => v.rule === 'SWAP-MAX')?.message.zh ?? ''
    expect(before).toContain(`${third.date} 的这次换班是第 3 次`)
    expect(before).not.toMatch(/sw-/)
    const sent = await client.post(`${url}/swaps`, draft)
    expect(sent.statusCode).toBe(422)
    const err = json<ErrorBody>(sent).error
    expect(err.violations?.find(v => v.rule === 'SWAP-MAX')?.message.zh).toBe(before)
    expect(err.text?.zh).toContain('换班不符合规则')

    // A repeat of a pending swap: 409 pointing to it.
    const first = pending[0]
    if (!first) throw new Error('no pending swap')
    const repeat = await client.post(`${url}/swaps`, { counterpart: first.counterpart, date: first.date })
    expect(repeat.statusCode).toBe(409)
    expect(json<ErrorBody>(repeat).error.issues).toEqual([{ path: 'existing', message: first.id }])

    // Cancel one: it shows cancelled and the third can now be sent.
    expect((await client.delete(`${url}/swaps/${first.id}`)).statusCode).toBe(204)
    const mine = json<Mine>(await client.get('/api/me/requests'))
    expect(mine.find(r => r.id === first.id)).toMatchObject({ status: 'cancelled' })
    expect(mine.find(r => r.id === pending[1]?.id)).toMatchObject({
      status: 'pending',
      waiting: { role: 'counterpart' },
    })
  })

  it('a team leader who is the counterpart gives only the consent: the leader step goes to someone else', async () => {
    const f = await file()
    const leader = 'a01' // leader1
    const led = f.agents.filter(a => a.teamLeaderId === leader && a.id !== 'a02').map(a => a.id)
    let swap: Swap | undefined
    let client: Client | undefined
    for (const id of led) {
      ;[swap] = findSwaps(f, id, { submittedAt: CLOCK.toISOString(), counterparts: [leader], limit: 1 })
      if (swap) {
        client = await agentClient(app, id, 'agent')
        break
      }
    }
    if (!swap || !client) throw new Error('no agent of leader1 can swap with them')
    const sent = await client.post(`${url}/swaps`, { counterpart: leader, date: swap.date })
    expect(sent.statusCode, sent.body).toBe(201)
    const { id } = json<{ id: string }>(sent)
    const item = json<InboxItem[]>(await as.leader1.get('/api/inbox')).find(i => i.request.id === id)
    expect(item).toMatchObject({ as: 'counterpart' })
    expect(item?.then).not.toContain('teamLeader')
    expect((await decide(as.leader1, 'swaps', id)).statusCode).toBe(200)
    // Not a second time as team leader: it is no longer in their inbox, and a second approval is refused.
    expect(json<InboxItem[]>(await as.leader1.get('/api/inbox')).some(i => i.request.id === id)).toBe(false)
    expect((await decide(as.leader1, 'swaps', id)).statusCode).toBe(403)
    // The next step is someone else's (the other team leader, or the supervisor).
    const mine = json<Mine>(await client.get('/api/me/requests')).find(r => r.id === id)
    const above = f.agents.find(a => a.id === leader)?.teamLeaderId
    const other = above !== undefined && above !== leader ? 'teamLeader' : 'supervisor'
    expect(mine?.waiting?.role).toBe(other)
    if (mine?.waiting?.role === 'supervisor') {
      const done = await decide(as.supervisor, 'swaps', id, { reason: 'ok' })
      expect(done.statusCode, done.body).toBe(200)
      expect(json(done)).toMatchObject({ status: 'approved' })
      const applied = await file()
      expect(checkMonth(applied).violations.filter(v => v.rule === 'SWAP-APPROVAL')).toEqual([])
    }
  })

  it('a swap waiting for a colleague without a sign-in shows in the supervisor’s inbox, who may end it (audited)', async () => {
    const f = await file()
    const noSignIn = new Set(
      (await app.db.selectFrom('people').select('agent_id').execute()).map(p => p.agent_id ?? ''),
    )
    const requester = 'a12'
    const client = await agentClient(app, requester, 'agent')
    const counterparts = f.agents.map(a => a.id).filter(id => !noSignIn.has(id) && id !== requester)
    const [swap] = findSwaps(f, requester, { submittedAt: CLOCK.toISOString(), counterparts, limit: 1 })
    if (!swap) throw new Error('no swap with a colleague without a sign-in')
    const sent = await client.post(`${url}/swaps`, { counterpart: swap.counterpart, date: swap.date })
    expect(sent.statusCode, sent.body).toBe(201)
    const { id } = json<{ id: string }>(sent)
    const item = json<InboxItem[]>(await as.supervisor.get('/api/inbox')).find(i => i.request.id === id)
    expect(item).toMatchObject({
      as: 'supervisor',
      escalated: { reason: 'no-sign-in', waiting: { role: 'counterpart', by: swap.counterpart } },
    })
    // The supervisor may not consent in the colleague's place…
    const approve = await decide(as.supervisor, 'swaps', id)
    expect(approve.statusCode).toBe(403)
    expect(json<ErrorBody>(approve).error.text?.zh).toContain('只能驳回')
    // …but may end it, with a reason, in the audit log.
    const reject = await decide(as.supervisor, 'swaps', id, { decision: 'reject', reason: '对方无法登录' })
    expect(reject.statusCode, reject.body).toBe(200)
    const audit = await app.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute()
    expect(audit.map(a => a.action)).toContain('swap.reject')
    expect(json<Mine>(await client.get('/api/me/requests')).find(r => r.id === id)).toMatchObject({
      status: 'rejected',
    })
  })

  it('the swap finder lists every colleague with a different shift, allowed ones agreeing with swap-check', async () => {
    const f = await file()
    const client = await agentClient(app, 'a14', 'agent')
    const row = f.roster?.a14 ?? ''
    const i = [...row].findIndex((c, k) => k > 5 && (c === 'D' || c === 'N'))
    const date = `${NEXT}-${String(i + 1).padStart(2, '0')}`
    const found = json<Array<{ agentId: string; ok: boolean; violations: Array<{ rule: string }> }>>(
      await client.get(`${url}/swap-finder?date=${date}`),
    )
    const differs = f.agents.filter(a => a.id !== 'a14' && f.roster?.[a.id]?.[i] !== row[i])
    expect(found.length).toBeGreaterThan(0)
    expect(found.length).toBeLessThanOrEqual(differs.length)
    expect(found.some(x => x.ok)).toBe(true)
    expect(found.some(x => !x.ok)).toBe(true)
    for (const x of found.slice(0, 6)) {
      const check = json<{ ok: boolean }>(
        await client.post(`${url}/swap-check`, { requester: 'a14', counterpart: x.agentId, date }),
      )
      expect(check.ok, x.agentId).toBe(x.ok)
      expect(x.ok).toBe(x.violations.length === 0)
    }
    expect((await client.get(`${url}/swap-finder?date=2099-01-01`)).statusCode).toBe(400)
  })
})
