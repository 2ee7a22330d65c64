/**
 * Issue 19's done-when through the CLI (`run(argv, io)` in-process): a 2027-01 month, a year
 * `chinese-days` has no data for. Without an import 2027-01-01 is still statutory (computed from
 * the law): SWAP-HOLIDAY refuses a swap on it, payroll pays it at the holiday rate, and one
 * CAL-HOLIDAY notice names the missing arrangement. With `--holidays FILE` (made-up break days and
 * 调休) the arrangement takes effect; a bad file is exit 2 naming the field.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Papa from 'papaparse'
import { afterAll, describe, expect, it } from 'vitest'
import { statutoryDates, type HolidayArrangementInput, type MonthFileInput } from '@paiban/domain'
import { run } from '../../../apps/cli/src/main'

const DIR = mkdtempSync(join(tmpdir(), 'paiban-holidays-'))
afterAll(() => rmSync(DIR, { recursive: true, force: true }))

async function paiban(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await run(argv, {
    out: t => out.push(`${t}\n`),
    err: t => err.push(`${t}\n`),
    progress: () => undefined,
    env: { LANG: 'en_US.UTF-8' },
  })
  return { code, stdout: out.join(''), stderr: err.join('') }
}

function file(name: string, content: unknown): string {
  const path = join(DIR, name)
  writeFileSync(path, JSON.stringify(content))
  return path
}

// Friday 2027-01-01 … Sunday 01-31; five days on, two off, so REST-6-1 holds.
const ROW = 'DDD--DDDDD--DDDDD--DDDDD--DDDDD'
const JANUARY: MonthFileInput = {
  format: 'paiban.month/1',
  team: { id: 'cs-1', name: '客服一组', timeZone: 'Asia/Shanghai' },
  month: '2027-01',
  policy: {},
  agents: [
    { id: 'a01', name: '张伟', job: 'phone', level: 'senior', role: 'teamLeader', teamLeaderId: 'a01' },
    { id: 'a02', name: '李娜', job: 'phone', level: 'senior', teamLeaderId: 'a01' },
  ],
  roster: { a01: ROW, a02: ROW.replaceAll('D', 'N') },
}
const MONTH = file('january.month.json', JANUARY)
const SWAP = file('swap.json', {
  id: 'r1',
  requester: 'a01',
  counterpart: 'a02',
  date: '2027-01-01',
  submittedAt: '2026-12-20T09:00:00+08:00',
})
const ARRANGEMENT: HolidayArrangementInput = {
  format: 'paiban.holidays/1',
  year: 2027,
  // Made up for the test (not the State Council's notice): Wednesday and Thursday 01-06/07 off,
  // Saturday 01-09 worked.
  breaks: ['2027-01-06', '2027-01-07'],
  workdays: ['2027-01-09'],
  source: 'test arrangement (made up)',
}
const HOLIDAYS = file('2027.holidays.json', ARRANGEMENT)

type Report = { ok: boolean; violations: Array<{ rule: string; date?: string; message: string }> }

function payrollRow(csv: string, agentId: string): Record<string, unknown> {
  const rows = Papa.parse<Record<string, unknown>>(csv, {
    header: true,
    dynamicTyping: true,
    skipEmptyLines: 'greedy',
  })
  const row = rows.data.find(r => r['Agent ID'] === agentId)
  if (!row) throw new Error(`no payroll row ${agentId}`)
  return row
}

describe('2027-01 without an imported arrangement', () => {
  it('check: one soft CAL-HOLIDAY notice naming the statutory day and the missing arrangement', async () => {
    const { code, stdout, stderr } = await paiban('check', MONTH, '--json')
    expect(code, stderr).toBe(0)
    const notices = (JSON.parse(stdout) as Report).violations.filter(v => v.rule === 'CAL-HOLIDAY')
    expect(notices).toHaveLength(1)
    expect(notices[0]?.message).toMatch(/2027-01-01 New Year's Day/)
    expect(notices[0]?.message).toMatch(/arrangement .* not imported/)
  })

  it('swap-check: a swap on 2027-01-01 is refused with SWAP-HOLIDAY', async () => {
    const { code, stdout } = await paiban('swap-check', MONTH, '--request', SWAP, '--json')
    expect(code).toBe(1)
    const output = JSON.parse(stdout) as Report & { notices?: string[] }
    expect(output.violations.map(v => [v.rule, v.date])).toContainEqual(['SWAP-HOLIDAY', '2027-01-01'])
    // The what-if lists only what the swap causes; the calendar's notice comes beside it.
    expect(output.notices).toHaveLength(1)
    expect(output.notices?.[0]).toMatch(/CAL-HOLIDAY .*not imported/)
  })

  it('export payroll: the day shift on 2027-01-01 is in the statutory-holiday column at 300 %', async () => {
    const { code, stdout, stderr } = await paiban('export', 'payroll', MONTH)
    expect(code, stderr).toBe(0)
    expect(stderr).toMatch(/CAL-HOLIDAY .*not imported/)
    const row = payrollRow(stdout, 'a01')
    // a01 works 01-01 … 01-03: only 01-01 is statutory in January.
    expect(row['Statutory-holiday shifts']).toBe(1)
    expect(row['Statutory-holiday multiplier']).toBe(3)
  })
})

describe('2027-01 with --holidays FILE', () => {
  it('check: no notice; the break day and the 调休 Saturday count in payroll', async () => {
    const check = await paiban('check', MONTH, '--holidays', HOLIDAYS, '--json')
    expect(check.code, check.stderr).toBe(0)
    expect((JSON.parse(check.stdout) as Report).violations.filter(v => v.rule === 'CAL-HOLIDAY')).toEqual([])

    const without = payrollRow((await paiban('export', 'payroll', MONTH)).stdout, 'a01')
    const withImport = await paiban('export', 'payroll', MONTH, '--holidays', HOLIDAYS)
    expect(withImport.stderr).not.toMatch(/CAL-HOLIDAY/)
    const row = payrollRow(withImport.stdout, 'a01')
    // a01 works every Saturday and Sunday after 01-01: 10 rest-day shifts without the import. With
    // it, the break days 01-06/07 are worked at the rest-day rate (+2) and Saturday 01-09 is a
    // 调休 workday (−1).
    expect(without['Rest-day shifts']).toBe(10)
    expect([5, 6, 8].map(i => ROW[i]).join('')).toBe('DDD')
    expect(row['Rest-day shifts']).toBe(11)
    expect(row['Statutory-holiday shifts']).toBe(1)
  })

  it('swap-check: the break day is no statutory day (SWAP-HOLIDAY default), the statutory one still is', async () => {
    const onBreak = file('swap-break.json', {
      requester: 'a01',
      counterpart: 'a02',
      date: '2027-01-06',
      submittedAt: '2026-12-20T09:00:00+08:00',
    })
    const breakDay = await paiban('swap-check', MONTH, '--request', onBreak, '--holidays', HOLIDAYS, '--json')
    expect((JSON.parse(breakDay.stdout) as Report).violations.map(v => v.rule)).not.toContain('SWAP-HOLIDAY')
    const statutory = await paiban('swap-check', MONTH, '--request', SWAP, '--holidays', HOLIDAYS, '--json')
    expect((JSON.parse(statutory.stdout) as Report).violations.map(v => v.rule)).toContain('SWAP-HOLIDAY')
  })

  it('generate: the written month carries the arrangement, so it checks the same without --holidays', async () => {
    const open = file('open.month.json', { ...JANUARY, roster: undefined })
    const out = join(DIR, 'generated.month.json')
    const { code, stderr } = await paiban(
      'generate',
      open,
      '--holidays',
      HOLIDAYS,
      '--seconds',
      '1',
      '--out',
      out,
      '--json',
    )
    expect(code, stderr).toBe(0)
    const written = JSON.parse(readFileSync(out, 'utf8')) as { holidays: { arrangement?: unknown } }
    expect(written.holidays.arrangement).toMatchObject({ year: 2027, breaks: ['2027-01-06', '2027-01-07'] })
    const check = await paiban('check', out, '--json')
    expect((JSON.parse(check.stdout) as Report).violations.filter(v => v.rule === 'CAL-HOLIDAY')).toEqual([])
  })

  it('refuses a bad holiday file with exit 2 naming the field', async () => {
    const bad = async (name: string, content: unknown) => {
      const { code, stdout, stderr } = await paiban(
        'check',
        MONTH,
        '--holidays',
        file(name, content),
        '--json',
      )
      expect(code).toBe(2)
      expect(stdout).toBe('')
      return stderr
    }
    const statutory = [...statutoryDates(2027)].map(d => (d === '2027-02-05' ? '2027-02-09' : d))
    const disagree = await bad('disagree.json', { ...ARRANGEMENT, statutory })
    expect(disagree).toMatch(/statutory\[\d+\]: 2027-02-09 is not a statutory holiday/)
    expect(disagree).toMatch(/statutory: 2027-02-05 .* is missing/)
    expect(await bad('format.json', { ...ARRANGEMENT, format: 'paiban.holidays/9' })).toMatch(
      /format: expected paiban\.holidays\/1/,
    )
    expect(await bad('outside.json', { ...ARRANGEMENT, breaks: ['2028-01-03'] })).toMatch(
      /breaks\[0\]: 2028-01-03 is not in 2027/,
    )
    expect(await bad('year.json', { ...ARRANGEMENT, year: 2028, breaks: [], workdays: [] })).toMatch(
      /year: expected 2027/,
    )
  })
})
