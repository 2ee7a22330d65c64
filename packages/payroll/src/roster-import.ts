import {
  isoWeekday,
  monthDates,
  text,
  type Agent,
  type MonthFile,
  type Text,
  type Violation,
} from '@paiban/domain'
import { checkMonth } from '@paiban/rules'
import type { SheetCell } from './roster-cells'
import { columnLetter } from './roster-xlsx'
import type { SheetGrid, SheetValue } from './sheet-grid'

/**
 * Reading a roster sheet a centre already keeps (names down the side, days across, 白/夜/休 in the
 * cells) into a month's roster: find the header row of dates, the name or 工号 column, read each
 * cell through a mapping, and name every problem by sheet row and column. Pure: the caller reads
 * the bytes ({@link readSheetGrids}) and decides whether to store the result.
 */

/** What a sheet's cell texts mean: normalised text (see {@link cellKey}) → roster cell. */
export type CellMapping = Readonly<Record<string, SheetCell>>

/**
 * The mapping every import starts from; a team's own entries are laid over it. Keys are
 * {@link cellKey}s: full-width forms folded (NFKC), spaces removed, Latin upper-cased. `''` is an
 * empty cell.
 */
export const DEFAULT_MAPPING: CellMapping = {
  白: 'D',
  白班: 'D',
  早: 'D',
  早班: 'D',
  日班: 'D',
  D: 'D',
  DAY: 'D',
  夜: 'N',
  夜班: 'N',
  晚: 'N',
  晚班: 'N',
  N: 'N',
  NIGHT: 'N',
  休: '-',
  休息: '-',
  '': '-',
  '-': '-',
  '—': '-',
  '–': '-',
  '/': '-',
  OFF: '-',
  R: '-',
  REST: '-',
  假: 'L',
  请假: 'L',
  休假: 'L',
  年假: 'L',
  病假: 'L',
  事假: 'L',
  婚假: 'L',
  丧假: 'L',
  L: 'L',
  LEAVE: 'L',
}

/** A cell's text as a mapping key: NFKC (全角 → half-width), no spaces, Latin upper case. */
export function cellKey(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, '').toUpperCase()
}

/** What went wrong in a sheet, by kind. `error`s refuse the import; `warning`s are shown. */
export type SheetIssueKind =
  | 'no-sheet'
  | 'no-header'
  | 'wrong-month'
  | 'missing-day'
  | 'no-name-column'
  | 'unknown-name'
  | 'ambiguous-name'
  | 'duplicate-agent'
  | 'unreadable-cell'
  | 'missing-agent'

/** One problem, named where a person finds it in the sheet (row 1-based, column as a letter). */
export type SheetIssue = {
  readonly kind: SheetIssueKind
  readonly severity: 'error' | 'warning'
  readonly sheet: string
  /** Sheet row (1-based), when the problem has one. */
  readonly row?: number
  /** Column letter (`F`), when the problem has one. */
  readonly column?: string
  /** The cell's address (`F7`), when it is one cell. */
  readonly cell?: string
  /** The text found there. */
  readonly value?: string
  readonly agentId?: string
  readonly date?: string
  readonly message: Text
}

/** A rule violation of the imported roster, with the sheet cell of its agent and date. */
export type SheetViolation = Violation & {
  readonly row?: number
  readonly column?: string
  readonly cell?: string
}

/** Every distinct cell text seen in the day columns, what it maps to (undefined: unreadable), how often. */
export type SeenValue = {
  readonly value: string
  readonly key: string
  readonly cell?: SheetCell
  readonly count: number
}

/** The outcome of {@link importRoster}. */
export type RosterImport = {
  /** No `error` issue: the month can be stored (rule violations do not block; the result is a draft). */
  readonly ok: boolean
  /** The sheet read (the first one with a header of dates, unless one was named). */
  readonly sheet: string
  /** The header row of dates (1-based), when found. */
  readonly headerRow?: number
  /** Column letter of each date of the month, when the sheet has it. */
  readonly columns: Readonly<Record<string, string>>
  /** Sheet row each agent was read from. */
  readonly rows: Readonly<Record<string, number>>
  /** The month as it would be stored: the file with its roster replaced by the sheet's. */
  readonly file: MonthFile
  readonly issues: readonly SheetIssue[]
  /** checkMonth on {@link file}, each with the sheet cell of its agent and date. */
  readonly violations: readonly SheetViolation[]
  /** The mapping used (defaults with the caller's entries over them). */
  readonly mapping: CellMapping
  readonly seen: readonly SeenValue[]
}

/** Options of {@link importRoster}. */
export type ImportOptions = {
  /** A team's own cell texts, over {@link DEFAULT_MAPPING} (keys are normalised with {@link cellKey}). */
  readonly mapping?: Readonly<Record<string, SheetCell>>
  /** Read this sheet (by name) instead of the first with a header of dates. */
  readonly sheet?: string
}

const WEEKDAY_CHARS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 }
const WEEKDAY_EN: Record<string, number> = { MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6, SUN: 7 }
const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日']
const WEEKDAY_NAME = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

/** A header cell read as a day: the day of month, and the month, year and weekday when it says them. */
type HeaderDay = { day?: number; month?: number; year?: number; weekday?: number }

function weekdayIn(s: string): { weekday?: number; rest: string } {
  const zh = /(?:周|星期|礼拜)([一二三四五六日天])/.exec(s)
  if (zh) return { weekday: WEEKDAY_CHARS[zh[1] ?? ''], rest: s.replace(zh[0], '') }
  const en = /\b(MON|TUE|WED|THU|FRI|SAT|SUN)[A-Z]*\.?/.exec(s)
  if (en) return { weekday: WEEKDAY_EN[en[1] ?? ''], rest: s.replace(en[0], '') }
  const bracket = /[(]([一二三四五六日天])[)]/.exec(s)
  if (bracket) return { weekday: WEEKDAY_CHARS[bracket[1] ?? ''], rest: s.replace(bracket[0], '') }
  return { rest: s }
}

/** Excel's serial day number (1900 system) as a UTC date. */
function fromSerial(serial: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000)
}

/**
 * Reads a header cell as a date: `1`, `1日`, `1号`, `12/1`, `12-01`, `12月1日`, `2026-12-01`,
 * `2026/12/1`, `2026年12月1日`, an XLSX date, each optionally with a weekday (`周二`, `星期二`,
 * `(二)`, `Tue`); or a weekday alone (`周二`, `二`, `Tue`).
 */
export function headerDay(value: SheetValue): HeaderDay | undefined {
  if (value === null) return undefined
  if (value instanceof Date)
    return { day: value.getUTCDate(), month: value.getUTCMonth() + 1, year: value.getUTCFullYear() }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 1 && value <= 31) return { day: value }
    if (value > 20_000 && value < 80_000) return headerDay(fromSerial(value))
    return undefined
  }
  const s = value.normalize('NFKC').toUpperCase().trim()
  if (s === '') return undefined
  const { weekday, rest } = weekdayIn(s)
  const t = rest.replace(/\s+/g, '')
  if (t === '') return weekday === undefined ? undefined : { weekday }
  if (weekday === undefined && t.length === 1 && WEEKDAY_CHARS[t] !== undefined && t !== '天')
    return { weekday: WEEKDAY_CHARS[t] }
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(t)
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), weekday }
  m = /^(\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(t)
  if (m) return { month: Number(m[1]), day: Number(m[2]), weekday }
  m = /^(\d{1,2})[日号]?$/.exec(t)
  if (m) return { day: Number(m[1]), weekday }
  return undefined
}

function textOf(value: SheetValue): string {
  if (value === null) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value).trim()
}

function address(row: number, column: number): string {
  return `${columnLetter(column + 1)}${row + 1}`
}

type Header = {
  row: number
  /** Grid column of each day of the month (1-based day → column index). */
  columns: Map<number, number>
  firstColumn: number
  /** Days the cells name, for the wrong-month check. */
  cells: Array<{ column: number; day: HeaderDay }>
}

/** The row with the most cells that read as days 1, 2, 3 … in order (at least 7), topmost on a tie. */
function findHeader(grid: SheetGrid, dayCount: number, firstWeekday: number): Header | undefined {
  let best: Header | undefined
  const limit = Math.min(grid.rows.length, 40)
  for (let r = 0; r < limit; r++) {
    const row = grid.rows[r] ?? []
    const cells = row.flatMap((v, c) => {
      const day = headerDay(v)
      return day?.day !== undefined && day.day <= 31 ? [{ column: c, day }] : []
    })
    // The longest run of increasing days in increasing columns.
    let run: typeof cells = []
    let current: typeof cells = []
    for (const cell of cells) {
      const last = current.at(-1)
      if (last?.day.day !== undefined && cell.day.day === last.day.day + 1) current.push(cell)
      else current = [cell]
      if (current.length > run.length) run = [...current]
    }
    if (run.length >= 7 && run.length > (best?.columns.size ?? 0))
      best = {
        row: r,
        columns: new Map(run.map(c => [c.day.day ?? 0, c.column])),
        firstColumn: run[0]?.column ?? 0,
        cells: run,
      }
  }
  if (best) return best
  // A header of weekdays alone: the first one is the 1st, if it is the 1st's weekday.
  for (let r = 0; r < limit; r++) {
    const row = grid.rows[r] ?? []
    const cells = row.flatMap((v, c) => {
      const day = headerDay(v)
      return day && day.day === undefined && day.weekday !== undefined ? [{ column: c, day }] : []
    })
    if (cells.length < 7) continue
    const first = cells[0]
    if (first?.day.weekday !== firstWeekday) continue
    const columns = new Map<number, number>()
    cells.slice(0, dayCount).forEach((cell, i) => columns.set(i + 1, cell.column))
    return {
      row: r,
      columns,
      firstColumn: first.column,
      cells: cells.slice(0, dayCount).map((c, i) => ({ column: c.column, day: { ...c.day, day: i + 1 } })),
    }
  }
  return undefined
}

const ID_HEADER = /^(工号|员工编号|员工号|编号|坐席号|ID|AGENTID|员工ID|NO\.?)$/
const NAME_HEADER = /^(姓名|名字|员工|员工姓名|客服|人员|坐席|NAME|AGENT|AGENTNAME)$/

function nameKey(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase()
}

/** The id and name columns: by their header (in the header row or just above/below), else by content. */
function findNameColumns(
  grid: SheetGrid,
  header: Header,
  agents: readonly Agent[],
): { id?: number; name?: number } {
  const found: { id?: number; name?: number } = {}
  for (const r of [header.row, header.row - 1, header.row + 1, header.row - 2]) {
    const row = grid.rows[r] ?? []
    for (let c = 0; c < header.firstColumn; c++) {
      const key = cellKey(textOf(row[c] ?? null))
      if (found.id === undefined && ID_HEADER.test(key)) found.id = c
      if (found.name === undefined && NAME_HEADER.test(key)) found.name = c
    }
  }
  if (found.id !== undefined || found.name !== undefined) return found
  const ids = new Set(agents.map(a => a.id.toLowerCase()))
  const names = new Set(agents.map(a => nameKey(a.name)))
  let best = { column: -1, hits: 0, kind: 'name' as 'id' | 'name' }
  for (let c = 0; c < header.firstColumn; c++) {
    let idHits = 0
    let nameHits = 0
    for (let r = header.row + 1; r < grid.rows.length; r++) {
      const t = textOf(grid.rows[r]?.[c] ?? null)
      if (ids.has(t.toLowerCase())) idHits++
      if (names.has(nameKey(t))) nameHits++
    }
    if (idHits > best.hits) best = { column: c, hits: idHits, kind: 'id' }
    if (nameHits > best.hits) best = { column: c, hits: nameHits, kind: 'name' }
  }
  if (best.hits === 0) return {}
  return { [best.kind]: best.column }
}

function mappingOf(extra: ImportOptions['mapping']): CellMapping {
  const mapping: Record<string, SheetCell> = { ...DEFAULT_MAPPING }
  for (const [k, v] of Object.entries(extra ?? {})) mapping[cellKey(k)] = v
  return mapping
}

/**
 * Reads a roster sheet into `file`'s month: the sheet's header row of dates (see {@link headerDay}),
 * its 工号 or 姓名 column (by header, else the column whose cells match the team's ids or names),
 * each agent's cells through the mapping. Agents are matched by id, else by name (a name two
 * agents share needs the id). Rows without a known agent are skipped when their day cells are empty
 * or numbers (titles, group headings, weekday rows, count rows, legends); a row with a name the
 * team does not know and cells is an `unknown-name` error. Agents the sheet leaves out keep their
 * row (a `missing-agent` warning). Nothing is stored: the caller shows the preview and stores
 * `file` once the person confirms.
 * @example importRoster(await readSheetGrids(bytes), month).issues // [{ kind: 'unknown-name', cell: 'B9', value: '赵六', … }]
 */
export function importRoster(
  grids: readonly SheetGrid[],
  file: MonthFile,
  options: ImportOptions = {},
): RosterImport {
  const mapping = mappingOf(options.mapping)
  const dates = monthDates(file.month)
  const [year, month] = file.month.split('-').map(Number)
  const firstWeekday = isoWeekday(`${file.month}-01`)
  const issues: SheetIssue[] = []
  const base = (sheet: string): RosterImport => ({
    ok: false,
    sheet,
    columns: {},
    rows: {},
    file,
    issues,
    violations: [],
    mapping,
    seen: [],
  })

  const candidates = options.sheet === undefined ? grids : grids.filter(g => g.name === options.sheet)
  if (candidates.length === 0) {
    issues.push({
      kind: 'no-sheet',
      severity: 'error',
      sheet: options.sheet ?? '',
      message: text(
        `找不到工作表 ${options.sheet ?? ''}(文件中有:${grids.map(g => g.name).join('、')})`,
        `no sheet named ${options.sheet ?? ''} (the file has: ${grids.map(g => g.name).join(', ')})`,
      ),
    })
    return base(options.sheet ?? '')
  }
  let grid: SheetGrid | undefined
  let header: Header | undefined
  for (const g of candidates) {
    header = findHeader(g, dates.length, firstWeekday)
    if (header) {
      grid = g
      break
    }
  }
  if (!grid || !header) {
    const sheet = candidates[0]?.name ?? ''
    issues.push({
      kind: 'no-header',
      severity: 'error',
      sheet,
      message: text(
        `找不到日期表头行:需要一行连续的日期(1、2、3… 或 12/1、2026-12-01、12月1日,或从 ${WEEKDAY_ZH[firstWeekday]} 开始的星期)`,
        `no header row of dates: a row of consecutive dates is needed (1, 2, 3 … or 12/1, 2026-12-01, 12月1日, or weekdays starting on the 1st's, ${WEEKDAY_NAME[firstWeekday]})`,
      ),
    })
    return base(sheet)
  }
  const sheet = grid.name
  const h = header
  const rowNo = h.row + 1

  // The sheet's month must be the file's: by the dates it names, else by the weekdays in or under the header.
  for (const { column, day } of h.cells) {
    const date = `${file.month}-${String(day.day ?? 1).padStart(2, '0')}`
    const weekdayBelow = headerDay(grid.rows[h.row + 1]?.[column] ?? null)
    const weekday = day.weekday ?? (weekdayBelow?.day === undefined ? weekdayBelow?.weekday : undefined)
    const wrongMonth =
      (day.month !== undefined && day.month !== month) || (day.year !== undefined && day.year !== year)
    const wrongWeekday =
      weekday !== undefined && (day.day ?? 0) <= dates.length && weekday !== isoWeekday(date)
    if (wrongMonth || wrongWeekday) {
      const found = textOf(grid.rows[h.row]?.[column] ?? null)
      issues.push({
        kind: 'wrong-month',
        severity: 'error',
        sheet,
        row: rowNo,
        column: columnLetter(column + 1),
        cell: address(h.row, column),
        value: found,
        message: wrongMonth
          ? text(
              `表头 ${address(h.row, column)}「${found}」不是 ${file.month} 的日期:这张表是别的月份的吗?`,
              `header ${address(h.row, column)} "${found}" is not a date of ${file.month}: is the sheet for another month?`,
            )
          : text(
              `表头 ${address(h.row, column)} 的 ${day.day} 日标为${WEEKDAY_ZH[weekday ?? 0]},但 ${date} 是${WEEKDAY_ZH[isoWeekday(date)]}:这张表是别的月份的吗?`,
              `header ${address(h.row, column)}: day ${day.day} is marked ${WEEKDAY_NAME[weekday ?? 0]}, but ${date} is a ${WEEKDAY_NAME[isoWeekday(date)]}: is the sheet for another month?`,
            ),
      })
      break
    }
  }
  const columns: Record<string, string> = {}
  dates.forEach((date, i) => {
    const c = h.columns.get(i + 1)
    if (c !== undefined) columns[date] = columnLetter(c + 1)
    else
      issues.push({
        kind: 'missing-day',
        severity: 'error',
        sheet,
        row: rowNo,
        date,
        message: text(
          `第 ${rowNo} 行表头缺少 ${i + 1} 日(${date}):每一天都需要一列`,
          `the header in row ${rowNo} has no column for day ${i + 1} (${date}): every day needs a column`,
        ),
      })
  })

  const nameColumns = findNameColumns(grid, h, file.agents)
  if (nameColumns.id === undefined && nameColumns.name === undefined) {
    issues.push({
      kind: 'no-name-column',
      severity: 'error',
      sheet,
      row: rowNo,
      message: text(
        `找不到姓名或工号列:日期左边需要一列“姓名”或“工号”`,
        'no name or ID column: a column headed 姓名 (name) or 工号 (ID) is needed left of the dates',
      ),
    })
    return { ...base(sheet), headerRow: rowNo, columns }
  }

  const byId = new Map(file.agents.map(a => [a.id.toLowerCase(), a]))
  const byName = new Map<string, Agent[]>()
  for (const a of file.agents) byName.set(nameKey(a.name), [...(byName.get(nameKey(a.name)) ?? []), a])
  const dayColumns = dates.map((_, i) => h.columns.get(i + 1))
  const seen = new Map<string, { value: string; cell?: SheetCell; count: number }>()
  const rows: Record<string, number> = {}
  const roster: Record<string, string> = { ...(file.roster ?? {}) }

  for (let r = h.row + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r] ?? []
    const idText = nameColumns.id === undefined ? '' : textOf(row[nameColumns.id] ?? null)
    const nameText = nameColumns.name === undefined ? '' : textOf(row[nameColumns.name] ?? null)
    const values = dayColumns.map(c => (c === undefined ? null : (row[c] ?? null)))
    // Numbers (or numeric text, in CSV) in the day columns are counts, not cells.
    const filled = values.filter(
      v => v !== null && typeof v !== 'number' && !/^\d+(\.\d+)?$/.test(textOf(v)) && textOf(v) !== '',
    )
    const hasCells = filled.length > 0
    let agent: Agent | undefined = idText === '' ? undefined : byId.get(idText.toLowerCase())
    if (!agent && nameText !== '') {
      const named = byName.get(nameKey(nameText)) ?? []
      if (named.length > 1) {
        const column = nameColumns.name ?? 0
        issues.push({
          kind: 'ambiguous-name',
          severity: 'error',
          sheet,
          row: r + 1,
          column: columnLetter(column + 1),
          cell: address(r, column),
          value: nameText,
          message: text(
            `${address(r, column)}:组里有 ${named.length} 人叫「${nameText}」(${named.map(a => a.id).join('、')}),请填工号`,
            `${address(r, column)}: ${named.length} agents are called "${nameText}" (${named.map(a => a.id).join(', ')}): give the ID`,
          ),
        })
        continue
      }
      agent = named[0]
    }
    if (!agent) {
      if (!hasCells) continue
      // Only a row that reads like a roster row is someone unknown: a named row whose cells read
      // (a person missing from the team), or a nameless one with shifts in it. Weekday and mark rows,
      // legends and notes read as nothing and are skipped.
      const readable = filled.map(v => mapping[cellKey(textOf(v))]).filter(c => c !== undefined)
      const named = idText !== '' || nameText !== ''
      if (named ? readable.length === 0 : !readable.some(c => c !== '-')) continue
      const column = idText !== '' ? (nameColumns.id ?? 0) : (nameColumns.name ?? nameColumns.id ?? 0)
      const shown = idText !== '' ? idText : nameText
      issues.push({
        kind: 'unknown-name',
        severity: 'error',
        sheet,
        row: r + 1,
        column: columnLetter(column + 1),
        cell: address(r, column),
        value: shown,
        message:
          shown === ''
            ? text(`第 ${r + 1} 行有班次但没有姓名或工号`, `row ${r + 1} has shifts but no name or ID`)
            : text(
                `${address(r, column)}「${shown}」不是 ${file.team.name} 的成员:请改成组里的姓名或工号,或先把此人加入班组`,
                `${address(r, column)} "${shown}" is not in ${file.team.name}: use a name or ID of the team, or add the person to the team first`,
              ),
      })
      continue
    }
    if (rows[agent.id] !== undefined) {
      const column = nameColumns.name ?? nameColumns.id ?? 0
      issues.push({
        kind: 'duplicate-agent',
        severity: 'error',
        sheet,
        row: r + 1,
        column: columnLetter(column + 1),
        cell: address(r, column),
        value: agent.name,
        agentId: agent.id,
        message: text(
          `${agent.name}(${agent.id})出现两次:第 ${rows[agent.id]} 行和第 ${r + 1} 行`,
          `${agent.name} (${agent.id}) appears twice: rows ${rows[agent.id]} and ${r + 1}`,
        ),
      })
      continue
    }
    rows[agent.id] = r + 1
    const cells = dates.map((date, i) => {
      const c = dayColumns[i]
      if (c === undefined) return '?'
      const found = textOf(values[i] ?? null)
      const key = cellKey(found)
      const cell = mapping[key]
      const s = seen.get(key) ?? { value: found, cell, count: 0 }
      s.count++
      seen.set(key, s)
      if (cell !== undefined) return cell
      issues.push({
        kind: 'unreadable-cell',
        severity: 'error',
        sheet,
        row: r + 1,
        column: columnLetter(c + 1),
        cell: address(r, c),
        value: found,
        agentId: agent.id,
        date,
        message: text(
          `${address(r, c)}(${agent.name} ${date})「${found}」读不懂:应为 白/夜/休/假 之一,或在对照表里说明它的意思`,
          `${address(r, c)} (${agent.name} ${date}) "${found}" cannot be read: expected one of 白/夜/休/假 (D/N/-/L), or add it to the mapping`,
        ),
      })
      return '?'
    })
    roster[agent.id] = cells.join('')
  }

  for (const agent of file.agents) {
    if (rows[agent.id] !== undefined) continue
    const kept = file.roster?.[agent.id]
    roster[agent.id] = kept ?? '?'.repeat(dates.length)
    issues.push({
      kind: 'missing-agent',
      severity: 'warning',
      sheet,
      agentId: agent.id,
      message: kept
        ? text(
            `表中没有 ${agent.name}(${agent.id}):保留其现有排班`,
            `${agent.name} (${agent.id}) is not in the sheet: their current row is kept`,
          )
        : text(
            `表中没有 ${agent.name}(${agent.id}):其排班待定(?)`,
            `${agent.name} (${agent.id}) is not in the sheet: their row is left undecided (?)`,
          ),
    })
  }

  const imported: MonthFile = { ...file, roster }
  const violations = checkMonth(imported).violations.map((v): SheetViolation => {
    const row = v.agentId === undefined ? undefined : rows[v.agentId]
    const column = v.date === undefined ? undefined : columns[v.date]
    return {
      ...v,
      ...(row === undefined ? {} : { row }),
      ...(column === undefined ? {} : { column }),
      ...(row !== undefined && column !== undefined ? { cell: `${column}${row}` } : {}),
    }
  })
  return {
    ok: !issues.some(i => i.severity === 'error'),
    sheet,
    headerRow: rowNo,
    columns,
    rows,
    file: imported,
    issues,
    violations,
    mapping,
    seen: [...seen].map(([key, s]) => ({ key, ...s })),
  }
}
