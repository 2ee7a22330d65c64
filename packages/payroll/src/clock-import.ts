import { attendanceFacts, type Attendance, type InputIssue, type MonthFile } from '@paiban/domain'
import Papa from 'papaparse'

/** Which CSV columns (by header) hold the employee number, the date, the in and the out time. */
export type ClockColumns = {
  readonly employee: string
  readonly date: string
  readonly in: string
  readonly out: string
}

/** The outcome of reading a time-clock export: every record, or every bad row named. */
export type ClockImportResult =
  | { readonly ok: true; readonly records: Attendance[] }
  | { readonly ok: false; readonly issues: InputIssue[] }

const TIME = /^(\d{1,2}):(\d{2})(?::\d{2})?$/
const DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/

function clock(value: string): string | undefined {
  const m = TIME.exec(value.trim())
  if (!m) return undefined
  const h = Number(m[1])
  const min = Number(m[2])
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return undefined
  return `${String(h).padStart(2, '0')}:${m[2]}`
}

function isoDate(value: string): string | undefined {
  const m = DATE.exec(value.trim())
  if (!m) return undefined
  return `${m[1]}-${String(m[2]).padStart(2, '0')}-${String(m[3]).padStart(2, '0')}`
}

/**
 * Reads a time clock's CSV export (ATTEND-RECORD) into attendance records of `file`'s month: one
 * row per punch pair, the employee number being the agent id (工号), the date `YYYY-MM-DD` (or
 * `/`, `.`), in and out `HH:MM` (seconds ignored; an out after midnight is the next day, as in the
 * month file). The shift is the roster's on that date. Bad rows are named by their line in the file
 * (`rows[3].out`: the header is line 1): an unknown employee number, a date outside the month, no
 * shift that day, an out before the in, a missing column. Any bad row and nothing is returned.
 * @example readClockCsv('工号,日期,上班,下班\na01,2026-12-04,17:48,00:40', file, { employee: '工号', date: '日期', in: '上班', out: '下班' })
 */
export function readClockCsv(csv: string, file: MonthFile, columns: ClockColumns): ClockImportResult {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: h => h.trim(),
  })
  const issues: InputIssue[] = []
  const headers = parsed.meta.fields ?? []
  for (const [key, name] of Object.entries(columns))
    if (!headers.includes(name))
      issues.push({
        path: `columns.${key}`,
        message: `no column "${name}" (the file has: ${headers.join(', ')})`,
      })
  if (issues.length > 0) return { ok: false, issues }
  const ids = new Set(file.agents.map(a => a.id))
  const records: Attendance[] = []
  parsed.data.forEach((row, i) => {
    const at = `rows[${i + 2}]`
    const employee = (row[columns.employee] ?? '').trim()
    const date = isoDate(row[columns.date] ?? '')
    const arrivedAt = clock(row[columns.in] ?? '')
    const leftAt = clock(row[columns.out] ?? '')
    const before = issues.length
    if (!ids.has(employee))
      issues.push({ path: `${at}.employee`, message: `unknown employee number ${employee || '(empty)'}` })
    if (date === undefined)
      issues.push({
        path: `${at}.date`,
        message: `expected a date YYYY-MM-DD, got ${row[columns.date] ?? ''}`,
      })
    else if (!date.startsWith(`${file.month}-`))
      issues.push({ path: `${at}.date`, message: `${date} is not in ${file.month}` })
    if (arrivedAt === undefined)
      issues.push({ path: `${at}.in`, message: `expected a time HH:MM, got ${row[columns.in] ?? ''}` })
    if (leftAt === undefined)
      issues.push({ path: `${at}.out`, message: `expected a time HH:MM, got ${row[columns.out] ?? ''}` })
    if (issues.length > before || date === undefined || arrivedAt === undefined || leftAt === undefined)
      return
    const cell = file.roster?.[employee]?.[Number(date.slice(8, 10)) - 1]
    if (cell !== 'D' && cell !== 'N') {
      issues.push({
        path: `${at}.date`,
        message: `${employee} has no shift on ${date} (roster: ${cell ?? '?'})`,
      })
      return
    }
    const record: Attendance = {
      agentId: employee,
      date,
      shift: cell,
      lateMinutes: 0,
      awayMinutes: 0,
      arrivedAt,
      leftAt,
      recordedBy: 'clock',
    }
    if (attendanceFacts(record, cell, file.policy).outBeforeIn) {
      issues.push({ path: `${at}.out`, message: `out ${leftAt} is before in ${arrivedAt}` })
      return
    }
    records.push(record)
  })
  return issues.length > 0 ? { ok: false, issues } : { ok: true, records }
}
