import { z } from 'zod'

/**
 * A team's policy: every numeric setting of spec/rules.md. Each field's `.default()` is the seed
 * policy, so `PolicySchema.parse({})` is the seed policy and a month file's `policy` holds only
 * overrides. Times are local wall-clock `HH:MM` of the team's time zone (CAL-TZ); `24:00` is
 * midnight at the end of the date.
 */

const Clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time HH:MM between 00:00 and 24:00')

/** Minutes after midnight of a `HH:MM` clock time (`24:00` → 1440). */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

const ShiftTimeSchema = z.object({
  /** Start of the shift, `HH:MM`. */
  start: Clock,
  /** End of the shift, `HH:MM`; an end at or before the start ends on the next day. */
  end: Clock,
})

/**
 * Which holidays a rule counts (rules.md: one meaning of "holiday" per rule): `statutory` the
 * statutory days proper, `break` those and the break days of the year's arrangement, `all` those
 * and the company days (`holidays.add`).
 */
export const HolidaySetSchema = z.enum(['statutory', 'break', 'all'])
/** A set of holidays a rule counts. */
export type HolidaySet = z.infer<typeof HolidaySetSchema>

const LevelSchema = z.enum(['trainee', 'junior', 'intermediate', 'senior', 'reserve'])

export const PolicySchema = z
  .object({
    shifts: z
      .object({
        /** SHIFT-DAY 早班/白班. Default 09:00–18:00. */
        D: ShiftTimeSchema.default({ start: '09:00', end: '18:00' }),
        /** SHIFT-NIGHT 晚班/夜班. Default 18:00–24:00. */
        N: ShiftTimeSchema.default({ start: '18:00', end: '24:00' }),
      })
      .prefault({}),
    /** HANDOVER: minutes an incoming shift reports before its start. Default 10. */
    handoverMinutes: z.number().int().min(0).max(120).default(10),
    rest: z
      .object({
        /** REST-6-1: most worked days in a row ("work six, rest one"). Default 6. */
        maxConsecutiveDays: z.number().int().min(1).max(30).default(6),
        /** REST-GAP: least hours from a shift's end to the next shift's report time. Default 8. */
        minRestHours: z.number().min(0).max(48).default(8),
      })
      .prefault({}),
    lead: z
      .object({
        /** COVER-LEAD: leads needed on every staffed shift. Default 1. */
        minPerShift: z.number().int().min(0).default(1),
        /** COVER-LEAD: levels that count as a lead besides team leaders. Default senior, reserve. */
        levels: z.array(LevelSchema).default(['senior', 'reserve']),
      })
      .prefault({}),
    swap: z
      .object({
        /** SWAP-MAX: swaps per agent per calendar month. Default 2. */
        maxPerMonth: z.number().int().min(0).default(2),
        /** SWAP-CONSEC: forbid swaps on adjacent dates and re-swapping a swapped shift. Default on. */
        forbidConsecutive: z.boolean().default(true),
        /** SWAP-PEER: most steps between the two agents' levels. Default 1. */
        maxLevelGap: z.number().int().min(0).max(4).default(1),
        /** SWAP-HOLIDAY: statutory-holiday shifts cannot be swapped. Default on. */
        forbidOnHolidays: z.boolean().default(true),
        /** SWAP-HOLIDAY: which holidays it bans swaps on. Default `statutory` (not the whole break). */
        holidayDays: HolidaySetSchema.default('statutory'),
      })
      .prefault({}),
    leave: z
      .object({
        /** LEAVE-NIGHT: latest local time on the shift's date to ask for night leave. Default 12:00. */
        nightCutoff: Clock.default('12:00'),
        /** LEAVE-HOLIDAY: days before the report time to ask for holiday leave. Default 2. */
        holidayNoticeDays: z.number().min(0).default(2),
        /** LEAVE-HOLIDAY: which holidays it restricts leave on. Default `statutory`. */
        holidayDays: HolidaySetSchema.default('statutory'),
        /** LEAVE-NOTICE: hours before the report time for ordinary personal leave. Default 24. */
        noticeHours: z.number().min(0).default(24),
        /** LEAVE-NOTICE: hours before the report time for urgent personal leave. Default 2 (variant 1). */
        urgentNoticeHours: z.number().min(0).default(2),
        /** LEAVE-APPROVER: a request of more days than this needs the manager. Default 3 (variant 1). */
        supervisorMaxDays: z.number().int().min(0).default(3),
      })
      .prefault({}),
    requests: z
      .object({
        /** Hours a request may wait at one step before it shows in the supervisor's inbox. Default 24. */
        escalateAfterHours: z.number().min(0).default(24),
      })
      .prefault({}),
    attendance: z
      .object({
        /** ATTEND-LATE: minutes late (or away) that count as absence. Default 20. */
        absentAfterMinutes: z.number().int().min(1).default(20),
        /** ATTEND-EARLY: minutes before the shift's end a departure counts as absence. Default 20. */
        earlyAbsentAfterMinutes: z.number().int().min(1).default(20),
        /**
         * ATTEND-DISCIPLINE: minutes late or early that are tolerated before a lateness or early
         * leave is a breach. Default 0 (做到不迟到,不早退: every minute counts).
         */
        graceMinutes: z.number().int().min(0).default(0),
        /** OT-EXTEND: overtime minutes are counted from this many past the shift's end. Default 1. */
        overtimeFromMinutes: z.number().int().min(1).default(1),
      })
      .prefault({}),
    discipline: z
      .object({
        /** ATTEND-DISCIPLINE: share of the month's bonus each breach costs (0.5 = 50 %). Default 0.5. */
        bonusSharePerBreach: z.number().min(0).max(1).default(0.5),
        /** ATTEND-DISCIPLINE: the breach of a month that brings a warning (累计三次). Default 3. */
        warningAt: z.number().int().min(1).default(3),
      })
      .prefault({}),
    swapNotice: z
      .object({
        /** SWAP-NOTICE: shifts before the changed shift a swap is asked for (提前一班). Default 1. */
        shifts: z.number().int().min(0).max(4).default(1),
      })
      .prefault({}),
    fairness: z
      .object({
        /** FAIR-NIGHT: allowed max − min nights among night-eligible agents of a job. Default 1. */
        nightSpread: z.number().int().min(0).default(1),
        /** FAIR-WEEKEND: allowed max − min weekend/holiday shifts among agents of a job. Default 1. */
        weekendSpread: z.number().int().min(0).default(1),
        /** FAIR-WEEKEND: which holidays count with the weekends. Default `all` (break and company days are rest-day-like). */
        holidayDays: HolidaySetSchema.default('all'),
        /** Penalty per night above the allowed spread. Default 5. */
        nightWeight: z.number().min(0).default(5),
        /** Penalty per weekend/holiday shift above the allowed spread. Default 3. */
        weekendWeight: z.number().min(0).default(3),
        /** REST-ROTATE: penalty for an agent with no weekend rest day in the month. Default 2. */
        rotateWeight: z.number().min(0).default(2),
        /** CONTRACT: penalty per day away from an agent's contract days. Default 2. */
        contractWeight: z.number().min(0).default(2),
        /** WISH-*: weight of a wish that gives none. Default 1. */
        wishWeight: z.number().min(0).default(1),
      })
      .prefault({}),
    pay: z
      .object({
        /** Overtime multiplier for extended hours. Default 1.5. */
        overtime: z.number().min(1).default(1.5),
        /** Multiplier for work on a rest day. Default 2. */
        restDay: z.number().min(1).default(2),
        /** Multiplier for work on a statutory holiday. Default 3. */
        holiday: z.number().min(1).default(3),
        /** §7: monthly base pay by level in CNY (the source's example amounts). */
        base: z
          .object({
            trainee: z.number().min(0).default(1800),
            junior: z.number().min(0).default(2200),
            intermediate: z.number().min(0).default(2500),
            senior: z.number().min(0).default(3000),
            reserve: z.number().min(0).default(4000),
          })
          .prefault({}),
        /**
         * ATTEND-DISCIPLINE: the month's bonus in CNY that breaches deduct from. Default 0 (the
         * source names no amount; the payroll shows the deducted share either way).
         */
        monthlyBonus: z.number().min(0).default(0),
      })
      .prefault({}),
    coverDemand: z
      .object({
        /** COVER-DEMAND: derive requirements from forecast volume with Erlang C. Default off. */
        enabled: z.boolean().default(false),
        /** Share of contacts answered within `answerSeconds`. Default 0.95. */
        serviceLevel: z.number().min(0).max(1).default(0.95),
        /** Target answer time in seconds. Default 30. */
        answerSeconds: z.number().min(1).default(30),
      })
      .prefault({}),
  })
  .prefault({})

/** A complete policy (every default filled in). */
export type Policy = z.output<typeof PolicySchema>
/** A policy as written in a month file: any subset of the settings. */
export type PolicyInput = z.input<typeof PolicySchema>

/** The seed policy of spec/rules.md. */
export const SEED_POLICY: Policy = PolicySchema.parse({})
