import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { decodeText, parseCsv, staffFromSheet } from '../src/import/staff-sheet'
import { json, signIn, testApp, type Client } from './helpers/app'
import { describeEachDb, freshDatabase, type TestDatabase } from './helpers/databases'

vi.setConfig({ hookTimeout: 180_000 })

/**
 * GB18030 bytes of a string, from the platform's own decoder run backwards over every two-byte
 * code (Node has no GB18030 encoder): what Chinese Excel writes when it saves "CSV".
 */
const GB = (() => {
  const table = new Map<string, number[]>()
  const decoder = new TextDecoder('gb18030')
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue
      const c = decoder.decode(new Uint8Array([lead, trail]))
      if (c.length === 1 && c !== '\ufffd' && !table.has(c)) table.set(c, [lead, trail])
    }
  return (text: string) =>
    Buffer.from(
      [...text].flatMap(c => {
        if (c.charCodeAt(0) < 0x80) return [c.charCodeAt(0)]
        const bytes = table.get(c)
        if (!bytes) throw new Error(`no two-byte GB18030 code for ${c}`)
        return bytes
      }),
    )
})()

const CSV = [
  '工号,姓名,岗位,级别,班长,能否上夜班,合同天数',
  'B01,张伟,电话,高级,,是,22',
  'B02,李娜,电话,中级,张伟,否,',
  'B03,王芳,在线,初级,B01,是,21',
].join('\r\n')

describe('reading a staff sheet', () => {
  const team = { jobs: ['phone', 'chat', 'email'] as const, staff: [] }

  it('reads UTF-8 with and without a BOM and GB18030 alike', () => {
    const utf8 = decodeText(Buffer.from(CSV, 'utf8'))
    const bom = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')]))
    const gb = decodeText(GB(CSV))
    expect(GB('姓名')).toEqual(Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]))
    expect(utf8).toBe(CSV)
    expect(bom).toBe(CSV)
    expect(gb).toBe(CSV)
  })

  it('names whoever is named in 班长 a team leader, by 工号 or by 姓名', () => {
    const { staff, errors } = staffFromSheet(parseCsv(CSV), team)
    expect(errors).toEqual([])
    expect(staff.map(s => [s.row, s.agent.id, s.agent.role, s.agent.teamLeaderId, s.agent.nights])).toEqual([
      [2, 'B01', 'teamLeader', 'B01', true],
      [3, 'B02', 'agent', 'B01', false],
      [4, 'B03', 'agent', 'B01', true],
    ])
    expect(staff[0]?.agent.contractDays).toBe(22)
    expect(staff[2]?.agent).toMatchObject({ job: 'chat', level: 'junior' })
  })

  it('takes English headers and quoted cells', () => {
    const sheet =
      'ID,Name,Job,Level,Team leader,Nights\n"C1","Smith, Anna",phone,senior,,yes\nC2,"Li ""Lily""",email,junior,C1,no\n'
    const { staff, errors } = staffFromSheet(parseCsv(sheet), team)
    expect(errors).toEqual([])
    expect(staff.map(s => s.agent.name)).toEqual(['Smith, Anna', 'Li "Lily"'])
  })

  it('refuses a job the team does not staff, naming the row and column', () => {
    const { errors } = staffFromSheet(parseCsv(CSV), { jobs: ['phone'], staff: [] })
    expect(errors.map(e => [e.row, e.column])).toEqual([[4, '岗位']])
    expect(errors[0]?.message).toContain('does not staff chat')
  })
})

describeEachDb('importing staff sheets: every bad sheet named, nothing stored', kind => {
  let db: TestDatabase
  let app: FastifyInstance
  let admin: Client
  const url = (dryRun: boolean) => `/api/teams/cs-1/people/import${dryRun ? '?dryRun=1' : ''}`

  beforeAll(async () => {
    db = await freshDatabase(kind)
    app = await testApp(db.config)
    admin = await signIn(app, 'admin')
  })
  afterAll(async () => {
    await app.close()
    await db.drop()
  })

  const staffNow = async () =>
    (await app.db.selectFrom('staff').selectAll().where('team_id', '=', 'cs-1').orderBy('id').execute()).map(
      ({ updated_at: _, created_at: __, ...row }) => row,
    )

  const head = '工号,姓名,岗位,级别,班长,能否上夜班\n'
  const cases: Array<{
    name: string
    body: () => Buffer | Promise<Buffer>
    type?: string
    expect: Array<{ row: number; column: string; message: RegExp }>
  }> = [
    {
      name: 'a missing column',
      body: () => Buffer.from('工号,姓名,级别\nB01,张伟,高级\n'),
      expect: [{ row: 1, column: '岗位', message: /missing column 岗位/ }],
    },
    {
      name: 'an unknown job',
      body: () => Buffer.from(`${head}B01,张伟,传真,高级,,是\n`),
      expect: [{ row: 2, column: '岗位', message: /unknown job "传真"/ }],
    },
    {
      name: 'a team leader not in the sheet',
      body: () => Buffer.from(`${head}B01,张伟,电话,高级,赵六,是\n`),
      expect: [{ row: 2, column: '班长', message: /赵六 is not in the sheet/ }],
    },
    {
      name: 'a duplicate 工号',
      body: () => Buffer.from(`${head}B01,张伟,电话,高级,,是\nB01,李娜,电话,中级,,是\n`),
      expect: [{ row: 3, column: '工号', message: /duplicate 工号 B01 \(also on row 2\)/ }],
    },
    {
      name: 'a GB18030 file with a bad level',
      body: () => GB(`${head}B01,张伟,电话,特级,,是\n`),
      expect: [{ row: 2, column: '级别', message: /unknown level "特级"/ }],
    },
    {
      name: 'an empty file',
      body: () => Buffer.alloc(0),
      expect: [{ row: 1, column: '(file)', message: /empty/ }],
    },
    {
      name: '5 MB of junk',
      body: () => {
        let x = 12345
        return Buffer.from(
          Array.from(
            { length: 5 * 1024 * 1024 },
            () => ((x = (x * 1103515245 + 12345) % 2 ** 31) >> 16) & 255,
          ),
        )
      },
      type: 'application/octet-stream',
      expect: [{ row: 1, column: '(file)', message: /not a CSV or XLSX/ }],
    },
    {
      name: 'a broken XLSX',
      body: () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]),
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      expect: [{ row: 1, column: '(file)', message: /not a readable XLSX/ }],
    },
  ]

  for (const c of cases)
    it(`${c.name}: the preview names row and column; the import stores nothing`, async () => {
      const before = await staffNow()
      const body = await c.body()
      const type = c.type ?? 'text/csv'
      const preview = await admin.upload(url(true), body, type)
      expect(preview.statusCode, preview.body.slice(0, 300)).toBe(200)
      const errors = json<{ errors: Array<{ row: number; column: string; message: string }> }>(preview).errors
      expect(errors.map(e => ({ row: e.row, column: e.column }))).toEqual(
        c.expect.map(e => ({ row: e.row, column: e.column })),
      )
      c.expect.forEach((e, i) => expect(errors[i]?.message).toMatch(e.message))
      const stored = await admin.upload(url(false), body, type)
      expect(stored.statusCode).toBe(400)
      const issues = json<{ error: { issues: Array<{ path: string }> } }>(stored).error.issues
      expect(issues.map(i => i.path)).toEqual(c.expect.map(e => `row ${e.row}, ${e.column}`))
      expect(await staffNow()).toEqual(before)
    })

  it('a good sheet with one bad row stores none of it', async () => {
    const before = await staffNow()
    const body = Buffer.from(`${head}B01,张伟,电话,高级,,是\nB02,李娜,电话,中级,B01,也许\n`)
    const stored = await admin.upload(url(false), body, 'text/csv')
    expect(stored.statusCode).toBe(400)
    expect(
      json<{ error: { issues: Array<{ path: string }> } }>(stored).error.issues.map(i => i.path),
    ).toEqual(['row 3, 能否上夜班'])
    expect(await staffNow()).toEqual(before)
  })

  it('an XLSX with English headers updates the demo team by 工号', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Staff')
    sheet.addRow(['ID', 'Name', 'Job', 'Level', 'Team leader', 'Nights'])
    sheet.addRow(['a03', '新名字', 'phone', 'senior', 'a01', 'no'])
    const body = Buffer.from(await workbook.xlsx.writeBuffer())
    const result = json<{ created: number; updated: number }>(
      await admin.upload(
        url(false),
        body,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ),
    )
    expect(result).toMatchObject({ created: 0, updated: 1 })
    expect((await staffNow()).find(s => s.id === 'a03')).toMatchObject({ name: '新名字', nights: false })
  })

  it('a team leader may not import (403); a supervisor of the team may preview', async () => {
    const leader = await signIn(app, 'leader1')
    expect((await leader.upload(url(true), Buffer.from(CSV), 'text/csv')).statusCode).toBe(403)
    const supervisor = await signIn(app, 'supervisor')
    expect((await supervisor.upload(url(true), Buffer.from(CSV), 'text/csv')).statusCode).toBe(200)
  })
})
