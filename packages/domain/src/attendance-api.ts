import { z } from 'zod'
import {
  AttendanceSchema,
  HandoverSchema,
  IsoDateSchema,
  JobSchema,
  LevelSchema,
  ShiftSchema,
} from './month-file'
import { ViolationSchema } from './violation'

/**
 * The API's wire shapes of the day's record (ATTEND-RECORD), the time-clock import and emergency
 * sick leave (LEAVE-EMERGENCY). apps/api serves them, apps/web reads and sends them.
 */

/** One person of a shift on the attendance page: who, their report time, and what was recorded. */
export const AttendancePersonSchema = z.object({
  agentId: z.string(),
  name: z.string(),
  job: JobSchema,
  level: LevelSchema,
  role: z.enum(['agent', 'teamLeader']),
  /** `L`: on leave for this shift (an emergency filed today shows here). */
  cell: z.enum(['D', 'N', 'L']),
  record: AttendanceSchema.optional(),
})

/** A shift's record as stored: `revision` 0 before the first save; a save names the revision it read. */
export const AttendanceDaySchema = z
  .object({
    date: IsoDateSchema,
    shift: ShiftSchema,
    /** Report time (start − handover), start and end, `HH:MM`. */
    report: z.string(),
    start: z.string(),
    end: z.string(),
    revision: z.number().int().min(0),
    recordedBy: z.string().nullable(),
    recordedAt: z.string().nullable(),
    people: z.array(AttendancePersonSchema),
  })
  .meta({ id: 'AttendanceDay' })
export type AttendanceDay = z.infer<typeof AttendanceDaySchema>

/** A save of a shift's record: the revision it was made on (409 when stale) and one record per person. */
export const AttendanceWriteSchema = z
  .object({
    revision: z.number().int().min(0),
    records: z
      .array(AttendanceSchema.omit({ date: true, shift: true, recordedBy: true, recordedAt: true }))
      .max(500),
  })
  .meta({ id: 'AttendanceWrite' })
export type AttendanceWrite = z.input<typeof AttendanceWriteSchema>

/** A time-clock CSV export and which of its columns hold employee number, date, in and out. */
export const ClockImportSchema = z
  .object({
    csv: z.string().min(1).max(2_000_000),
    columns: z
      .object({
        employee: z.string().min(1).default('employee'),
        date: z.string().min(1).default('date'),
        in: z.string().min(1).default('in'),
        out: z.string().min(1).default('out'),
      })
      .prefault({}),
    /** Read and check the file, store nothing: the preview before "confirm". */
    dryRun: z.boolean().optional(),
  })
  .meta({ id: 'ClockImport' })
export type ClockImport = z.input<typeof ClockImportSchema>

export const ClockImportResultSchema = z
  .object({
    stored: z.number().int(),
    shifts: z.number().int(),
    /** With `dryRun`: the records the import would store (nothing is stored). */
    preview: z.array(AttendanceSchema).optional(),
  })
  .meta({ id: 'ClockImportResult' })
export type ClockImportResult = z.infer<typeof ClockImportResultSchema>

/** Emergency sick leave filed by the team leader for an agent's shift (LEAVE-EMERGENCY). */
export const EmergencyLeaveSchema = z
  .object({ agentId: z.string().min(1), date: IsoDateSchema, note: z.string().max(500).optional() })
  .meta({ id: 'EmergencyLeave' })
export type EmergencyLeave = z.infer<typeof EmergencyLeaveSchema>

/** The filed leave, the new version (its cell is `L`) and the gap it leaves (COVER-*), for "suggest a fix". */
export const EmergencyLeaveResultSchema = z
  .object({
    leaveId: z.string(),
    version: z.number().int(),
    certificateDue: IsoDateSchema.nullable(),
    gap: z.array(ViolationSchema),
  })
  .meta({ id: 'EmergencyLeaveResult' })
export type EmergencyLeaveResult = z.infer<typeof EmergencyLeaveResultSchema>

const TextSchema = z.object({ zh: z.string(), en: z.string() })

/**
 * HANDOVER-LOG: a shift's handover log as stored (`revision` 0 and `log` null before it is written),
 * the day's swaps as the outgoing lead's pre-filled text, and what the caller may do with it.
 */
export const HandoverDaySchema = z
  .object({
    date: IsoDateSchema,
    /** The outgoing shift. */
    shift: ShiftSchema,
    /** The shift that takes over: the night of the same date, or the next date's day shift. */
    next: z.object({ date: IsoDateSchema, shift: ShiftSchema }),
    revision: z.number().int().min(0),
    log: HandoverSchema.nullable(),
    /** 人员调班情况: the approved swaps that change who works this shift (pre-filled for the writer). */
    swapsOfDay: z.array(
      z.object({
        id: z.string(),
        gives: z.string(),
        takes: z.string(),
        givesName: z.string(),
        takesName: z.string(),
      }),
    ),
    /** The caller leads (or supervises) the outgoing shift / the incoming one. */
    mayWrite: z.boolean(),
    mayAcknowledge: z.boolean(),
  })
  .meta({ id: 'HandoverDay' })
export type HandoverDay = z.infer<typeof HandoverDaySchema>

/** The outgoing lead writes (or corrects) the log on `revision`; 409 when someone saved it since. */
export const HandoverWriteSchema = z
  .object({
    revision: z.number().int().min(0),
    equipment: z.string().max(2000).default(''),
    problems: z.string().max(2000).default(''),
    swaps: z.string().max(2000).default(''),
  })
  .meta({ id: 'HandoverWrite' })
export type HandoverWrite = z.input<typeof HandoverWriteSchema>

/** The incoming lead acknowledges the log as read at `revision`. */
export const HandoverAckSchema = z.object({ revision: z.number().int().min(1) }).meta({ id: 'HandoverAck' })
export type HandoverAck = z.infer<typeof HandoverAckSchema>

/** A payroll cell: a number, a text the same in both languages, or one per language. */
const PayrollCellSchema = z.union([z.number(), z.string(), TextSchema])

/**
 * The month's payroll table (rules.md §7) as the payroll page shows it: the CSV/XLSX columns with
 * their bilingual headers and kinds, one row per agent, the totals row, the warnings.
 */
export const PayrollSheetSchema = z
  .object({
    version: z.number().int(),
    columns: z.array(z.object({ key: z.string(), header: TextSchema, kind: z.string() })),
    rows: z.array(z.object({ agentId: z.string(), cells: z.array(PayrollCellSchema) })),
    totals: z.array(PayrollCellSchema),
    warnings: z.array(TextSchema),
  })
  .meta({ id: 'PayrollSheet' })
export type PayrollSheet = z.infer<typeof PayrollSheetSchema>
