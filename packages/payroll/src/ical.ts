import {
  addDays,
  monthCalendar,
  shiftTimes,
  text,
  type DayInfo,
  type LeaveKind,
  type MonthFile,
  type Shift,
  type Text,
} from '@paiban/domain'
import { createEvents, type DateArray, type EventAttributes } from 'ics'
import type { DateTime } from 'luxon'
import { LEAVE_NAME } from './columns'

/** Options of {@link agentCalendar}. */
export type CalendarOptions = {
  /** Add the agent's leave days (`L`) as all-day events marked as leave. Default true. */
  readonly includeLeave?: boolean
  /**
   * DTSTAMP of every event (ISO instant). Default: the first day of the month, 00:00 in the team's
   * time zone, so the text is a pure function of the file; the CLI passes the current time so
   * calendar apps see a re-export as newer.
   */
  readonly generatedAt?: string
}

const SHIFT_TITLE: Record<Shift, Text> = {
  D: text('白班', 'Day shift'),
  N: text('夜班', 'Night shift'),
}

/** Both languages side by side, for calendar apps in either language: `白班 Day shift`. */
function both(t: Text): string {
  return `${t.zh} ${t.en}`
}

/** A luxon instant as the UTC date array `ics` takes with `startInputType: 'utc'`. */
function utc(at: DateTime): DateArray {
  const u = at.toUTC()
  return [u.year, u.month, u.day, u.hour, u.minute]
}

function dateArray(date: string): DateArray {
  const [y, m, d] = date.split('-').map(Number)
  return [y ?? 0, m ?? 1, d ?? 1]
}

/**
 * Stable UID of an event, from team, agent, date and cell (`D`, `N`, `L`): re-importing an updated
 * roster updates the events instead of duplicating them. Ids are URI-encoded so `/` cannot collide.
 */
export function eventUid(teamId: string, agentId: string, date: string, cell: Shift | 'L'): string {
  return `${encodeURIComponent(teamId)}/${encodeURIComponent(agentId)}/${date}/${cell}@paiban`
}

function dayNote(day: DayInfo | undefined): string | undefined {
  if (!day) return undefined
  const name = day.name ? `${both(day.name)} · ` : ''
  if (day.isStatutory) return `${name}法定节假日 Statutory holiday`
  if (day.isCompany) return '公司假日(非法定)Company holiday (not statutory)'
  if (day.isHoliday) return `${name}假期休息日 Holiday-break rest day`
  if (day.isMakeupWorkday) return `${name}调休上班日 Make-up workday`
  if (day.isRestDay) return '休息日 Rest day'
  return undefined
}

/** ics folds lines at 75 characters; RFC 5545 §3.1 says 75 octets, which matters for Chinese. */
function foldOctets(line: string): string {
  const parts: string[] = []
  let current = ''
  let octets = 0
  let limit = 75
  for (const ch of line) {
    const cp = ch.codePointAt(0) ?? 0
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
    if (octets + n > limit) {
      parts.push(current)
      current = ''
      octets = 0
      // A continuation line starts with one space, which counts towards its 75 octets.
      limit = 74
    }
    current += ch
    octets += n
  }
  parts.push(current)
  return parts.join('\r\n ')
}

function refold(ics: string): string {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .map(foldOctets)
    .join('\r\n')
}

/**
 * One agent's month as iCalendar text (RFC 5545, `ics`): a VCALENDAR named by X-WR-CALNAME with
 * one VEVENT per worked shift (`D`, `N`) and, unless `includeLeave` is false, an all-day VEVENT per
 * leave day (`L`, CATEGORIES `Leave`). An event starts at the report time (start − handover,
 * HANDOVER: 08:50 for the seed day shift), since phones remind people by DTSTART, and ends at the
 * shift end (the seed night shift ends at 24:00 = 00:00 the next day); the shift's own start is in
 * the title and the DESCRIPTION. Times are the team's wall clock (CAL-TZ, `team.timeZone`),
 * converted with luxon and written in UTC (`…Z`), so every app reads the right instant whatever its
 * own zone. UIDs are {@link eventUid}. Lines are folded at 75 octets.
 *
 * Throws a `RangeError` for an agent id the file does not have (callers check first).
 * @example
 * agentCalendar(file, 'a01')
 * // BEGIN:VCALENDAR … SUMMARY:夜班 Night shift 18:00–24:00 / DTSTART:20261005T095000Z / DTEND:20261005T160000Z …
 */
export function agentCalendar(file: MonthFile, agentId: string, options: CalendarOptions = {}): string {
  const agent = file.agents.find(a => a.id === agentId)
  if (!agent) throw new RangeError(`unknown agent id ${agentId}`)
  const { policy } = file
  const zone = file.team.timeZone
  const calendar = monthCalendar(file.month, file.holidays)
  const row = file.roster?.[agentId] ?? ''
  const firstDay = shiftTimes(`${file.month}-01`, 'D', policy, zone).start.startOf('day')
  const timestamp = options.generatedAt === undefined ? firstDay.toMillis() : Date.parse(options.generatedAt)
  if (!Number.isFinite(timestamp))
    throw new RangeError(`generatedAt: expected an ISO instant, got ${options.generatedAt}`)
  const includeLeave = options.includeLeave ?? true

  const events: Array<EventAttributes & { timestamp: number }> = []
  calendar.days.forEach((day, i) => {
    const cell = row[i]
    const note = dayNote(day)
    if (cell === 'D' || cell === 'N') {
      const t = shiftTimes(day.date, cell, policy, zone)
      const { start, end } = policy.shifts[cell]
      events.push({
        uid: eventUid(file.team.id, agentId, day.date, cell),
        title: `${both(SHIFT_TITLE[cell])} ${start}–${end}`,
        description: [
          `到岗交接 Report for handover: ${t.report.toFormat('HH:mm')} (${policy.handoverMinutes} min)`,
          `班次 Shift: ${start}–${end} (${zone})`,
          ...(note ? [note] : []),
          `${file.team.name} · ${agent.name} (${agent.id})`,
        ].join('\n'),
        start: utc(t.report),
        startInputType: 'utc',
        startOutputType: 'utc',
        end: utc(t.end),
        endInputType: 'utc',
        endOutputType: 'utc',
        status: 'CONFIRMED',
        busyStatus: 'BUSY',
        categories: [both(SHIFT_TITLE[cell])],
        timestamp,
      })
    } else if (cell === 'L' && includeLeave) {
      const kind: LeaveKind | undefined = file.leaves.find(
        l => l.agentId === agentId && l.date === day.date && l.status === 'approved',
      )?.kind
      events.push({
        uid: eventUid(file.team.id, agentId, day.date, 'L'),
        title: `请假 Leave${kind ? `: ${both(LEAVE_NAME[kind])}` : ''}`,
        description: [...(note ? [note] : []), `${file.team.name} · ${agent.name} (${agent.id})`].join('\n'),
        start: dateArray(day.date),
        end: dateArray(addDays(day.date, 1)),
        transp: 'TRANSPARENT',
        busyStatus: 'OOF',
        categories: ['Leave'],
        timestamp,
      })
    }
  })

  const { error, value } = createEvents(events, {
    productId: '-//Paiban//Roster//ZH',
    method: 'PUBLISH',
    calName: `${file.team.name} ${agent.name} ${file.month} 排班 Shifts`,
  })
  if (error || value === null) throw new Error(`iCalendar for ${agentId}: ${error?.message ?? 'no output'}`)
  return refold(value)
}
