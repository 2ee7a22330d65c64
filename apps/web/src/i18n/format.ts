import type { Lang, Text } from '@paiban/domain'
import { DICT, type TextKey } from './dict'

/** Values for a text's `{placeholders}`. */
export type Vars = Readonly<Record<string, string | number>>

/** The text of `key` in `lang`, placeholders filled. */
export function translate(lang: Lang, key: TextKey, vars?: Vars): string {
  const template: string = DICT[key][lang]
  if (!vars) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}

/** A bilingual text from the domain (holiday names, rule messages) in `lang`. */
export function pick(text: Text, lang: Lang): string {
  return text[lang]
}

const WEEKDAYS_ZH = ['一', '二', '三', '四', '五', '六', '日']
const WEEKDAYS_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const MONTHS_EN_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** ISO weekday 1 (Monday) … 7 (Sunday) of a `YYYY-MM-DD` date. */
export function isoWeekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay()
  return d === 0 ? 7 : d
}

/** The weekday as a column header shows it: 一 … 日 / Mon … Sun. */
export function weekdayShort(date: string, lang: Lang): string {
  const i = isoWeekdayOf(date) - 1
  return (lang === 'zh' ? WEEKDAYS_ZH[i] : WEEKDAYS_EN[i]) ?? ''
}

/** 周一 … 周日 / Monday-style short names. */
export function weekdayName(date: string, lang: Lang): string {
  return lang === 'zh' ? `周${weekdayShort(date, lang)}` : weekdayShort(date, lang)
}

/** The seven weekday names, Monday first: 周一 … 周日 / Mon … Sun. */
export function weekdayNames(lang: Lang): string[] {
  return (lang === 'zh' ? WEEKDAYS_ZH.map(d => `周${d}`) : WEEKDAYS_EN).slice()
}

/** 12月3日 周四 / Thu 3 Dec. */
export function dateLabel(date: string, lang: Lang): string {
  const m = Number(date.slice(5, 7))
  const d = Number(date.slice(8, 10))
  return lang === 'zh'
    ? `${m}月${d}日 ${weekdayName(date, lang)}`
    : `${weekdayName(date, lang)} ${d} ${MONTHS_EN[m - 1]}`
}

/** 2026年12月 / December 2026. */
export function monthLabel(month: string, lang: Lang): string {
  const y = month.slice(0, 4)
  const m = Number(month.slice(5, 7))
  return lang === 'zh' ? `${y}年${m}月` : `${MONTHS_EN_LONG[m - 1]} ${y}`
}

/** A local date-time for people: 2026-12-01 09:30. */
export { localTimeLabel as instantLabel } from '@paiban/domain'
