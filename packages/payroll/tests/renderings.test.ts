import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import {
  BOM,
  PAYROLL_COLUMNS,
  payrollCsv,
  payrollTable,
  payrollXlsx,
  rowValues,
  type PayrollTable,
} from '@paiban/payroll'
import { OCTOBER_INPUT, october, parsed } from './helpers/october'
import { loadWorkbook } from './helpers/xlsx'

/** Each row of the table as `header → value` in `lang`, the way a reader of the file sees it. */
function expectedRecords(table: PayrollTable, lang: 'zh' | 'en') {
  return table.rows.map(row =>
    Object.fromEntries(PAYROLL_COLUMNS.map((c, i) => [c.header[lang], rowValues(table, row, lang)[i]])),
  )
}

describe('payrollCsv', () => {
  const table = payrollTable(october())

  it('starts with a BOM and a header row in the chosen language', () => {
    const zh = payrollCsv(table, 'zh')
    expect(zh.charCodeAt(0)).toBe(0xfeff)
    expect(zh.startsWith(`${BOM}工号,姓名,工种,级别,白班(班次),夜班(班次)`)).toBe(true)
    expect(payrollCsv(table, 'en').startsWith(`${BOM}Agent ID,Name,Job,Level,Day shifts,Night shifts`)).toBe(
      true,
    )
    // One CRLF-ended record per agent plus the header and the totals row.
    expect(zh.split('\r\n')).toHaveLength(table.rows.length + 3)
  })

  it.each(['zh', 'en'] as const)('round-trips through papaparse with the same numbers (%s)', lang => {
    const parsedCsv = Papa.parse<Record<string, unknown>>(payrollCsv(table, lang), {
      header: true,
      dynamicTyping: true,
      skipEmptyLines: 'greedy',
    })
    expect(parsedCsv.errors).toEqual([])
    // Empty text cells come back as null; everything else as written.
    const records = expectedRecords(table, lang).map(r =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === '' ? null : v])),
    )
    expect(parsedCsv.data.slice(0, -1)).toEqual(records)
    const totals = parsedCsv.data.at(-1)
    expect(totals?.[lang === 'zh' ? '工号' : 'Agent ID']).toBe(lang === 'zh' ? '合计' : 'Totals')
    expect(totals?.[lang === 'zh' ? '出勤(分钟,含交接班)' : 'Attendance (min, incl. handover)']).toBe(
      table.totals.attendanceMinutes,
    )
    const a1 = parsedCsv.data[0]
    expect(a1?.[lang === 'zh' ? '出勤(小时,含交接班)' : 'Attendance (h, incl. handover)']).toBe(58.17)
    expect(parsedCsv.data[2]?.[lang === 'zh' ? '缺勤日期(规则)' : 'Absence dates (rule)']).toBe(
      '2026-10-26 LEAVE-NOTICE; 2026-10-29 LEAVE-SWAPPED',
    )
  })

  it('translates job and level, and defuses a name that a spreadsheet would run as a formula', () => {
    const file = parsed({
      ...OCTOBER_INPUT,
      agents: OCTOBER_INPUT.agents.map(a => (a.id === 'a4' ? { ...a, name: '=HYPERLINK("x")' } : a)),
    })
    const rows = Papa.parse<string[]>(payrollCsv(payrollTable(file), 'zh'), { skipEmptyLines: true }).data
    expect(rows[1]?.slice(0, 4)).toEqual(['a1', '张伟', '电话', '高级'])
    expect(rows[4]?.slice(0, 3)).toEqual(['a4', `'=HYPERLINK("x")`, '在线'])
  })
})

describe('payrollXlsx', () => {
  const table = payrollTable(october())

  const load = async (lang: 'zh' | 'en') => loadWorkbook(await payrollXlsx(table, lang))

  it.each(['zh', 'en'] as const)('reads back with exceljs with the same numbers (%s)', async lang => {
    const sheet = (await load(lang)).worksheets[0]
    if (!sheet) throw new Error('no sheet')
    const header = (sheet.getRow(1).values as string[]).slice(1)
    expect(header).toEqual(PAYROLL_COLUMNS.map(c => c.header[lang]))
    const records = table.rows.map((_, i) =>
      Object.fromEntries(
        (sheet.getRow(i + 2).values as unknown[])
          .slice(1)
          .map((v, j): [string, unknown] => [header[j] ?? '', v ?? '']),
      ),
    )
    expect(records).toEqual(expectedRecords(table, lang))
    expect(sheet.rowCount).toBe(table.rows.length + 2)
    const last = sheet.getRow(table.rows.length + 2)
    expect(last.getCell(1).value).toBe(lang === 'zh' ? '合计' : 'Totals')
    const col = PAYROLL_COLUMNS.findIndex(c => c.key === 'attendanceMinutes') + 1
    expect(last.getCell(col).value).toBe(table.totals.attendanceMinutes)
  })

  it('freezes the header row, formats hours and multipliers, and has a totals sheet', async () => {
    const workbook = await load('en')
    const [sheet, totals] = workbook.worksheets
    if (!sheet || !totals) throw new Error('missing sheet')
    expect(sheet.name).toBe('Payroll')
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const col = (key: string) => PAYROLL_COLUMNS.findIndex(c => c.key === key) + 1
    expect(sheet.getRow(2).getCell(col('attendanceHours')).numFmt).toBe('0.00')
    expect(sheet.getRow(2).getCell(col('holidayMultiplier'))).toMatchObject({ value: 3, numFmt: '0%' })
    expect(sheet.getRow(1).font?.bold).toBe(true)

    expect(totals.name).toBe('Totals')
    const lines = new Map<string, unknown>()
    totals.eachRow((row, n) => {
      if (n > 1) lines.set(row.getCell(1).text, row.getCell(2).value)
    })
    expect(lines.get('Team')).toBe('客服九组 (cs-9)')
    expect(lines.get('Agents')).toBe(4)
    expect(lines.get('Attendance (h, incl. handover)')).toBe(161.1)
    // Team totals (see payroll-table.test.ts): statutory 1100 + 550 = 1650 min = 27.5 h; rest day
    // 920 + 550 + 740 = 2210 min = 36.8333… → 36.83 h.
    expect(lines.get('Statutory-holiday hours (h)')).toBe(27.5)
    expect(lines.get('Rest-day hours (h)')).toBe(36.83)
    expect(lines.get('Absences (days)')).toBe(4)
    expect(lines.get('Swaps')).toBe(4)
    expect(lines.has('Name')).toBe(false)
    // No warnings, no warnings sheet.
    expect(workbook.worksheets).toHaveLength(2)
  })

  it('dates the workbook from the option, not from the clock', async () => {
    const workbook = await loadWorkbook(
      await payrollXlsx(table, 'zh', { generatedAt: '2026-11-01T02:00:00Z' }),
    )
    expect(workbook.created.toISOString()).toBe('2026-11-01T02:00:00.000Z')
    const fallback = await loadWorkbook(await payrollXlsx(table, 'zh'))
    expect(fallback.created.toISOString()).toBe('2026-10-01T00:00:00.000Z')
  })
})
