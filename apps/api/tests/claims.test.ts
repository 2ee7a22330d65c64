import type { MonthFile } from '@paiban/domain'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { json, monthUrl, NEXT, signInAll, testApp, type Client, type Login } from './helpers/app'
import { describeEachDb, freshDatabase, type TestDatabase } from './helpers/databases'

vi.setConfig({ hookTimeout: 180_000, testTimeout: 60_000 })

describeEachDb('claims only the right person can make', kind => {
  let database: TestDatabase
  let app: FastifyInstance
  let as: Record<Login, Client>

  beforeAll(async () => {
    database = await freshDatabase(kind)
    app = await testApp(database.config)
    as = await signInAll(app)
  })
  afterAll(async () => {
    await app.close()
    await database.drop()
  })

  const file = async () => json<{ file: MonthFile }>(await as.supervisor.get(monthUrl(NEXT))).file
  const shiftDay = (f: MonthFile, agentId: string, from: number) => {
    const row = f.roster?.[agentId] ?? ''
    for (let i = from; i < row.length; i++)
      if (row[i] === 'D' || row[i] === 'N') return `${NEXT}-${String(i + 1).padStart(2, '0')}`
    throw new Error(`${agentId} has no shift`)
  }
  const leaves = () => app.db.selectFrom('leaves').select('record_id').execute()
  const sick = (client: Client, body: Record<string, unknown>) =>
    client.post(`${monthUrl(NEXT)}/leaves`, { kind: 'sick', urgent: false, certificate: false, ...body })

  it('an agent cannot certify their own sick leave', async () => {
    const f = await file()
    const me = json<{ agentId: string }>(await as.agent1.get('/api/session')).agentId
    const before = await leaves()
    const r = await sick(as.agent1, { dates: [shiftDay(f, me, 10)], certificate: true })
    expect(r.statusCode, r.body).toBe(403)
    expect(json<{ error: { issues: Array<{ path: string }> } }>(r).error.issues[0]?.path).toBe('certificate')
    expect(await leaves()).toEqual(before)
  })

  it('a team leader cannot certify his own sick leave, on filing or later; the supervisor can', async () => {
    const f = await file()
    const me = json<{ agentId: string }>(await as.leader1.get('/api/session')).agentId
    const date = shiftDay(f, me, 12)
    const before = await leaves()
    const claimed = await sick(as.leader1, { dates: [date], certificate: true })
    expect(claimed.statusCode, claimed.body).toBe(403)
    expect(await leaves()).toEqual(before)
    const filed = await sick(as.leader1, { dates: [date] })
    expect(filed.statusCode, filed.body).toBe(201)
    const { requestId } = json<{ requestId: string }>(filed)
    const url = `${monthUrl(NEXT)}/leaves/${requestId}/certificate`
    const self = await as.leader1.put(url, { handedIn: true })
    expect(self.statusCode, self.body).toBe(403)
    expect(json<{ error: { issues: Array<{ path: string }> } }>(self).error.issues[0]?.path).toBe(
      'certificate',
    )
    const bySupervisor = await as.supervisor.put(url, { handedIn: true })
    expect(bySupervisor.statusCode, bySupervisor.body).toBe(200)
  })

  it('a team leader still files his agent’s sick leave with the certificate in hand', async () => {
    const f = await file()
    const agent = f.agents.find(a => a.teamLeaderId === 'a01' && a.id !== 'a01')?.id ?? ''
    const r = await sick(as.leader1, { agentId: agent, dates: [shiftDay(f, agent, 16)], certificate: true })
    expect(r.statusCode, r.body).toBe(201)
  })

  it('keeps the imported file’s hash and a diff summary in the import’s audit row', async () => {
    const f = await file()
    const [first] = f.agents
    const row = f.roster?.[first?.id ?? ''] ?? ''
    const changed = {
      ...f,
      roster: { ...f.roster, [first?.id ?? '']: `${row[0] === '?' ? 'O' : '?'}${row.slice(1)}` },
    }
    const r = await as.supervisor.put(monthUrl(NEXT), changed)
    expect(r.statusCode, r.body).toBe(201)
    const audit = await app.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'month.import')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit.after).toMatchObject({
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
      diff: { cellsChanged: 1, agentsAdded: [], agentsRemoved: [] },
    })
  })

  it('an imported manager approval the manager never gave counts as missing until the manager confirms it', async () => {
    const f = await file()
    const agent = f.agents.find(a => a.role === 'agent')?.id ?? ''
    const row = [...(f.roster?.[agent] ?? '')]
    const days = row.flatMap((c, i) => (i >= 14 && (c === 'D' || c === 'N') ? [i] : [])).slice(0, 4)
    expect(days).toHaveLength(4)
    const managerId = f.people.find(p => p.role === 'manager')?.id ?? 'manager'
    const leaves = days.map(i => ({
      id: `imp-${i}`,
      agentId: agent,
      date: `${NEXT}-${String(i + 1).padStart(2, '0')}`,
      shift: row[i] as 'D' | 'N',
      kind: 'annual' as const,
      urgent: false,
      certificate: false,
      requestId: 'imp-r1',
      submittedAt: `${NEXT}-01T09:00:00+08:00`,
      by: agent,
      status: 'approved' as const,
      // A forged confirmation in the file counts for nothing.
      approvals: [
        {
          by: managerId,
          role: 'manager' as const,
          at: `${NEXT}-01T10:00:00+08:00`,
          confirmedAt: `${NEXT}-01T10:00:00+08:00`,
        },
      ],
    }))
    for (const i of days) row[i] = 'L'
    const imported = {
      ...f,
      roster: { ...f.roster, [agent]: row.join('') },
      leaves: [...f.leaves, ...leaves],
    }
    expect((await as.supervisor.put(monthUrl(NEXT), imported)).statusCode).toBe(201)

    const approverViolations = async () =>
      json<{ violations: Array<{ rule: string; requestId?: string; message: { en: string } }> }>(
        await as.supervisor.post(`${monthUrl(NEXT)}/check`),
      ).violations.filter(v => v.rule === 'LEAVE-APPROVER' && v.requestId === 'imp-r1')
    const missing = await approverViolations()
    expect(missing).toHaveLength(1)
    expect(missing[0]?.message.en).toMatch(/recorded by import \(by supervisor\)/)
    const stored = json<{ file: MonthFile }>(await as.supervisor.get(monthUrl(NEXT))).file
    expect(stored.leaves.find(l => l.id === `imp-${days[0]}`)?.approvals).toEqual([
      { by: managerId, role: 'manager', at: expect.any(String) as unknown, recordedBy: 'supervisor' },
    ])
    const audit = await app.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'month.import')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit.after).toMatchObject({ approvalsRecordedByImport: 4 })

    // Importing the same file again does not launder the approval into a confirmed one.
    const again = json<{ file: MonthFile }>(await as.supervisor.get(monthUrl(NEXT))).file
    expect((await as.supervisor.put(monthUrl(NEXT), again)).statusCode).toBe(201)
    expect(await approverViolations()).toHaveLength(1)

    // Only the manager's own sign-in confirms it; the supervisor has nothing of theirs to confirm.
    const url = `${monthUrl(NEXT)}/approvals/confirm`
    expect((await as.supervisor.post(url, { kind: 'leave', id: 'imp-r1' })).statusCode).toBe(409)
    const confirmed = await as.manager.post(url, { kind: 'leave', id: 'imp-r1' })
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    expect(json<{ confirmed: number }>(confirmed).confirmed).toBe(4)
    expect(await approverViolations()).toEqual([])
  })

  it('audits payroll and compliance downloads: who took which file', async () => {
    const before = await app.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'download')
      .execute()
    expect((await as.hr.get(`${monthUrl(NEXT)}/payroll?format=csv`)).statusCode).toBe(200)
    expect((await as.supervisor.get(`${monthUrl(NEXT)}/compliance?format=csv&lang=en`)).statusCode).toBe(200)
    const rows = await app.db
      .selectFrom('audit_log')
      .select(['actor_login', 'after'])
      .where('action', '=', 'download')
      .orderBy('id')
      .execute()
    expect(rows.slice(before.length).map(r => [r.actor_login, (r.after as { file: string }).file])).toEqual([
      ['hr', expect.stringMatching(/^payroll-cs-1-2026-12-v\d+\.csv$/) as unknown],
      ['supervisor', expect.stringMatching(/^compliance-cs-1-2026-12-v\d+\.csv$/) as unknown],
    ])
  })
})
