import type {
  CheckResult as ApiCheckResult,
  DecisionResult as ApiDecisionResult,
  IcalLink as ApiIcalLink,
  InboxItem as ApiInboxItem,
  JobProgress as ApiJobProgress,
  LeaveDraftInput,
  Me as ApiMe,
  MonthView as ApiMonthView,
  Role as ApiRole,
  SolverJob,
  SwapDraftInput,
  TeamSummary as ApiTeamSummary,
  VersionInfo as ApiVersionInfo,
} from '@paiban/domain'

/**
 * The API's shapes as the web app reads and sends them: the `z.output` (responses) and `z.input`
 * (request bodies) types of the zod schemas in `@paiban/domain` (src/api.ts), the very schemas the
 * API validates and serialises with. Only types come from there: the web does not validate.
 */

export type Role = ApiRole

/** `GET /api/session`, `POST /api/session`. */
export type Me = ApiMe

/** `GET /api/teams` (a list of them). */
export type TeamSummary = ApiTeamSummary

/** A roster version (`VersionInfo`). */
export type VersionInfo = ApiVersionInfo

/** `GET /api/teams/:team/months/:month`: the version the caller may see and its month file. */
export type MonthView = ApiMonthView

export type CheckResult = ApiCheckResult

export type JobProgress = ApiJobProgress

/** A solver job (`Job`); its events stream at `/api/jobs/:id/events`. */
export type Job = SolverJob

/** What a swap request is sent as (`POST …/swaps`); the server sets requester and time. */
export type SwapDraft = SwapDraftInput

/** What a leave request is sent as (`POST …/leaves`). */
export type LeaveDraft = LeaveDraftInput

/** One request waiting for the caller (`GET /api/inbox`), with its rule check. */
export type InboxItem = ApiInboxItem

/** `POST …/decision`: the request's state after it; `version` when the last approval applied it. */
export type DecisionResult = ApiDecisionResult

/** The agent's iCal feed (`GET /api/me/ical`). */
export type IcalLink = ApiIcalLink
