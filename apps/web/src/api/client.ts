import type {
  AttendanceDay,
  AttendanceWrite,
  ClockImport,
  ClockImportResult,
  EmergencyLeave,
  EmergencyLeaveResult,
  HandoverDay,
  HandoverWrite,
  PayrollSheet,
  Certificate,
  ComplianceReport,
  DecisionInput,
  HolidayArrangement,
  HolidayYear,
  ImportResult,
  LeaveCheck,
  MonthFile,
  MyRequest,
  PasswordChange,
  RosterImportInput,
  RosterImportResult,
  Settings,
  SettingsUpdate,
  SignIn,
  SignInCreate,
  SignInInfo,
  Staff,
  StaffInput,
  StaffPatch,
  StartMonthResult,
  Swap,
  TeamInfo,
  TeamPatch,
  Violation,
} from '@paiban/domain'
import type { CellEdit } from '../grid/editor-state'
import type {
  CheckResult,
  DecisionResult,
  IcalLink,
  InboxItem,
  Job,
  LeaveDraft,
  Me,
  MonthView,
  SwapDraft,
  TeamSummary,
  VersionInfo,
} from './types'

/**
 * The API over HTTP, same origin (the API serves this app; in dev Vite proxies `/api`). Every
 * failure is an {@link ApiError} with the API's error body (`{ error: { code, message, … } }`).
 */

/** A failed request: the HTTP status and the API's error code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** With 409 STALE_VERSION: the version the month is at now. */
    readonly currentVersion?: number,
    /** What a person reads, in both languages, when the server says it. */
    readonly text?: { zh: string; en: string },
    /** With 422 from the rules: the violations, bilingual. */
    readonly violations?: Violation[],
    /** With 400: every bad field, by path. */
    readonly issues: ReadonlyArray<{ path: string; message: string }> = [],
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** The API has no such route (yet): its not-found handler says `no route …`. */
  get isMissingRoute(): boolean {
    return this.status === 404 && this.message.startsWith('no route')
  }

  get isStale(): boolean {
    return this.status === 409
  }
}

type ErrorBody = {
  error?: {
    code?: string
    message?: string
    currentVersion?: number
    text?: { zh: string; en: string }
    violations?: Violation[]
    issues?: Array<{ path: string; message: string }>
  }
}

/** The message of an error in the page's language: the server's bilingual text when it sent one. */
export function errorText(e: unknown, lang: 'zh' | 'en'): string {
  if (e instanceof ApiError && e.text) return e.text[lang]
  return (e as Error).message
}

/** Posts a file as the raw body with its own content type (a staff sheet). */
function sendFile<T>(path: string, file: Blob): Promise<T> {
  return request<T>('POST', path, file, file.type || 'application/octet-stream')
}

async function request<T>(method: string, path: string, body?: unknown, type?: string): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': type ?? 'application/json' },
    ...(body === undefined ? {} : { body: type ? (body as Blob) : JSON.stringify(body) }),
  })
  if (response.status === 204) return undefined as T
  const text = await response.text()
  let json: unknown = undefined
  try {
    json = text === '' ? undefined : JSON.parse(text)
  } catch {
    // A proxy's HTML error page, say: reported below with the status.
  }
  if (!response.ok) {
    const error = (json as ErrorBody | undefined)?.error
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? (text.slice(0, 200) || response.statusText),
      error?.currentVersion,
      error?.text,
      error?.violations,
      error?.issues ?? [],
    )
  }
  return json as T
}

const month = (team: string, m: string) =>
  `/api/teams/${encodeURIComponent(team)}/months/${encodeURIComponent(m)}`

/** The centre (issue 18): teams, people, staff sheets, sign-ins, passwords, settings, new months. */
const centre = {
  changePassword: (current: string, next: string) =>
    request<void>('POST', '/api/me/password', { current, next } satisfies PasswordChange),
  adminTeams: () => request<TeamInfo[]>('GET', '/api/admin/teams'),
  createTeam: (team: { id: string; name: string; timeZone: string }) =>
    request<TeamInfo>('POST', '/api/teams', team),
  patchTeam: (team: string, patch: TeamPatch) =>
    request<TeamInfo>('PATCH', `/api/teams/${encodeURIComponent(team)}`, patch),
  people: (team: string) => request<Staff[]>('GET', `/api/teams/${encodeURIComponent(team)}/people`),
  addPerson: (team: string, person: StaffInput) =>
    request<Staff>('POST', `/api/teams/${encodeURIComponent(team)}/people`, person),
  patchPerson: (team: string, id: string, patch: Partial<StaffPatch>) =>
    request<Staff>('PATCH', `/api/teams/${encodeURIComponent(team)}/people/${encodeURIComponent(id)}`, patch),
  /** A staff sheet (the file as it is) previewed (`dryRun`) or stored. */
  importPeople: (team: string, file: Blob, dryRun: boolean) =>
    sendFile<ImportResult>(
      `/api/teams/${encodeURIComponent(team)}/people/import${dryRun ? '?dryRun=1' : ''}`,
      file,
    ),
  signIns: () => request<SignInInfo[]>('GET', '/api/signins'),
  createSignIn: (
    body: Omit<SignInCreate, 'team' | 'agentId'> & { team: string | null; agentId: string | null },
  ) => request<SignInInfo>('POST', '/api/signins', body),
  resetPassword: (id: number, password: string) =>
    request<void>('POST', `/api/signins/${id}/password`, { password }),
  settings: (team: string) => request<Settings>('GET', `/api/teams/${encodeURIComponent(team)}/settings`),
  saveSettings: (team: string, body: SettingsUpdate) =>
    request<Settings>('PUT', `/api/teams/${encodeURIComponent(team)}/settings`, body),
  startMonth: (team: string, m: string) => request<StartMonthResult>('POST', `${month(team, m)}/start`),
}

export const api = {
  me: () => request<Me>('GET', '/api/session'),
  signIn: (login: string, password: string) =>
    request<Me>('POST', '/api/session', { login, password } satisfies SignIn),
  signOut: () => request<void>('DELETE', '/api/session'),
  teams: () => request<TeamSummary[]>('GET', '/api/teams'),

  month: (team: string, m: string) => request<MonthView>('GET', month(team, m)),
  importMonth: (team: string, m: string, file: MonthFile) =>
    request<VersionInfo>('PUT', month(team, m), file),
  editCells: (team: string, m: string, version: number, edits: readonly CellEdit[]) =>
    request<VersionInfo>('PATCH', `${month(team, m)}/cells`, { version, edits }),
  check: (team: string, m: string) => request<CheckResult>('POST', `${month(team, m)}/check`),
  publish: (team: string, m: string, version: number) =>
    request<VersionInfo>('POST', `${month(team, m)}/publish`, { version }),
  versions: (team: string, m: string) => request<VersionInfo[]>('GET', `${month(team, m)}/versions`),
  swapCheck: (team: string, m: string, swap: Omit<Swap, 'submittedAt'> & { submittedAt?: string }) =>
    request<CheckResult & { duplicate?: { zh: string; en: string } }>(
      'POST',
      `${month(team, m)}/swap-check`,
      swap,
    ),
  /** Would this leave be accepted (on the latest month, as on submit), who approves, is cover needed? */
  leaveCheck: (team: string, m: string, draft: LeaveDraft) =>
    request<LeaveCheck & { duplicate?: { zh: string; en: string } }>(
      'POST',
      `${month(team, m)}/leave-check`,
      draft,
    ),
  /** The swap finder: every colleague with whom a swap on `date` is allowed, and why the others are not. */
  swapFinder: (team: string, m: string, date: string) =>
    request<Array<{ agentId: string; name: string; theirs: string; ok: boolean; violations: Violation[] }>>(
      'GET',
      `${month(team, m)}/swap-finder?date=${encodeURIComponent(date)}`,
    ),
  /** The caller's own requests, newest first, with where each waits. */
  myRequests: () => request<MyRequest[]>('GET', '/api/me/requests'),
  generate: (team: string, m: string, options: { seconds: number; seed?: number; replan: boolean }) =>
    request<Job>('POST', `${month(team, m)}/generate`, options),
  job: (id: string) => request<Job>('GET', `/api/jobs/${encodeURIComponent(id)}`),
  cancelJob: (id: string) => request<Job>('DELETE', `/api/jobs/${encodeURIComponent(id)}`),
  /** Server-sent events of a job: `job`, `progress`, then `end`. */
  jobEventsUrl: (id: string) => `/api/jobs/${encodeURIComponent(id)}/events`,

  /** Proposed: one version's month file (compare with the published version). */
  version: (team: string, m: string, version: number) =>
    request<MonthView>('GET', `${month(team, m)}/versions/${version}`),
  /** Proposed: ask for a swap (the caller is the requester). */
  requestSwap: (team: string, m: string, draft: SwapDraft) =>
    request<{ id: string }>('POST', `${month(team, m)}/swaps`, draft),
  /** Proposed: ask for leave (one record per date, sharing a request id). */
  requestLeave: (team: string, m: string, draft: LeaveDraft) =>
    request<{ requestId: string }>('POST', `${month(team, m)}/leaves`, draft),
  /** Proposed: cancel one's own pending request. */
  cancelRequest: (team: string, m: string, kind: 'swaps' | 'leaves', id: string) =>
    request<void>('DELETE', `${month(team, m)}/${kind}/${encodeURIComponent(id)}`),
  /** Proposed: what waits for the caller, newest first, each with its rule check. */
  inbox: () => request<InboxItem[]>('GET', '/api/inbox'),
  /** Proposed: approve or reject one request (with a reason when rejecting). */
  decide: (
    item: InboxItem,
    decision: 'approve' | 'reject',
    reason: string,
    extra: Pick<DecisionInput, 'cover' | 'leaveShort'> = {},
  ) =>
    request<DecisionResult>(
      'POST',
      `${month(item.team, item.month)}/${item.kind === 'swap' ? 'swaps' : 'leaves'}/${encodeURIComponent(item.request.id)}/decision`,
      { decision, reason, ...extra } satisfies DecisionInput,
    ),
  /** Proposed: the payroll export's address (a download; CSV with BOM or XLSX). */
  payrollUrl: (team: string, m: string, format: 'csv' | 'xlsx') =>
    `${month(team, m)}/payroll?format=${format}`,
  /** The compliance report's CSV address (UTF-8 with BOM; headers in `lang`). */
  complianceUrl: (team: string, m: string, lang: 'zh' | 'en') =>
    `${month(team, m)}/compliance?format=csv&lang=${lang}`,
  /** The compliance report: every violation, manager exception and late approval of the month. */
  compliance: (team: string, m: string) => request<ComplianceReport>('GET', `${month(team, m)}/compliance`),
  /** Record a sick leave's medical certificate as handed in (its team leader or the supervisor). */
  certificate: (item: InboxItem, handedIn: boolean) =>
    request<void>(
      'PUT',
      `${month(item.team, item.month)}/leaves/${encodeURIComponent(item.request.id)}/certificate`,
      { handedIn } satisfies Certificate,
    ),
  /** The roster as the XLSX sheet (issue 23). */
  rosterXlsxUrl: (team: string, m: string, lang: 'zh' | 'en') => `${month(team, m)}/roster.xlsx?lang=${lang}`,
  /** The swap or leave register as CSV (BOM) or XLSX. */
  registerUrl: (
    team: string,
    m: string,
    kind: 'swaps' | 'leaves',
    format: 'csv' | 'xlsx',
    lang: 'zh' | 'en',
  ) => `${month(team, m)}/registers/${kind}?format=${format}&lang=${lang}`,
  /** Reads a roster sheet: a preview with `dryRun`, else stored as a draft (422 with the preview when refused). */
  importRoster: async (team: string, m: string, input: RosterImportInput, dryRun: boolean) => {
    const response = await fetch(`${month(team, m)}/roster-import${dryRun ? '?dryRun=1' : ''}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    })
    const body = (await response.json().catch(() => undefined)) as unknown
    if (response.ok || response.status === 422) return body as RosterImportResult
    const error = (body as ErrorBody | undefined)?.error
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? '',
      error?.currentVersion,
    )
  },
  /** ATTEND-RECORD: a shift's people with their report time and what was recorded. */
  attendance: (team: string, m: string, date: string, shift: 'D' | 'N') =>
    request<AttendanceDay>('GET', `${month(team, m)}/attendance/${date}/${shift}`),
  /** Save a shift's record made on `revision` (409 when someone saved it since). */
  recordAttendance: (team: string, m: string, date: string, shift: 'D' | 'N', body: AttendanceWrite) =>
    request<AttendanceDay>('PUT', `${month(team, m)}/attendance/${date}/${shift}`, body),
  /** ATTEND-RECORD: the time clock's CSV with its column mapping; `dryRun` checks and stores nothing. */
  importClock: (team: string, m: string, body: ClockImport) =>
    request<ClockImportResult>('POST', `${month(team, m)}/attendance/import`, body),
  /** HANDOVER-LOG: a shift's handover log, its swaps of the day, and whether the caller writes or acknowledges it. */
  handover: (team: string, m: string, date: string, shift: 'D' | 'N') =>
    request<HandoverDay>('GET', `${month(team, m)}/handovers/${date}/${shift}`),
  /** The outgoing lead writes the log on `revision` (409 when someone saved it since). */
  writeHandover: (team: string, m: string, date: string, shift: 'D' | 'N', body: HandoverWrite) =>
    request<HandoverDay>('PUT', `${month(team, m)}/handovers/${date}/${shift}`, body),
  /** The incoming lead acknowledges the log read at `revision` (409 when it changed since). */
  acknowledgeHandover: (team: string, m: string, date: string, shift: 'D' | 'N', revision: number) =>
    request<HandoverDay>('POST', `${month(team, m)}/handovers/${date}/${shift}/acknowledge`, { revision }),
  /** LEAVE-EMERGENCY: emergency sick leave for an agent's shift; the cell is `L` at once, the answer names the gap. */
  emergencyLeave: (team: string, m: string, body: EmergencyLeave) =>
    request<EmergencyLeaveResult>('POST', `${month(team, m)}/emergency-leaves`, body),
  /** The month's payroll table (the export's columns, rows and totals) for the payroll page. */
  payrollSheet: (team: string, m: string) => request<PayrollSheet>('GET', `${month(team, m)}/payroll/table`),
  /** Proposed: the caller's secret iCal feed. */
  ical: () => request<IcalLink>('GET', '/api/me/ical'),
  /** A new feed address; the old one stops working. */
  newIcal: () => request<IcalLink>('DELETE', '/api/me/ical'),
  ...centre,
  /** CAL-HOLIDAY: the centre's holiday calendar, per year. */
  holidays: () => request<HolidayYear[]>('GET', '/api/holidays'),
  holidayYear: (year: number) => request<HolidayYear>('GET', `/api/holidays/${year}`),
  /** Stores a year's arrangement as the version after `version` (409 when stale). */
  putHolidays: (arrangement: HolidayArrangement, version: number) =>
    request<HolidayYear>('PUT', `/api/holidays/${arrangement.year}?version=${version}`, arrangement),
}

/** Fetches a download and hands it to the browser; the API's error when it fails. */
export async function download(url: string, fallbackName: string): Promise<void> {
  const response = await fetch(url, { credentials: 'same-origin' })
  if (!response.ok) {
    let body: ErrorBody | undefined
    try {
      body = (await response.json()) as ErrorBody
    } catch {
      body = undefined
    }
    throw new ApiError(
      response.status,
      body?.error?.code ?? `HTTP_${response.status}`,
      body?.error?.message ?? '',
    )
  }
  const blob = await response.blob()
  const disposition = response.headers.get('content-disposition') ?? ''
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1]
  const link = document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = name ? decodeURIComponent(name) : fallbackName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000)
}
