import { say, text, type Lang } from '@paiban/domain'
import ExcelJS from 'exceljs'
import { headerOf, PAYROLL_COLUMNS, rowValues, totalValues, type ColumnKind } from './columns'
import type { PayrollTable } from './table'

/** Options of {@link payrollXlsx}. */
export type XlsxOptions = {
  /**
   * The workbook's created/modified time (ISO instant). Default: the first day of the month, 00:00
   * UTC, so the contents are a pure function of the table (the CLI passes the current time).
   */
  readonly generatedAt?: string
}

const FORMAT: Record<ColumnKind, string | undefined> = {
  text: undefined,
  count: '0',
  minutes: '0',
  hours: '0.00',
  multiplier: '0%',
  money: '0.00',
  percent: '0%',
}

const SHEET = {
  table: text('工资考勤', 'Payroll'),
  totals: text('合计', 'Totals'),
  warnings: text('提示', 'Warnings'),
}

/**
 * The payroll table as an XLSX workbook (exceljs): sheet 1 has a bold, frozen header row (and frozen
 * ID and name columns), an autofilter, one row per agent, number formats per column (hours `0.00`,
 * multipliers as percentages: 2 shows as 200 %, the cell holds 2), and a bold totals row last (the
 * same columns as the CSV); sheet 2 the team totals (team,
 * month, then one line per column that has a total); sheet 3, when there are any, the warnings.
 * @example await writeFile('payroll.xlsx', await payrollXlsx(table, 'zh'))
 */
export async function payrollXlsx(
  table: PayrollTable,
  lang: Lang,
  options: XlsxOptions = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const at = new Date(options.generatedAt ?? `${table.month}-01T00:00:00Z`)
  workbook.creator = 'Paiban'
  workbook.created = at
  workbook.modified = at
  workbook.title = `${table.team.name} ${table.month}`

  const sheet = workbook.addWorksheet(say(SHEET.table, lang), {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }],
  })
  sheet.columns = PAYROLL_COLUMNS.map(c => {
    const header = headerOf(c, lang)
    const format = FORMAT[c.kind]
    return {
      header,
      key: c.key,
      width: Math.min(40, Math.max(10, width(header) + 2)),
      ...(format ? { style: { numFmt: format } } : {}),
    }
  })
  for (const row of table.rows) sheet.addRow(rowValues(table, row, lang))
  sheet.addRow(totalValues(table, lang)).font = { bold: true }
  const head = sheet.getRow(1)
  head.font = { bold: true }
  head.alignment = { vertical: 'middle', wrapText: true }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: PAYROLL_COLUMNS.length } }

  const totals = workbook.addWorksheet(say(SHEET.totals, lang))
  totals.columns = [
    { header: lang === 'zh' ? '项目' : 'Item', key: 'item', width: 36 },
    { header: lang === 'zh' ? '合计' : 'Total', key: 'value', width: 16 },
  ]
  totals.getRow(1).font = { bold: true }
  totals.addRow([lang === 'zh' ? '班组' : 'Team', `${table.team.name} (${table.team.id})`])
  totals.addRow([lang === 'zh' ? '月份' : 'Month', table.month])
  totals.addRow([lang === 'zh' ? '人数' : 'Agents', table.rows.length]).getCell(2).numFmt = '0'
  for (const c of PAYROLL_COLUMNS) {
    if (!c.total) continue
    const added = totals.addRow([headerOf(c, lang), c.total(table.totals, table)])
    const format = FORMAT[c.kind]
    if (format) added.getCell(2).numFmt = format
  }

  if (table.warnings.length > 0) {
    const notes = workbook.addWorksheet(say(SHEET.warnings, lang))
    notes.columns = [{ header: say(SHEET.warnings, lang), key: 'text', width: 120 }]
    notes.getRow(1).font = { bold: true }
    for (const w of table.warnings) notes.addRow([say(w, lang)])
  }

  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** Display width of a header: CJK characters are two columns wide. */
function width(s: string): number {
  let n = 0
  for (const ch of s) n += /[\u2e80-\uffff]/.test(ch) ? 2 : 1
  return n
}
