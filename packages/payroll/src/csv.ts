import type { Lang } from '@paiban/domain'
import Papa from 'papaparse'
import { headerOf, PAYROLL_COLUMNS, rowValues, totalValues } from './columns'
import type { PayrollTable } from './table'

/** Byte order mark: without it Excel opens UTF-8 CSV in the local code page and garbles Chinese. */
export const BOM = '\uFEFF'

/** Options of {@link payrollCsv}. */
export type CsvOptions = {
  /** Line end of every record, the last one included. Default `\r\n` (RFC 4180). */
  readonly newline?: '\r\n' | '\n'
}

/**
 * The payroll table as CSV (papaparse `unparse`): a BOM, one header row in `lang`, one row per
 * agent in {@link PAYROLL_COLUMNS} order, then the totals row (`合计` / `Totals` in the first
 * column, the same columns as the XLSX's sheet), every record ended by `newline`. Hours have 2 decimals,
 * multipliers are factors (`2` = 200 %); a text cell a spreadsheet would run as a formula (`=`, `+`,
 * `-`, `@` first) gets a leading `'`.
 * @example payrollCsv(payrollTable(file), 'zh').startsWith('\uFEFF工号,姓名,工种,级别') // true
 */
export function payrollCsv(table: PayrollTable, lang: Lang, options: CsvOptions = {}): string {
  const newline = options.newline ?? '\r\n'
  const csv = Papa.unparse(
    {
      fields: PAYROLL_COLUMNS.map(c => headerOf(c, lang)),
      data: [...table.rows.map(row => rowValues(table, row, lang)), totalValues(table, lang)],
    },
    { newline, escapeFormulae: true },
  )
  return `${BOM}${csv}${newline}`
}
