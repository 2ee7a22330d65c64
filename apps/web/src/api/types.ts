import type { Leave, MonthFile, Swap, Violation } from '@paiban/domain'

/**
 * The API's response shapes as the web app reads them. They mirror apps/api/src/schemas (the
 * server validates and serialises with those zod schemas); the month file itself is
 * `@paiban/domain`'s `MonthFile`. Shapes marked "proposed" are routes the API does not have yet:
 * the pages are built against them and show "not available yet" while the API answers 404.
 */

export type Role = 'agent' | 'teamLeader' | 'supervisor' | 'manager' | 'hr'

/** `GET /api/session`, `POST /api/session`. */
export type Me = {
  login: string
  name: string
  role: Role
  team: string
  /** Their id in the team's month files; null for supervisor, manager and hr. */
  agentId: string | null
}

export type VersionState = 'draft' | 'published'

/** `GET /api/teams`. */
export type TeamSummary = {
  id: string
  name: string
  timeZone: string
  months: Array<{
    month: string
    state: VersionState
    latestVersion: number
    publishedVersion: number | null
  }>
}

/** A roster version (`VersionInfo`). */
export type VersionInfo = {
  version: number
  state: VersionState
  source: 'import' | 'edit' | 'generate' | 'demo'
  createdAt: string
  createdBy: string | null
  publishedAt: string | null
  publishedBy: string | null
  jobId: string | null
}

/** `GET /api/teams/:team/months/:month`: the version the caller may see and its month file. */
export type MonthView = VersionInfo & { team: string; month: string; latestVersion: number; file: MonthFile }

export type CheckResult = { ok: boolean; violations: Violation[]; version: number }

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled'
export type JobProgress = { hard: number; soft: number; elapsedMs: number }

/** A solver job (`Job`); its events stream at `/api/jobs/:id/events`. */
export type Job = {
  id: string
  team: string
  month: string
  status: JobStatus
  seconds: number
  seed: number
  replan: boolean
  baseVersion: number
  resultVersion: number | null
  progress: JobProgress | null
  outcome: { status: string; ok: boolean; hard: number; soft: number; elapsedMs: number } | null
  error: string | null
  createdBy: string | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
}

/** Proposed: what a swap request is sent as (`POST …/swaps`); the server sets requester and time. */
export type SwapDraft = { counterpart: string; date: string; returnDate?: string }

/** Proposed: what a leave request is sent as (`POST …/leaves`). */
export type LeaveDraft = {
  /** Sick leave may be filed for an agent by their team leader (LEAVE-SELF); default: oneself. */
  agentId?: string
  dates: string[]
  kind: Leave['kind']
  urgent: boolean
  certificate: boolean
}

/** Proposed: one request waiting for the caller (`GET /api/inbox`), with its rule check. */
export type InboxItem =
  | {
      kind: 'swap'
      team: string
      month: string
      /** The approval the caller would give: counterpart, teamLeader, supervisor or manager. */
      as: 'counterpart' | 'teamLeader' | 'supervisor' | 'manager'
      request: Swap
      requesterName?: string
      counterpartName?: string
      check: { ok: boolean; violations: Violation[] }
    }
  | {
      kind: 'leave'
      team: string
      month: string
      as: 'teamLeader' | 'supervisor' | 'manager'
      request: Leave
      agentName?: string
      check: { ok: boolean; violations: Violation[] }
    }

/** `POST …/decision`: the request's state after it; `version` when the last approval applied it. */
export type DecisionResult = { status: 'pending' | 'approved' | 'rejected'; version?: number }

/** Proposed: the agent's iCal feed (`GET /api/me/ical`). */
export type IcalLink = { url: string }
