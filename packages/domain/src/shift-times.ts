import { DateTime } from 'luxon'
import type { Shift } from './month-file'
import { clockMinutes, type Policy } from './policy'

/**
 * Shift times (SHIFT-DAY, SHIFT-NIGHT, HANDOVER) in the team's time zone (CAL-TZ). A shift's
 * attendance starts `handoverMinutes` before its start (report time); an end at or before the
 * start (the night shift's `24:00`) falls on the next date.
 */
export type ShiftTimes = {
  /** Report time: start − handover (08:50 for the seed day shift). */
  readonly report: DateTime
  readonly start: DateTime
  readonly end: DateTime
}

/**
 * Wall-clock minutes after midnight → the instant on `date` in `zone` (1440 is the next midnight).
 * Calendar days and wall-clock time, not elapsed minutes, so a DST change that day does not move it.
 */
export function localInstant(date: string, minutes: number, zone: string): DateTime {
  const days = Math.floor(minutes / 1440)
  const rest = minutes - days * 1440
  return DateTime.fromISO(date, { zone })
    .plus({ days })
    .set({ hour: Math.floor(rest / 60), minute: rest % 60, second: 0, millisecond: 0 })
}

/** Report, start and end of `shift` on `date` under `policy`, in `zone`. */
export function shiftTimes(date: string, shift: Shift, policy: Policy, zone: string): ShiftTimes {
  const { start, end } = policy.shifts[shift]
  const startMin = clockMinutes(start)
  let endMin = clockMinutes(end)
  if (endMin <= startMin) endMin += 24 * 60
  const startAt = localInstant(date, startMin, zone)
  return {
    report: startAt.minus({ minutes: policy.handoverMinutes }),
    start: startAt,
    end: localInstant(date, endMin, zone),
  }
}

/** Paid attendance of a shift in minutes: its length plus the handover (e.g. 550 for the seed day shift). */
export function attendanceMinutes(shift: Shift, policy: Policy): number {
  const { start, end } = policy.shifts[shift]
  let length = clockMinutes(end) - clockMinutes(start)
  if (length <= 0) length += 24 * 60
  return length + policy.handoverMinutes
}
