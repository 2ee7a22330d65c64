import ExcelJS from 'exceljs'

/**
 * Loads XLSX bytes with exceljs. Its typings want their own `Buffer` (an ArrayBuffer), not Node's,
 * so the bytes go in as a plain ArrayBuffer copy.
 */
export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Uint8Array.from(bytes).buffer)
  return workbook
}
