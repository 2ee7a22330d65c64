import { ROLES, type Role } from './db/schema'

export { ROLES, type Role }

/** Who may call a route: anyone, or signed-in people with one of these roles. */
export type Access = 'public' | readonly Role[]

const ALL = ROLES
const PUBLIC = 'public'

/**
 * The role × route policy, in one place: the auth plugin enforces it before anything else runs
 * (401 without a session, 403 for a role not listed), refuses to start if an /api route is
 * missing here, and the authorization tests iterate it. Every team route is further scoped to the
 * caller's own team, and some narrow it again by resource (noted per line); those checks live in
 * the services.
 */
export const ACCESS = {
  'GET /api/health': PUBLIC,
  'GET /api/openapi.json': PUBLIC,
  'POST /api/session': PUBLIC,
  'GET /api/session': ALL,
  'DELETE /api/session': ALL,
  /** Each person sees their own team. */
  'GET /api/teams': ALL,
  /** Supervisor: the latest version, draft or published. Others: the latest published one; agents
   * and team leaders see only their own (and their agents') requests and wishes. */
  'GET /api/teams/:team/months/:month': ALL,
  /** Nobody edits a roster but its team's supervisor. */
  'PUT /api/teams/:team/months/:month': ['supervisor'],
  'PATCH /api/teams/:team/months/:month/cells': ['supervisor'],
  'POST /api/teams/:team/months/:month/publish': ['supervisor'],
  'POST /api/teams/:team/months/:month/generate': ['supervisor'],
  /** The version each may see (as GET). */
  'POST /api/teams/:team/months/:month/check': ['supervisor', 'teamLeader', 'manager'],
  'GET /api/teams/:team/months/:month/versions': ['supervisor', 'manager'],
  /** Agents: swaps they are party to; team leaders: swaps of themselves or their agents;
   * supervisors: any swap of the team. */
  'POST /api/teams/:team/months/:month/swap-check': ['agent', 'teamLeader', 'supervisor'],
  /** One version's file (compare versions). */
  'GET /api/teams/:team/months/:month/versions/:version': ['supervisor', 'manager'],
  /** Requests: an agent (team leaders are agents too) asks for themself; a team leader may file
   * sick leave for their own agents (LEAVE-SELF). Cancelling: the requester only. */
  'POST /api/teams/:team/months/:month/swaps': ['agent', 'teamLeader'],
  'DELETE /api/teams/:team/months/:month/swaps/:id': ['agent', 'teamLeader'],
  'POST /api/teams/:team/months/:month/leaves': ['agent', 'teamLeader'],
  'DELETE /api/teams/:team/months/:month/leaves/:id': ['agent', 'teamLeader'],
  /** Decisions at the caller's step of the chain (checked in the service). */
  'POST /api/teams/:team/months/:month/swaps/:id/decision': ['agent', 'teamLeader', 'supervisor'],
  'POST /api/teams/:team/months/:month/leaves/:id/decision': ['supervisor', 'manager'],
  /** Sick leave's medical certificate: the agent's own team leader or the supervisor. */
  'PUT /api/teams/:team/months/:month/leaves/:id/certificate': ['teamLeader', 'supervisor'],
  'GET /api/inbox': ALL,
  'GET /api/teams/:team/months/:month/payroll': ['hr', 'supervisor'],
  /** The version each may see (as GET): supervisor the latest, manager and hr the published one. */
  'GET /api/teams/:team/months/:month/compliance': ['supervisor', 'manager', 'hr'],
  /** Agents' own feed (team leaders are agents too); the feed itself is secret by its token. */
  'GET /api/me/ical': ['agent', 'teamLeader'],
  'DELETE /api/me/ical': ['agent', 'teamLeader'],
  'GET /api/ical/:token': PUBLIC,
  /** Jobs of the caller's team. */
  'GET /api/jobs/:id': ['supervisor', 'manager'],
  'GET /api/jobs/:id/events': ['supervisor', 'manager'],
  'DELETE /api/jobs/:id': ['supervisor'],
  /** CAL-HOLIDAY: everyone reads the calendar; the centre-wide arrangement is uploaded by
   * the admin, a supervisor or a manager. */
  'GET /api/holidays': ALL,
  'GET /api/holidays/:year': ALL,
  'PUT /api/holidays/:year': ['admin', 'supervisor', 'manager'],
  /** The centre (issue 18): the admin runs teams and sign-ins; a supervisor their team's people. */
  'GET /api/admin/teams': ['admin'],
  'POST /api/teams': ['admin'],
  'PATCH /api/teams/:team': ['admin'],
  'GET /api/teams/:team/people': ['admin', 'supervisor'],
  'POST /api/teams/:team/people': ['admin', 'supervisor'],
  /** Moving someone to another team: the admin only (checked in the service). */
  'PATCH /api/teams/:team/people/:id': ['admin', 'supervisor'],
  'POST /api/teams/:team/people/import': ['admin', 'supervisor'],
  /** The admin sees every sign-in and creates them; a supervisor sees and resets their team's. */
  'GET /api/signins': ['admin', 'supervisor'],
  'POST /api/signins': ['admin'],
  'POST /api/signins/:id/password': ['admin', 'supervisor'],
  'POST /api/me/password': ALL,
  'GET /api/teams/:team/settings': ['admin', 'supervisor', 'manager'],
  'PUT /api/teams/:team/settings': ['admin', 'supervisor'],
  'POST /api/teams/:team/months/:month/start': ['admin', 'supervisor'],
  /** Issue 20: checks as on submit, on the latest version (agents: their own; leaders: their agents'). */
  'POST /api/teams/:team/months/:month/leave-check': ['agent', 'teamLeader', 'supervisor'],
  /** Everyone's own requests (none for those without any). */
  'GET /api/me/requests': ALL,
  /** Roster sheets (issue 23): the sheet of the version each may see (as GET); only the
   * supervisor imports one; the registers for those who keep and audit them. */
  'GET /api/teams/:team/months/:month/roster.xlsx': ALL,
  'POST /api/teams/:team/months/:month/roster-import': ['supervisor'],
  'GET /api/teams/:team/months/:month/registers/:register': ['supervisor', 'manager', 'hr'],
  /** The swap finder: an agent's (or team leader's) own shift on a date. */
  'GET /api/teams/:team/months/:month/swap-finder': ['agent', 'teamLeader'],
  /** ATTEND-RECORD: the shift's record; saving is the team leader on duty's or the supervisor's
   * (checked in the service), corrections are audited and a stale save is a 409. */
  'GET /api/teams/:team/months/:month/attendance/:date/:shift': ['teamLeader', 'supervisor', 'manager', 'hr'],
  'PUT /api/teams/:team/months/:month/attendance/:date/:shift': ['teamLeader', 'supervisor'],
  'POST /api/teams/:team/months/:month/attendance/import': ['supervisor', 'teamLeader'],
  /** LEAVE-EMERGENCY: the team leader (or the supervisor) files it for an agent. */
  'POST /api/teams/:team/months/:month/emergency-leaves': ['teamLeader', 'supervisor'],
  /** The payroll page: the export's table as JSON (as GET …/payroll). */
  'GET /api/teams/:team/months/:month/payroll/table': ['hr', 'supervisor'],
  /** HANDOVER-LOG: the outgoing shift's lead writes, the incoming one's acknowledges (checked in the
   * service); the supervisor may do both for a team leader's log. */
  'GET /api/teams/:team/months/:month/handovers/:date/:shift': ['teamLeader', 'supervisor', 'manager'],
  'PUT /api/teams/:team/months/:month/handovers/:date/:shift': ['teamLeader', 'supervisor'],
  'POST /api/teams/:team/months/:month/handovers/:date/:shift/acknowledge': ['teamLeader', 'supervisor'],
  /** Issue 25: a supervisor or manager confirms their own approvals a month file import recorded. */
  'POST /api/teams/:team/months/:month/approvals/confirm': ['supervisor', 'manager'],
} as const satisfies Record<string, Access>

export type RouteKey = keyof typeof ACCESS

/** `GET /api/teams/:team` for a method and a route pattern (HEAD counts as GET). */
export function routeKey(method: string, url: string): string {
  return `${method === 'HEAD' ? 'GET' : method} ${url}`
}

/** The access of a route, or undefined when the table does not list it. */
export function accessOf(key: string): Access | undefined {
  return (ACCESS as Record<string, Access>)[key]
}
