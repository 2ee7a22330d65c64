import type { Coverage, Job, Level } from '@paiban/domain'
import type { JobOutcome, JobProgress, JobStatus, Role, VersionSource, VersionState } from '@paiban/domain'
import type { ColumnType, Generated, Selectable } from 'kysely'

/**
 * The database as kysely sees it: one interface per table, snake_case like the SQL in
 * `migrations.ts`. Services map rows to the API's camelCase shapes.
 */

/** A timestamp: read as a Date, written as a Date or an ISO string, defaulted by the database. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
/** A nullable timestamp without a default. */
type MaybeTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
/** A jsonb column: read as parsed JSON, written as a JSON string (pg would turn arrays into SQL arrays). */
type Json<T> = ColumnType<T, string, string>
type MaybeJson<T> = ColumnType<T | null, string | null | undefined, string | null>

/**
 * The value lists of the enum columns (CHECK constraints in `migrations.ts`) are the API's wire
 * enums, defined once in `@paiban/domain`.
 */
export { JOB_STATUSES, ROLES, VERSION_SOURCES, VERSION_STATES } from '@paiban/domain'
export type { JobOutcome, JobProgress, JobStatus, Role, VersionSource, VersionState } from '@paiban/domain'

export interface TeamsTable {
  id: string
  name: string
  time_zone: ColumnType<string, string | undefined, string>
  created_at: Timestamp
  /** The jobs (工种) the team staffs: `["phone","chat","email"]` by default. */
  jobs: ColumnType<Job[], string | undefined, string>
  /** Set when the team was archived: kept with its months, gone from lists and sign-in. */
  archived_at: MaybeTimestamp
}

export interface PeopleTable {
  id: Generated<number>
  login: string
  name: string
  role: Role
  /** Their team; null for the centre's admin. */
  team_id: string | null
  /** Their id in the team's month files (`agents[].id`); null for supervisor, manager and hr. */
  agent_id: string | null
  /** `scrypt$N$r$p$salt$hash` (base64url), see auth/passwords.ts. */
  password_hash: string
  created_at: Timestamp
  /** A first (or reset) password: it must be changed before anything else. */
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token: a stolen database does not hold usable sessions. */
  id: string
  person_id: number
  created_at: Timestamp
  expires_at: ColumnType<Date, Date | string, Date | string>
  /** The last request of the session (idle expiry); null until its first use after sign-in. */
  last_seen_at: MaybeTimestamp
}

/** One failed sign-in, by the app's clock: the lockout counts them per login and per address. */
export interface SignInFailuresTable {
  id: Generated<string>
  login: string
  address: string
  at: ColumnType<Date, Date | string, Date | string>
}

/** A login or an address refused sign-in until `until` (too many failures). */
export interface SignInLocksTable {
  kind: 'login' | 'address'
  key: string
  until: ColumnType<Date, Date | string, Date | string>
}

export interface PoliciesTable {
  team_id: string
  version: number
  /** Overrides of the seed policy (`PolicySchema` input); `{}` is the seed policy. */
  policy: Json<Record<string, unknown>>
  /** The coverage requirements (month file `coverage`); null: none set yet. */
  coverage: MaybeJson<Coverage>
  created_by: number | null
  created_at: Timestamp
}

export interface MonthsTable {
  id: Generated<number>
  team_id: string
  /** `YYYY-MM`. */
  month: string
  /** The state of the latest version. */
  state: VersionState
  latest_version: number
  /** The newest version that was published, if any: what agents see. */
  published_version: number | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface RosterVersionsTable {
  id: Generated<number>
  month_id: number
  number: number
  state: VersionState
  source: VersionSource
  /** The whole month file (formats.md §1) as parsed, defaults filled in. */
  file: Json<unknown>
  created_by: number | null
  created_at: Timestamp
  published_by: number | null
  published_at: MaybeTimestamp
  /** The solver job that made this version (source `generate`). */
  job_id: string | null
}

export interface LeavesTable {
  id: Generated<number>
  month_id: number
  /** The record's `id` in the month file. */
  record_id: string
  request_id: string | null
  agent_id: string
  date: string
  shift: 'D' | 'N'
  kind: string
  status: 'pending' | 'approved' | 'rejected'
  /** The whole leave record (formats.md), approvals excepted: they are rows of `approvals`. */
  record: Json<Record<string, unknown>>
  created_by: number | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface SwapsTable {
  id: Generated<number>
  month_id: number
  record_id: string
  requester: string
  counterpart: string
  date: string
  return_date: string | null
  status: 'pending' | 'approved' | 'rejected' | 'cancelled'
  record: Json<Record<string, unknown>>
  created_by: number | null
  created_at: Timestamp
  updated_at: Timestamp
}

/** One approval of a swap or a leave record: who, in which role, when. */
export interface ApprovalsTable {
  id: Generated<number>
  swap_id: number | null
  leave_id: number | null
  /** The approver's id in the month file. */
  by: string
  role: 'counterpart' | 'teamLeader' | 'supervisor' | 'manager'
  person_id: number | null
  at: Timestamp
}

/** CAL-HOLIDAY: a year's imported arrangement `paiban.holidays/1`, one row per version, centre-wide. */
export interface HolidayArrangementsTable {
  year: number
  /** 1, 2, …: the newest is the one in force. */
  version: number
  /** The validated `paiban.holidays/1` file. */
  file: Json<unknown>
  source: string
  created_by: number | null
  created_at: Timestamp
}

export interface AuditLogTable {
  id: Generated<string>
  at: Timestamp
  actor_id: number | null
  /** Kept beside the id so the log reads on its own. */
  actor_login: string | null
  /** `month.import`, `month.edit`, `month.publish`, `job.create`, `session.create`… */
  action: string
  team_id: string | null
  entity: string
  entity_id: string
  before: MaybeJson<unknown>
  after: MaybeJson<unknown>
}

export interface SolverJobsTable {
  id: string
  team_id: string
  month_id: number
  month: string
  status: JobStatus
  /** The version the solver started from. */
  base_version: number
  seconds: number
  seed: number
  replan: boolean
  /** Best score so far: `{ hard, soft, elapsedMs }`. */
  progress: MaybeJson<JobProgress>
  /** What the solver returned: `{ status, ok, hard, soft, elapsedMs }`. */
  outcome: MaybeJson<JobOutcome>
  result_version: number | null
  error: string | null
  /** The process that runs (or ran) the job. */
  worker: string | null
  created_by: number | null
  created_at: Timestamp
  started_at: MaybeTimestamp
  finished_at: MaybeTimestamp
  /** Refreshed every few seconds while the job runs; a stale one means its process died. */
  heartbeat_at: MaybeTimestamp
}

/** The secret of a person's iCal feed (`GET /api/ical/:token`); rotating it revokes the old URL. */
export interface IcalTokensTable {
  person_id: number
  /** SHA-256 (hex) of the token: the token itself is never stored (migration 0009). */
  token_hash: string
  created_at: Timestamp
}

/** A person on a team as the month file's `agents` has them, with the date they leave. */
export interface StaffTable {
  team_id: string
  /** 工号: their id in the team's month files. */
  id: string
  name: string
  job: Job
  level: Level
  role: 'agent' | 'teamLeader'
  team_leader_id: string | null
  nights: boolean
  contract_days: number | null
  /** `YYYY-MM-DD`: from this date on they are not rostered and cannot sign in. */
  left_on: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

/** A team's roster-sheet mapping (issue 23): cell text → D | N | - | L. */
export interface SheetMappingsTable {
  team_id: string
  mapping: Json<Record<string, 'D' | 'N' | '-' | 'L'>>
  updated_by: number | null
  updated_at: Generated<Timestamp>
}

/** ATTEND-RECORD: the record of one shift of a month (migration 0008_i21_attendance). */
export interface AttendanceDaysTable {
  id: Generated<number>
  month_id: number
  date: string
  shift: 'D' | 'N'
  revision: number
  records: Json<Array<Record<string, unknown>>>
  recorded_by: string
  recorded_at: ColumnType<Date, Date | string | undefined, Date | string>
}

/** HANDOVER-LOG: a shift's handover log (migration 0009_i21_handovers). */
export interface HandoversTable {
  id: Generated<number>
  month_id: number
  date: string
  shift: 'D' | 'N'
  revision: number
  log: Json<Record<string, unknown>>
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface Database {
  attendance_days: AttendanceDaysTable
  handovers: HandoversTable
  staff: StaffTable
  ical_tokens: IcalTokensTable
  teams: TeamsTable
  people: PeopleTable
  sessions: SessionsTable
  policies: PoliciesTable
  months: MonthsTable
  roster_versions: RosterVersionsTable
  leaves: LeavesTable
  swaps: SwapsTable
  approvals: ApprovalsTable
  audit_log: AuditLogTable
  solver_jobs: SolverJobsTable
  holiday_arrangements: HolidayArrangementsTable
  sign_in_failures: SignInFailuresTable
  sign_in_locks: SignInLocksTable
  sheet_mappings: SheetMappingsTable
}

export type Person = Selectable<PeopleTable>
export type MonthRow = Selectable<MonthsTable>
export type JobRow = Selectable<SolverJobsTable>
