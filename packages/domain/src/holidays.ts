import chineseDays from 'chinese-days'
import { z } from 'zod'
import { addDays, ISO_DATE, isRealDate, isoWeekday } from './dates'
import { text, type Text } from './text'

/**
 * CAL-HOLIDAY, the law: the statutory holiday days (法定节假日) of any year follow from the
 * Gregorian, lunar and solar-term calendars under the State Council's 《全国年节及纪念日放假办法》
 * in force on each date. The lunar dates and the 清明 solar term come from `chinese-days`' own
 * calendar functions (1900–2100), not from a table of years. The year's arrangement (break days
 * and 调休 make-up workdays) is announced each autumn and imported as `paiban.holidays/1`.
 */

/** The seven festivals of the law, with the names `chinese-days`' data uses. */
export const FESTIVALS = {
  newYear: text('元旦', "New Year's Day"),
  springFestival: text('春节', 'Spring Festival'),
  qingming: text('清明', 'Tomb-sweeping Day'),
  labourDay: text('劳动节', 'Labour Day'),
  dragonBoat: text('端午', 'Dragon Boat Festival'),
  midAutumn: text('中秋', 'Mid-autumn Festival'),
  nationalDay: text('国庆节', 'National Day'),
} as const satisfies Record<string, Text>

/** The days each festival gives under one version of the law. */
type Era = {
  /** First date the version is in force. */
  readonly from: string
  /** The order that made it, for messages and docs. */
  readonly order: string
  /** 春节: include 除夕 (lunar New Year's Eve); the days after 初一 (2 = 初一…初三). */
  readonly springEve: boolean
  readonly springAfter: number
  /** 劳动节: days from 5-1. */
  readonly labourDays: number
  /** 国庆: days from 10-1. */
  readonly nationalDays: number
  /** 清明, 端午 and 中秋 are statutory. */
  readonly traditional: boolean
}

/** The versions of the law, oldest first; each holds from its `from` date until the next one. */
const ERAS: readonly Era[] = [
  // 政务院 1949: 元旦 1, 春节 3, 劳动节 1, 国庆 2.
  {
    from: '1949-12-23',
    order: '政务院1949',
    springEve: false,
    springAfter: 2,
    labourDays: 1,
    nationalDays: 2,
    traditional: false,
  },
  // Order 270 (1999-09-18): 劳动节 and 国庆 three days each.
  {
    from: '1999-09-18',
    order: '国务院令第270号',
    springEve: false,
    springAfter: 2,
    labourDays: 3,
    nationalDays: 3,
    traditional: false,
  },
  // Order 513 (2008): 除夕, 初一, 初二; 劳动节 1; 清明, 端午, 中秋 added.
  {
    from: '2008-01-01',
    order: '国务院令第513号',
    springEve: true,
    springAfter: 1,
    labourDays: 1,
    nationalDays: 3,
    traditional: true,
  },
  // Order 644 (2014): 初一…初三 instead of 除夕…初二.
  {
    from: '2014-01-01',
    order: '国务院令第644号',
    springEve: false,
    springAfter: 2,
    labourDays: 1,
    nationalDays: 3,
    traditional: true,
  },
  // Order 795 (2025): 除夕 and 5-2 added, 13 days in all.
  {
    from: '2025-01-01',
    order: '国务院令第795号',
    springEve: true,
    springAfter: 2,
    labourDays: 2,
    nationalDays: 3,
    traditional: true,
  },
]

function eraOn(date: string): Era | undefined {
  let found: Era | undefined
  for (const era of ERAS) if (era.from <= date) found = era
  return found
}

/**
 * Lunar 春节 (正月初一), 端午 (五月初五) and 中秋 (八月十五) of the lunar year that starts in Gregorian
 * `year` (all three fall in it). A leap month's twin is not the festival: the regular month's date.
 */
function lunarDates(year: number): { newYear?: string; dragonBoat?: string; midAutumn?: string } {
  const on = (monthDay: string) => chineseDays.getSolarDateFromLunar(`${year}-${monthDay}`).date
  return { newYear: on('01-01'), dragonBoat: on('05-05'), midAutumn: on('08-15') }
}

/** 清明: the day of the solar term 清明 (pure brightness), 4-4 … 4-6. */
function qingmingDate(year: number): string {
  return chineseDays.getSolarTermDate(year, 4, 'pure_brightness')
}

const statutoryCache = new Map<number, ReadonlyMap<string, Text>>()

/**
 * CAL-HOLIDAY: the statutory holiday days proper of `year` (paid at the holiday rate, 300 % by
 * default), each with its festival's name, under the law in force on that date: from 2025 (Order
 * 795) 元旦 1-1; 春节 除夕 and 初一…初三; 清明 (the solar term); 劳动节 5-1, 5-2; 端午 (五月初五);
 * 中秋 (八月十五); 国庆 10-1…10-3. Earlier years follow Orders 644 (2014), 513 (2008) and 270 (1999).
 * Two festivals on one date (中秋 on 10-1 in 2020) give one date. Years 1950–2100.
 * @example statutoryDays(2027).get('2027-02-05') // { zh: '春节', en: 'Spring Festival' } (除夕)
 */
export function statutoryDays(year: number): ReadonlyMap<string, Text> {
  const cached = statutoryCache.get(year)
  if (cached) return cached
  const days = new Map<string, Text>()
  const put = (date: string | undefined, name: Text) => {
    if (date !== undefined && date.startsWith(`${year}-`) && eraOn(date) && !days.has(date))
      days.set(date, name)
  }
  const y = String(year)
  const fixed = (md: string, count: number, name: Text) => {
    for (let i = 0; i < count; i++) put(addDays(`${y}-${md}`, i), name)
  }
  fixed('01-01', 1, FESTIVALS.newYear)
  const lunar = lunarDates(year)
  if (lunar.newYear) {
    const era = eraOn(lunar.newYear)
    if (era?.springEve) put(addDays(lunar.newYear, -1), FESTIVALS.springFestival)
    for (let i = 0; i <= (era?.springAfter ?? 0); i++)
      put(addDays(lunar.newYear, i), FESTIVALS.springFestival)
  }
  const labour = eraOn(`${y}-05-01`)
  if (labour) fixed('05-01', labour.labourDays, FESTIVALS.labourDay)
  if (eraOn(`${y}-04-01`)?.traditional) {
    put(qingmingDate(year), FESTIVALS.qingming)
    put(lunar.dragonBoat, FESTIVALS.dragonBoat)
  }
  if (lunar.midAutumn && eraOn(lunar.midAutumn)?.traditional) put(lunar.midAutumn, FESTIVALS.midAutumn)
  const national = eraOn(`${y}-10-01`)
  if (national) fixed('10-01', national.nationalDays, FESTIVALS.nationalDay)
  const sorted = new Map([...days].sort(([a], [b]) => (a < b ? -1 : 1)))
  statutoryCache.set(year, sorted)
  return sorted
}

/** The statutory holiday dates of `year` ({@link statutoryDays} without the names). */
export function statutoryDates(year: number): ReadonlySet<string> {
  return new Set(statutoryDays(year).keys())
}

/** The format id of a holiday arrangement file (spec/formats.md §3). */
export const HOLIDAYS_FORMAT = 'paiban.holidays/1'

const DateSchema = z.string().regex(ISO_DATE, 'expected a date YYYY-MM-DD').refine(isRealDate, 'no such date')

const HolidayArrangementObject = z.object({
  format: z.literal(HOLIDAYS_FORMAT, { message: `expected ${HOLIDAYS_FORMAT}` }),
  /** The Gregorian year the arrangement is for. */
  year: z.number().int().min(1950).max(2100),
  /** Days off around the holidays that are not statutory (paid as rest days). */
  breaks: z.array(DateSchema).default([]),
  /** 调休: weekend days that are working days. */
  workdays: z.array(DateSchema).default([]),
  /** Optional: if given, must equal the computed statutory days of `year`. */
  statutory: z.array(DateSchema).optional(),
  /** Where the arrangement comes from, e.g. 国务院办公厅关于2027年部分节假日安排的通知. */
  source: z.string().min(1),
})

type Issue = { path: Array<string | number>; message: string }

/** Cross-field checks of an arrangement; each issue names the list, the index and the date. */
function arrangementIssues(a: z.output<typeof HolidayArrangementObject>): Issue[] {
  const issues: Issue[] = []
  const statutory = statutoryDays(a.year)
  const seen = new Map<string, string>()
  const lists = [
    ['breaks', a.breaks],
    ['workdays', a.workdays],
    ['statutory', a.statutory ?? []],
  ] as const
  for (const [list, dates] of lists)
    dates.forEach((date, i) => {
      const path = [list, i]
      if (!date.startsWith(`${a.year}-`)) {
        issues.push({ path, message: `${date} is not in ${a.year}` })
        return
      }
      const other = seen.get(date)
      if (other !== undefined && other !== list) issues.push({ path, message: `${date} is in ${other} too` })
      seen.set(date, list)
      const name = statutory.get(date)
      if (list !== 'statutory' && name)
        issues.push({
          path,
          message: `${date} is a statutory holiday (${name.zh} ${name.en}), not a ${list === 'breaks' ? 'break day' : 'workday'}`,
        })
      if (list === 'workdays' && isoWeekday(date) < 6)
        issues.push({ path, message: `${date} is a weekday: 调休 make-up workdays are weekend days` })
      if (list === 'statutory' && !name)
        issues.push({
          path,
          message: `${date} is not a statutory holiday of ${a.year} (the law gives ${[...statutory.keys()].join(', ')})`,
        })
    })
  if (a.statutory) {
    const listed = new Set(a.statutory)
    for (const [date, name] of statutory)
      if (!listed.has(date))
        issues.push({
          path: ['statutory'],
          message: `${date} (${name.zh} ${name.en}) is missing: the list must equal the computed statutory days`,
        })
  }
  return issues
}

/**
 * A year's holiday arrangement `paiban.holidays/1` (spec/formats.md §3): break days and 调休
 * make-up workdays on top of the computed statutory days. A date outside `year`, in two lists, a
 * break or workday that is statutory, a workday on a weekday, or a `statutory` list that differs
 * from the computed days is refused naming the field and the date.
 */
export const HolidayArrangementSchema = HolidayArrangementObject.superRefine((a, ctx) => {
  for (const issue of arrangementIssues(a)) ctx.addIssue({ code: 'custom', ...issue })
})
/** A parsed holiday arrangement. */
export type HolidayArrangement = z.output<typeof HolidayArrangementSchema>
/** A holiday arrangement as written. */
export type HolidayArrangementInput = z.input<typeof HolidayArrangementSchema>
