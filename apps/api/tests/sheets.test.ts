import type { MonthFile, RosterImportResult } from '@paiban/domain'
import { readSheetGrids } from '@paiban/payroll'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { json, monthUrl, NEXT, signInAll, testApp, type Client, type Login } from './helpers/app'
import { describeEachDb, freshDatabase, type TestDatabase } from './helpers/databases'

vi.setConfig({ hookTimeout: 180_000, testTimeout: 60_000 })

const URL = monthUrl(NEXT)
const LETTER: Record<string, string> = { D: '白', N: '夜', '-': '休', L: '假' }

/** A CSV of the roster as a centre might keep it: 工号, 姓名, days 1 … n. */
function csvOf(
  file: MonthFile,
  cell: (id: string, day: number, c: string) => string = (_i, _d, c) => LETTER[c] ?? c,
) {
  const days = (file.roster?.[file.agents[0]?.id ?? ''] ?? '').length
  const head = ['工号', '姓名', ...Array.from({ length: days }, (_, i) => String(i + 1))].join(',')
  const rows = file.agents.map(a =>
    [a.id, a.name, ...[...(file.roster?.[a.id] ?? '')].map((c, i) => cell(a.id, i + 1, c))].join(','),
  )
  return Buffer.from([head, ...rows].join('\r\n'), 'utf8').toString('base64')
}

describeEachDb('roster sheets: download, import, registers', kind => {
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

  const view = async () =>
    json<{ version: number; latestVersion: number; file: MonthFile }>(await as.supervisor.get(URL))

  it('downloads the roster sheet and reads it back in a dry run to the same roster, storing nothing', async () => {
    const before = await view()
    const response = await as.agent1.get(`${URL}/roster.xlsx`)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-type']).toContain('spreadsheetml')
    expect(response.headers['content-disposition']).toMatch(/roster-cs-1-2026-12-v\d+\.xlsx/)
    expect((await readSheetGrids(response.rawPayload))[0]?.name).toBe('排班表')

    const supervisorSheet = await as.supervisor.get(`${URL}/roster.xlsx`)
    const preview = await as.supervisor.post(`${URL}/roster-import?dryRun=1`, {
      data: supervisorSheet.rawPayload.toString('base64'),
      fileName: 'roster.xlsx',
    })
    expect(preview.statusCode, preview.body).toBe(200)
    const result = json<RosterImportResult>(preview)
    expect(result).toMatchObject({ ok: true, stored: false, baseVersion: before.latestVersion, issues: [] })
    expect(result.roster).toEqual(before.file.roster)
    expect((await view()).latestVersion).toBe(before.latestVersion)
  })

  it('refuses a sheet with an unknown name and an unreadable cell (422, both by cell), storing nothing', async () => {
    const before = await view()
    const data = Buffer.from(
      Buffer.from(csvOf(before.file), 'base64')
        .toString('utf8')
        .replace(/^a02,([^,]+),([^,]+),/m, 'a02,$1,$2,加班,')
        .concat('\r\n,赵六,白,白,白'),
    ).toString('base64')
    const response = await as.supervisor.post(`${URL}/roster-import`, { data })
    expect(response.statusCode, response.body).toBe(422)
    const result = json<RosterImportResult>(response)
    expect(result.stored).toBe(false)
    const errors = result.issues.filter(i => i.severity === 'error').map(i => [i.kind, i.cell])
    // a02 is the sheet's row 3; its second day is column D, the inserted cell pushes 加班 to day 2.
    expect(errors).toContainEqual(['unreadable-cell', 'D3'])
    expect(errors).toContainEqual(['unknown-name', `B${before.file.agents.length + 2}`])
    expect((await view()).latestVersion).toBe(before.latestVersion)
  })

  it('stores a clean sheet as a new draft version, remembers the mapping, and refuses a stale version (409)', async () => {
    const before = await view()
    const first = before.file.agents[0]?.id ?? ''
    // The team writes 早 for the day shift: a mapping entry the default does not have for 'A'.
    const data = csvOf(before.file, (_id, _day, c) => (c === 'D' ? 'A' : (LETTER[c] ?? c)))
    const stored = await as.supervisor.post(`${URL}/roster-import`, {
      data,
      version: before.latestVersion,
      mapping: { A: 'D' },
    })
    expect(stored.statusCode, stored.body).toBe(201)
    const result = json<RosterImportResult>(stored)
    expect(result.stored).toBe(true)
    expect(result.version).toMatchObject({
      version: before.latestVersion + 1,
      state: 'draft',
      source: 'import',
    })
    const after = await view()
    expect(after.latestVersion).toBe(before.latestVersion + 1)
    expect(after.file.roster).toEqual(before.file.roster)
    expect(after.file.roster?.[first]).toBe(before.file.roster?.[first])

    // Remembered: the next preview reads 'A' without being told.
    const again = json<RosterImportResult>(
      await as.supervisor.post(`${URL}/roster-import?dryRun=1`, { data }),
    )
    expect(again.ok).toBe(true)
    expect(again.mapping).toEqual({ A: 'D' })
    expect(again.seen).toContainEqual(expect.objectContaining({ value: 'A', cell: 'D' }))

    // The version it was read against is no longer the latest.
    const stale = await as.supervisor.post(`${URL}/roster-import`, { data, version: before.latestVersion })
    expect(stale.statusCode, stale.body).toBe(409)
    expect((await view()).latestVersion).toBe(after.latestVersion)
  })

  it('answers 400 naming data for bytes that are no sheet', async () => {
    const response = await as.supervisor.post(`${URL}/roster-import?dryRun=1`, {
      data: Buffer.from('PK\x03\x04 not a zip').toString('base64'),
    })
    expect(response.statusCode, response.body).toBe(400)
    expect(response.body).toContain('data')
  })

  it('gives the swap and leave registers as CSV and XLSX', async () => {
    const file = (await view()).file
    const swaps = await as.hr.get(`${URL}/registers/swaps?format=csv&lang=zh`)
    expect(swaps.statusCode, swaps.body).toBe(200)
    const lines = swaps.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe(
      '编号,申请人,对方,换班日期,班次,还班日期,还班班次,状态,提交时间,审批记录,批准人,批准时间',
    )
    expect(lines.length - 1).toBeGreaterThanOrEqual(file.swaps.length)
    const leaves = await as.manager.get(`${URL}/registers/leaves?format=xlsx&lang=en`)
    expect(leaves.statusCode, leaves.body).toBe(200)
    const sheet = (await readSheetGrids(leaves.rawPayload))[0]
    expect(sheet?.rows[1]?.[0]).toBe('ID')
    expect((sheet?.rows.length ?? 0) - 2).toBeGreaterThanOrEqual(file.leaves.length)
  })
})
