import chineseDays from 'chinese-days'
import data from 'chinese-days/dist/chinese-days.json'
import { addDays, isoWeekday, monthDates } from './dates'
import type { HolidayChanges } from './month-file'
import { text, type Text } from './text'

/**
 * CAL-HOLIDAY: the holiday calendar. Statutory holidays and 调休 make-up workdays come from
 * `chinese-days` (State Council notices); a team's `holidays` changes are applied on top. A year
 * the data does not cover gives a warning instead of silently passing as ordinary days.
 */

/** What a calendar knows about one date. */
export type DayInfo = {
  readonly date: string
  /** 1 = Monday … 7 = Sunday. */
  readonly weekday: number
  /** Saturday or Sunday. */
  readonly isWeekend: boolean
  /** A public holiday (节假日) from the statutory calendar or the company's additions. */
  readonly isHoliday: boolean
  /** A holiday that is a statutory day proper rather than a shifted rest day (pay at the holiday rate). */
  readonly isStatutory: boolean
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

const statutoryCache = new Map<number, Set<string>>()

/**
 * The statutory holidays proper of a year (法定节假日, paid at the holiday rate), as the State
 * Council's rules define them: 元旦 1-1; 春节 除夕 and 初一–初三 (初一–初三 before 2025); 清明 the
 * solar term's day; 劳动节 5-1 and 5-2 (5-1 before 2025); 端午 and 中秋 their lunar dates; 国庆
 * 10-1 to 10-3. The other days of a break are moved weekends (休息日, paid at the rest-day rate).
 */
export function statutoryDates(year: number): ReadonlySet<string> {
  const cached = statutoryCache.get(year)
  if (cached) return cached
  const y = String(year)
  const from2025 = year >= 2025
  const dates = new Set<string>([`${y}-01-01`, `${y}-05-01`, `${y}-10-01`, `${y}-10-02`, `${y}-10-03`])
  if (from2025) dates.add(`${y}-05-02`)
  const festivals = chineseDays.getLunarFestivals(`${y}-01-01`, `${y}-12-31`)
  const on = (name: string) => festivals.find(f => f.name.includes(name))?.date
  const eve = on('除夕')
  const newYear = on('春节')
  if (newYear) {
    for (let i = 0; i < 3; i++) dates.add(addDays(newYear, i))
    if (from2025 && eve) dates.add(eve)
  }
  for (const name of ['端午节', '中秋节']) {
    const date = on(name)
    if (date) dates.add(date)
  }
  const qingming = chineseDays
    .getSolarTermsInRange(`${y}-03-30`, `${y}-04-10`)
    .find(t => t.term === 'pure_brightness' && t.index === 1)
  if (qingming) dates.add(qingming.date)
  statutoryCache.set(year, dates)
  return dates
}

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
}

/**
 * Builds the calendar of `month` (`YYYY-MM`) with the team's changes. `source` defaults to the
 * built-in `chinese-days` data; pass imported data for a year it does not have yet.
 */
export function monthCalendar(
  month: string,
  changes: HolidayChanges = { add: [], remove: [], workdays: [] },
  source: CalendarData = BUILT_IN,
): MonthCalendar {
  const year = Number(month.slice(0, 4))
  const years = source === BUILT_IN ? BUILT_IN_YEARS : calendarYears(source)
  const warnings: Text[] = []
  if (!years.has(year))
    warnings.push(
      text(
        `CAL-HOLIDAY 日历没有 ${year} 年的法定节假日和调休数据:本月按普通日期处理,请导入 ${year} 年的节假日安排或在 holidays.add / holidays.workdays 中补充。`,
        `CAL-HOLIDAY the calendar has no statutory holidays or make-up workdays for ${year}: this month is treated as ordinary days. Import the ${year} holiday schedule or add them under holidays.add / holidays.workdays.`,
      ),
    )
  const statutory = statutoryDates(year)
  const add = new Set(changes.add)
  const remove = new Set(changes.remove)
  const extraWork = new Set(changes.workdays)
  const days = monthDates(month).map((date): DayInfo => {
    const weekday = isoWeekday(date)
    const isWeekend = weekday >= 6
    const statutoryRaw = remove.has(date) ? undefined : source.holidays[date]
    const isHoliday = statutoryRaw !== undefined || add.has(date)
    const isMakeupWorkday = !isHoliday && (source.workdays[date] !== undefined || extraWork.has(date))
    const name = holidayName(statutoryRaw ?? source.workdays[date])
    return {
      date,
      weekday,
      isWeekend,
      isHoliday,
      // The other days of a break are moved weekends, not statutory days proper.
      isStatutory: statutoryRaw !== undefined && statutory.has(date),
      isMakeupWorkday,
      isRestDay: isHoliday || (isWeekend && !isMakeupWorkday),
      ...(name && (isHoliday || isMakeupWorkday)
        ? { name }
        : add.has(date)
          ? { name: text('公司假日', 'Company holiday') }
          : {}),
    }
  })
  return { days, byDate: new Map(days.map(d => [d.date, d])), warnings }
}
