import { DateTime } from 'luxon'

/**
 * Instants seen from a team's time zone (CAL-TZ): today's month, "now" as a month-file instant, and
 * an instant as a local wall-clock label. Luxon does the zone arithmetic (DST-safe).
 */

/** The month `YYYY-MM` it is at `now` in `zone`. @example monthIn('Asia/Shanghai', new Date('2026-12-31T17:00:00Z')) // '2027-01' */
export function monthIn(zone: string, now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone }).toFormat('yyyy-MM')
}

/** The month after `month` (`YYYY-MM`). @example nextMonth('2026-12') // '2027-01' */
export function nextMonth(month: string): string {
  return DateTime.fromISO(`${month}-01`, { zone: 'utc' }).plus({ months: 1 }).toFormat('yyyy-MM')
}

/**
 * `now` as an ISO instant with the zone's offset, to the second — what a month file's
 * `submittedAt` holds. @example instantIn('Asia/Shanghai', new Date('2026-12-01T01:30:00Z')) // '2026-12-01T09:30:00+08:00'
 */
export function instantIn(zone: string, now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone }).startOf('second').toISO({ suppressMilliseconds: true }) ?? ''
}

/** An ISO instant as wall-clock `YYYY-MM-DD HH:mm` in `zone`. @example localTimeLabel('2026-12-01T01:30:00Z', 'Asia/Shanghai') // '2026-12-01 09:30' */
export function localTimeLabel(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { setZone: true }).setZone(zone).toFormat('yyyy-MM-dd HH:mm')
}
