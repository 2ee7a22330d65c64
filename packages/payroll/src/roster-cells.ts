import {
  text,
  type Agent,
  type Cell,
  type DayInfo,
  type Job,
  type Lang,
  type MonthFile,
  type Text,
} from '@paiban/domain'
import { JOB_NAME } from '@paiban/rules'

/**
 * What the roster sheet, its import and the printed roster share: the letter and colour of each
 * cell, the weekday and day-type marks of a date, and the order of the rows (grouped by job, then
 * team leader).
 */

/** A decided roster cell (`?` is never exported). */
export type SheetCell = Exclude<Cell, '?'>

/** The letter a sheet shows for a cell: 白/夜/休/假 in Chinese, D/N/-/L in English. */
export const CELL_LETTER: Record<SheetCell, Text> = {
  D: text('白', 'D'),
  N: text('夜', 'N'),
  '-': text('休', '-'),
  L: text('假', 'L'),
}

/** What each letter means, for the legend. */
export const CELL_MEANING: Record<SheetCell, Text> = {
  D: text('白班', 'day shift'),
  N: text('夜班', 'night shift'),
  '-': text('休息', 'rest day'),
  L: text('请假', 'leave'),
}

/** Cell fill (ARGB) per cell kind; rest days take the column's day-type fill instead. */
export const CELL_FILL: Record<SheetCell, string | undefined> = {
  D: 'FFFFF2CC',
  N: 'FFD9E1F2',
  '-': undefined,
  L: 'FFE2EFDA',
}

/** Column fills (ARGB) by day type: statutory holiday, other rest day (weekend, break), 调休 workday. */
export const DAY_FILL = {
  holiday: 'FFF8CBAD',
  rest: 'FFEDEDED',
  makeup: 'FFFFE699',
} as const

/** Which of {@link DAY_FILL} a date takes, or undefined for an ordinary workday. */
export function dayKind(day: DayInfo | undefined): keyof typeof DAY_FILL | undefined {
  if (!day) return undefined
  if (day.isHoliday) return 'holiday'
  if (day.isMakeupWorkday) return 'makeup'
  if (day.isRestDay) return 'rest'
  return undefined
}

const WEEKDAY: readonly Text[] = [
  text('一', 'Mon'),
  text('二', 'Tue'),
  text('三', 'Wed'),
  text('四', 'Thu'),
  text('五', 'Fri'),
  text('六', 'Sat'),
  text('日', 'Sun'),
]

/** Weekday label of a calendar day: 一 … 日 / Mon … Sun. */
export function weekdayLabel(day: DayInfo, lang: Lang): string {
  return WEEKDAY[day.weekday - 1]?.[lang] ?? ''
}

/**
 * Day-type mark under the weekday: 节 a statutory holiday, 休 another holiday day (a break day, a
 * company holiday), 班 a 调休 make-up workday; ordinary days and plain weekends have none.
 */
export function dayMark(day: DayInfo | undefined, lang: Lang): string {
  if (!day) return ''
  if (day.isHoliday) return lang === 'zh' ? (day.isStatutory ? '节' : '休') : day.isStatutory ? 'H' : 'off'
  if (day.isMakeupWorkday) return lang === 'zh' ? '班' : 'work'
  return ''
}

/** One group of rows: a job and a team leader, with the agents in file order. */
export type RosterGroup = {
  readonly job: Job
  /** The team leader's id (agents without one are grouped under `''`). */
  readonly leaderId: string
  readonly agents: readonly Agent[]
}

/**
 * The agents grouped by job (phone, chat, e-mail) and then team leader (in the order leaders first
 * appear in the file); within a group the leader first, then file order.
 * @example rosterGroups(file).map(g => `${g.job}/${g.leaderId}`) // ['phone/a01', 'phone/a08', 'chat/a01', …]
 */
export function rosterGroups(file: MonthFile): RosterGroup[] {
  const jobs: Job[] = ['phone', 'chat', 'email']
  const leaders = [...new Set(file.agents.map(a => a.teamLeaderId ?? ''))]
  const groups: RosterGroup[] = []
  for (const job of jobs)
    for (const leaderId of leaders) {
      const agents = file.agents
        .filter(a => a.job === job && (a.teamLeaderId ?? '') === leaderId)
        .sort((a, b) => Number(b.id === leaderId) - Number(a.id === leaderId))
      if (agents.length > 0) groups.push({ job, leaderId, agents })
    }
  return groups
}

/** A group's heading: `电话 · 朱军组` / `phone · Zhu Jun's group`. */
export function groupLabel(file: MonthFile, group: RosterGroup, lang: Lang): string {
  const leader = file.agents.find(a => a.id === group.leaderId)?.name ?? group.leaderId
  const job = JOB_NAME[group.job][lang]
  if (leader === '') return job
  return lang === 'zh' ? `${job} · ${leader}组` : `${job} · ${leader}'s group`
}
