import { z } from 'zod'
import { AttendanceSchema, IsoDateSchema, JobSchema, LevelSchema, ShiftSchema } from './month-file'
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
  })
  .meta({ id: 'ClockImport' })
export type ClockImport = z.input<typeof ClockImportSchema>

export const ClockImportResultSchema = z
  .object({ stored: z.number().int(), shifts: z.number().int() })
  .meta({ id: 'ClockImportResult' })

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
