import { z } from 'zod'
import { HolidayArrangementSchema } from './holidays'
import {
  IsoDateSchema,
  JobSchema,
  LeaveKindSchema,
  LeaveSchema,
  MonthFileSchema,
  SwapSchema,
} from './month-file'
import { ViolationSchema } from './violation'

/**
 * The API's wire shapes: what apps/api validates and serialises, and what apps/web reads and
 * sends. One definition for both sides; the API adds its OpenAPI ids (`.meta({ id })`) and its
 * serialisation choices around them. Browser-safe like the rest of the package.
 */

/**
 * Who a person is in the centre (rules.md §7). Every person belongs to one team, but for `admin`,
 * who runs the whole centre (teams, people, sign-ins, settings) and belongs to none.
 */
export const ROLES = ['agent', 'teamLeader', 'supervisor', 'manager', 'hr', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** A roster version is a draft until it is published. */
export const VERSION_STATES = ['draft', 'published'] as const
export type VersionState = (typeof VERSION_STATES)[number]

/** How a roster version came to be. */
export const VERSION_SOURCES = ['import', 'edit', 'generate', 'demo', 'start'] as const
export type VersionSource = (typeof VERSION_SOURCES)[number]

/** A solver job's life: queued, running, then done, failed or cancelled. */
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

// Session

/** `POST /api/session`: sign in. */
export const SignInSchema = z.object({
  login: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
})
export type SignIn = z.output<typeof SignInSchema>

/** The signed-in person (`GET /api/session`, `POST /api/session`). */
export const MeSchema = z.object({
  login: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  /** Their team's id; null for the centre's admin. */
  team: z.string().nullable(),
  /** Their id in the team's month files; null for supervisor, manager and hr. */
  agentId: z.string().nullable(),
  /** The first password (or one an admin reset) must be changed before anything else. */
  mustChangePassword: z.boolean().optional(),
})
export type Me = z.output<typeof MeSchema>

// Months and versions

/** One team the caller may see, with its months (`GET /api/teams` answers a list of them). */
export const TeamSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  months: z.array(
    z.object({
      month: z.string(),
      state: z.enum(VERSION_STATES),
      latestVersion: z.number().int(),
      publishedVersion: z.number().int().nullable(),
    }),
  ),
})
export type TeamSummary = z.output<typeof TeamSummarySchema>

/** A roster version of a month. */
export const VersionInfoSchema = z.object({
  version: z.number().int(),
  state: z.enum(VERSION_STATES),
  source: z.enum(VERSION_SOURCES),
  createdAt: z.string(),
  /** Login of who made it (null: the system, e.g. the demo). */
  createdBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  /** The solver job that generated it. */
  jobId: z.string().nullable(),
})
export type VersionInfo = z.output<typeof VersionInfoSchema>

/** A month as the caller may see it: the version's info and its month file (formats.md §1). */
export const MonthViewSchema = VersionInfoSchema.extend({
  team: z.string(),
  month: z.string(),
  /** The latest version the month is at (supervisors), or the version shown (everyone else). */
  latestVersion: z.number().int(),
  file: MonthFileSchema,
})
export type MonthView = z.output<typeof MonthViewSchema>

/** A rule check: ok when no hard violation remains. */
export const RuleCheckSchema = z.object({ ok: z.boolean(), violations: z.array(ViolationSchema) })
export type RuleCheck = z.output<typeof RuleCheckSchema>

/** A rule check of a version (`…/check`, `…/swap-check`). */
export const CheckResultSchema = RuleCheckSchema.extend({ version: z.number().int() })
export type CheckResult = z.output<typeof CheckResultSchema>

// Solver jobs

/** The best roster of a running job so far. */
export const JobProgressSchema = z.object({
  /** Hard violation units of the best roster so far (0: every hard rule met). */
  hard: z.number(),
  /** Its weighted soft penalty. */
  soft: z.number(),
  elapsedMs: z.number(),
})
export type JobProgress = z.output<typeof JobProgressSchema>

/** What the solver returned. */
export const JobOutcomeSchema = z.object({
  status: z.string(),
  ok: z.boolean(),
  hard: z.number(),
  soft: z.number(),
  elapsedMs: z.number(),
  /** Re-planning a published month: cells that differ from the published roster (minimal change). */
  changed: z.number().int().optional(),
})
export type JobOutcome = z.output<typeof JobOutcomeSchema>

/**
 * A solver job (the API's `Job`; not to be confused with an agent's `Job`, phone/chat/email). Its
 * events stream at `/api/jobs/:id/events`.
 */
export const SolverJobSchema = z.object({
  id: z.string(),
  team: z.string(),
  month: z.string(),
  status: z.enum(JOB_STATUSES),
  seconds: z.number(),
  seed: z.number().int(),
  replan: z.boolean(),
  baseVersion: z.number().int(),
  /** The draft version the job wrote (status done). */
  resultVersion: z.number().int().nullable(),
  progress: JobProgressSchema.nullable(),
  outcome: JobOutcomeSchema.nullable(),
  /** Why it failed, e.g. "interrupted by a restart". */
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
})
export type SolverJob = z.output<typeof SolverJobSchema>

// Requests and decisions

/** A swap request as sent (`POST …/swaps`); the server sets the requester and the time. */
export const SwapDraftSchema = z.object({
  counterpart: z.string().min(1),
  date: IsoDateSchema,
  returnDate: IsoDateSchema.optional(),
})
export type SwapDraft = z.output<typeof SwapDraftSchema>
export type SwapDraftInput = z.input<typeof SwapDraftSchema>

/** A leave request as sent (`POST …/leaves`): one leave record per date, sharing a request id. */
export const LeaveDraftSchema = z.object({
  /** Sick leave may be filed for an agent by their team leader (LEAVE-SELF); default: oneself. */
  agentId: z.string().min(1).optional(),
  dates: z.array(IsoDateSchema).min(1).max(31),
  kind: LeaveKindSchema,
  urgent: z.boolean().default(false),
  certificate: z.boolean().default(false),
})
export type LeaveDraft = z.output<typeof LeaveDraftSchema>
export type LeaveDraftInput = z.input<typeof LeaveDraftSchema>

/** `POST …/swaps/:id/decision`, `POST …/leaves/:id/decision`: approve or reject at your step. */
export const DecisionSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().max(2000).default(''),
  /**
   * Leave that leaves a shift short: the replacements to call in with the approval, each working
   * `shift` on `date` instead of resting (fillHole suggests them). Empty: no replacement.
   */
  cover: z
    .array(z.object({ agentId: z.string().min(1), date: IsoDateSchema, shift: z.enum(['D', 'N']) }))
    .max(62)
    .default([]),
  /** Approve leave that leaves a shift short without a replacement: must be said explicitly. */
  leaveShort: z.boolean().default(false),
})
export type Decision = z.output<typeof DecisionSchema>
export type DecisionInput = z.input<typeof DecisionSchema>

/** A request's state after a decision. */
export const DecisionResultSchema = z.object({
  status: z.enum(['pending', 'approved', 'rejected']),
  /** The roster version the approval wrote, when it completed the chain. */
  version: z.number().int().optional(),
})
export type DecisionResult = z.output<typeof DecisionResultSchema>

/** Who approves at a step of a request's chain. */
export const ApproverRoleSchema = z.enum(['counterpart', 'teamLeader', 'supervisor', 'manager'])
export type ApproverRole = z.output<typeof ApproverRoleSchema>

/** Where a request waits: the step's role and, when it is someone's, who (id and name). */
export const WaitingSchema = z.object({
  role: ApproverRoleSchema,
  by: z.string().optional(),
  name: z.string().optional(),
})
export type Waiting = z.output<typeof WaitingSchema>

/**
 * A request shown to the supervisor because its step waits too long (policy
 * `requests.escalateAfterHours`) or for someone who cannot sign in.
 */
export const EscalationSchema = z.object({
  waiting: WaitingSchema,
  reason: z.enum(['overdue', 'no-sign-in']),
  /** Hours it has waited at this step. */
  hours: z.number(),
})
export type Escalation = z.output<typeof EscalationSchema>

/** A shift a leave leaves short (COVER-MIN / COVER-LEAD) and who could fill it, best first. */
export const CoverGapSchema = z.object({
  date: IsoDateSchema,
  shift: z.enum(['D', 'N']),
  job: JobSchema,
  needed: z.number().int(),
  candidates: z.array(z.object({ agentId: z.string(), name: z.string() })),
})
export type CoverGap = z.output<typeof CoverGapSchema>

/** One of the caller's own requests (`GET /api/me/requests`): its state and where it waits. */
export const MyRequestSchema = z.object({
  kind: z.enum(['swap', 'leave']),
  team: z.string(),
  month: z.string(),
  /** The swap's id or the leave's request id (what cancel takes). */
  id: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'cancelled']),
  /** Swaps: the other party; leave: the agent. */
  otherName: z.string().optional(),
  mine: z.boolean(),
  /** Pending and stored as the caller's own request: `DELETE …/swaps|leaves/:id` takes it back. */
  cancellable: z.boolean(),
  dates: z.array(IsoDateSchema),
  shift: z.enum(['D', 'N']).optional(),
  leaveKind: LeaveKindSchema.optional(),
  waiting: WaitingSchema.optional(),
  /** Leave that leaves a shift short once approved: the supervisor finds cover. */
  needsCover: z.boolean(),
  approvals: z.array(z.object({ role: ApproverRoleSchema, by: z.string(), name: z.string().optional() })),
})
export type MyRequest = z.output<typeof MyRequestSchema>

/** `POST …/leave-check`: the leave rules a draft breaks and the coverage it would leave, on the latest month. */
export const LeaveCheckSchema = RuleCheckSchema.extend({
  needsCover: z.boolean(),
  /** Who approves, in order. */
  steps: z.array(ApproverRoleSchema),
})
export type LeaveCheck = z.output<typeof LeaveCheckSchema>

/** One request waiting for the caller's decision (`GET /api/inbox`), with a fresh rule check. */
export const InboxItemSchema = z.union([
  z.object({
    kind: z.literal('swap'),
    team: z.string(),
    month: z.string(),
    /** The approval the caller would give. */
    as: z.enum(['counterpart', 'teamLeader', 'supervisor', 'manager']),
    request: SwapSchema,
    requesterName: z.string().optional(),
    counterpartName: z.string().optional(),
    check: RuleCheckSchema,
    then: z.array(ApproverRoleSchema).optional(),
    escalated: EscalationSchema.optional(),
  }),
  z.object({
    kind: z.literal('leave'),
    team: z.string(),
    month: z.string(),
    as: z.enum(['teamLeader', 'supervisor', 'manager']),
    request: LeaveSchema,
    agentName: z.string().optional(),
    check: RuleCheckSchema,
    then: z.array(ApproverRoleSchema).optional(),
    escalated: EscalationSchema.optional(),
    /** The shifts the leave leaves short once approved, each with replacements fillHole suggests. */
    cover: z.array(CoverGapSchema).optional(),
    /** A team leader's sick leave without its certificate, from the first day back (LEAVE-SICK-CERT). */
    reminder: z
      .object({
        due: IsoDateSchema,
        state: z.enum(['due', 'overdue']),
        message: z.object({ zh: z.string(), en: z.string() }),
      })
      .optional(),
  }),
])
export type InboxItem = z.output<typeof InboxItemSchema>

/** `PUT …/leaves/:id/certificate`: the sick leave's medical certificate was handed in, or not. */
export const CertificateSchema = z.object({ handedIn: z.boolean() })
export type Certificate = z.output<typeof CertificateSchema>

/** What recording a certificate answers. */
export const CertificateResultSchema = z.object({
  requestId: z.string(),
  certificate: z.boolean(),
  /** The version that records it, when the month file holds the leave. */
  version: z.number().int().optional(),
})
export type CertificateResult = z.output<typeof CertificateResultSchema>

// Exports

/** The address of the caller's secret iCal feed (`GET /api/me/ical`, `DELETE /api/me/ical`). */
/**
 * `GET|DELETE /api/me/ical`: the feed's address, shown only when it is made (the server keeps the
 * token's hash only); `url` is null when a feed exists already, made at `createdAt`.
 */
export const IcalLinkSchema = z.object({ url: z.string().nullable(), createdAt: z.string().optional() })
export type IcalLink = z.output<typeof IcalLinkSchema>

// Holiday calendar (CAL-HOLIDAY, issue 19)

/** A year's calendar as the API shows it: the computed statutory days and the imported arrangement, if any. */
export const HolidayYearSchema = z.object({
  year: z.number().int(),
  /** The arrangement's version in the database; 0 when none is imported (upload with `version=0`). */
  version: z.number().int().min(0),
  /** The statutory days computed from the law, with their festival names. */
  statutory: z.array(z.object({ date: IsoDateSchema, name: z.object({ zh: z.string(), en: z.string() }) })),
  /** Where the break days and 调休 come from: the database, the built-in data, or nowhere yet. */
  arrangementSource: z.enum(['imported', 'built-in', 'missing']),
  /** The imported `paiban.holidays/1`, when imported. */
  arrangement: HolidayArrangementSchema.nullable(),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
})
export type HolidayYear = z.output<typeof HolidayYearSchema>

// Roster sheets (issue 23)

/** A roster cell a sheet's text can mean: day, night, rest, leave. */
export const SheetCellSchema = z.enum(['D', 'N', '-', 'L'])

/**
 * `POST /api/teams/:team/months/:month/roster-import[?dryRun=1]`: a roster sheet to read into the
 * month. With `dryRun=1` nothing is stored; otherwise a sheet that reads cleanly becomes a new draft
 * version and the mapping is remembered for the team.
 */
export const RosterImportSchema = z.object({
  /** The file's bytes, base64: XLSX, or CSV in UTF-8 or GB18030. */
  data: z.string().min(1).max(16_000_000),
  /** The file's name, for messages only. */
  fileName: z.string().max(255).optional(),
  /** The version the sheet replaces: 409 when it is no longer the latest. Omitted: the latest. */
  version: z.number().int().min(1).optional(),
  /** Cell texts of this team's sheets over the default mapping (`{ "早": "D" }`). Omitted: the team's remembered mapping. */
  mapping: z.record(z.string().max(20), SheetCellSchema).optional(),
  /** The sheet to read (XLSX); omitted: the first with a header row of dates. */
  sheet: z.string().max(100).optional(),
})
export type RosterImportInput = z.input<typeof RosterImportSchema>

/** One problem of a sheet, by sheet row and column (`cell` = `F7`). `error`s refuse the import. */
export const SheetIssueSchema = z.object({
  kind: z.string(),
  severity: z.enum(['error', 'warning']),
  sheet: z.string(),
  row: z.number().int().optional(),
  column: z.string().optional(),
  cell: z.string().optional(),
  value: z.string().optional(),
  agentId: z.string().optional(),
  date: z.string().optional(),
  message: z.object({ zh: z.string(), en: z.string() }),
})
export type SheetIssue = z.infer<typeof SheetIssueSchema>

/** The preview of an import (and, once stored, the version it made). */
export const RosterImportResultSchema = z.object({
  /** The sheet reads cleanly (rule violations do not block: the result is a draft). */
  ok: z.boolean(),
  /** A draft version was stored (never with `dryRun=1`). */
  stored: z.boolean(),
  /** The version the import is read against. */
  baseVersion: z.number().int(),
  sheet: z.string(),
  headerRow: z.number().int().optional(),
  /** Sheet row each agent was read from. */
  rows: z.record(z.string(), z.number().int()),
  /** Column letter of each date. */
  columns: z.record(z.string(), z.string()),
  issues: z.array(SheetIssueSchema),
  violations: z.array(
    ViolationSchema.extend({
      row: z.number().int().optional(),
      column: z.string().optional(),
      cell: z.string().optional(),
    }),
  ),
  /** The roster as it will be stored. */
  roster: z.record(z.string(), z.string()),
  /** The team's own mapping entries (what is remembered). */
  mapping: z.record(z.string(), SheetCellSchema),
  /** Every distinct text of the day cells, what it reads as (none: unreadable) and how often. */
  seen: z.array(
    z.object({
      value: z.string(),
      key: z.string(),
      cell: SheetCellSchema.optional(),
      count: z.number().int(),
    }),
  ),
  version: VersionInfoSchema.optional(),
})
export type RosterImportResult = z.infer<typeof RosterImportResultSchema>
