import { writeSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  daysInMonth,
  lastDays,
  neighboursOf,
  nextMonth,
  parseMonthFile,
  PREVIOUS_DAYS,
  previousMonth,
  rosterIssues,
  type Cell,
  type InputIssue,
  type Leave,
  type MonthFile,
  type MonthView,
  type Swap,
  type TeamSummary,
  type VersionInfo,
  type VersionState,
  type Violation,
} from '@paiban/domain'
import { checkMonth, checkSwap, requestIssues, type CheckResult } from '@paiban/rules'
import type { FastifyBaseLogger } from 'fastify'
import fp from 'fastify-plugin'
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { AppConfig } from '../../config'
import type { Database, MonthRow, RosterVersionsTable, VersionSource } from '../../db/schema'
import { badRequest, forbidden, HttpError, notFound, staleVersion } from '../../errors'
import { withStoredAttendance } from './attendance'
import { withCentreCalendar } from './holidays'
import { fileHash, importSummary } from '../../import-summary'
import { ownIds, stampImportedApprovals } from '../../import/approvals'
import { audit, type Actor } from './audit'
import type { SessionUser } from './auth'

declare module 'fastify' {
  interface FastifyInstance {
    months: MonthsService
  }
}

/** One roster version, a month as one person may see it, a team with its months: as the API shows them. */
export type { MonthView, TeamSummary, VersionInfo } from '@paiban/domain'

export type CellEdit = { agentId: string; date: string; cell: Cell }

/** Supervisors work on the latest version; everyone else sees the latest published one. */
const seesDrafts = (user: SessionUser) => user.role === 'supervisor' || user.role === 'admin'

/** The agents whose requests a person may see: themself, and a team leader's own agents. */
function visibleAgents(file: MonthFile, user: SessionUser): Set<string> | 'all' {
  if (user.role !== 'agent' && user.role !== 'teamLeader') return 'all'
  const ids = new Set<string>()
  if (user.agentId === null) return ids
  ids.add(user.agentId)
  if (user.role === 'teamLeader')
    for (const a of file.agents) if (a.teamLeaderId === user.agentId) ids.add(a.id)
  return ids
}

/** The month file without other people's requests, wishes and attendance (agents, team leaders). */
function redact(file: MonthFile, user: SessionUser): MonthFile {
  const ids = visibleAgents(file, user)
  if (ids === 'all') return file
  return {
    ...file,
    wishes: file.wishes.filter(w => ids.has(w.agentId)),
    leaves: file.leaves.filter(l => ids.has(l.agentId)),
    swaps: file.swaps.filter(s => ids.has(s.requester) || ids.has(s.counterpart)),
    attendance: file.attendance.filter(a => ids.has(a.agentId)),
  }
}

/** The cell edits applied to a copy of the month's roster; 400 naming each bad edit. */
function applyEdits(file: MonthFile, edits: readonly CellEdit[]): { next: MonthFile; before: CellEdit[] } {
  const ids = new Set(file.agents.map(a => a.id))
  const days = daysInMonth(file.month)
  const issues: InputIssue[] = []
  const rows = new Map<string, string[]>(
    file.agents.map(a => [a.id, [...(file.roster?.[a.id] ?? '?'.repeat(days))]]),
  )
  const before: CellEdit[] = []
  edits.forEach((edit, i) => {
    const row = rows.get(edit.agentId)
    if (!ids.has(edit.agentId) || !row) {
      issues.push({ path: `edits[${i}].agentId`, message: `unknown agent id ${edit.agentId}` })
      return
    }
    if (!edit.date.startsWith(`${file.month}-`)) {
      issues.push({ path: `edits[${i}].date`, message: `${edit.date} is not in ${file.month}` })
      return
    }
    const day = Number(edit.date.slice(8, 10)) - 1
    before.push({ agentId: edit.agentId, date: edit.date, cell: (row[day] ?? '?') as Cell })
    row[day] = edit.cell
  })
  if (issues.length > 0) throw badRequest(issues)
  const roster = Object.fromEntries([...rows].map(([id, row]) => [id, row.join('')]))
  return { next: { ...file, roster }, before }
}

type VersionRow = Pick<
  Selectable<RosterVersionsTable>,
  'id' | 'number' | 'state' | 'source' | 'created_at' | 'published_at' | 'job_id'
> & { created_login: string | null; published_login: string | null }

function versionInfo(row: VersionRow): VersionInfo {
  return {
    version: row.number,
    state: row.state,
    source: row.source,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_login,
    publishedAt: row.published_at?.toISOString() ?? null,
    publishedBy: row.published_login,
    jobId: row.job_id,
  }
}

/**
 * Months and their roster versions: reading (as each role may), importing, cell edits with
 * compare-and-set on the version, publishing, history, and the rule checks. Every change is one
 * transaction with its audit row.
 */
/** What a roster version's info is read from (versions `v`, their creator `c` and publisher `p`). */
const VERSION_COLUMNS = [
  'v.id',
  'v.number',
  'v.state',
  'v.source',
  'v.created_at',
  'v.published_at',
  'v.job_id',
  'c.login as created_login',
  'p.login as published_login',
] as const

export class MonthsService {
  /** Parsed month files by roster_versions.id: a version's file never changes once written. */
  private readonly files = new Map<number, MonthFile>()

  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: AppConfig,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** The teams a person may see (their own) with the months they may open. */
  async teams(user: SessionUser): Promise<TeamSummary[]> {
    // The admin sees every team that is not archived; everyone else their own.
    const all = user.role === 'admin'
    const teams = await this.db
      .selectFrom('teams')
      .selectAll()
      .$if(all, q => q.where('archived_at', 'is', null).orderBy('id'))
      .$if(!all, q => q.where('id', '=', user.teamId ?? ''))
      .execute()
    const months = await this.db
      .selectFrom('months')
      .select(['team_id', 'month', 'state', 'latest_version', 'published_version'])
      .$if(!all, q => q.where('team_id', '=', user.teamId ?? ''))
      .orderBy('month')
      .execute()
    return teams.map(team => ({
      id: team.id,
      name: team.name,
      timeZone: team.time_zone,
      months: months
        .filter(m => m.team_id === team.id && (seesDrafts(user) || m.published_version !== null))
        .map(m =>
          seesDrafts(user)
            ? {
                month: m.month,
                state: m.state,
                latestVersion: m.latest_version,
                publishedVersion: m.published_version,
              }
            : {
                month: m.month,
                state: 'published' as const,
                latestVersion: m.published_version ?? 0,
                publishedVersion: m.published_version,
              },
        ),
    }))
  }

  /**
   * The version a person may see — supervisors the latest, others the latest published — in one
   * query (it runs on every read).
   */
  private async visibleVersion(
    db: Kysely<Database>,
    user: SessionUser,
    team: string,
    month: string,
  ): Promise<{ month: Pick<MonthRow, 'id' | 'latest_version'>; version: VersionRow }> {
    const row = await db
      .selectFrom('months as m')
      .innerJoin('roster_versions as v', join =>
        join
          .onRef('v.month_id', '=', 'm.id')
          .onRef('v.number', '=', seesDrafts(user) ? 'm.latest_version' : 'm.published_version'),
      )
      .leftJoin('people as c', 'c.id', 'v.created_by')
      .leftJoin('people as p', 'p.id', 'v.published_by')
      .select(['m.id as month_id', 'm.latest_version', ...VERSION_COLUMNS])
      .where('m.team_id', '=', team)
      .where('m.month', '=', month)
      .executeTakeFirst()
    if (row) {
      const { month_id, latest_version, ...version } = row
      return { month: { id: month_id, latest_version }, version }
    }
    const exists = await this.findMonth(db, team, month)
    throw notFound(exists ? `${team} ${month} is not published yet` : `no roster for ${team} ${month}`)
  }

  /** A version's month file, parsed once and cached, with the centre's holiday arrangement (CAL-HOLIDAY). */
  private async fileOf(db: Kysely<Database>, versionId: number): Promise<MonthFile> {
    return withCentreCalendar(db, await this.storedFile(db, versionId))
  }

  private async storedFile(db: Kysely<Database>, versionId: number): Promise<MonthFile> {
    const cached = this.files.get(versionId)
    if (cached) {
      // Least recently used goes first: re-insert on every hit.
      this.files.delete(versionId)
      this.files.set(versionId, cached)
      return cached
    }
    const row = await db
      .selectFrom('roster_versions')
      .select('file')
      .where('id', '=', versionId)
      .executeTakeFirstOrThrow()
    const parsed = parseMonthFile(row.file)
    // Stored files were parsed before they were written; a failure here is a bug or a bad migration.
    if (!parsed.ok)
      throw new Error(`stored month file ${versionId} no longer parses: ${parsed.issues[0]?.path}`)
    this.remember(versionId, parsed.value)
    return parsed.value
  }

  private remember(versionId: number, file: MonthFile): void {
    this.files.set(versionId, file)
    if (this.files.size > 64) this.files.delete(this.files.keys().next().value as number)
  }

  /** The month as `user` may see it. */
  async read(user: SessionUser, team: string, month: string): Promise<MonthView> {
    const { month: m, version } = await this.visibleVersion(this.db, user, team, month)
    const file = await withStoredAttendance(
      this.db,
      m.id,
      await this.withPrevious(this.db, await this.fileOf(this.db, version.id)),
    )
    return {
      team,
      month,
      latestVersion: seesDrafts(user) ? m.latest_version : version.number,
      ...versionInfo(version),
      file: redact(file, user),
    }
  }

  /** The latest version's whole file, for the solver (supervisors only call it). */
  async latestFile(
    team: string,
    month: string,
  ): Promise<{ month: MonthRow; version: number; file: MonthFile }> {
    const m = await this.findMonth(this.db, team, month)
    if (!m) throw notFound(`no roster for ${team} ${month}`)
    const v = await this.db
      .selectFrom('roster_versions')
      .select('id')
      .where('month_id', '=', m.id)
      .where('number', '=', m.latest_version)
      .executeTakeFirstOrThrow()
    return { month: m, version: m.latest_version, file: await this.fileOf(this.db, v.id) }
  }

  /** A version's file by month id and number (the solver's base). */
  async versionFile(monthId: number, number: number, db: Kysely<Database> = this.db): Promise<MonthFile> {
    const v = await db
      .selectFrom('roster_versions')
      .select('id')
      .where('month_id', '=', monthId)
      .where('number', '=', number)
      .executeTakeFirstOrThrow()
    return this.withPrevious(db, await this.fileOf(db, v.id))
  }

  /**
   * The roster of the stored month before `month`: its latest published version, or its latest
   * draft when none is published (said so in `state`). Undefined when the team has no such month.
   */
  async priorRoster(
    db: Kysely<Database>,
    team: string,
    month: string,
  ): Promise<{ month: string; version: number; state: VersionState; file: MonthFile } | undefined> {
    const before = previousMonth(month)
    const m = await this.findMonth(db, team, before)
    if (!m || m.latest_version === 0) return undefined
    const number = m.published_version ?? m.latest_version
    const v = await db
      .selectFrom('roster_versions')
      .select('id')
      .where('month_id', '=', m.id)
      .where('number', '=', number)
      .executeTakeFirstOrThrow()
    const file = await this.fileOf(db, v.id)
    return {
      month: before,
      version: number,
      state: m.published_version === null ? 'draft' : 'published',
      file,
    }
  }

  /**
   * The file as every check sees it: when it has no `previous`, the last 6 days of the stored
   * month before (its latest published roster, else its latest draft), so REST-6-1, REST-GAP and
   * the night rules see across the month boundary; when it has no `neighbours`, the requests of the
   * stored months either side that SWAP-CONSEC and LEAVE-APPROVER must see (a swap on the 31st, the
   * other half of a leave request spanning the boundary). The stored file itself is not changed.
   */
  async withPrevious(db: Kysely<Database>, file: MonthFile): Promise<MonthFile> {
    let out = file
    if (Object.keys(file.previous).length === 0) {
      const prior = await this.priorRoster(db, file.team.id, file.month)
      const previous = prior?.file.roster
        ? lastDays(prior.file.roster, PREVIOUS_DAYS, new Set(file.agents.map(a => a.id)))
        : {}
      if (Object.keys(previous).length > 0) out = { ...out, previous }
    }
    if (file.neighbours) return out
    const team = file.team.id
    const [before, after, pending] = await Promise.all([
      this.requestsOf(db, team, previousMonth(file.month)),
      this.requestsOf(db, team, nextMonth(file.month)),
      this.requestsOf(db, team, file.month, false),
    ])
    // This month's pending requests live in their rows: their requestIds link neighbours too.
    const neighbours = neighboursOf(
      { month: file.month, leaves: [...file.leaves, ...(pending?.leaves ?? [])] },
      before,
      after,
    )
    return neighbours ? { ...out, neighbours } : out
  }

  /**
   * The swaps and leave of a stored month as its checks see them: those of its latest published
   * version (else its latest draft; with `withFile` false, none), with the requests of its rows
   * (pending ones, and each row's current status) over them. Undefined when there is no such month.
   */
  private async requestsOf(
    db: Kysely<Database>,
    team: string,
    month: string,
    withFile = true,
  ): Promise<Pick<MonthFile, 'swaps' | 'leaves'> | undefined> {
    const m = await this.findMonth(db, team, month)
    if (!m) return undefined
    const number = m.published_version ?? m.latest_version
    let file: Pick<MonthFile, 'swaps' | 'leaves'> = { swaps: [], leaves: [] }
    if (withFile && number > 0) {
      const v = await db
        .selectFrom('roster_versions')
        .select('id')
        .where('month_id', '=', m.id)
        .where('number', '=', number)
        .executeTakeFirstOrThrow()
      file = await this.fileOf(db, v.id)
    }
    const swapRows = await db
      .selectFrom('swaps')
      .select(['record', 'status'])
      .where('month_id', '=', m.id)
      .execute()
    const leaveRows = await db
      .selectFrom('leaves')
      .select(['record', 'status'])
      .where('month_id', '=', m.id)
      .execute()
    const swaps = swapRows.map(r => ({ ...(r.record as Swap), status: r.status, approvals: [] }))
    const leaves = leaveRows.map(r => ({ ...(r.record as Leave), status: r.status, approvals: [] }))
    const swapIds = new Set(swaps.map(s => s.id))
    const leaveIds = new Set(leaves.map(l => l.id))
    return {
      swaps: [...file.swaps.filter(s => !swapIds.has(s.id)), ...swaps],
      leaves: [...file.leaves.filter(l => !leaveIds.has(l.id)), ...leaves],
    }
  }

  /**
   * 409 before any transaction when `version` is already stale: under contention most losers are
   * turned away without holding a lock (or, on PGlite, its one connection). The check that counts
   * is the one repeated under the lock.
   */
  private async refuseStale(team: string, month: string, version: number): Promise<void> {
    const m = await this.db
      .selectFrom('months')
      .select('latest_version')
      .where('team_id', '=', team)
      .where('month', '=', month)
      .executeTakeFirst()
    if (m && m.latest_version !== version) throw staleVersion(version, m.latest_version)
  }

  /**
   * The month's row, or undefined when the team has no such month. With `lock` the row is taken
   * FOR UPDATE for the rest of the transaction: writers of one month go one at a time.
   */
  async findMonth(
    db: Kysely<Database>,
    team: string,
    month: string,
    lock = false,
  ): Promise<MonthRow | undefined> {
    const query = db.selectFrom('months').selectAll().where('team_id', '=', team).where('month', '=', month)
    return (lock ? query.forUpdate() : query).executeTakeFirst()
  }

  /** Locks the month's row for the rest of the transaction: writers of one month go one at a time. */
  private async lock(trx: Transaction<Database>, team: string, month: string): Promise<MonthRow | undefined> {
    return this.findMonth(trx, team, month, true)
  }

  /**
   * Writes `file` as draft version latest + 1 of a locked month. Compare-and-set: the month row
   * moves only from the version the caller read, and (month, number) is unique, so a concurrent
   * writer can never produce a second version with the same number.
   */
  async appendVersion(
    trx: Transaction<Database>,
    m: MonthRow,
    file: MonthFile,
    source: VersionSource,
    actor: Actor,
    jobId: string | null = null,
  ): Promise<{ number: number; info: VersionInfo }> {
    const number = m.latest_version + 1
    // neighbours are derived from the stored months either side on every read, never kept.
    const { neighbours: _, ...stored } = file
    const row = await trx
      .insertInto('roster_versions')
      .values({
        month_id: m.id,
        number,
        state: 'draft',
        source,
        file: JSON.stringify(stored),
        created_by: actor?.id ?? null,
        job_id: jobId,
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow()
    if (this.config.writePauseMs > 0) {
      this.log.warn({ month: m.month, number }, 'test fault: pausing inside a roster write')
      await sleep(this.config.writePauseMs)
    }
    const spin = this.config.writeSpinMs ?? 0
    if (spin > 0) {
      // Said synchronously: the logger's stream would not flush before the loop is blocked.
      writeSync(2, `test fault: blocking the event loop inside a roster write for ${spin} ms\n`)
      const until = Date.now() + spin
      while (Date.now() < until) {
        // busy: nothing else runs, not even a signal handler
      }
    }
    const moved = await trx
      .updateTable('months')
      .set({ latest_version: number, state: 'draft', updated_at: new Date() })
      .where('id', '=', m.id)
      .where('latest_version', '=', m.latest_version)
      .executeTakeFirst()
    // Unreachable while the row is locked; the guard keeps the write safe if a caller forgets to.
    if (moved.numUpdatedRows !== 1n)
      throw new HttpError(409, 'CONFLICT', 'the month changed while this write ran; reload and try again')
    // The next edit starts from this file: keep it parsed. (A rollback leaves an unused entry.)
    this.remember(row.id, stored)
    return {
      number,
      info: {
        version: number,
        state: 'draft',
        source,
        createdAt: row.created_at.toISOString(),
        createdBy: actor?.login ?? null,
        publishedAt: null,
        publishedBy: null,
        jobId,
      },
    }
  }

  /** Imports a month file as a new draft version (the month is created on its first import). */
  async import(user: SessionUser, team: string, month: string, file: MonthFile): Promise<VersionInfo> {
    const issues: InputIssue[] = []
    if (file.team.id !== team)
      issues.push({ path: 'team.id', message: `expected ${team} (the team in the URL)` })
    if (file.month !== month)
      issues.push({ path: 'month', message: `expected ${month} (the month in the URL)` })
    if (issues.length > 0) throw badRequest(issues)
    return this.db.transaction().execute(async trx => {
      await trx
        .insertInto('months')
        .values({ team_id: team, month, state: 'draft', latest_version: 0 })
        .onConflict(oc => oc.columns(['team_id', 'month']).doNothing())
        .execute()
      const m = await this.lock(trx, team, month)
      if (!m) throw new Error(`month ${team} ${month} vanished inside its transaction`)
      const previous = m.latest_version === 0 ? null : await this.versionFile(m.id, m.latest_version, trx)
      const stamped = stampImportedApprovals(previous, file, user, this.config.clock().toISOString())
      const { number, info } = await this.appendVersion(trx, m, stamped.file, 'import', user)
      await audit(trx, user, {
        action: 'month.import',
        teamId: team,
        entity: 'month',
        entityId: `${team}/${month}`,
        before: m.latest_version === 0 ? null : { version: m.latest_version, state: m.state },
        after: {
          version: number,
          state: 'draft',
          agents: file.agents.length,
          sha256: fileHash(file),
          diff: importSummary(previous, file),
          approvalsRecordedByImport: stamped.recorded,
        },
      })
      return info
    })
  }

  /**
   * Applies cell edits made on `version`. Only the latest version can be edited: otherwise 409
   * with the current version, and nothing is written.
   */
  async edit(
    user: SessionUser,
    team: string,
    month: string,
    version: number,
    edits: readonly CellEdit[],
  ): Promise<VersionInfo> {
    await this.refuseStale(team, month, version)
    return this.db.transaction().execute(async trx => {
      const m = await this.lock(trx, team, month)
      if (!m) throw notFound(`no roster for ${team} ${month}`)
      if (m.latest_version !== version) throw staleVersion(version, m.latest_version)
      const v = await trx
        .selectFrom('roster_versions')
        .select('id')
        .where('month_id', '=', m.id)
        .where('number', '=', version)
        .executeTakeFirstOrThrow()
      const { next, before } = applyEdits(await this.fileOf(trx, v.id), edits)
      const { number, info } = await this.appendVersion(trx, m, next, 'edit', user)
      await audit(trx, user, {
        action: 'month.edit',
        teamId: team,
        entity: 'month',
        entityId: `${team}/${month}`,
        before: { version, cells: before },
        after: { version: number, cells: edits },
      })
      return info
    })
  }

  /**
   * Stores a roster read from a sheet as a new draft version on top of `version` (409 if that is
   * not the latest; nothing is written): the version's file with its roster replaced. `alsoIn`
   * runs in the same transaction (the team's mapping is remembered with the version or not at all).
   */
  async importRoster(
    user: SessionUser,
    team: string,
    month: string,
    version: number,
    roster: Readonly<Record<string, string>>,
    alsoIn?: (trx: Transaction<Database>) => Promise<void>,
  ): Promise<VersionInfo> {
    await this.refuseStale(team, month, version)
    return this.db.transaction().execute(async trx => {
      const m = await this.lock(trx, team, month)
      if (!m) throw notFound(`no roster for ${team} ${month}`)
      if (m.latest_version !== version) throw staleVersion(version, m.latest_version)
      const base = await this.versionFile(m.id, version, trx)
      const { number, info } = await this.appendVersion(
        trx,
        m,
        { ...base, roster: { ...roster } },
        'import',
        user,
      )
      await alsoIn?.(trx)
      await audit(trx, user, {
        action: 'month.import-sheet',
        teamId: team,
        entity: 'month',
        entityId: `${team}/${month}`,
        before: { version, state: m.state },
        after: { version: number, state: 'draft', agents: Object.keys(roster).length },
      })
      return info
    })
  }

  /** Publishes the latest version (it must be `version`; 409 otherwise). Publishing twice is a no-op. */
  async publish(user: SessionUser, team: string, month: string, version: number): Promise<VersionInfo> {
    await this.refuseStale(team, month, version)
    await this.db.transaction().execute(async trx => {
      const m = await this.lock(trx, team, month)
      if (!m) throw notFound(`no roster for ${team} ${month}`)
      if (m.latest_version !== version) throw staleVersion(version, m.latest_version)
      if (m.state === 'published') return
      await this.markPublished(trx, m, user)
    })
    return this.info(team, month, version)
  }

  /** Marks a locked month's latest version published, with its audit row. */
  async markPublished(trx: Transaction<Database>, m: MonthRow, actor: Actor): Promise<void> {
    await trx
      .updateTable('roster_versions')
      .set({ state: 'published', published_by: actor?.id ?? null, published_at: new Date() })
      .where('month_id', '=', m.id)
      .where('number', '=', m.latest_version)
      .execute()
    await trx
      .updateTable('months')
      .set({ state: 'published', published_version: m.latest_version, updated_at: new Date() })
      .where('id', '=', m.id)
      .execute()
    await audit(trx, actor, {
      action: 'month.publish',
      teamId: m.team_id,
      entity: 'month',
      entityId: `${m.team_id}/${m.month}`,
      before: { version: m.latest_version, state: m.state },
      after: { version: m.latest_version, state: 'published' },
    })
  }

  /** One version's info. */
  private async info(team: string, month: string, number: number): Promise<VersionInfo> {
    const all = await this.history(team, month, number)
    const found = all[0]
    if (!found) throw new Error(`version ${number} of ${team} ${month} is missing`)
    return found
  }

  private async history(team: string, month: string, only?: number): Promise<VersionInfo[]> {
    let query = this.db
      .selectFrom('roster_versions as v')
      .innerJoin('months as m', 'm.id', 'v.month_id')
      .leftJoin('people as c', 'c.id', 'v.created_by')
      .leftJoin('people as p', 'p.id', 'v.published_by')
      .select(VERSION_COLUMNS)
      .where('m.team_id', '=', team)
      .where('m.month', '=', month)
    if (only !== undefined) query = query.where('v.number', '=', only)
    const rows = await query.orderBy('v.number', 'desc').execute()
    return rows.map(versionInfo)
  }

  /** Every version of a month, newest first. */
  async versions(team: string, month: string): Promise<VersionInfo[]> {
    const rows = await this.history(team, month)
    if (rows.length === 0) throw notFound(`no roster for ${team} ${month}`)
    return rows
  }

  /** checkMonth of the version `user` may see; a team leader sees violations of their own agents. */
  async check(user: SessionUser, team: string, month: string): Promise<CheckResult & { version: number }> {
    const { version } = await this.visibleVersion(this.db, user, team, month)
    const file = await this.withPrevious(this.db, await this.fileOf(this.db, version.id))
    const missing = rosterIssues(file)
    if (missing.length > 0)
      throw new HttpError(
        422,
        'UNPROCESSABLE',
        'the roster is not complete: generate it or import one with a row per agent',
        missing,
      )
    const result = checkMonth(file)
    const ids = visibleAgents(file, user)
    const violations =
      ids === 'all'
        ? result.violations
        : result.violations.filter(v => v.agentId === undefined || ids.has(v.agentId))
    return { ok: result.ok, violations, version: version.number }
  }

  /**
   * The caller confirms, with their own sign-in, their approvals of one request that a month file
   * import recorded (`recordedBy`): until then a supervisor's or manager's such approval counts as
   * missing. Written on the locked latest version as a new version (published when the month
   * was), with its audit row. 404 for an unknown request, 409 when nothing of the caller's waits.
   */
  async confirmApprovals(
    user: SessionUser,
    team: string,
    month: string,
    kind: 'swap' | 'leave',
    id: string,
  ): Promise<{ version: number; confirmed: number }> {
    return this.db.transaction().execute(async trx => {
      const m = await this.lock(trx, team, month)
      if (!m) throw notFound(`no roster for ${team} ${month}`)
      const file = await this.versionFile(m.id, m.latest_version, trx)
      const own = ownIds(file, user)
      const now = this.config.clock().toISOString()
      const hit = (r: { id: string; requestId?: string | undefined }) => r.id === id || r.requestId === id
      const records = kind === 'leave' ? file.leaves.filter(hit) : file.swaps.filter(s => s.id === id)
      if (records.length === 0) throw notFound(`no ${kind} ${id} in ${team} ${month}`)
      let confirmed = 0
      const confirm = <T extends { approvals: MonthFile['leaves'][number]['approvals'] }>(r: T): T => ({
        ...r,
        approvals: r.approvals.map(a => {
          if (a.recordedBy === undefined || a.confirmedAt !== undefined) return a
          if (a.role !== user.role || !own.has(a.by)) return a
          confirmed++
          return { ...a, confirmedAt: now }
        }),
      })
      const next: MonthFile =
        kind === 'leave'
          ? { ...file, leaves: file.leaves.map(l => (hit(l) ? confirm(l) : l)) }
          : { ...file, swaps: file.swaps.map(s => (s.id === id ? confirm(s) : s)) }
      if (confirmed === 0)
        throw new HttpError(
          409,
          'CONFLICT',
          `${kind} ${id} holds no approval of yours recorded by import that waits for your confirmation / 该申请没有待您确认的导入批准`,
          [{ path: 'id', message: 'nothing to confirm' }],
        )
      const { number } = await this.appendVersion(trx, m, next, 'edit', user)
      if (m.state === 'published') await this.markPublished(trx, { ...m, latest_version: number }, user)
      await audit(trx, user, {
        action: 'approval.confirm',
        teamId: team,
        entity: kind,
        entityId: id,
        before: { version: m.latest_version },
        after: { version: number, confirmed, role: user.role },
      })
      return { version: number, confirmed }
    })
  }

  /**
   * Would this swap be allowed once approved (checkSwap against the version `user` sees)? Agents
   * may ask about swaps they are party to, team leaders about their own agents' too, supervisors
   * about anyone's.
   */
  async swapCheck(
    user: SessionUser,
    team: string,
    month: string,
    request: Swap,
  ): Promise<{ ok: boolean; violations: Violation[]; version: number }> {
    const { version } = await this.visibleVersion(this.db, user, team, month)
    const file = await this.withPrevious(this.db, await this.fileOf(this.db, version.id))
    if (user.role !== 'supervisor') {
      const ids = visibleAgents(file, user)
      if (ids !== 'all' && !ids.has(request.requester) && !ids.has(request.counterpart))
        throw forbidden('you may only check swaps you (or your agents) are party to')
    }
    const issues = requestIssues(file, request).map(i => ({ ...i, path: i.path.replace(/^request\./, '') }))
    if (issues.length > 0) throw badRequest(issues)
    const result = checkSwap(file, request)
    return { ok: result.ok, violations: result.violations, version: version.number }
  }
}

export default fp(
  (app, config: AppConfig, done) => {
    app.decorate('months', new MonthsService(app.db, config, app.log))
    done()
  },
  { name: 'months', dependencies: ['db'] },
)
