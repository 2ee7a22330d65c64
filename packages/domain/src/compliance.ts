import { z } from 'zod'
import { ApprovalSchema, InstantSchema, IsoDateSchema, LeaveKindSchema, ShiftSchema } from './month-file'
import { ViolationSchema } from './violation'

const TextSchema = z.object({ zh: z.string(), en: z.string() })

/** The rules a manager's approval can make an exception to (rules.md §5). */
export const EXCEPTION_RULES = ['LEAVE-NIGHT', 'LEAVE-HOLIDAY', 'LEAVE-NOTICE'] as const

/**
 * An approved leave record that breaks LEAVE-NIGHT, LEAVE-HOLIDAY or LEAVE-NOTICE but for the
 * manager's approval: the exception the manager made.
 */
export const ComplianceExceptionSchema = z.object({
  rule: z.enum(EXCEPTION_RULES),
  leaveId: z.string(),
  requestId: z.string(),
  agentId: z.string(),
  date: IsoDateSchema,
  shift: ShiftSchema,
  kind: LeaveKindSchema,
  /** The manager who approved it, and when. */
  approvedBy: z.string(),
  approvedAt: InstantSchema.optional(),
  message: TextSchema,
})
export type ComplianceException = z.infer<typeof ComplianceExceptionSchema>

/**
 * Something that came after its deadline: an approval given after the report time of the shift
 * it concerns (`approvedAfterShift`), or a personal leave asked later than LEAVE-NOTICE's notice
 * and approved all the same (`lateNotice`, deadline = the notice deadline, `at` = submission).
 */
export const ComplianceLateSchema = z.object({
  reason: z.enum(['approvedAfterShift', 'lateNotice']),
  request: z.enum(['swap', 'leave']),
  /** The swap's id or the leave record's id. */
  id: z.string(),
  agentId: z.string(),
  date: IsoDateSchema,
  shift: ShiftSchema.optional(),
  deadline: InstantSchema,
  at: InstantSchema,
  by: z.string().optional(),
  role: ApprovalSchema.shape.role.optional(),
  message: TextSchema,
})
export type ComplianceLate = z.infer<typeof ComplianceLateSchema>

/** A team's monthly compliance report: every violation, exception and late approval of the month. */
export const ComplianceReportSchema = z.object({
  team: z.object({ id: z.string(), name: z.string() }),
  month: z.string(),
  /** True when no hard violation remains. */
  ok: z.boolean(),
  summary: z.object({
    hard: z.number().int(),
    soft: z.number().int(),
    exceptions: z.number().int(),
    late: z.number().int(),
  }),
  violations: z.array(ViolationSchema),
  exceptions: z.array(ComplianceExceptionSchema),
  late: z.array(ComplianceLateSchema),
})
export type ComplianceReport = z.infer<typeof ComplianceReportSchema>
