import data from 'chinese-days/dist/chinese-days.json'
import { daysBetween, isoWeekday, monthDates } from './dates'
import { statutoryDays, type HolidayArrangement } from './holidays'
import type { HolidayChanges } from './month-file'
import type { HolidaySet } from './policy'
import { text, type Text } from './text'

/**
 * CAL-HOLIDAY: the holiday calendar. Statutory holiday days are computed from the law for any year
 * (holidays.ts); the year's arrangement (break days, 调休 make-up workdays) is an imported
 * `paiban.holidays/1` (`holidays.arrangement` of the month file), else `chinese-days`' data
 * (State Council notices up to 2026); a team's company changes are applied on top. A year with no
 * arrangement gives one notice that says what is known and what is missing.
 */

/** Which kind of holiday a date is: statutory (300 %), a break day of the arrangement, or a company day. */
export type HolidayKind = 'statutory' | 'break' | 'company'

/** Where a month's arrangement of break days and 调休 comes from. */
export type ArrangementSource = 'imported' | 'built-in' | 'missing'

/** What a calendar knows about one date. */
export type DayInfo = {
  readonly date: string
  /** 1 = Monday … 7 = Sunday. */
  readonly weekday: number
  /** Saturday or Sunday. */
  readonly isWeekend: boolean
  /** A holiday of any kind (statutory, break or company day): a day off. */
  readonly isHoliday: boolean
  /** A statutory holiday day proper, computed from the law (pay at the holiday rate, SWAP-HOLIDAY, LEAVE-HOLIDAY). */
  readonly isStatutory: boolean
  /** A day off of the year's arrangement that is not statutory (放假, paid as a rest day). */
  readonly isBreak: boolean
  /** A company holiday (`holidays.add`): not statutory, paid as a rest day. */
  readonly isCompany: boolean
  /** The kind of holiday, when `isHoliday`. */
  readonly holiday?: HolidayKind
  /** A weekend date worked as an ordinary day (调休 make-up workday). */
  readonly isMakeupWorkday: boolean
  /** An official rest day: holiday, or weekend that is not a make-up workday. */
  readonly isRestDay: boolean
  /** Holiday name, e.g. `{ zh: '国庆节', en: 'National Day' }`. */
  readonly name?: Text
}

/** Statutory data per year, as `chinese-days` ships it: date → "English,中文,days". */
export type CalendarData = {
  readonly holidays: Readonly<Record<string, string>>
  readonly workdays: Readonly<Record<string, string>>
  readonly inLieuDays: Readonly<Record<string, string>>
}

const BUILT_IN: CalendarData = data

/** Years the statutory data covers. */
export function calendarYears(source: CalendarData = BUILT_IN): Set<number> {
  const years = new Set<number>()
  for (const d of Object.keys(source.holidays)) years.add(Number(d.slice(0, 4)))
  return years
}

const BUILT_IN_YEARS = calendarYears(BUILT_IN)

function holidayName(raw: string | undefined): Text | undefined {
  if (raw === undefined) return undefined
  const [en, zh] = raw.split(',')
  return text(zh ?? en ?? '', en ?? '')
}

/** A calendar for one month: every date's {@link DayInfo} and the warnings a person must see. */
export type MonthCalendar = {
  readonly days: readonly DayInfo[]
  readonly byDate: ReadonlyMap<string, DayInfo>
  readonly warnings: readonly Text[]
  /** Where the break days and 调休 come from; `missing`: only the statutory days are known. */
  readonly arrangement: ArrangementSource
  /** The imported arrangement's `source`, when imported. */
  readonly source?: string
}

/** The built-in arrangement of a year as breaks and workdays, or undefined when `chinese-days` lacks it. */
type Arrangement = { breaks: ReadonlyMap<string, Text>; workdays: ReadonlyMap<string, Text> }
const builtInCache = new Map<number, Arrangement | undefined>()

function builtInArrangement(year: number, source: CalendarData): Arrangement | undefined {
  if (source !== BUILT_IN) return arrangementOf(year, source)
  if (!builtInCache.has(year)) builtInCache.set(year, arrangementOf(year, source))
  return builtInCache.get(year)
}

function arrangementOf(year: number, source: CalendarData): Arrangement | undefined {
  const years = source === BUILT_IN ? BUILT_IN_YEARS : calendarYears(source)
  if (!years.has(year)) return undefined
  const pick = (record: Readonly<Record<string, string>>) =>
    new Map(
      Object.entries(record)
        .filter(([date]) => date.startsWith(`${year}-`))
        .flatMap(([date, raw]) => {
          const name = holidayName(raw)
          return name ? [[date, name] as const] : []
        }),
    )
  return { breaks: pick(source.holidays), workdays: pick(source.workdays) }
}

/** The name of a break or 调休 day: the festival of the nearest statutory day (within 10 days). */
function nearestFestival(date: string, statutory: ReadonlyMap<string, Text>): Text | undefined {
  let best: { gap: number; name: Text } | undefined
  for (const [d, name] of statutory) {
    const gap = Math.abs(daysBetween(date, d))
    if (gap <= 10 && (!best || gap < best.gap)) best = { gap, name }
  }
  return best?.name
}

function fromImport(a: HolidayArrangement, statutory: ReadonlyMap<string, Text>): Arrangement {
  const named = (dates: readonly string[]) =>
    new Map(dates.map(d => [d, nearestFestival(d, statutory) ?? text('放假', 'Day off')] as const))
  return { breaks: named(a.breaks), workdays: named(a.workdays) }
}

/**
 * CAL-HOLIDAY notice of a year without an arrangement: the statutory days are known (listed for
 * the month), the break days and 调休 are not imported yet.
 */
export function missingArrangementNotice(
  year: number,
  statutory: ReadonlyArray<{ date: string; name: Text }>,
): Text {
  const zhList = statutory.length ? statutory.map(s => `${s.date} ${s.name.zh}`).join('、') : '无'
  const enList = statutory.length ? statutory.map(s => `${s.date} ${s.name.en}`).join(', ') : 'none'
  return text(
    `CAL-HOLIDAY ${year} 年的法定节假日已按《全国年节及纪念日放假办法》算出(本月:${zhList}),按法定节假日处理;${year} 年的放假调休安排(其他放假日和调休上班日)尚未导入,这些日子暂按普通日期处理:请导入 ${year} 年的 paiban.holidays/1 节假日安排。`,
    `CAL-HOLIDAY the statutory holidays of ${year} are computed from the law (this month: ${enList}) and treated as statutory; the ${year} arrangement (break days and 调休 make-up workdays) is not imported yet, so those days count as ordinary days: import the ${year} paiban.holidays/1 holiday arrangement.`,
  )
}

/**
 * Builds the calendar of `month` (`YYYY-MM`) with the team's changes. The statutory days are
 * computed from the law; the break days and 调休 come from `changes.arrangement` when it is for
 * this year, else from `source` (the built-in `chinese-days` data), else they are missing and the
 * calendar carries one CAL-HOLIDAY notice. `holidays.add` days are company days, `holidays.remove`
 * takes any holiday off, `holidays.workdays` adds make-up workdays.
 */
export function monthCalendar(
  month: string,
  changes: HolidayChanges = { add: [], remove: [], workdays: [] },
  source: CalendarData = BUILT_IN,
): MonthCalendar {
  const year = Number(month.slice(0, 4))
  const statutory = statutoryDays(year)
  const imported = changes.arrangement?.year === year ? changes.arrangement : undefined
  const arrangement = imported ? fromImport(imported, statutory) : builtInArrangement(year, source)
  const add = new Set(changes.add)
  const remove = new Set(changes.remove)
  const extraWork = new Set(changes.workdays)
  const days = monthDates(month).map((date): DayInfo => {
    const weekday = isoWeekday(date)
    const isWeekend = weekday >= 6
    const kept = !remove.has(date)
    const isStatutory = kept && statutory.has(date)
    const isBreak = kept && !isStatutory && arrangement?.breaks.has(date) === true
    const isCompany = kept && !isStatutory && !isBreak && add.has(date)
    const isHoliday = isStatutory || isBreak || isCompany
    const isMakeupWorkday = !isHoliday && (arrangement?.workdays.has(date) === true || extraWork.has(date))
    const name = isStatutory
      ? (arrangement?.breaks.get(date) ?? statutory.get(date))
      : isBreak
        ? arrangement?.breaks.get(date)
        : isCompany
          ? text('公司假日', 'Company holiday')
          : isMakeupWorkday
            ? arrangement?.workdays.get(date)
            : undefined
    const holiday: HolidayKind | undefined = isStatutory
      ? 'statutory'
      : isBreak
        ? 'break'
        : isCompany
          ? 'company'
          : undefined
    return {
      date,
      weekday,
      isWeekend,
      isHoliday,
      isStatutory,
      isBreak,
      isCompany,
      ...(holiday ? { holiday } : {}),
      isMakeupWorkday,
      isRestDay: isHoliday || (isWeekend && !isMakeupWorkday),
      ...(name ? { name } : {}),
    }
  })
  const warnings: Text[] = []
  if (!arrangement)
    warnings.push(
      missingArrangementNotice(
        year,
        days
          .filter(d => d.isStatutory)
          .map(d => ({
            date: d.date,
            name: statutory.get(d.date) ?? text('法定节假日', 'Statutory holiday'),
          })),
      ),
    )
  return {
    days,
    byDate: new Map(days.map(d => [d.date, d])),
    warnings,
    arrangement: imported ? 'imported' : arrangement ? 'built-in' : 'missing',
    ...(imported ? { source: imported.source } : {}),
  }
}

/**
 * True when `day` is a holiday of `set` (policy `swap.holidayDays`, `leave.holidayDays`,
 * `fairness.holidayDays`): `statutory` days only, `break` days too, or `all` with company days.
 */
export function inHolidaySet(day: DayInfo | undefined, set: HolidaySet): boolean {
  if (!day?.holiday) return false
  if (set === 'statutory') return day.holiday === 'statutory'
  if (set === 'break') return day.holiday !== 'company'
  return true
}
