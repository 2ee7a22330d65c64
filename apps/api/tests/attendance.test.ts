import {
  parseMonthFile,
  type AttendanceDay,
  type ComplianceReport,
  type HandoverDay,
  type MonthFile,
  type PayrollSheet,
} from '@paiban/domain'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  CURRENT,
  json,
  monthUrl,
  NEXT,
  signIn,
  signInAll,
  testApp,
  type Client,
  type Login,
} from './helpers/app'
import { describeEachDb, freshDatabase, type TestDatabase } from './helpers/databases'

vi.setConfig({ hookTimeout: 180_000, testTimeout: 120_000 })

type ErrorBody = {
  error: { code: string; message: string; issues?: Array<{ path: string; message: string }> }
}

describeEachDb('attendance: the day’s record, the time clock, emergency leave', kind => {
  let db: TestDatabase
  let app: FastifyInstance
  let as: Record<Login, Client>

  beforeAll(async () => {
    db = await freshDatabase(kind)
    app = await testApp(db.config)
    as = await signInAll(app)
  })
  afterAll(async () => {
    await app.close()
    await db.drop()
  })

  const file = async (month = NEXT): Promise<MonthFile> => {
    const parsed = parseMonthFile(json<{ file: unknown }>(await as.supervisor.get(monthUrl(month))).file)
    if (!parsed.ok) throw new Error('the month does not parse')
    return parsed.value
  }
  /** The first date of the month on which a01 (leader1) works the day shift. */
  const leaderDay = (f: MonthFile) => {
    const i = [...(f.roster?.a01 ?? '')].indexOf('D')
    return `${f.month}-${String(i + 1).padStart(2, '0')}`
  }

  describe('recording a shift', () => {
    it('lists the shift with its report time, saves it, refuses a stale save (409) and audits a correction', async () => {
      const f = await file()
      const date = leaderDay(f)
      const url = `${monthUrl(NEXT)}/attendance/${date}/D`
      const day = json<AttendanceDay>(await as.leader1.get(url))
      expect(day).toMatchObject({ date, shift: 'D', report: '08:50', revision: 0 })
      const expected = f.agents
        .filter(a => f.roster?.[a.id]?.[Number(date.slice(8)) - 1] === 'D')
        .map(a => a.id)
      expect(day.people.map(p => p.agentId)).toEqual(expected)
      const [late, ...onTime] = day.people.filter(p => p.agentId !== 'a01')
      if (!late) throw new Error('nobody else on the shift')
      const records = [
        { agentId: 'a01', arrivedAt: '08:50' },
        { agentId: late.agentId, arrivedAt: '09:15' },
        ...onTime.map(p => ({ agentId: p.agentId, arrivedAt: '08:50' })),
      ]
      const saved = await as.leader1.put(url, { revision: 0, records })
      expect(saved.statusCode).toBe(200)
      expect(json<AttendanceDay>(saved).revision).toBe(1)

      const stale = await as.supervisor.put(url, {
        revision: 0,
        records: [{ agentId: late.agentId, arrivedAt: '08:50' }],
      })
      expect(stale.statusCode).toBe(409)
      expect(json<ErrorBody>(stale).error.issues?.[0]?.path).toBe('revision')
      const after = json<AttendanceDay>(await as.supervisor.get(url))
      expect(after.people.find(p => p.agentId === late.agentId)?.record?.arrivedAt).toBe('09:15')

      const corrected = await as.supervisor.put(url, {
        revision: 1,
        records: [
          ...records.filter(r => r.agentId !== late.agentId),
          { agentId: late.agentId, arrivedAt: '09:12' },
        ],
      })
      expect(corrected.statusCode).toBe(200)
      const audit = await app.db
        .selectFrom('audit_log')
        .select(['action', 'before', 'after'])
        .where('entity', '=', 'attendance')
        .orderBy('id')
        .execute()
      expect(audit.map(a => a.action)).toEqual(['attendance.record', 'attendance.correct'])

      // Payroll reads the record: 22 min late (≥ 20) is an absence and 22 minutes less attendance.
      const csv = (await as.supervisor.get(`${monthUrl(NEXT)}/payroll?format=csv`)).body
      // Split at commas outside quotes (headers such as "出勤(分钟,含交接班)" are quoted).
      const cells = (line: string) =>
        line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map(c => c.replace(/^"|"$/g, '').replace(/""/g, '"'))
      const [head = '', ...lines] = csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
      const header = cells(head)
      const rows = lines.map(l => Object.fromEntries(cells(l).map((v, j) => [header[j] ?? '', v])))
      const row = rows.find(r => r['工号'] === late.agentId)
      expect(row?.['缺勤日期(规则)']).toContain(`${date} ATTEND-LATE`)
      expect(row?.['违纪(次)']).toBe('1')
    })

    it('names a person not on the shift and an out before the in; stores nothing', async () => {
      const f = await file()
      const date = leaderDay(f)
      const i = Number(date.slice(8)) - 1
      const resting = f.agents.find(a => f.roster?.[a.id]?.[i] === '-')?.id ?? ''
      const url = `${monthUrl(NEXT)}/attendance/${date}/N`
      const nightLeader = f.agents.find(a => f.roster?.[a.id]?.[i] === 'N')?.id ?? ''
      const bad = await as.supervisor.put(url, {
        revision: 0,
        records: [
          { agentId: resting, arrivedAt: '17:50' },
          { agentId: nightLeader, arrivedAt: '17:50', leftAt: '17:00' },
        ],
      })
      expect(bad.statusCode).toBe(400)
      expect(json<ErrorBody>(bad).error.issues?.map(x => x.path)).toEqual([
        'records[0].agentId',
        'records[1].leftAt',
      ])
      expect(json<AttendanceDay>(await as.supervisor.get(url)).revision).toBe(0)
    })

    it('lets a team leader record only a shift they are on duty for', async () => {
      const f = await file()
      const i = [...(f.roster?.a01 ?? '')].indexOf('-')
      const date = `${NEXT}-${String(i + 1).padStart(2, '0')}`
      const res = await as.leader1.put(`${monthUrl(NEXT)}/attendance/${date}/D`, { revision: 0, records: [] })
      expect(res.statusCode).toBe(403)
    })
  })

  describe('the time clock import', () => {
    it('names the unknown employee number, the date outside the month and the out before the in; stores nothing', async () => {
      const f = await file()
      const date = leaderDay(f)
      const csv = [
        '工号,日期,上班,下班',
        `a01,${date},08:49,18:01`,
        `zz9,${date},08:49,18:01`,
        `a01,2027-01-02,08:49,18:01`,
        `a01,${date},09:00,08:00`,
      ].join('\n')
      const columns = { employee: '工号', date: '日期', in: '上班', out: '下班' }
      const before = json<AttendanceDay>(await as.supervisor.get(`${monthUrl(NEXT)}/attendance/${date}/D`))
      const res = await as.supervisor.post(`${monthUrl(NEXT)}/attendance/import`, { csv, columns })
      expect(res.statusCode).toBe(400)
      expect(json<ErrorBody>(res).error.issues?.map(x => x.path)).toEqual([
        'rows[3].employee',
        'rows[4].date',
        'rows[5].out',
      ])
      const after = json<AttendanceDay>(await as.supervisor.get(`${monthUrl(NEXT)}/attendance/${date}/D`))
      expect(after.revision).toBe(before.revision)

      const preview = await as.supervisor.post(`${monthUrl(NEXT)}/attendance/import`, {
        csv: csv.split('\n').slice(0, 2).join('\n'),
        columns,
        dryRun: true,
      })
      expect(json(preview)).toMatchObject({ stored: 0, shifts: 1, preview: [{ agentId: 'a01', date }] })
      const unchanged = json<AttendanceDay>(await as.supervisor.get(`${monthUrl(NEXT)}/attendance/${date}/D`))
      expect(unchanged.revision, 'a preview stores nothing').toBe(before.revision)

      const good = await as.supervisor.post(`${monthUrl(NEXT)}/attendance/import`, {
        csv: csv.split('\n').slice(0, 2).join('\n'),
        columns,
      })
      expect(json(good)).toEqual({ stored: 1, shifts: 1 })
      const imported = json<AttendanceDay>(await as.supervisor.get(`${monthUrl(NEXT)}/attendance/${date}/D`))
      expect(imported.revision).toBe(before.revision + 1)
      expect(imported.people.find(p => p.agentId === 'a01')?.record).toMatchObject({
        arrivedAt: '08:49',
        leftAt: '18:01',
        recordedBy: 'clock',
      })
    })
  })

  describe('emergency sick leave (LEAVE-EMERGENCY)', () => {
    it('files a night shift for a team leader’s agent: the cell becomes L, the gap and the due date come back', async () => {
      const f = await file()
      const mine = f.agents.filter(a => a.teamLeaderId === 'a01' && a.id !== 'a01')
      let target: { id: string; date: string } | undefined
      for (const a of mine) {
        const i = [...(f.roster?.[a.id] ?? '')].indexOf('N')
        if (i >= 0) {
          target = { id: a.id, date: `${NEXT}-${String(i + 1).padStart(2, '0')}` }
          break
        }
      }
      if (!target) throw new Error('no night shift among a01’s agents')
      const before = json<{ version: number }>(await as.supervisor.get(monthUrl(NEXT))).version
      const res = await as.leader1.post(`${monthUrl(NEXT)}/emergency-leaves`, {
        agentId: target.id,
        date: target.date,
      })
      expect(res.statusCode).toBe(201)
      const out = json<{ version: number; certificateDue: string | null; gap: Array<{ rule: string }> }>(res)
      expect(out.version).toBe(before + 1)
      const after = await file()
      expect(after.roster?.[target.id]?.[Number(target.date.slice(8)) - 1]).toBe('L')
      expect(after.leaves.find(l => l.agentId === target.id && l.date === target.date)).toMatchObject({
        kind: 'sick',
        urgent: true,
        status: 'approved',
        shift: 'N',
      })
      expect(out.gap.every(v => v.rule.startsWith('COVER-') || v.rule === 'HANDOVER')).toBe(true)
    })

    it('refuses a shift whose report time has passed (422 naming LEAVE-EMERGENCY)', async () => {
      const f = await file(CURRENT)
      const id = f.agents.find(
        a => a.teamLeaderId === 'a01' && a.id !== 'a01' && f.roster?.[a.id]?.[2] !== '-',
      )
      if (!id) throw new Error('no agent on 11-03')
      const res = await as.leader1.post(`${monthUrl(CURRENT)}/emergency-leaves`, {
        agentId: id.id,
        date: `${CURRENT}-03`,
      })
      expect(res.statusCode).toBe(422)
      expect(json<ErrorBody>(res).error.issues?.map(x => x.path)).toContain('LEAVE-EMERGENCY')
    })
  })

  describe('the handover log (HANDOVER-LOG)', () => {
    it('the outgoing lead writes it (409 when stale), the incoming lead acknowledges it; audited; the compliance report and the month file follow', async () => {
      const f = await file()
      const date = leaderDay(f)
      const i = Number(date.slice(8)) - 1
      const nightLead = f.agents.find(a => a.role === 'teamLeader' && f.roster?.[a.id]?.[i] === 'N')
      if (!nightLead) throw new Error(`no team leader on the night of ${date}`)
      const admin = as.admin
      const made = await admin.post('/api/signins', {
        login: 'nightlead',
        role: 'teamLeader',
        team: 'cs-1',
        agentId: nightLead.id,
        password: 'first-pass-1',
      })
      expect(made.statusCode, made.body).toBe(201)
      const first = await signIn(app, 'nightlead', 'first-pass-1')
      await first.post('/api/me/password', { current: 'first-pass-1', next: 'second-pass-2' })
      const night = first
      const url = `${monthUrl(NEXT)}/handovers/${date}/D`
      const handoverLog = (r: ComplianceReport) =>
        r.violations.filter(v => v.rule === 'HANDOVER-LOG' && v.date === date && v.shift === 'D')

      // The day shift of `date` was recorded (the first test): its missing log is in the report.
      const report = json<ComplianceReport>(await as.supervisor.get(`${monthUrl(NEXT)}/compliance`))
      expect(handoverLog(report)).toHaveLength(1)

      const empty = json<HandoverDay>(await as.leader1.get(url))
      expect(empty).toMatchObject({ revision: 0, log: null, mayWrite: true, mayAcknowledge: false })
      expect(empty.next).toEqual({ date, shift: 'N' })
      expect(json<HandoverDay>(await night.get(url))).toMatchObject({ mayWrite: false, mayAcknowledge: true })

      const body = { revision: 0, equipment: '3号席耳机坏了', problems: '工单 #4411 待回电', swaps: '' }
      expect((await night.put(url, body)).statusCode, 'the incoming lead does not write it').toBe(403)
      const written = await as.leader1.put(url, body)
      expect(written.statusCode, written.body).toBe(200)
      expect(json<HandoverDay>(written)).toMatchObject({
        revision: 1,
        log: { by: 'a01', equipment: '3号席耳机坏了', problems: '工单 #4411 待回电' },
      })
      const stale = await as.leader1.put(url, { ...body, problems: 'overwritten?' })
      expect(stale.statusCode).toBe(409)
      expect(json<ErrorBody>(stale).error.issues?.[0]?.path).toBe('revision')

      expect((await as.leader1.post(`${url}/acknowledge`, { revision: 1 })).statusCode).toBe(403)
      expect((await night.post(`${url}/acknowledge`, { revision: 2 })).statusCode).toBe(409)
      const acked = await night.post(`${url}/acknowledge`, { revision: 1 })
      expect(acked.statusCode, acked.body).toBe(200)
      expect(json<HandoverDay>(acked)).toMatchObject({
        revision: 2,
        log: { by: 'a01', acknowledgedBy: nightLead.id, problems: '工单 #4411 待回电' },
      })

      const audit = await app.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity', '=', 'handover')
        .orderBy('id')
        .execute()
      expect(audit.map(a => a.action)).toEqual(['handover.write', 'handover.acknowledge'])
      const month = await file()
      expect(month.handovers).toEqual([
        expect.objectContaining({ date, shift: 'D', acknowledgedBy: nightLead.id }),
      ])
      const after = json<ComplianceReport>(await as.supervisor.get(`${monthUrl(NEXT)}/compliance`))
      expect(handoverLog(after)).toEqual([])
    })

    it('pre-fills the approved swaps of the day for the outgoing lead', async () => {
      const f = await file()
      const swap = f.swaps.find(s => s.status === 'approved')
      if (!swap) return expect(f.swaps.filter(s => s.status === 'approved')).toEqual([])
      const shift = f.roster?.[swap.requester]?.[Number(swap.date.slice(8)) - 1]
      if (shift !== 'D' && shift !== 'N') throw new Error('the swap gives up no shift')
      const day = json<HandoverDay>(
        await as.supervisor.get(`${monthUrl(NEXT)}/handovers/${swap.date}/${shift}`),
      )
      expect(day.swapsOfDay).toContainEqual(
        expect.objectContaining({ id: swap.id, gives: swap.requester, takes: swap.counterpart }),
      )
    })
  })

  describe('the payroll page', () => {
    it('answers the export’s columns, one row per agent and the totals row, with the record', async () => {
      const sheet = json<PayrollSheet>(await as.hr.get(`${monthUrl(NEXT)}/payroll/table`))
      const f = await file()
      expect(sheet.rows.map(r => r.agentId)).toEqual(f.agents.map(a => a.id))
      const header = sheet.columns.map(c => c.header.zh)
      expect(header.slice(0, 2)).toEqual(['工号', '姓名'])
      expect(sheet.totals[0]).toEqual({ zh: '合计', en: 'Totals' })
      const at = (key: string) => sheet.columns.findIndex(c => c.key === key)
      const shifts = sheet.rows.reduce((n, r) => n + Number(r.cells[at('dayShifts')]), 0)
      expect(sheet.totals[at('dayShifts')]).toBe(shifts)
      // a01 was clocked 08:49–18:01 on its first day shift: 11 minutes more than planned.
      expect(sheet.rows.find(r => r.agentId === 'a01')?.cells[at('overtimeMinutes')]).toBeGreaterThan(0)
    })
  })
})
