import ExcelJS from 'exceljs'
import Papa from 'papaparse'

/**
 * A spreadsheet read as plain grids of values, whatever it came in: XLSX (exceljs) or CSV in UTF-8
 * (with or without BOM) or GB18030 (what Excel on a Chinese Windows writes as "CSV").
 */

/** One cell's value: text, a number, a date (XLSX date cells, as UTC midnight), or empty. */
export type SheetValue = string | number | Date | null

/** One sheet: `rows[r][c]` is sheet row r + 1, column c + 1. */
export type SheetGrid = {
  readonly name: string
  readonly rows: ReadonlyArray<readonly SheetValue[]>
}

/** What a file's bytes are. */
export type SheetFormat = 'xlsx' | 'csv'

/** XLSX is a ZIP archive (`PK\x03\x04`); anything else is read as CSV text. */
export function sheetFormat(bytes: Uint8Array): SheetFormat {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 ? 'xlsx' : 'csv'
}

/**
 * CSV bytes as text: a UTF-8 BOM or valid UTF-8 is UTF-8; otherwise GB18030 (a superset of GBK
 * and GB2312). `encoding` forces one.
 * @example decodeCsv(gb18030Bytes).startsWith('姓名') // true
 */
export function decodeCsv(bytes: Uint8Array, encoding?: 'utf-8' | 'gb18030'): string {
  if (encoding) return new TextDecoder(encoding).decode(bytes).replace(/^\uFEFF/, '')
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

/** The plain value of an exceljs cell: formula results, rich text and hyperlinks as their text. */
function plain(value: ExcelJS.CellValue): SheetValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number') return value
  if (typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value
  if ('richText' in value) return value.richText.map(t => t.text).join('')
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result
    if (result === undefined || result === null) return null
    if (typeof result === 'object' && 'error' in result) return null
    return result instanceof Date || typeof result === 'number' ? result : String(result)
  }
  if ('text' in value) return String(value.text)
  if ('error' in value) return null
  return null
}

/**
 * Every sheet of a workbook or the one sheet of a CSV file, as value grids. Merged cells keep their
 * value in the top-left cell only, so a merged title does not repeat across the date columns.
 * @example (await readSheetGrids(bytes))[0].rows[1][0] // '工号'
 */
export async function readSheetGrids(
  bytes: Uint8Array,
  options: { readonly encoding?: 'utf-8' | 'gb18030'; readonly name?: string } = {},
): Promise<SheetGrid[]> {
  if (sheetFormat(bytes) === 'csv') {
    const parsed = Papa.parse<string[]>(decodeCsv(bytes, options.encoding), { skipEmptyLines: false })
    return [{ name: options.name ?? 'CSV', rows: parsed.data.map(r => r.map(v => (v === '' ? null : v))) }]
  }
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  return workbook.worksheets.map(sheet => {
    const rows: SheetValue[][] = []
    sheet.eachRow({ includeEmpty: true }, (row, r) => {
      const values: SheetValue[] = []
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        values[c - 1] = cell.isMerged && cell.master.address !== cell.address ? null : plain(cell.value)
      })
      rows[r - 1] = Array.from(values, v => v ?? null)
    })
    return { name: sheet.name, rows: Array.from(rows, r => r ?? []) }
  })
}
