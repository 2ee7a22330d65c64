import { IANAZone } from 'luxon'
import { z } from 'zod'
import { ROLES, VersionInfoSchema } from './api'
import { AgentSchema, CoverageSchema, IsoDateSchema, JobSchema } from './month-file'
import { PolicySchema } from './policy'

/**
 * The centre's own data as the API sends and takes it: teams, the people on them (staff, the
 * month file's `agents` as the team stands), sign-ins, team settings and starting a month. Shared
 * by apps/api and apps/web.
 */

/** An IANA time zone (CAL-TZ). */
export const TimeZoneSchema = z
  .string()
  .refine(zone => IANAZone.isValidZone(zone), 'CAL-TZ: expected an IANA time zone such as Asia/Shanghai')

/** A team id: lower-case letters, digits and `-`, as it appears in URLs and month files. */
export const TeamIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected lower-case letters, digits and -, e.g. cs-2')

/** `POST /api/teams`: a new team. `jobs` defaults to every job. */
export const TeamCreateSchema = z.object({
  id: TeamIdSchema,
  name: z.string().trim().min(1).max(100),
  timeZone: TimeZoneSchema.default('Asia/Shanghai'),
  jobs: z.array(JobSchema).min(1).optional(),
})
export type TeamCreate = z.output<typeof TeamCreateSchema>

/** `PATCH /api/teams/:team`: rename, another zone or jobs, archive (`archived: true`) or restore. */
export const TeamPatchSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  timeZone: TimeZoneSchema.optional(),
  jobs: z.array(JobSchema).min(1).optional(),
  archived: z.boolean().optional(),
})
export type TeamPatch = z.output<typeof TeamPatchSchema>

/** A team as the admin pages show it. */
export const TeamInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  jobs: z.array(JobSchema),
  archived: z.boolean(),
  /** People on the team who have not left. */
  staff: z.number().int(),
})
export type TeamInfo = z.output<typeof TeamInfoSchema>

/**
 * One person on a team: an agent of the month file, plus the date they leave (from that date on
 * they are not rostered and cannot sign in; past months and payroll keep them).
 */
export const StaffSchema = AgentSchema.extend({ leftOn: IsoDateSchema.nullable().default(null) })
export type Staff = z.output<typeof StaffSchema>
export type StaffInput = z.input<typeof StaffSchema>

/** `PATCH /api/teams/:team/people/:id`: any field but the id; `team` moves them to another team. */
export const StaffPatchSchema = AgentSchema.omit({ id: true })
  .partial()
  .extend({
    leftOn: IsoDateSchema.nullable().optional(),
    contractDays: z.number().int().min(0).max(31).nullable().optional(),
    /** null: no team leader. */
    teamLeaderId: z.string().min(1).nullable().optional(),
    team: TeamIdSchema.optional(),
    /**
     * With `team`: the first day on the new team. The old team keeps them as a leaver from that
     * date (its months and payroll keep their history); without it the move is at once.
     */
    from: IsoDateSchema.optional(),
    /** The person as the editor last saw them: 409 when someone changed them since. */
    was: StaffSchema.optional(),
  })
export type StaffPatch = z.output<typeof StaffPatchSchema>

/** A row of a staff sheet as it would be stored, and what storing it does. */
export const ImportRowSchema = z.object({
  /** 1-based row of the sheet (the header is row 1). */
  row: z.number().int(),
  action: z.enum(['create', 'update', 'unchanged']),
  agent: StaffSchema,
})

/** One bad cell of a staff sheet: its row (1-based, header = 1) and column header. */
export const ImportErrorSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  message: z.string(),
})
export type ImportError = z.output<typeof ImportErrorSchema>

/** What `POST /api/teams/:team/people/import` answers (with `?dryRun=1`: nothing stored). */
export const ImportResultSchema = z.object({
  dryRun: z.boolean(),
  stored: z.boolean(),
  rows: z.array(ImportRowSchema),
  errors: z.array(ImportErrorSchema),
  created: z.number().int(),
  updated: z.number().int(),
})
export type ImportResult = z.output<typeof ImportResultSchema>

/** A sign-in as the admin pages list it (never its password). */
export const SignInInfoSchema = z.object({
  id: z.number().int(),
  login: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  team: z.string().nullable(),
  agentId: z.string().nullable(),
  mustChangePassword: z.boolean(),
})
export type SignInInfo = z.output<typeof SignInInfoSchema>

const PasswordSchema = z.string().min(8, 'at least 8 characters').max(1000)

/** `POST /api/signins`: a sign-in for a person, with a first password they must change. */
export const SignInCreateSchema = z.object({
  login: z.string().regex(/^[A-Za-z0-9._@-]{2,100}$/, 'expected 2–100 letters, digits, ., _, @ or -'),
  name: z.string().trim().min(1).max(100).optional(),
  role: z.enum(ROLES),
  /** Their team; required for every role but admin. */
  team: TeamIdSchema.nullable().default(null),
  /** Agents and team leaders: their id on the team (工号); the name is taken from it. */
  agentId: z.string().min(1).nullable().default(null),
  password: PasswordSchema,
})
export type SignInCreate = z.output<typeof SignInCreateSchema>

/** `POST /api/signins/:id/password`: a new first password (admin, or the team's supervisor). */
export const PasswordResetSchema = z.object({ password: PasswordSchema })

/** `POST /api/me/password`: change one's own password; ends one's other sessions. */
export const PasswordChangeSchema = z.object({
  current: z.string().min(1).max(1000),
  next: PasswordSchema,
})
export type PasswordChange = z.output<typeof PasswordChangeSchema>

/**
 * `PUT /api/teams/:team/settings`: a new version of the team's settings, made on `version` (409 if
 * stale). `policy` holds overrides of the seed policy, validated with the month file's
 * `PolicySchema`; `coverage` is the month file's coverage.
 */
export const SettingsUpdateSchema = z.object({
  version: z.number().int().min(0),
  policy: z.record(z.string(), z.unknown()),
  coverage: CoverageSchema,
})
export type SettingsUpdate = z.output<typeof SettingsUpdateSchema>

/** The team's settings as they stand, with the seed defaults beside them. */
export const SettingsSchema = z.object({
  team: z.string(),
  version: z.number().int(),
  /** Overrides of the seed policy, as stored. */
  policy: z.record(z.string(), z.unknown()),
  /** The policy in force (overrides over the seed defaults). */
  effective: PolicySchema,
  /** The seed policy (rules.md defaults). */
  defaults: PolicySchema,
  coverage: CoverageSchema,
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
})
export type Settings = z.output<typeof SettingsSchema>

/** Where a started month's `previous` came from. */
export const PreviousSourceSchema = z
  .object({
    month: z.string(),
    version: z.number().int(),
    state: z.enum(['draft', 'published']),
  })
  .nullable()

/** `POST /api/teams/:team/months/:month/start`: the new month's first version. */
export const StartMonthResultSchema = VersionInfoSchema.extend({
  team: z.string(),
  month: z.string(),
  agents: z.number().int(),
  previousFrom: PreviousSourceSchema,
})
export type StartMonthResult = z.output<typeof StartMonthResultSchema>
