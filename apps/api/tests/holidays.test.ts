/**
 * CAL-HOLIDAY on the server (issue 19): the centre's arrangement of a year is uploaded once,
 * versioned and audited; bad files are 400 naming the field and store nothing; a stale version is
 * 409; every month file handed out carries it, so a downloaded month checks the same in the CLI.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { statutoryDates, type HolidayYear, type MonthFile } from '@paiban/domain'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { run } from '../../cli/src/main'
import { json, monthUrl, NEXT, signInAll, testApp, type Client, type Login } from './helpers/app'
import { describeEachDb, freshDatabase, type TestDatabase } from './helpers/databases'

vi.setConfig({ hookTimeout: 180_000 })

type Issue = { path: string; message: string }
type Violation = { rule: string; severity: string; date?: string; agentId?: string }
const JANUARY = '2027-01'
const ARRANGEMENT = {
  format: 'paiban.holidays/1',
  year: 2027,
  // Made up for the test, not the State Council's notice.
  breaks: ['2027-01-04', '2027-02-09', '2027-02-10'],
  workdays: ['2027-01-09'],
  source: 'test arrangement (made up)',
}

describeEachDb('holiday calendar', kind => {
  let db: TestDatabase
  let app: FastifyInstance
  let as: Record<Login, Client>
  const dir = mkdtempSync(join(tmpdir(), 'paiban-api-holidays-'))

  beforeAll(async () => {
    db = await freshDatabase(kind)
    app = await testApp(db.config)
    as = await signInAll(app)
    // January 2027 for cs-1: the demo's December with its requests cleared.
    const december = json<{ file: MonthFile }>(await as.supervisor.get(monthUrl(NEXT))).file
    const january = {
      ...december,
      month: JANUARY,
      coverage: { ...december.coverage, dates: {} },
      swaps: [],
      leaves: [],
      wishes: [],
      attendance: [],
    }
    const put = await as.supervisor.put(monthUrl(JANUARY), january)
    expect(put.statusCode, put.body).toBe(201)
    const published = await as.supervisor.post(`${monthUrl(JANUARY)}/publish`, { version: 1 })
    expect(published.statusCode, published.body).toBe(200)
  })
  afterAll(async () => {
    await app.close()
    await db.drop()
    rmSync(dir, { recursive: true, force: true })
  })

  const check = async () =>
    json<{ violations: Violation[] }>(await as.supervisor.post(`${monthUrl(JANUARY)}/check`)).violations
  const year = async () => json<HolidayYear>(await as.agent1.get('/api/holidays/2027'))
  const upload = (client: Client, body: unknown, version = 0, y = 2027) =>
    client.put(`/api/holidays/${y}?version=${version}`, body)
  const issues = (response: { json: () => unknown }) =>
    (response.json() as { error: { issues: Issue[] } }).error.issues.map(i => i.path)

  it('without an import: the statutory days are known, the arrangement is missing, one notice says so', async () => {
    const y = await year()
    expect(y).toMatchObject({ year: 2027, version: 0, arrangementSource: 'missing', arrangement: null })
    expect(y.statutory.map(s => s.date)).toEqual([...statutoryDates(2027)])
    const notices = (await check()).filter(v => v.rule === 'CAL-HOLIDAY')
    expect(notices).toHaveLength(1)
    // The compliance report carries the same one notice.
    const report = await as.supervisor.get(`${monthUrl(JANUARY)}/compliance?format=json`)
    expect(report.statusCode, report.body).toBe(200)
    const reported = json<{ violations: Violation[] }>(report).violations
    expect(reported.filter(v => v.rule === 'CAL-HOLIDAY')).toHaveLength(1)
    const swap = await as.supervisor.post(`${monthUrl(JANUARY)}/swap-check`, {
      requester: 'a10',
      counterpart: 'a11',
      date: '2027-01-01',
    })
    expect(swap.statusCode, swap.body).toBe(200)
    expect(json<{ violations: Violation[] }>(swap).violations.map(v => v.rule)).toContain('SWAP-HOLIDAY')
  })

  it('refuses bad files with 400 naming the field, and stores nothing', async () => {
    expect(issues(await upload(as.supervisor, { ...ARRANGEMENT, format: 'paiban.holidays/2' }))).toEqual([
      'format',
    ])
    expect(issues(await upload(as.supervisor, { ...ARRANGEMENT, breaks: ['2026-12-31'] }))).toEqual([
      'breaks[0]',
    ])
    const statutory = [...statutoryDates(2027)].map(d => (d === '2027-02-05' ? '2027-02-11' : d))
    const disagree = await upload(as.supervisor, { ...ARRANGEMENT, statutory })
    expect(disagree.statusCode).toBe(400)
    expect(issues(disagree)).toEqual(['statutory[1]', 'statutory'])
    expect(disagree.body).toContain('2027-02-05')
    expect(issues(await upload(as.supervisor, ARRANGEMENT, 0, 2028))).toEqual(['year'])
    expect((await year()).version).toBe(0)
  })

  it('only a supervisor or manager uploads; a stale version is 409; the upload is audited', async () => {
    expect((await upload(as.hr, ARRANGEMENT)).statusCode).toBe(403)
    expect((await upload(as.agent1, ARRANGEMENT)).statusCode).toBe(403)
    const first = await upload(as.manager, ARRANGEMENT)
    expect(first.statusCode, first.body).toBe(200)
    expect(json<HolidayYear>(first)).toMatchObject({
      version: 1,
      arrangementSource: 'imported',
      createdBy: 'manager',
    })
    const stale = await upload(as.supervisor, { ...ARRANGEMENT, breaks: [] }, 0)
    expect(stale.statusCode).toBe(409)
    expect((await year()).arrangement?.breaks).toEqual(ARRANGEMENT.breaks)
    const rows = await app.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'actor_login'])
      .where('action', '=', 'holidays.import')
      .execute()
    expect(rows).toEqual([{ action: 'holidays.import', entity_id: '2027', actor_login: 'manager' }])
  })

  it('every month file handed out carries it: the notice goes, and the CLI checks a download the same', async () => {
    const view = json<{ file: MonthFile }>(await as.supervisor.get(monthUrl(JANUARY)))
    expect(view.file.holidays.arrangement).toMatchObject({ year: 2027, breaks: ARRANGEMENT.breaks })
    const server = await check()
    expect(server.filter(v => v.rule === 'CAL-HOLIDAY')).toEqual([])
    // Agents' downloads carry it too.
    const agentView = json<{ file: MonthFile }>(await as.agent1.get(monthUrl(JANUARY)))
    expect(agentView.file.holidays.arrangement?.workdays).toEqual(['2027-01-09'])

    const path = join(dir, 'january.month.json')
    writeFileSync(path, JSON.stringify(view.file))
    let out = ''
    const code = await run(['check', path, '--json'], {
      out: t => {
        out += t
      },
      err: () => undefined,
      progress: () => undefined,
      env: {},
    })
    expect(code).toBeLessThan(2)
    const cli = (JSON.parse(out) as { violations: Violation[] }).violations
    const key = (v: Violation) => `${v.rule} ${v.agentId ?? ''} ${v.date ?? ''}`
    expect(cli.map(key).sort()).toEqual(server.map(key).sort())
  })
})
