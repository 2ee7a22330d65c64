import {
  addDays,
  monthCalendar,
  shiftTimes,
  weekdayKey,
  type Agent,
  type Cell,
  type DayInfo,
  type JobCount,
  type MonthCalendar,
  type MonthFile,
  type Policy,
  type Shift,
} from '@paiban/domain'
import { DateTime } from 'luxon'

/**
 * Everything the checks need about one month, computed once: the calendar, shift instants, the
 * coverage requirement of every (date, shift), and the roster as one row of cells per agent. The
 * rules read it and never change it; a what-if builds a second context with a few rows replaced.
 */
export type MonthContext = {
  readonly file: MonthFile
  readonly policy: Policy
  readonly zone: string
  /** The month's dates, in order. */
  readonly dates: readonly string[]
  readonly dateIndex: ReadonlyMap<string, number>
  readonly calendar: MonthCalendar
  readonly agents: readonly Agent[]
  readonly agentById: ReadonlyMap<string, Agent>
  /** One cell per date of the month for every agent (a missing row is undecided `?`). */
  readonly rows: ReadonlyMap<string, readonly Cell[]>
  /** Last days of the previous month, oldest first (REST-6-1 and REST-GAP across the month start). */
  readonly history: ReadonlyMap<string, readonly Cell[]>
  /** Requirement per date index and shift: agents needed by job (COVER-MIN). */
  readonly need: ReadonlyArray<Readonly<Record<Shift, JobCount>>>
  /** Report and end instants (epoch ms) per shift for date indexes −history … month end. */
  readonly times: (dayOffset: number, shift: Shift) => { report: number; end: number }
  /** Calendar of any date (other months' calendars built on demand). */
  readonly day: (date: string) => DayInfo | undefined
}

/** Cells that are worked shifts. */
export function isWorked(c: Cell | undefined): c is Shift {
  return c === 'D' || c === 'N'
}

/** Requirement of `shift` on `date`: the date entry wins over the weekday entry, which wins over default. */
export function requirement(file: MonthFile, date: string, shift: Shift): JobCount {
  return (
    file.coverage.dates?.[date]?.[shift] ??
    file.coverage.weekday?.[weekdayKey(date)]?.[shift] ??
    file.coverage.default[shift] ??
    {}
  )
}

function cells(row: string): Cell[] {
  return [...row] as Cell[]
}

/** Builds the context of a parsed month file. `rows` replaces roster rows (what-if). */
export function monthContext(file: MonthFile, rows?: ReadonlyMap<string, readonly Cell[]>): MonthContext {
  const calendar = monthCalendar(file.month, file.holidays)
  const dates = calendar.days.map(d => d.date)
  const zone = file.team.timeZone
  const policy = file.policy
  const first = dates[0] ?? `${file.month}-01`
  const rowMap =
    rows ??
    new Map(
      file.agents.map(a => {
        const row = file.roster?.[a.id]
        return [a.id, row ? cells(row) : dates.map((): Cell => '?')] as const
      }),
    )
  const history = new Map(file.agents.map(a => [a.id, cells(file.previous[a.id] ?? '')] as const))
  const timeCache = new Map<string, { report: number; end: number }>()
  const times = (offset: number, shift: Shift) => {
    const key = `${offset}${shift}`
    let t = timeCache.get(key)
    if (!t) {
      const st = shiftTimes(addDays(first, offset), shift, policy, zone)
      t = { report: st.report.toMillis(), end: st.end.toMillis() }
      timeCache.set(key, t)
    }
    return t
  }
  const otherMonths = new Map<string, MonthCalendar>()
  const day = (date: string) => {
    const m = date.slice(0, 7)
    if (m === file.month) return calendar.byDate.get(date)
    let cal = otherMonths.get(m)
    if (!cal) {
      cal = monthCalendar(m, file.holidays)
      otherMonths.set(m, cal)
    }
    return cal.byDate.get(date)
  }
  return {
    file,
    policy,
    zone,
    dates,
    dateIndex: new Map(dates.map((d, i) => [d, i])),
    calendar,
    agents: file.agents,
    agentById: new Map(file.agents.map(a => [a.id, a])),
    rows: rowMap,
    history,
    need: dates.map(date => ({ D: requirement(file, date, 'D'), N: requirement(file, date, 'N') })),
    times,
    day,
  }
}

/** The context with some agents' rows replaced (for what-if checks); shares everything else. */
export function withRows(ctx: MonthContext, changed: ReadonlyMap<string, readonly Cell[]>): MonthContext {
  const rows = new Map(ctx.rows)
  for (const [id, row] of changed) rows.set(id, row)
  return { ...ctx, rows }
}

/** Epoch ms of an ISO instant with offset. */
export function instant(iso: string): number {
  return DateTime.fromISO(iso, { setZone: true }).toMillis()
}

/** An agent's display name (the id when unknown). */
export function nameOf(ctx: MonthContext, id: string): string {
  return ctx.agentById.get(id)?.name ?? id
}

/** Total agents needed on a shift, all jobs. */
export function totalNeed(count: JobCount): number {
  let total = 0
  for (const n of Object.values(count)) total += n ?? 0
  return total
}
