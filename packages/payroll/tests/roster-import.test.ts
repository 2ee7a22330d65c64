/**
 * importRoster on the hand-made sheets of tests/fixtures/sheets (a GB18030 CSV with 12/1 headers,
 * an XLSX with merged title rows and 12月1日 headers, a CSV of 早/晚/休 under a header of weekdays
 * alone), each to the roster of expected.json; refusals name the row and column; header forms.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseMonthFile, type MonthFile } from '@paiban/domain'
import { decodeCsv, headerDay, importRoster, readSheetGrids } from '@paiban/payroll'

const DIR = fileURLToPath(new URL('../../../tests/fixtures/sheets/', import.meta.url))
const read = (name: string) => readFileSync(`${DIR}${name}`)

function team(): MonthFile {
  const parsed = parseMonthFile(JSON.parse(read('team-2026-12.month.json').toString('utf8')))
  if (!parsed.ok) throw new Error('bad fixture')
  return parsed.value
}
const EXPECTED = (JSON.parse(read('expected.json').toString('utf8')) as { roster: Record<string, string> })
  .roster

describe('importRoster: the hand-made sheets', () => {
  it.each(['gb18030.csv', 'merged-title.xlsx', 'zao-wan-xiu.csv'])(
    '%s imports to the expected roster',
    async name => {
      const result = importRoster(await readSheetGrids(read(name)), team())
      expect(result.issues).toEqual([])
      expect(result.ok).toBe(true)
      expect(result.file.roster).toEqual(EXPECTED)
    },
  )

  it('reads the GB18030 bytes as GB18030 (they are not UTF-8)', () => {
    const bytes = read('gb18030.csv')
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow()
    expect(decodeCsv(bytes).startsWith('工号,姓名,12/1,')).toBe(true)
  })

  it('finds the header under the merged title rows and names the rows it read', async () => {
    const result = importRoster(await readSheetGrids(read('merged-title.xlsx')), team())
    expect(result.sheet).toBe('十二月')
    expect(result.headerRow).toBe(3)
    expect(result.columns['2026-12-01']).toBe('B')
    expect(result.columns['2026-12-31']).toBe('AF')
    expect(result.rows).toEqual({ a6: 5, a5: 6, a1: 8, a2: 9, a3: 10, a4: 11 })
  })

  it('refuses an unknown name and an unreadable cell, naming both by row and column', async () => {
    const result = importRoster(await readSheetGrids(read('unknown-and-unreadable.csv')), team())
    expect(result.ok).toBe(false)
    const errors = result.issues.filter(i => i.severity === 'error')
    expect(errors.map(i => [i.kind, i.cell, i.value])).toEqual([
      // 李娜 is row 3; 12-03 is the third day column after 工号 and 姓名: E.
      ['unreadable-cell', 'E3', '加班'],
      ['unknown-name', 'B8', '赵六'],
    ])
    expect(errors[0]).toMatchObject({ row: 3, column: 'E', agentId: 'a2', date: '2026-12-03' })
    expect(errors[1]?.message.zh).toContain('赵六')
    expect(errors[1]?.message.en).toContain('B8')
  })

  it('reads an unknown word once the mapping says what it means', async () => {
    const grids = await readSheetGrids(read('unknown-and-unreadable.csv'))
    const result = importRoster(grids, team(), { mapping: { 加班: 'D' } })
    expect(result.issues.map(i => i.kind)).toEqual(['unknown-name'])
    expect(result.file.roster?.a2?.[2]).toBe('D')
  })

  it('refuses a sheet of another month by its weekdays', async () => {
    // The zao-wan sheet's weekdays start on 周二; November 2026 starts on a Sunday.
    const november = { ...team(), month: '2026-11', roster: undefined, leaves: [] }
    const result = importRoster(await readSheetGrids(read('zao-wan-xiu.csv')), november)
    expect(result.ok).toBe(false)
    expect(result.issues.map(i => i.kind)).toEqual(['no-header'])
    const gb = importRoster(await readSheetGrids(read('merged-title.xlsx')), november)
    expect(gb.issues[0]).toMatchObject({ kind: 'wrong-month', cell: 'B3' })
  })

  it('names rule violations by the sheet cell of their agent and date', async () => {
    // Seven days in a row for 张伟 (a1) from 12-01: REST-6-1 on the seventh, row 2 of the CSV.
    const csv = [
      '工号,姓名,' + Array.from({ length: 31 }, (_, i) => i + 1).join(','),
      `a1,张伟,${'白,'.repeat(7)}${'休,'.repeat(23)}休`,
    ].join('\n')
    const result = importRoster(await readSheetGrids(Buffer.from(csv)), team())
    const rest = result.violations.find(v => v.rule === 'REST-6-1' && v.agentId === 'a1')
    expect(rest).toMatchObject({ date: '2026-12-07', row: 2, column: 'I', cell: 'I2' })
  })
})

describe('headerDay', () => {
  it.each([
    [1, { day: 1 }],
    ['1日', { day: 1 }],
    ['3号', { day: 3 }],
    ['12/1', { month: 12, day: 1 }],
    ['12-01', { month: 12, day: 1 }],
    ['12月1日', { month: 12, day: 1 }],
    ['2026-12-01', { year: 2026, month: 12, day: 1 }],
    ['2026/12/1', { year: 2026, month: 12, day: 1 }],
    ['2026年12月1日', { year: 2026, month: 12, day: 1 }],
    ['1(二)', { day: 1, weekday: 2 }],
    ['12/1 周二', { month: 12, day: 1, weekday: 2 }],
    ['１日', { day: 1 }],
    ['周日', { weekday: 7 }],
    ['星期三', { weekday: 3 }],
    ['Tue', { weekday: 2 }],
    ['五', { weekday: 5 }],
    [new Date(Date.UTC(2026, 11, 5)), { year: 2026, month: 12, day: 5 }],
    [46361, { year: 2026, month: 12, day: 5 }],
  ] as const)('%s', (value, expected) => {
    expect(headerDay(value)).toEqual(expected)
  })

  it.each(['姓名', '白', '', 0, 32.5, 'total'])('%s is not a date', value => {
    const day = headerDay(value)
    expect(day?.day === undefined || day.day > 31).toBe(true)
  })
})
