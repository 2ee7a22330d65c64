/**
 * The roster sheet (rosterXlsx) read back with exceljs: layout, letters, fills by shift and by day
 * type (statutory holiday, 调休 workday, weekend), frozen panes, print set-up, the coverage counts;
 * and the round trip through importRoster.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { monthDates, parseMonthFile, type MonthFile } from '@paiban/domain'
import {
  CELL_FILL,
  DAY_FILL,
  ROSTER_LAYOUT,
  columnLetter,
  importRoster,
  readSheetGrids,
  rosterXlsx,
} from '@paiban/payroll'
import { october } from './helpers/october'
import { loadWorkbook } from './helpers/xlsx'

function team(name: string): MonthFile {
  const path = fileURLToPath(new URL(`../../../fixtures/teams/${name}.month.json`, import.meta.url))
  const parsed = parseMonthFile(JSON.parse(readFileSync(path, 'utf8')))
  if (!parsed.ok) throw new Error(parsed.issues.map(i => `${i.path}: ${i.message}`).join('\n'))
  return parsed.value
}

const L = ROSTER_LAYOUT
const dayColumn = (day: number) => L.fixedColumns + day

function fillOf(cell: { fill?: unknown }): string | undefined {
  const fill = cell.fill as { fgColor?: { argb?: string } } | undefined
  return fill?.fgColor?.argb
}

describe('rosterXlsx', () => {
  it('marks the holiday, the 调休 workday and weekends in the header and fills cells by shift', async () => {
    const file = october()
    const sheet = (await loadWorkbook(await rosterXlsx(file, 'zh'))).worksheets[0]
    if (!sheet) throw new Error('no sheet')
    expect(sheet.name).toBe('排班表')
    expect(sheet.getCell(L.headerRow, dayColumn(1)).value).toBe(1)
    expect(sheet.getCell(L.headerRow, dayColumn(31)).value).toBe(31)
    // 10-01 Thursday, 国庆 statutory; 10-10 Saturday 调休 workday; 10-11 Sunday; 10-08 ordinary Thursday.
    expect(sheet.getCell(L.weekdayRow, dayColumn(1)).value).toBe('四')
    expect(sheet.getCell(L.markRow, dayColumn(1)).value).toBe('节')
    expect(fillOf(sheet.getCell(L.headerRow, dayColumn(1)))).toBe(DAY_FILL.holiday)
    expect(sheet.getCell(L.markRow, dayColumn(10)).value).toBe('班')
    expect(fillOf(sheet.getCell(L.headerRow, dayColumn(10)))).toBe(DAY_FILL.makeup)
    expect(fillOf(sheet.getCell(L.headerRow, dayColumn(11)))).toBe(DAY_FILL.rest)
    expect(fillOf(sheet.getCell(L.headerRow, dayColumn(8)))).toBeUndefined()
    // The first agent row follows the group heading; a1 works D on 10-01 and rests on 10-02 (a holiday).
    const heading = sheet.getCell(L.markRow + 1, 1).value
    expect(heading).toBe('电话 · 张伟组')
    const a1 = L.markRow + 2
    expect(sheet.getCell(a1, 1).value).toBe('a1')
    expect(sheet.getCell(a1, dayColumn(1)).value).toBe('白')
    expect(fillOf(sheet.getCell(a1, dayColumn(1)))).toBe(CELL_FILL.D)
    expect(sheet.getCell(a1, dayColumn(2)).value).toBe('休')
    expect(fillOf(sheet.getCell(a1, dayColumn(2)))).toBe(DAY_FILL.holiday)
    expect(sheet.getCell(a1, dayColumn(5)).value).toBe('夜')
    expect(fillOf(sheet.getCell(a1, dayColumn(5)))).toBe(CELL_FILL.N)
    // Per-agent counts: a1 has 5 D and 2 N in the helper month.
    const counts = dayColumn(31)
    const result = (r: number, c: number) => (sheet.getCell(r, c).value as { result?: number }).result
    expect([result(a1, counts + 1), result(a1, counts + 2)]).toEqual([5, 2])
  })

  it('freezes the names and header, prints A4 landscape one page wide with repeated titles', async () => {
    const file = team('cs-2026-12')
    const sheet = (await loadWorkbook(await rosterXlsx(file, 'en'))).worksheets[0]
    if (!sheet) throw new Error('no sheet')
    expect(sheet.name).toBe('Roster')
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: L.fixedColumns, ySplit: L.markRow })
    const setup = sheet.pageSetup
    expect(setup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    })
    const last = columnLetter(dayColumn(31) + 4)
    expect(setup.printArea).toMatch(new RegExp(`^A1:${last}\\d+$`))
    expect(setup.printTitlesRow).toBe(`${L.headerRow}:${L.markRow}`)
    // Every agent is on the sheet once, under a heading of its job and team leader.
    const ids = new Set<string>()
    sheet.eachRow(row => {
      const v = row.getCell(1).value
      if (typeof v === 'string' && /^a\d\d$/.test(v)) ids.add(v)
    })
    expect(ids.size).toBe(file.agents.length)
    // The coverage rows count the shift's letter among the job's agents.
    let phoneDay: number | undefined
    sheet.eachRow((row, r) => {
      if (row.getCell(1).value === 'day shift phone') phoneDay = r
    })
    expect(phoneDay).toBeDefined()
    monthDates(file.month).forEach((_, i) => {
      const expected = file.agents.filter(a => a.job === 'phone' && file.roster?.[a.id]?.[i] === 'D').length
      const cell = sheet.getCell(phoneDay ?? 0, dayColumn(i + 1)).value as { formula: string; result: number }
      expect(cell.result).toBe(expected)
      expect(cell.formula).toMatch(/^COUNTIFS\(/)
    })
  })

  it.each([
    ['cs-2026-12', 'zh'],
    ['cs-2026-12', 'en'],
    ['cs-2026-10', 'zh'],
  ] as const)('round trip: %s exported (%s) and imported back gives the same roster', async (name, lang) => {
    const file = team(name)
    const bytes = await rosterXlsx(file, lang)
    const back = importRoster(await readSheetGrids(bytes), { ...file, roster: undefined })
    expect(back.issues).toEqual([])
    expect(back.ok).toBe(true)
    expect(back.file.roster).toEqual(file.roster)
    // Each agent was read from its own row; every date has a column.
    expect(Object.keys(back.rows).sort()).toEqual(file.agents.map(a => a.id).sort())
    expect(Object.keys(back.columns)).toEqual(monthDates(file.month))
  })
})
