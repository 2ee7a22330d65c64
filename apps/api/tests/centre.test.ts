import { parseMonthFile, type MonthFile, type Violation } from '@paiban/domain'
import { checkMonth } from '@paiban/rules'
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { json, signIn, testApp, type Client } from './helpers/app'
import { describeEachDb, freshDatabase, type TestDatabase } from './helpers/databases'

vi.setConfig({ hookTimeout: 180_000, testTimeout: 120_000 })

const ADMIN_PASSWORD = 'admin-first-start'
const TEAM = 'cs-9'
const month = (m: string) => `/api/teams/${TEAM}/months/${m}`

/** 30 people with the headers HR's own sheet has: three team leaders and their agents. */
const HEADER = ['工号', '姓名', '岗位', '级别', '班长', '能否上夜班', '合同天数']
function staffRows(): string[][] {
  const rows: string[][] = []
  const groups = [
    { leader: 'E001', job: '电话', size: 12 },
    { leader: 'E013', job: '电话', size: 10 },
    { leader: 'E023', job: '在线', size: 8 },
  ]
  let n = 0
  for (const g of groups)
    for (let i = 0; i < g.size; i++) {
      n++
      const id = `E${String(n).padStart(3, '0')}`
      const level = i === 0 ? '高级' : i % 4 === 1 ? '高级' : i % 3 === 0 ? '初级' : '中级'
      rows.push([id, `员工${n}号`, g.job, level, i === 0 ? '' : g.leader, n % 9 === 0 ? '否' : '是', ''])
    }
  return rows
}

async function xlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('员工名单')
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** Waits for a solver job to end (its event stream closes when it does) and answers it. */
async function generated(client: Client, m: string): Promise<void> {
  const job = json<{ id: string }>(await client.post(`${month(m)}/generate`, { seconds: 3, seed: 1 }))
  await client.get(`/api/jobs/${job.id}/events`)
  const done = json<{ status: string; error: string | null }>(await client.get(`/api/jobs/${job.id}`))
  expect(done, JSON.stringify(done)).toMatchObject({ status: 'done' })
}

const rulesAt = (violations: readonly Violation[], agent: string) =>
  violations.filter(v => v.agentId === agent).map(v => `${v.rule}@${v.date}`)

describeEachDb('a centre from an empty database, month after month', kind => {
  let db: TestDatabase
  let app: FastifyInstance
  let now = new Date('2026-12-20T02:00:00Z')
  const announced: string[] = []

  beforeAll(async () => {
    db = await freshDatabase(kind, false)
    app = await testApp(db.config, {
      demo: { enabled: false, seconds: 1 },
      admin: { password: ADMIN_PASSWORD },
      clock: () => now,
      announce: line => void announced.push(line),
    })
  })
  afterAll(async () => {
    await app?.close()
    await db?.drop()
  })

  let admin: Client
  let supervisor: Client

  it('creates the admin on the first start without the demo, and nothing else', async () => {
    expect(announced.join('\n')).toContain('Sign in as admin')
    expect(await app.db.selectFrom('teams').select('id').execute()).toEqual([])
    admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    expect(json(await admin.get('/api/session'))).toMatchObject({ role: 'admin', team: null })
  })

  it('admin creates a team (409 for the same id again) and imports a 30-person XLSX with Chinese headers', async () => {
    const created = await admin.post('/api/teams', { id: TEAM, name: '客服九组', timeZone: 'Asia/Shanghai' })
    expect(created.statusCode, created.body).toBe(201)
    expect(
      (await admin.post('/api/teams', { id: TEAM, name: 'again', timeZone: 'Asia/Shanghai' })).statusCode,
    ).toBe(409)
    const bad = await admin.post('/api/teams', { id: 'Bad Id', name: 'x', timeZone: 'Mars/Base' })
    expect(bad.statusCode).toBe(400)
    expect(
      json<{ error: { issues: Array<{ path: string }> } }>(bad)
        .error.issues.map(i => i.path)
        .sort(),
    ).toEqual(['id', 'timeZone'])

    const sheet = await xlsx([HEADER, ...staffRows()])
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    const preview = await admin.upload(`/api/teams/${TEAM}/people/import?dryRun=1`, sheet, type)
    expect(preview.statusCode, preview.body).toBe(200)
    const body = json<{
      rows: Array<{ row: number; action: string; agent: Record<string, unknown> }>
      errors: unknown[]
      stored: boolean
    }>(preview)
    expect(body.errors).toEqual([])
    expect(body.stored).toBe(false)
    expect(body.rows).toHaveLength(30)
    expect(body.rows[0]).toMatchObject({
      row: 2,
      action: 'create',
      agent: { id: 'E001', job: 'phone', level: 'senior', role: 'teamLeader', teamLeaderId: 'E001' },
    })
    expect(body.rows.find(r => r.agent.id === 'E009')?.agent).toMatchObject({
      nights: false,
      teamLeaderId: 'E001',
      role: 'agent',
    })
    expect(body.rows.find(r => r.agent.id === 'E024')?.agent).toMatchObject({
      job: 'chat',
      teamLeaderId: 'E023',
    })
    // Nothing stored by the preview.
    expect(json<unknown[]>(await admin.get(`/api/teams/${TEAM}/people`))).toEqual([])

    const stored = await admin.upload(`/api/teams/${TEAM}/people/import`, sheet, type)
    expect(json(stored)).toMatchObject({ stored: true, created: 30, updated: 0 })
    expect(json<unknown[]>(await admin.get(`/api/teams/${TEAM}/people`))).toHaveLength(30)

    // Re-import updates by 工号: one level changed, the rest unchanged.
    const rows = staffRows()
    const fifth = rows[4]
    if (fifth) fifth[3] = '高级'
    const again = json<{ created: number; updated: number; rows: Array<{ action: string }> }>(
      await admin.upload(`/api/teams/${TEAM}/people/import`, await xlsx([HEADER, ...rows]), type),
    )
    expect({ created: again.created, updated: again.updated }).toEqual({ created: 0, updated: 1 })
  })

  it('admin creates a supervisor sign-in; the first password must be changed, which ends other sessions', async () => {
    const made = await admin.post('/api/signins', {
      login: 'zhou',
      name: '周主管',
      role: 'supervisor',
      team: TEAM,
      password: 'first-pass-1',
    })
    expect(made.statusCode, made.body).toBe(201)
    expect(json(made)).toMatchObject({ mustChangePassword: true, team: TEAM })
    const first = await signIn(app, 'zhou', 'first-pass-1')
    const other = await signIn(app, 'zhou', 'first-pass-1')
    expect(json(await first.get('/api/session'))).toMatchObject({ mustChangePassword: true })
    const blocked = await first.get(`/api/teams/${TEAM}/settings`)
    expect(blocked.statusCode).toBe(403)
    expect(json(blocked)).toMatchObject({ error: { code: 'PASSWORD_CHANGE_REQUIRED' } })
    const wrong = await first.post('/api/me/password', { current: 'nope', next: 'second-pass-2' })
    expect(wrong.statusCode).toBe(400)
    expect(json<{ error: { issues: Array<{ path: string }> } }>(wrong).error.issues[0]?.path).toBe('current')
    expect(
      (await first.post('/api/me/password', { current: 'first-pass-1', next: 'second-pass-2' })).statusCode,
    ).toBe(204)
    expect((await first.get(`/api/teams/${TEAM}/settings`)).statusCode).toBe(200)
    expect((await other.get('/api/session')).statusCode, 'the other session ended').toBe(401)
    await expect(signIn(app, 'zhou', 'first-pass-1')).rejects.toThrow(/401/)
    supervisor = first
    const audit = await app.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'password.change')
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('the supervisor sets coverage and policy: each change a new version, bad fields named, stale versions refused', async () => {
    const settings = json<{ version: number; defaults: { rest: { maxConsecutiveDays: number } } }>(
      await supervisor.get(`/api/teams/${TEAM}/settings`),
    )
    expect(settings.version).toBe(1)
    expect(settings.defaults.rest.maxConsecutiveDays).toBe(6)
    const coverage = {
      default: { D: { phone: 6, chat: 2 }, N: { phone: 3, chat: 1 } },
      weekday: {
        sat: { D: { phone: 4, chat: 2 }, N: { phone: 2, chat: 1 } },
        sun: { D: { phone: 4, chat: 2 }, N: { phone: 2, chat: 1 } },
      },
    }
    const bad = await supervisor.put(`/api/teams/${TEAM}/settings`, {
      version: 1,
      policy: { rest: { maxConsecutiveDays: 0 } },
      coverage,
    })
    expect(bad.statusCode).toBe(400)
    expect(json<{ error: { issues: Array<{ path: string }> } }>(bad).error.issues[0]?.path).toBe(
      'policy.rest.maxConsecutiveDays',
    )
    const ok = await supervisor.put(`/api/teams/${TEAM}/settings`, { version: 1, policy: {}, coverage })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(json(ok)).toMatchObject({ version: 2, createdBy: 'zhou' })
    const stale = await supervisor.put(`/api/teams/${TEAM}/settings`, { version: 1, policy: {}, coverage })
    expect(stale.statusCode).toBe(409)
    expect(
      await app.db.selectFrom('audit_log').select('action').where('action', '=', 'settings.update').execute(),
    ).toHaveLength(1)
  })

  let january: MonthFile
  it('starts 2027-01 (409 the second time), generates and publishes it', async () => {
    const started = await supervisor.post(`${month('2027-01')}/start`)
    expect(started.statusCode, started.body).toBe(201)
    expect(json(started)).toMatchObject({ version: 1, source: 'start', agents: 30, previousFrom: null })
    expect((await supervisor.post(`${month('2027-01')}/start`)).statusCode).toBe(409)
    const view = json<{ file: MonthFile }>(await supervisor.get(month('2027-01')))
    expect(view.file.agents).toHaveLength(30)
    expect(Object.values(view.file.roster ?? {}).every(r => r === '?'.repeat(31))).toBe(true)
    expect(view.file.wishes).toEqual([])
    expect(view.file.people).toEqual([{ id: 'zhou', name: '周主管', role: 'supervisor' }])
    await generated(supervisor, '2027-01')
    // An agent who works 01-26 … 01-31: the six days before February.
    const latest = json<{ version: number; file: MonthFile }>(await supervisor.get(month('2027-01')))
    const edits = ['26', '27', '28', '29', '30', '31'].map(d => ({
      agentId: 'E005',
      date: `2027-01-${d}`,
      cell: 'D',
    }))
    const edited = await supervisor.patch(`${month('2027-01')}/cells`, { version: latest.version, edits })
    expect(edited.statusCode, edited.body).toBe(200)
    const version = json<{ version: number }>(edited).version
    expect((await supervisor.post(`${month('2027-01')}/publish`, { version })).statusCode).toBe(200)
    january = json<{ file: MonthFile }>(await supervisor.get(month('2027-01'))).file
    expect(january.roster?.E005?.slice(-6)).toBe('DDDDDD')
  })

  it('a person taken out from 2027-02-10 is not rostered from that date, stays in January’s payroll, and cannot sign in after it', async () => {
    expect(
      (
        await admin.post('/api/signins', {
          login: 'e007',
          role: 'agent',
          team: TEAM,
          agentId: 'E007',
          password: 'agent-first-1',
        })
      ).statusCode,
    ).toBe(201)
    const agent = await signIn(app, 'e007', 'agent-first-1')
    const out = await supervisor.patch(`/api/teams/${TEAM}/people/E007`, { leftOn: '2027-02-10' })
    expect(out.statusCode, out.body).toBe(200)

    const feb = await supervisor.post(`${month('2027-02')}/start`)
    expect(feb.statusCode, feb.body).toBe(201)
    expect(json(feb)).toMatchObject({ previousFrom: { month: '2027-01', state: 'published' } })
    const view = json<{ file: MonthFile }>(await supervisor.get(month('2027-02')))
    // previous = January's last 6 days, as published.
    for (const a of view.file.agents)
      expect(view.file.previous[a.id], a.id).toBe(january.roster?.[a.id]?.slice(-6))
    expect(view.file.previous.E005).toBe('DDDDDD')

    await generated(supervisor, '2027-02')
    const generatedFeb = json<{ file: MonthFile }>(await supervisor.get(month('2027-02'))).file
    const row = generatedFeb.roster?.E007 ?? ''
    expect(row.slice(9)).toMatch(/^-+$/)
    // Six days worked before the month: the solver rests E005 on 02-01.
    expect(generatedFeb.roster?.E005?.[0]).not.toMatch(/[DN]/)
    expect(rulesAt(checkMonth(parseOk(generatedFeb)).violations, 'E005')).not.toContain('REST-6-1@2027-02-01')

    const payroll = await supervisor.get(`${month('2027-01')}/payroll?format=csv`)
    expect(payroll.statusCode).toBe(200)
    expect(payroll.body).toContain('员工7号')

    expect((await agent.get('/api/session')).statusCode, 'before the date').toBe(200)
    now = new Date('2027-02-10T01:00:00Z') // 09:00 in Shanghai, the leaving day
    expect((await agent.get('/api/session')).statusCode, 'the session ends on the date').toBe(401)
    await expect(signIn(app, 'e007', 'agent-first-1')).rejects.toThrow(/401/)
    now = new Date('2026-12-20T02:00:00Z')
  })

  it('REST-6-1 on 02-01 when E005 is rostered, also for a file uploaded without previous', async () => {
    const latest = json<{ version: number; file: MonthFile }>(await supervisor.get(month('2027-02')))
    const pinned = await supervisor.patch(`${month('2027-02')}/cells`, {
      version: latest.version,
      edits: [{ agentId: 'E005', date: '2027-02-01', cell: 'D' }],
    })
    expect(pinned.statusCode, pinned.body).toBe(200)
    const check = json<{ violations: Violation[] }>(await supervisor.post(`${month('2027-02')}/check`))
    expect(rulesAt(check.violations, 'E005')).toContain('REST-6-1@2027-02-01')

    // Upload the same month with no previous: the check still takes it from January.
    const file = json<{ file: MonthFile }>(await supervisor.get(month('2027-02'))).file
    const { previous: _, ...withoutPrevious } = file
    expect((await supervisor.put(month('2027-02'), withoutPrevious)).statusCode).toBe(201)
    const stored = await app.db
      .selectFrom('roster_versions as v')
      .innerJoin('months as m', 'm.id', 'v.month_id')
      .select('v.file')
      .where('m.team_id', '=', TEAM)
      .where('m.month', '=', '2027-02')
      .orderBy('v.number', 'desc')
      .executeTakeFirstOrThrow()
    expect((stored.file as { previous: object }).previous).toEqual({})
    const again = json<{ violations: Violation[] }>(await supervisor.post(`${month('2027-02')}/check`))
    expect(rulesAt(again.violations, 'E005')).toContain('REST-6-1@2027-02-01')
  })

  it('sees across the month boundary for requests: a swap on 01-31 makes one on 02-01 a SWAP-CONSEC, leave 01-28 … 02-03 is one 7-day request', async () => {
    const leave = (date: string) => ({
      id: `span-${date}`,
      agentId: 'E010',
      date,
      shift: 'D' as const,
      kind: 'annual' as const,
      requestId: 'span1',
      submittedAt: '2026-12-20T10:00:00+08:00',
      by: 'E010',
      status: 'approved' as const,
      approvals: [{ by: 'zhou', role: 'supervisor' as const }],
    })
    const jan = json<{ file: MonthFile }>(await supervisor.get(month('2027-01'))).file
    const janLeave = ['2027-01-28', '2027-01-29', '2027-01-30', '2027-01-31'].map(leave)
    const janFile = {
      ...jan,
      roster: { ...jan.roster, E010: `${(jan.roster?.E010 ?? '').slice(0, 27)}LLLL` },
      leaves: [...jan.leaves, ...janLeave],
      swaps: [
        ...jan.swaps,
        {
          id: 'jan31',
          requester: 'E005',
          counterpart: 'E006',
          date: '2027-01-31',
          submittedAt: '2027-01-20T09:00:00+08:00',
          status: 'approved' as const,
          approvals: [],
        },
      ],
    }
    const up = await supervisor.put(month('2027-01'), janFile)
    expect(up.statusCode, up.body).toBe(201)
    const published = await supervisor.post(`${month('2027-01')}/publish`, {
      version: json<{ version: number }>(up).version,
    })
    expect(published.statusCode, published.body).toBe(200)

    const swapCheck = async (date: string) =>
      json<{ violations: Violation[] }>(
        await supervisor.post(`${month('2027-02')}/swap-check`, {
          requester: 'E005',
          counterpart: 'E006',
          date,
        }),
      ).violations.filter(v => v.rule === 'SWAP-CONSEC')
    expect((await swapCheck('2027-02-01')).map(v => `${v.agentId}@${v.date}`)).toEqual([
      'E005@2027-02-01',
      'E006@2027-02-01',
    ])
    expect(await swapCheck('2027-02-02')).toEqual([])

    const feb = json<{ file: MonthFile }>(await supervisor.get(month('2027-02'))).file
    expect(feb.neighbours?.swaps.map(s => s.id)).toEqual(['jan31'])
    const febLeave = ['2027-02-01', '2027-02-02', '2027-02-03'].map(leave)
    const febUp = await supervisor.put(month('2027-02'), {
      ...feb,
      roster: { ...feb.roster, E010: `LLL${(feb.roster?.E010 ?? '').slice(3)}` },
      leaves: [...feb.leaves, ...febLeave],
    })
    expect(febUp.statusCode, febUp.body).toBe(201)
    const approver = async (m: string) =>
      json<{ violations: Violation[] }>(await supervisor.post(`${month(m)}/check`))
        .violations.filter(v => v.rule === 'LEAVE-APPROVER' && v.agentId === 'E010')
        .map(v => v.date)
    // Three days in February alone would be the supervisor's; with January's four, the manager's.
    expect(await approver('2027-02')).toEqual(['2027-02-01'])
    expect(await approver('2027-01')).toEqual(['2027-01-28'])
  })

  it('a month whose month before is only a draft takes its previous from the draft, and says so', async () => {
    const march = json<{ previousFrom: unknown }>(await supervisor.post(`${month('2027-03')}/start`))
    expect(march.previousFrom).toMatchObject({ month: '2027-02', state: 'draft' })
  })
})

function parseOk(file: MonthFile): MonthFile {
  const parsed = parseMonthFile(file)
  if (!parsed.ok) throw new Error(parsed.issues[0]?.path)
  return parsed.value
}
