import type { ComplianceReport, MonthFile, MonthFileInput } from '@paiban/domain'
import { checkMonth } from '@paiban/rules'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { CLOCK, json, monthUrl, signIn, signInAll, testApp, type Client, type Login } from './helpers/app'
import { describeEachDb, freshDatabase, type TestDatabase } from './helpers/databases'
import { agentClient, parsed } from './helpers/requests'
import { SMALL_MONTH, smallMonth } from './helpers/small-month'

vi.setConfig({ hookTimeout: 180_000, testTimeout: 120_000 })

const URL = monthUrl(SMALL_MONTH)
const at = (local: string) => `2026-12-${local}+08:00`

/**
 * The small month (helpers/small-month.ts) with, planted by hand:
 * - a07 works its rest days the 11th and 12th: a run from the 6th to the 17th (REST-6-1 on the
 *   12th, the 7th day);
 * - a05's night leave on the 2nd, asked 09:00 that day, approved by the manager (LEAVE-NIGHT
 *   exception);
 * - a07's personal leave on the 3rd asked at 07:00 for the 08:50 report (LEAVE-NOTICE needs 24 h),
 *   approved by the manager (exception, and late notice);
 * - a06's annual leave on the 4th, approved by the supervisor the day after (late approval); it
 *   leaves a03 alone on that day shift (COVER-MIN: 1 of 2);
 * - a07 ↔ a04 swap on the 22nd, the supervisor approving at 12:00, after the 08:50 report (late).
 */
function planted(): MonthFileInput {
  return smallMonth(
    { a07: { 3: 'L', 11: 'D', 12: 'D', 22: 'N' }, a05: { 2: 'L' }, a06: { 4: 'L' }, a04: { 22: 'D' } },
    {
      leaves: [
        {
          id: 'l-night',
          agentId: 'a05',
          date: '2026-12-02',
          shift: 'N',
          kind: 'annual',
          submittedAt: at('02T09:00:00'),
          by: 'a05',
          status: 'approved',
          approvals: [
            { by: 's1', role: 'supervisor', at: at('02T09:30:00') },
            { by: 'm1', role: 'manager', at: at('02T10:00:00') },
          ],
        },
        {
          id: 'l-notice',
          agentId: 'a07',
          date: '2026-12-03',
          shift: 'D',
          kind: 'personal',
          submittedAt: at('03T07:00:00'),
          by: 'a07',
          status: 'approved',
          approvals: [
            { by: 's1', role: 'supervisor', at: at('03T07:10:00') },
            { by: 'm1', role: 'manager', at: at('03T07:20:00') },
          ],
        },
        {
          id: 'l-late',
          agentId: 'a06',
          date: '2026-12-04',
          shift: 'D',
          kind: 'annual',
          submittedAt: '2026-11-20T10:00:00+08:00',
          by: 'a06',
          status: 'approved',
          approvals: [{ by: 's1', role: 'supervisor', at: at('05T10:00:00') }],
        },
      ],
      swaps: [
        {
          id: 's-late',
          requester: 'a07',
          counterpart: 'a04',
          date: '2026-12-22',
          submittedAt: at('19T09:00:00'),
          status: 'approved',
          approvals: [
            { by: 'a04', role: 'counterpart', at: at('20T09:00:00') },
            { by: 'a01', role: 'teamLeader', at: at('20T10:00:00') },
            { by: 's1', role: 'supervisor', at: at('22T12:00:00') },
          ],
        },
      ],
    },
  )
}

type Report = ComplianceReport & { version: number }

describeEachDb('monthly compliance report', kind => {
  let db: TestDatabase
  let app: FastifyInstance
  let as: Record<Login, Client>
  let now = CLOCK
  let lateLeave = ''

  beforeAll(async () => {
    db = await freshDatabase(kind)
    app = await testApp(db.config, { clock: () => now })
    as = await signInAll(app)
    const put = await as.supervisor.put(URL, planted())
    expect(put.statusCode, put.body).toBe(201)
    // The file's manager approvals count once the manager's own sign-in confirms them (issue 25).
    let version = json<{ version: number }>(put).version
    for (const id of ['l-night', 'l-notice']) {
      const confirmed = await as.manager.post(`${URL}/approvals/confirm`, { kind: 'leave', id })
      expect(confirmed.statusCode, confirmed.body).toBe(200)
      version = json<{ version: number }>(confirmed).version
    }
    const published = await as.supervisor.post(`${URL}/publish`, { version })
    expect(published.statusCode, published.body).toBe(200)
    // Through the API too: a36's annual leave on the 19th, approved at 12:00 that day.
    const asked = await (
      await agentClient(app, 'a36', 'agent')
    ).post(`${URL}/leaves`, { dates: ['2026-12-19'], kind: 'annual' })
    expect(asked.statusCode, asked.body).toBe(201)
    lateLeave = json<{ requestId: string }>(asked).requestId
    now = new Date(at('19T12:00:00'))
    // Sessions expire by the clock: sign in again on the day.
    const approved = await (
      await signIn(app, 'supervisor')
    ).post(`${URL}/leaves/${lateLeave}/decision`, { decision: 'approve' })
    now = CLOCK
    expect(approved.statusCode, approved.body).toBe(200)
  })
  afterAll(async () => {
    await app.close()
    await db.drop()
  })

  it('lists every violation, manager exception and late approval of the month', async () => {
    const response = await as.supervisor.get(`${URL}/compliance`)
    expect(response.statusCode, response.body).toBe(200)
    const report = json<Report>(response)
    const view = json<{ version: number; file: MonthFile }>(await as.supervisor.get(URL))
    expect(report).toMatchObject({
      team: { id: 'cs-1' },
      month: SMALL_MONTH,
      version: view.version,
      ok: false,
    })

    expect(
      report.violations.filter(v => v.severity === 'hard').map(v => [v.rule, v.agentId, v.date, v.shift]),
    ).toEqual([
      ['COVER-MIN', undefined, '2026-12-04', 'D'],
      ['REST-6-1', 'a07', '2026-12-12', undefined],
    ])
    // Soft ones too: the very list the rules give for the month.
    expect(report.violations).toEqual(checkMonth(parsed(view.file)).violations)
    expect(report.summary).toEqual({
      hard: 2,
      soft: report.violations.length - 2,
      exceptions: 2,
      late: 4,
    })

    expect(report.exceptions).toEqual([
      expect.objectContaining({
        rule: 'LEAVE-NIGHT',
        leaveId: 'l-night',
        requestId: 'l-night',
        agentId: 'a05',
        date: '2026-12-02',
        shift: 'N',
        kind: 'annual',
        approvedBy: 'm1',
        approvedAt: at('02T10:00:00'),
      }),
      expect.objectContaining({
        rule: 'LEAVE-NOTICE',
        leaveId: 'l-notice',
        agentId: 'a07',
        date: '2026-12-03',
        shift: 'D',
        kind: 'personal',
        approvedBy: 'm1',
        approvedAt: at('03T07:20:00'),
      }),
    ])
    for (const e of report.exceptions) {
      expect(e.message.zh).toMatch(/特批/)
      expect(e.message.en).toMatch(/exception/)
    }

    expect(report.late.map(({ message: _, ...rest }) => rest)).toEqual([
      {
        reason: 'lateNotice',
        request: 'leave',
        id: 'l-notice',
        agentId: 'a07',
        date: '2026-12-03',
        shift: 'D',
        deadline: '2026-12-02T08:50:00.000+08:00',
        at: at('03T07:00:00'),
        by: 'a07',
      },
      {
        reason: 'approvedAfterShift',
        request: 'leave',
        id: 'l-late',
        agentId: 'a06',
        date: '2026-12-04',
        shift: 'D',
        deadline: '2026-12-04T08:50:00.000+08:00',
        at: at('05T10:00:00'),
        by: 's1',
        role: 'supervisor',
      },
      {
        reason: 'approvedAfterShift',
        request: 'leave',
        id: `${lateLeave}-1`,
        agentId: 'a36',
        date: '2026-12-19',
        shift: 'D',
        deadline: '2026-12-19T08:50:00.000+08:00',
        at: '2026-12-19T04:00:00.000Z',
        by: 's1',
        role: 'supervisor',
      },
      {
        reason: 'approvedAfterShift',
        request: 'swap',
        id: 's-late',
        agentId: 'a07',
        date: '2026-12-22',
        shift: 'D',
        deadline: '2026-12-22T08:50:00.000+08:00',
        at: at('22T12:00:00'),
        by: 's1',
        role: 'supervisor',
      },
    ])
    expect(report.late[1]?.message).toEqual({
      zh: '赵敏 的请假 l-late(2026-12-04 白班)由 s1 于 2026-12-05 10:00 批准,晚于到岗时间 2026-12-04 08:50',
      en: 'leave l-late of 赵敏 (2026-12-04 day shift) was approved by s1 at 2026-12-05 10:00, after the report time 2026-12-04 08:50',
    })
  })

  it('downloads as CSV with a BOM, in Chinese or English, for hr and the manager', async () => {
    const report = json<Report>(await as.manager.get(`${URL}/compliance`))
    const csv = await as.hr.get(`${URL}/compliance?format=csv`)
    expect(csv.statusCode, csv.body).toBe(200)
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="compliance-cs-1-${SMALL_MONTH}-v${report.version}.csv"`,
    )
    expect(csv.body.startsWith('\uFEFF类别,规则,严重性,工号,日期,班次,申请,期限,时间,批准人,说明\r\n')).toBe(
      true,
    )
    const lines = csv.body.slice(1).split('\r\n').filter(Boolean)
    expect(lines).toHaveLength(1 + report.violations.length + 2 + 4)
    const swapRow = lines.find(l =>
      l.startsWith(
        '逾期批准,,,a07,2026-12-22,D,s-late,2026-12-22T08:50:00.000+08:00,2026-12-22T12:00:00+08:00,s1,',
      ),
    )
    expect(swapRow).toContain('换班 s-late(2026-12-22 白班)由 s1 于 2026-12-22 12:00 批准')
    expect(lines.some(l => l.startsWith('违规,REST-6-1,硬性,a07,2026-12-12,'))).toBe(true)
    expect(lines.some(l => l.startsWith('特批,LEAVE-NIGHT,,a05,2026-12-02,N,l-night,,'))).toBe(true)
    const en = await as.supervisor.get(`${URL}/compliance?format=csv&lang=en`)
    expect(
      en.body.startsWith('\uFEFFSection,Rule,Severity,Agent,Date,Shift,Request,Deadline,At,By,Details\r\n'),
    ).toBe(true)
    expect(en.body).toContain('late notice,LEAVE-NOTICE,,a07,2026-12-03,D,l-notice,')
  })

  it('is for supervisor, manager and hr only; a month without a roster is 404', async () => {
    expect((await as.agent1.get(`${URL}/compliance`)).statusCode).toBe(403)
    expect((await as.leader1.get(`${URL}/compliance?format=csv`)).statusCode).toBe(403)
    const missing = await as.supervisor.get(`${monthUrl('2031-01')}/compliance`)
    expect(missing.statusCode).toBe(404)
  })
})
