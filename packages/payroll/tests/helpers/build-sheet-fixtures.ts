/**
 * Writes tests/fixtures/sheets/merged-title.xlsx, the one hand-made sheet that has to be binary:
 * two merged title rows, a 姓名 header merged over two rows, Chinese date headers (12月1日 …) with
 * 星期二 … under them, 白班/夜班/休息/年假 cells, the agents out of order with a blank row
 * between groups and stray spaces around a name. The cells are typed here as a person would;
 * the expected roster is tests/fixtures/sheets/expected.json.
 * Run: pnpm exec tsx packages/payroll/tests/helpers/build-sheet-fixtures.ts
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'

const OUT = fileURLToPath(new URL('../../../../tests/fixtures/sheets/merged-title.xlsx', import.meta.url))
const WEEKDAYS = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日']

// 白 = 白班, 夜 = 夜班, 休 = 休息, 年 = 年假: the rows as typed (day 1 … 31).
const ROWS: Array<[string, string]> = [
  ['Zoe Wu', '休白白白白白休休夜夜夜夜夜休休白白白白白休休白白白白白休休白白'],
  ['陈静', '白白白白白休休白白白白白休休白白白白白休休白白白白白休休白白白'],
  ['', ''],
  ['张伟', '白白白白白休休白白白白白休休白白白白白休休白白白白白休休白白白'],
  [' 李娜 ', '夜夜夜夜休休白白白白休休夜夜夜夜休休白白白白休休夜夜夜夜休休白'],
  ['王芳', '白白休休白白白年白白休休白白白白白休休白白白白白休休白白白白白'],
  ['刘洋', '休休夜夜夜夜夜休休白白白白白休休夜夜夜夜夜休休白白白白白休休夜'],
]
const WORD: Record<string, string> = { 白: '白班', 夜: '夜班', 休: '休息', 年: '年假' }

const workbook = new ExcelJS.Workbook()
workbook.created = new Date('2026-11-25T00:00:00Z')
workbook.modified = workbook.created
const sheet = workbook.addWorksheet('十二月')
const last = 1 + 31
sheet.mergeCells(1, 1, 1, last)
sheet.getCell(1, 1).value = '客服九组 2026年12月 排班表'
sheet.mergeCells(2, 1, 2, last)
sheet.getCell(2, 1).value = '制表:周敏    审核:王建国'
sheet.mergeCells(3, 1, 4, 1)
sheet.getCell(3, 1).value = '姓名'
for (let d = 1; d <= 31; d++) {
  sheet.getCell(3, 1 + d).value = `12月${d}日`
  sheet.getCell(4, 1 + d).value =
    WEEKDAYS[
      new Date(Date.UTC(2026, 11, d)).getUTCDay() === 0 ? 6 : new Date(Date.UTC(2026, 11, d)).getUTCDay() - 1
    ]
}
ROWS.forEach(([name, cells], i) => {
  const r = 5 + i
  if (name === '') return
  sheet.getCell(r, 1).value = name
  ;[...cells].forEach((c, d) => {
    sheet.getCell(r, 2 + d).value = WORD[c] ?? c
  })
})
writeFileSync(OUT, Buffer.from(await workbook.xlsx.writeBuffer()))
console.error(`written ${OUT}`)
