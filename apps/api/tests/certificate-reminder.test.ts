import { addDays, parseMonthFile, type InboxItem, type MonthFile } from '@paiban/domain'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { CLOCK, CURRENT, json, monthUrl, signInAll, testApp, type Client, type Login } from './helpers/app'
import { describeEachDb, freshDatabase, type TestDatabase } from './helpers/databases'

vi.setConfig({ hookTimeout: 180_000, testTimeout: 120_000 })

describeEachDb('the certificate reminder in the team leader’s inbox (LEAVE-SICK-CERT)', kind => {
  let db: TestDatabase
  let app: FastifyInstance
  let as: Record<Login, Client>
  // 10:00 in Shanghai on the day the test sets.
  let now = CLOCK
  // Sessions are counted on the same clock: sign in again on the new day.
  const on = async (date: string) => {
    now = new Date(`${date}T02:00:00Z`)
    as = await signInAll(app)
  }

  beforeAll(async () => {
    db = await freshDatabase(kind)
    app = await testApp(db.config, { clock: () => now })
    as = await signInAll(app)
  })
  afterAll(async () => {
    await app.close()
    await db.drop()
  })

  it('from the first day back after an emergency night without certificate: due that day, overdue after, gone once handed in', async () => {
    const parsed = parseMonthFile(json<{ file: unknown }>(await as.supervisor.get(monthUrl(CURRENT))).file)
    if (!parsed.ok) throw new Error('month file does not parse')
    const f: MonthFile = parsed.value
    const today = CLOCK.toISOString().slice(0, 10)
    // An agent of leader1 (a01) on a night from today on, with a later shift in the month.
    let target: { id: string; date: string; back: string } | undefined
    for (const a of f.agents.filter(x => x.teamLeaderId === 'a01' && x.id !== 'a01')) {
      const row = [...(f.roster?.[a.id] ?? '')]
      const i = row.findIndex((c, k) => c === 'N' && `${CURRENT}-${String(k + 1).padStart(2, '0')}` >= today)
      const j = row.findIndex((c, k) => k > i && (c === 'D' || c === 'N'))
      if (i >= 0 && j >= 0) {
        const day = (k: number) => `${CURRENT}-${String(k + 1).padStart(2, '0')}`
        target = { id: a.id, date: day(i), back: day(j) }
        break
      }
    }
    if (!target) throw new Error('no night of a01’s agents from today with a shift after it')
    const filed = await as.leader1.post(`${monthUrl(CURRENT)}/emergency-leaves`, {
      agentId: target.id,
      date: target.date,
    })
    expect(filed.statusCode, filed.body).toBe(201)
    const { leaveId, certificateDue } = json<{ leaveId: string; certificateDue: string }>(filed)
    expect(certificateDue).toBe(target.back)

    const item = async () => {
      const r = await as.leader1.get('/api/inbox')
      if (r.statusCode !== 200) throw new Error(r.body)
      return json<InboxItem[]>(r).find(
        (x): x is Extract<InboxItem, { kind: 'leave' }> => x.kind === 'leave' && x.request.id === leaveId,
      )
    }
    // Before the first day back: the certificate is listed to collect, without a reminder yet.
    await on(addDays(target.back, -1))
    const before = await item()
    expect(before).toBeDefined()
    expect(before?.reminder).toBeUndefined()

    await on(target.back)
    expect((await item())?.reminder).toMatchObject({ due: target.back, state: 'due' })
    expect((await item())?.reminder?.message.zh).toContain(`今天(${target.back})返岗`)

    await on(addDays(target.back, 1))
    const late = (await item())?.reminder
    expect(late).toMatchObject({ due: target.back, state: 'overdue' })
    expect(late?.message.en).toContain('LEAVE-SICK-CERT')
    // The supervisor's inbox has no such reminder: collecting certificates is the team leader's.
    const theirs = json<InboxItem[]>(await as.supervisor.get('/api/inbox'))
    expect(theirs.some(x => x.kind === 'leave' && x.reminder)).toBe(false)

    const handed = await as.leader1.put(`${monthUrl(CURRENT)}/leaves/${leaveId}/certificate`, {
      handedIn: true,
    })
    expect(handed.statusCode, handed.body).toBe(200)
    expect(await item()).toBeUndefined()
  })
})
