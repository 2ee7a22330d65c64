import { IANAZone } from 'luxon'
import { z } from 'zod'
import { ISO_DATE, ISO_MONTH, daysInMonth, isRealDate, WEEKDAY_KEYS } from './dates'
import { HolidayArrangementSchema } from './holidays'
import { PolicySchema } from './policy'

/**
 * The month file `paiban.month/1` (spec/formats.md §1): the CLI's input and output, the web app's
 * import/export, and the fixtures' format. Unknown fields are kept out; cross-field checks (roster
 * length, known agent ids, real dates) name the field path so a person can fix the file.
 */

/** A calendar date `YYYY-MM-DD` that exists. */
export const IsoDateSchema = z
  .string()
  .regex(ISO_DATE, 'expected a date YYYY-MM-DD')
  .refine(isRealDate, 'no such date')
/** An instant, ISO 8601 with an offset (`2026-12-09T10:30:00+08:00`). */
export const InstantSchema = z.iso.datetime({
  offset: true,
  message: 'expected an ISO date-time with offset',
})

export const JobSchema = z.enum(['phone', 'chat', 'email'])
/** A job (工种): phone, online chat, e-mail. */
export type Job = z.infer<typeof JobSchema>
/** Every job, in display order. */
export const JOBS = JobSchema.options

export const LevelSchema = z.enum(['trainee', 'junior', 'intermediate', 'senior', 'reserve'])
/** Skill level, lowest first (新客服 … 储备主管). */
export type Level = z.infer<typeof LevelSchema>
/** Every level, lowest first: a level's index is its step for SWAP-PEER. */
export const LEVELS = LevelSchema.options

export const ShiftSchema = z.enum(['D', 'N'])
/** A shift type: `D` day (早班) or `N` night (晚班). */
export type Shift = z.infer<typeof ShiftSchema>
/** Both shift types, in the order of a day. */
export const SHIFTS = ShiftSchema.options

/** One roster cell: a shift, `-` rest, `L` approved leave, `?` undecided (generate's input only). */
export type Cell = 'D' | 'N' | '-' | 'L' | '?'
const ROSTER_CHARS = /^[DNL?-]*$/
const HISTORY_CHARS = /^[DNL-]*$/

export const AgentSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  job: JobSchema,
  level: LevelSchema,
  role: z.enum(['agent', 'teamLeader']).default('agent'),
  /** The agent's own team leader (a team leader names themself). */
  teamLeaderId: z.string().min(1).optional(),
  /** false: never on the night shift (SHIFT-NIGHT). Default true. */
  nights: z.boolean().default(true),
  /** CONTRACT: target worked days this month. */
  contractDays: z.number().int().min(0).max(31).optional(),
})
export type Agent = z.output<typeof AgentSchema>

const JobCountSchema = z.partialRecord(JobSchema, z.number().int().min(0))
const ShiftNeedSchema = z.partialRecord(ShiftSchema, JobCountSchema)
/** Requirement of one shift by job; jobs it omits need 0. */
export type JobCount = z.infer<typeof JobCountSchema>

export const CoverageSchema = z.object({
  default: ShiftNeedSchema.default({}),
  weekday: z.partialRecord(z.enum(WEEKDAY_KEYS), ShiftNeedSchema).optional(),
  dates: z.record(IsoDateSchema, ShiftNeedSchema).optional(),
})
export type Coverage = z.output<typeof CoverageSchema>

export const HolidayChangesSchema = z.object({
  /** Company holidays added to the statutory calendar: company days, not statutory (rest-day pay). */
  add: z.array(IsoDateSchema).default([]),
  /** Statutory holidays the company works as ordinary days. */
  remove: z.array(IsoDateSchema).default([]),
  /** Extra make-up workdays (调休). */
  workdays: z.array(IsoDateSchema).default([]),
  /**
   * Optional: the year's arrangement `paiban.holidays/1` (formats.md §3) for the month's year, as
   * the server hands it out or `--holidays FILE` reads it; it wins over the built-in data.
   */
  arrangement: HolidayArrangementSchema.optional(),
})
export type HolidayChanges = z.output<typeof HolidayChangesSchema>

export const WishSchema = z.object({
  agentId: z.string().min(1),
  date: IsoDateSchema,
  want: z.enum(['off', 'D', 'N']),
  weight: z.number().min(0).optional(),
})
export type Wish = z.output<typeof WishSchema>

export const ApprovalSchema = z.object({
  by: z.string().min(1),
  role: z.enum(['counterpart', 'teamLeader', 'supervisor', 'manager']),
  at: InstantSchema.optional(),
  /**
   * Recorded by import: the login of the person who imported a month file carrying this approval
   * (the approver did not give it through their own sign-in). Set by the server, never trusted
   * from a file. A supervisor's or manager's approval recorded so counts only once `confirmedAt`
   * says that person's sign-in confirmed it (LEAVE-APPROVER, SWAP-APPROVAL).
   */
  recordedBy: z.string().min(1).optional(),
  /** When the approver's own sign-in confirmed an approval recorded by import. */
  confirmedAt: InstantSchema.optional(),
})
export type Approval = z.output<typeof ApprovalSchema>

export const LeaveKindSchema = z.enum(['personal', 'sick', 'annual', 'marriage', 'bereavement'])
export type LeaveKind = z.infer<typeof LeaveKindSchema>

export const LeaveSchema = z.object({
  id: z.string().min(1).default('request'),
  agentId: z.string().min(1),
  date: IsoDateSchema,
  shift: ShiftSchema,
  kind: LeaveKindSchema,
  urgent: z.boolean().default(false),
  certificate: z.boolean().default(false),
  requestId: z.string().min(1).optional(),
  submittedAt: InstantSchema,
  by: z.string().min(1),
  status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
  approvals: z.array(ApprovalSchema).default([]),
})
export type Leave = z.output<typeof LeaveSchema>

export const SwapSchema = z.object({
  id: z.string().min(1).default('request'),
  requester: z.string().min(1),
  counterpart: z.string().min(1),
  /** The requester gives up this date's shift and the counterpart works it. */
  date: IsoDateSchema,
  /** 还班: the requester works the counterpart's shift on this date. */
  returnDate: IsoDateSchema.optional(),
  submittedAt: InstantSchema,
  status: z.enum(['pending', 'approved', 'rejected', 'cancelled']).default('pending'),
  approvals: z.array(ApprovalSchema).default([]),
})
export type Swap = z.output<typeof SwapSchema>

export const PersonSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  role: z.enum(['supervisor', 'manager', 'hr']),
})
export type Person = z.output<typeof PersonSchema>

/**
 * HANDOVER-LOG (交接本): the outgoing shift's log, written by its lead for the shift of `date`;
 * the incoming shift's lead acknowledges it at roll call.
 */
export const HandoverSchema = z.object({
  date: IsoDateSchema,
  /** The outgoing shift. */
  shift: ShiftSchema,
  /** The outgoing lead who wrote it. */
  by: z.string().min(1),
  writtenAt: InstantSchema.optional(),
  /** 设备情况: equipment. */
  equipment: z.string().max(2000).default(''),
  /** 疑难问题: open problems. */
  problems: z.string().max(2000).default(''),
  /** 人员调班情况: that day's swaps (filled in from the swaps of the day). */
  swaps: z.string().max(2000).default(''),
  /** The incoming lead who read it at roll call, and when. */
  acknowledgedBy: z.string().min(1).optional(),
  acknowledgedAt: InstantSchema.optional(),
})
export type Handover = z.output<typeof HandoverSchema>

/** A local wall-clock time `HH:MM` (00:00–24:00) of the team's time zone. */
const ClockSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time HH:MM between 00:00 and 24:00')

/**
 * Optional extension: what happened at a shift (ATTEND-RECORD), written by the team leader on duty
 * or imported from the time clock. Every field but `agentId` and `date` is optional, so a file of
 * the first shape (`lateMinutes`, `awayMinutes` only) stays valid. Times are wall-clock `HH:MM` on
 * the record's date; a time more than 6 hours before the shift's report time is read as the next
 * date (`leftAt: "00:40"` after a night shift that customers kept open), see `attendanceFacts`.
 */
export const AttendanceSchema = z.object({
  agentId: z.string().min(1),
  date: IsoDateSchema,
  /** The shift recorded; default: the agent's roster cell on `date`. */
  shift: ShiftSchema.optional(),
  /** Minutes after the report time the agent arrived (when `arrivedAt` is not given). */
  lateMinutes: z.number().int().min(0).default(0),
  /** Minutes the agent left the post without leave (擅离岗位). */
  awayMinutes: z.number().int().min(0).default(0),
  /** Arrival `HH:MM` (ATTEND-LATE: after the report time is late). */
  arrivedAt: ClockSchema.optional(),
  /** Departure `HH:MM` (ATTEND-EARLY before the shift's end, OT-EXTEND after it). */
  leftAt: ClockSchema.optional(),
  /** ATTEND-NOSHOW: rostered, never came, no leave. */
  noShow: z.boolean().optional(),
  /** Who recorded it (the team leader on duty, or `clock` for a time-clock import). */
  recordedBy: z.string().min(1).optional(),
  recordedAt: InstantSchema.optional(),
  note: z.string().max(500).optional(),
})
export type Attendance = z.output<typeof AttendanceSchema>

/**
 * Optional extension (issue 18): requests of the months either side that the checks of this month
 * must see, the way `previous` carries their roster. They are facts, checked in their own month and
 * never here: SWAP-CONSEC reads `swaps` (a swap on the 31st next to one on the 1st), LEAVE-APPROVER
 * reads `leaves` (the records of a request that spans the month boundary, sharing its `requestId`,
 * so its days are counted once, over both months). Dates must lie outside the month.
 */
export const NeighboursSchema = z.object({
  /** Swaps of the month before (or after) whose date or return date is next to this month. */
  swaps: z.array(SwapSchema).default([]),
  /** Leave records of the months before and after sharing a `requestId` with a record here. */
  leaves: z.array(LeaveSchema).default([]),
})
export type Neighbours = z.output<typeof NeighboursSchema>

const TimeZoneSchema = z
  .string()
  .refine(zone => IANAZone.isValidZone(zone), 'CAL-TZ: expected an IANA time zone such as Asia/Shanghai')

const MonthFileObject = z.object({
  format: z.literal('paiban.month/1'),
  team: z.object({
    id: z.string().min(1),
    name: z.string().min(1),
    timeZone: TimeZoneSchema.default('Asia/Shanghai'),
  }),
  month: z.string().regex(ISO_MONTH, 'expected a month YYYY-MM'),
  policy: PolicySchema,
  agents: z.array(AgentSchema).min(1),
  coverage: CoverageSchema.prefault({}),
  holidays: HolidayChangesSchema.prefault({}),
  previous: z.record(z.string(), z.string().regex(HISTORY_CHARS, 'expected only D, N, L or -')).default({}),
  roster: z.record(z.string(), z.string().regex(ROSTER_CHARS, 'expected only D, N, -, L or ?')).optional(),
  wishes: z.array(WishSchema).default([]),
  leaves: z.array(LeaveSchema).default([]),
  swaps: z.array(SwapSchema).default([]),
  people: z.array(PersonSchema).default([]),
  attendance: z.array(AttendanceSchema).default([]),
  handovers: z.array(HandoverSchema).default([]),
  neighbours: NeighboursSchema.optional(),
})

type Issue = { path: Array<string | number>; message: string }

/** Cross-field checks of a month file; each issue names the field path. */
function crossCheck(m: z.output<typeof MonthFileObject>): Issue[] {
  const issues: Issue[] = []
  const ids = new Set<string>()
  m.agents.forEach((a, i) => {
    if (ids.has(a.id)) issues.push({ path: ['agents', i, 'id'], message: `duplicate agent id ${a.id}` })
    ids.add(a.id)
  })
  m.agents.forEach((a, i) => {
    if (a.teamLeaderId !== undefined && !ids.has(a.teamLeaderId))
      issues.push({ path: ['agents', i, 'teamLeaderId'], message: `unknown agent id ${a.teamLeaderId}` })
  })
  // A bad month is reported on its own field; without it no row length can be right or wrong.
  const length = ISO_MONTH.test(m.month) ? daysInMonth(m.month) : undefined
  for (const [id, row] of Object.entries(m.roster ?? {})) {
    if (!ids.has(id)) issues.push({ path: ['roster', id], message: `unknown agent id ${id}` })
    else if (length !== undefined && row.length !== length)
      issues.push({
        path: ['roster', id],
        message: `expected ${length} characters, one per day of ${m.month}, got ${row.length}`,
      })
  }
  const arrangement = m.holidays.arrangement
  if (arrangement && ISO_MONTH.test(m.month) && String(arrangement.year) !== m.month.slice(0, 4))
    issues.push({
      path: ['holidays', 'arrangement', 'year'],
      message: `expected ${m.month.slice(0, 4)}, the year of month ${m.month}`,
    })
  for (const id of Object.keys(m.previous))
    if (!ids.has(id)) issues.push({ path: ['previous', id], message: `unknown agent id ${id}` })
  const inMonth = (date: string) => date.startsWith(`${m.month}-`)
  m.wishes.forEach((w, i) => {
    if (!ids.has(w.agentId))
      issues.push({ path: ['wishes', i, 'agentId'], message: `unknown agent id ${w.agentId}` })
    if (!inMonth(w.date)) issues.push({ path: ['wishes', i, 'date'], message: `not in ${m.month}` })
  })
  m.leaves.forEach((l, i) => {
    if (!ids.has(l.agentId))
      issues.push({ path: ['leaves', i, 'agentId'], message: `unknown agent id ${l.agentId}` })
  })
  m.swaps.forEach((s, i) => {
    if (!ids.has(s.requester))
      issues.push({ path: ['swaps', i, 'requester'], message: `unknown agent id ${s.requester}` })
    if (!ids.has(s.counterpart))
      issues.push({ path: ['swaps', i, 'counterpart'], message: `unknown agent id ${s.counterpart}` })
  })
  m.attendance.forEach((a, i) => {
    if (!ids.has(a.agentId))
      issues.push({ path: ['attendance', i, 'agentId'], message: `unknown agent id ${a.agentId}` })
  })
  m.handovers.forEach((h, i) => {
    if (!ids.has(h.by)) issues.push({ path: ['handovers', i, 'by'], message: `unknown agent id ${h.by}` })
    if (h.acknowledgedBy !== undefined && !ids.has(h.acknowledgedBy))
      issues.push({
        path: ['handovers', i, 'acknowledgedBy'],
        message: `unknown agent id ${h.acknowledgedBy}`,
      })
  })
  const outside = (list: 'swaps' | 'leaves', i: number, field: string, date: string) => {
    if (inMonth(date))
      issues.push({
        path: ['neighbours', list, i, field],
        message: `${date} is in ${m.month}: put it in ${list}, neighbours are other months' records`,
      })
  }
  m.neighbours?.swaps.forEach((s, i) => {
    outside('swaps', i, 'date', s.date)
    if (s.returnDate !== undefined) outside('swaps', i, 'returnDate', s.returnDate)
  })
  m.neighbours?.leaves.forEach((l, i) => outside('leaves', i, 'date', l.date))
  return issues
}

export const MonthFileSchema = MonthFileObject.superRefine((m, ctx) => {
  for (const issue of crossCheck(m)) ctx.addIssue({ code: 'custom', ...issue })
})
/** A parsed month file, every default filled in. */
export type MonthFile = z.output<typeof MonthFileSchema>
/** A month file as written (defaults may be omitted). */
export type MonthFileInput = z.input<typeof MonthFileSchema>
