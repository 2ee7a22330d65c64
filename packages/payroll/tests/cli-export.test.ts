/**
 * `paiban export payroll|ical` in-process through the CLI's `run(argv, io)`: exit codes, stdout vs
 * --out, and exit 2 naming the option or field for bad input.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ICAL from 'ical.js'
import Papa from 'papaparse'
import { afterAll, describe, expect, it } from 'vitest'
import { payrollTable } from '@paiban/payroll'
import { run } from '../../../apps/cli/src/main'
import { OCTOBER_INPUT, october } from './helpers/october'
import { loadWorkbook } from './helpers/xlsx'

const DIR = mkdtempSync(join(tmpdir(), 'paiban-export-'))
afterAll(() => rmSync(DIR, { recursive: true, force: true }))

const MONTH = join(DIR, 'october.month.json')
writeFileSync(MONTH, JSON.stringify(OCTOBER_INPUT))

async function paiban(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await run(argv, {
    out: t => out.push(`${t}\n`),
    err: t => err.push(`${t}\n`),
    progress: () => undefined,
    // A neutral locale, so the language comes from --lang alone.
    env: { LANG: 'en_US.UTF-8' },
  })
  return { code, stdout: out.join(''), stderr: err.join('') }
}

function monthFile(name: string, content: unknown): string {
  const path = join(DIR, name)
  writeFileSync(path, JSON.stringify(content))
  return path
}

describe('paiban export payroll', () => {
  it('prints the CSV on stdout by default: BOM, English headers, the table numbers', async () => {
    const { code, stdout, stderr } = await paiban('export', 'payroll', MONTH)
    expect(code, stderr).toBe(0)
    expect(stdout.startsWith('\uFEFFAgent ID,Name,')).toBe(true)
    const rows = Papa.parse<Record<string, unknown>>(stdout, {
      header: true,
      dynamicTyping: true,
      skipEmptyLines: 'greedy',
    })
    expect(rows.errors).toEqual([])
    const table = payrollTable(october())
    expect(rows.data.map(r => [r['Agent ID'], r['Attendance (min, incl. handover)'], r['Swaps']])).toEqual([
      ...table.rows.map(r => [r.agentId, r.attendanceMinutes, r.swaps]),
      ['Totals', table.totals.attendanceMinutes, table.totals.swaps],
    ])
  })

  it('writes a CSV with --out, in Chinese with --lang zh', async () => {
    const out = join(DIR, 'payroll.csv')
    const { code, stdout, stderr } = await paiban('export', 'payroll', MONTH, '--out', out, '--lang', 'zh')
    expect(code, stderr).toBe(0)
    expect(stdout).toBe('')
    expect(stderr).toContain(`已写入 ${out}`)
    const bytes = readFileSync(out)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.toString('utf8')).toContain('工号,姓名')
  })

  it('writes an XLSX with --format xlsx --out', async () => {
    const out = join(DIR, 'payroll.xlsx')
    const { code, stderr } = await paiban('export', 'payroll', MONTH, '--format', 'xlsx', '--out', out)
    expect(code, stderr).toBe(0)
    const workbook = await loadWorkbook(readFileSync(out))
    const sheet = workbook.worksheets[0]
    expect(sheet?.getRow(2).getCell(1).value).toBe('a1')
    expect(sheet?.getRow(2).getCell(7).value).toBe(3490)
  })

  it('refuses --format xlsx without --out (exit 2, names --out, nothing on stdout)', async () => {
    const { code, stdout, stderr } = await paiban('export', 'payroll', MONTH, '--format', 'xlsx')
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^--out: required for --format xlsx/)
  })

  it.each([
    [['--format', 'pdf'], /^--format: expected one of csv\|xlsx/],
    [['--lang', 'fr'], /^--lang: expected one of zh\|en/],
    [['--json'], /^--json: not an option of export/],
    [['--bogus'], /^arguments: Unknown option '--bogus'/],
  ])('exits 2 for %j, naming the option', async (args, message) => {
    const { code, stdout, stderr } = await paiban('export', 'payroll', MONTH, ...args)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(message)
  })

  it('exits 2 naming the field for a bad month file, without a stack trace', async () => {
    const bad = monthFile('bad.month.json', {
      ...OCTOBER_INPUT,
      agents: [{ ...OCTOBER_INPUT.agents[0], level: 'expert' }, ...OCTOBER_INPUT.agents.slice(1)],
    })
    const { code, stdout, stderr } = await paiban('export', 'payroll', bad)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain('agents[0].level: expected one of trainee|junior|intermediate|senior|reserve')
    expect(stderr).not.toMatch(/\n\s+at /)
  })

  it('exits 2 for a missing file and for undecided days', async () => {
    expect((await paiban('export', 'payroll', join(DIR, 'none.json'))).stderr).toMatch(
      /none\.json: no such file/,
    )
    const open = monthFile('open.month.json', {
      ...OCTOBER_INPUT,
      roster: { ...OCTOBER_INPUT.roster, a2: `?${OCTOBER_INPUT.roster?.a2?.slice(1) ?? ''}` },
    })
    const { code, stderr } = await paiban('export', 'payroll', open)
    expect(code).toBe(2)
    expect(stderr).toMatch(/^\S+\.json: roster\.a2: 1 undecided day\(s\)/)
  })

  it('exits 2 for an unknown export', async () => {
    const { code, stderr } = await paiban('export', 'pdf', MONTH)
    expect(code).toBe(2)
    expect(stderr).toMatch(/unknown export pdf/)
  })
})

describe('paiban export ical', () => {
  it('prints the calendar on stdout; --out writes a file ical.js reads', async () => {
    const printed = await paiban('export', 'ical', MONTH, '--agent', 'a1')
    expect(printed.code, printed.stderr).toBe(0)
    expect(printed.stdout).toMatch(/^BEGIN:VCALENDAR\r\n/)

    const out = join(DIR, 'a1.ics')
    const written = await paiban('export', 'ical', MONTH, '--agent', 'a1', '--out', out)
    expect(written.code, written.stderr).toBe(0)
    const calendar = new ICAL.Component(ICAL.parse(readFileSync(out, 'utf8')) as unknown[])
    const events = calendar.getAllSubcomponents('vevent').map(v => new ICAL.Event(v))
    expect(events).toHaveLength(7)
    const night = events.find(e => e.uid === 'cs-9/a1/2026-10-05/N@paiban')
    // The event starts at the report time, 10 minutes before the 18:00 night shift (phones remind by DTSTART).
    expect(night?.startDate.toJSDate().toISOString()).toBe('2026-10-05T09:50:00.000Z')
    expect(night?.endDate.toJSDate().toISOString()).toBe('2026-10-05T16:00:00.000Z')
  })

  it('exits 2 naming --agent for an unknown or missing agent', async () => {
    const unknown = await paiban('export', 'ical', MONTH, '--agent', 'zz')
    expect(unknown.code).toBe(2)
    expect(unknown.stdout).toBe('')
    expect(unknown.stderr).toMatch(/^--agent: unknown agent id zz \(the file has a1, a2, a3, a4\)/)
    const missing = await paiban('export', 'ical', MONTH)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^--agent: required/)
  })

  it('exits 2 naming --out when the file cannot be written', async () => {
    const { code, stderr } = await paiban(
      'export',
      'ical',
      MONTH,
      '--agent',
      'a1',
      '--out',
      join(DIR, 'no', 'x.ics'),
    )
    expect(code).toBe(2)
    expect(stderr).toMatch(/^--out: cannot write .*ENOENT/)
  })
})
