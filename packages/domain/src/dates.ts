import { DateTime } from 'luxon'

/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`) and months (`YYYY-MM`). Dates here are
 * wall-calendar days of the team's time zone (CAL-TZ), so no zone is involved.
 */

/** ISO date pattern `YYYY-MM-DD`. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
/** ISO month pattern `YYYY-MM`. */
export const ISO_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

function day(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: 'utc' })
}

/** True when `iso` is a real calendar date (rejects 2026-02-30). */
export function isRealDate(iso: string): boolean {
  return ISO_DATE.test(iso) && day(iso).isValid
}

/** Number of days in a month `YYYY-MM`. */
export function daysInMonth(month: string): number {
  return day(`${month}-01`).daysInMonth ?? 0
}

/** Every date of a month, in order. */
export function monthDates(month: string): string[] {
  const n = daysInMonth(month)
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`)
}

/** `iso` shifted by `n` days (negative goes back). */
export function addDays(iso: string, n: number): string {
  return day(iso).plus({ days: n }).toISODate() ?? iso
}

/** Days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round(day(b).diff(day(a), 'days').days)
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: string): number {
  return day(iso).weekday
}

/** The month `YYYY-MM` a date belongs to. */
export function monthOf(iso: string): string {
  return iso.slice(0, 7)
}

/** Short weekday keys used by the month file's coverage (`mon` … `sun`). */
export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
/** A weekday key of the month file. */
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number]

/** The weekday key (`mon` … `sun`) of a date. */
export function weekdayKey(iso: string): WeekdayKey {
  return WEEKDAY_KEYS[isoWeekday(iso) - 1] ?? 'mon'
}
