import {
  SHIFTS,
  monthCalendar,
  monthDates,
  say,
  text,
  type Job,
  type Lang,
  type MonthFile,
  type Shift,
} from '@paiban/domain'
import { JOB_NAME, requirement, SHIFT_NAME } from '@paiban/rules'
import ExcelJS from 'exceljs'
import {
  CELL_FILL,
  CELL_LETTER,
  CELL_MEANING,
  DAY_FILL,
  dayKind,
  dayMark,
  groupLabel,
  rosterGroups,
  weekdayLabel,
  type SheetCell,
} from './roster-cells'
import { LEVEL_NAME } from './columns'

/** Options of {@link rosterXlsx}. */
export type RosterXlsxOptions = {
  /** The workbook's created/modified time (ISO instant). Default: the month's first day, 00:00 UTC. */
  readonly generatedAt?: string
}

/** Where things are on the roster sheet (1-based rows and columns), for readers and tests. */
export const ROSTER_LAYOUT = {
  /** Title row (merged across the sheet). */
  titleRow: 1,
  /** Header row: 工号, 姓名, 工种, 组长, then the day numbers 1 … n, then the per-agent counts. */
  headerRow: 2,
  /** Weekday row (一 … 日) under the day numbers. */
  weekdayRow: 3,
  /** Day-type marks (节 / 休 / 班) under the weekdays. */
  markRow: 4,
  /** Columns before the first day: 工号, 姓名, 工种, 组长. */
  fixedColumns: 4,
} as const

const HEAD = {
  id: text('工号', 'ID'),
  name: text('姓名', 'Name'),
  job: text('工种', 'Job'),
  leader: text('组长', 'Team leader'),
  level: text('级别', 'Level'),
}

const SHEET_NAME = text('排班表', 'Roster')

const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } }
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN }

function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } }
}

/** Column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(column: number): string {
  let s = ''
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

/**
 * The roster of a month as the XLSX sheet a centre keeps (exceljs): a title row, a header of day
 * numbers with the weekday and day-type marks (节 statutory holiday, 休 holiday break, 班 调休
 * workday) under them; one row per agent, grouped by job and team leader under a group heading;
 * cells as letters (白/夜/休/假, or D/N/-/L in English) with a fill per shift, rest days on
 * weekends and holidays in the column's fill; per agent the counts of each letter; under the
 * agents the count of each shift by job per day (COUNTIFS formulas with their values, red when
 * short of COVER-MIN's requirement) and the legend. Panes frozen at the first day and under the
 * marks; printed A4 landscape, one page wide, the header rows and name columns on every page.
 * Needs a decided roster (no `?`): the CLI and API check that first.
 * @example await writeFile('roster.xlsx', await rosterXlsx(file, 'zh'))
 */
export async function rosterXlsx(
  file: MonthFile,
  lang: Lang,
  options: RosterXlsxOptions = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const at = new Date(options.generatedAt ?? `${file.month}-01T00:00:00Z`)
  workbook.creator = 'Paiban'
  workbook.created = at
  workbook.modified = at
  workbook.title = `${file.team.name} ${file.month}`

  const dates = monthDates(file.month)
  const calendar = monthCalendar(file.month, file.holidays)
  const L = ROSTER_LAYOUT
  const firstDay = L.fixedColumns + 1
  const lastDay = L.fixedColumns + dates.length
  const counts: SheetCell[] = ['D', 'N', '-', 'L']
  const lastColumn = lastDay + counts.length

  const sheet = workbook.addWorksheet(say(SHEET_NAME, lang), {
    views: [{ state: 'frozen', xSplit: L.fixedColumns, ySplit: L.markRow }],
  })
  sheet.getColumn(1).width = 7
  sheet.getColumn(2).width = 10
  sheet.getColumn(3).width = lang === 'zh' ? 5 : 7
  sheet.getColumn(4).width = lang === 'zh' ? 8 : 12
  for (let c = firstDay; c <= lastColumn; c++) sheet.getColumn(c).width = 3.6

  // Title.
  const [year, mm] = file.month.split('-')
  sheet.mergeCells(L.titleRow, 1, L.titleRow, lastColumn)
  const title = sheet.getCell(L.titleRow, 1)
  title.value =
    lang === 'zh'
      ? `${file.team.name} ${year}年${Number(mm)}月 排班表`
      : `${file.team.name} roster ${file.month}`
  title.font = { bold: true, size: 14 }
  title.alignment = { horizontal: 'center', vertical: 'middle' }
  sheet.getRow(L.titleRow).height = 22

  // Header, weekday and mark rows.
  const fixed = [HEAD.id, HEAD.name, HEAD.job, HEAD.leader]
  fixed.forEach((h, i) => {
    sheet.mergeCells(L.headerRow, i + 1, L.markRow, i + 1)
    sheet.getCell(L.headerRow, i + 1).value = say(h, lang)
  })
  dates.forEach((date, i) => {
    const day = calendar.byDate.get(date)
    const c = firstDay + i
    sheet.getCell(L.headerRow, c).value = i + 1
    sheet.getCell(L.weekdayRow, c).value = day ? weekdayLabel(day, lang) : ''
    const mark = dayMark(day, lang)
    sheet.getCell(L.markRow, c).value = mark === '' ? null : mark
    if (day?.name && day.isHoliday) sheet.getCell(L.markRow, c).note = say(day.name, lang)
    const kind = dayKind(day)
    for (const r of [L.headerRow, L.weekdayRow, L.markRow])
      if (kind) sheet.getCell(r, c).fill = fill(DAY_FILL[kind])
  })
  counts.forEach((cell, i) => {
    sheet.mergeCells(L.headerRow, lastDay + 1 + i, L.markRow, lastDay + 1 + i)
    sheet.getCell(L.headerRow, lastDay + 1 + i).value = CELL_LETTER[cell][lang]
  })
  for (let r = L.headerRow; r <= L.markRow; r++) {
    const row = sheet.getRow(r)
    row.font = { bold: r === L.headerRow }
    row.alignment = { horizontal: 'center', vertical: 'middle', shrinkToFit: true }
    for (let c = 1; c <= lastColumn; c++) row.getCell(c).border = BORDER
  }

  // Agents, grouped.
  let r = L.markRow + 1
  const firstAgentRow = r + 1
  for (const group of rosterGroups(file)) {
    sheet.mergeCells(r, 1, r, lastColumn)
    const heading = sheet.getCell(r, 1)
    heading.value = groupLabel(file, group, lang)
    heading.font = { bold: true }
    heading.fill = fill('FFF2F2F2')
    r++
    for (const agent of group.agents) {
      const row = sheet.getRow(r)
      const leader = file.agents.find(a => a.id === agent.teamLeaderId)?.name ?? ''
      row.getCell(1).value = agent.id
      row.getCell(2).value = agent.name
      row.getCell(2).note = say(LEVEL_NAME[agent.level], lang)
      row.getCell(3).value = JOB_NAME[agent.job][lang]
      row.getCell(4).value = leader
      const cells = [...(file.roster?.[agent.id] ?? '')]
      dates.forEach((date, i) => {
        const cell = (cells[i] ?? '-') as SheetCell | '?'
        const target = row.getCell(firstDay + i)
        target.value = cell === '?' ? '?' : CELL_LETTER[cell][lang]
        const own = cell === '?' ? undefined : CELL_FILL[cell]
        const kind = dayKind(calendar.byDate.get(date))
        const argb = own ?? (kind ? DAY_FILL[kind] : undefined)
        if (argb) target.fill = fill(argb)
      })
      const from = `${columnLetter(firstDay)}${r}`
      const to = `${columnLetter(lastDay)}${r}`
      counts.forEach((cell, i) => {
        const letter = CELL_LETTER[cell][lang]
        row.getCell(lastDay + 1 + i).value = {
          formula: `COUNTIF(${from}:${to},"${letter}")`,
          result: cells.filter(c => c === cell).length,
        }
      })
      row.alignment = { horizontal: 'center', vertical: 'middle' }
      row.getCell(2).alignment = { horizontal: 'left', vertical: 'middle' }
      row.getCell(4).alignment = { horizontal: 'left', vertical: 'middle' }
      for (let c = 1; c <= lastColumn; c++) row.getCell(c).border = BORDER
      r++
    }
  }
  const lastAgentRow = r - 1

  // Coverage per shift and job: the count of the letter among the job's agents, per day.
  r++
  const jobs = (['phone', 'chat', 'email'] as Job[]).filter(j => file.agents.some(a => a.job === j))
  const coverageHeading = sheet.getCell(r, 1)
  sheet.mergeCells(r, 1, r, L.fixedColumns)
  coverageHeading.value = lang === 'zh' ? '在岗人数' : 'On shift'
  coverageHeading.font = { bold: true }
  r++
  const jobRange = `$C$${firstAgentRow}:$C$${lastAgentRow}`
  for (const shift of SHIFTS as readonly Shift[])
    for (const job of jobs) {
      const row = sheet.getRow(r)
      sheet.mergeCells(r, 1, r, 2)
      row.getCell(1).value = `${SHIFT_NAME[shift][lang]} ${JOB_NAME[job][lang]}`
      row.getCell(3).value = JOB_NAME[job][lang]
      row.getCell(4).value = CELL_LETTER[shift][lang]
      dates.forEach((date, i) => {
        const c = firstDay + i
        const col = columnLetter(c)
        const count = file.agents.filter(a => a.job === job && file.roster?.[a.id]?.[i] === shift).length
        const need = requirement(file, date, shift)[job] ?? 0
        const target = row.getCell(c)
        target.value = {
          formula: `COUNTIFS(${jobRange},"${JOB_NAME[job][lang]}",${col}$${firstAgentRow}:${col}$${lastAgentRow},"${CELL_LETTER[shift][lang]}")`,
          result: count,
        }
        if (count < need) {
          target.fill = fill('FFFFC7CE')
          target.font = { color: { argb: 'FF9C0006' }, bold: true }
          target.note = lang === 'zh' ? `COVER-MIN 需要 ${need} 人` : `COVER-MIN needs ${need}`
        }
      })
      row.alignment = { horizontal: 'center', vertical: 'middle' }
      row.getCell(1).alignment = { horizontal: 'left', vertical: 'middle' }
      for (let c = 1; c <= lastDay; c++) row.getCell(c).border = BORDER
      r++
    }

  // Legend.
  r++
  const times = file.policy.shifts
  for (const cell of ['D', 'N', '-', 'L'] as SheetCell[]) {
    const row = sheet.getRow(r)
    row.getCell(1).value = CELL_LETTER[cell][lang]
    row.getCell(1).alignment = { horizontal: 'center' }
    const own = CELL_FILL[cell]
    if (own) row.getCell(1).fill = fill(own)
    const hours = cell === 'D' || cell === 'N' ? ` ${times[cell].start}–${times[cell].end}` : ''
    sheet.mergeCells(r, 2, r, L.fixedColumns + 6)
    row.getCell(2).value = `${say(CELL_MEANING[cell], lang)}${hours}`
    r++
  }
  for (const kind of ['holiday', 'rest', 'makeup'] as const) {
    const row = sheet.getRow(r)
    row.getCell(1).fill = fill(DAY_FILL[kind])
    sheet.mergeCells(r, 2, r, L.fixedColumns + 6)
    row.getCell(2).value = say(DAY_LEGEND[kind], lang)
    r++
  }

  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.25, right: 0.25, top: 0.4, bottom: 0.4, header: 0.2, footer: 0.2 },
    printArea: `A1:${columnLetter(lastColumn)}${r - 1}`,
    printTitlesRow: `${L.headerRow}:${L.markRow}`,
    printTitlesColumn: 'A:B',
  }
  sheet.headerFooter = {
    oddFooter: lang === 'zh' ? '&L&A&R第 &P 页 / 共 &N 页' : '&L&A&RPage &P of &N',
  }

  return Buffer.from(await workbook.xlsx.writeBuffer())
}

const DAY_LEGEND = {
  holiday: text('节假日(节 = 法定节假日,休 = 假期调休日)', 'holiday (H = statutory, off = holiday break)'),
  rest: text('周末休息日', 'weekend rest day'),
  makeup: text('调休上班日(班)', 'make-up workday (work)'),
}
