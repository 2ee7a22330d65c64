import {
  parseWith,
  PolicySchema,
  SEED_POLICY,
  StaffSchema,
  startMonth,
  type Coverage,
  type ImportResult,
  type Job,
  type Person as FilePerson,
  type Settings,
  type SettingsUpdate,
  type SignInCreate,
  type SignInInfo,
  type Staff,
  type StaffPatch,
  type StartMonthResult,
  type TeamCreate,
  type TeamInfo,
  type TeamPatch,
} from '@paiban/domain'
import fp from 'fastify-plugin'
import type { Kysely, Selectable, Transaction } from 'kysely'
import { hashPassword } from '../../auth/passwords'
import type { AppConfig } from '../../config'
import type { Database, StaffTable } from '../../db/schema'
import { badRequest, forbidden, HttpError, notFound } from '../../errors'
import { readSheet, staffFromSheet } from '../../import/staff-sheet'
import { audit } from './audit'
import type { SessionUser } from './auth'
import type { MonthsService } from './months'

declare module 'fastify' {
  interface FastifyInstance {
    centre: CentreService
  }
}

const conflict = (message: string, path: string) =>
  new HttpError(409, 'CONFLICT', message, [{ path, message }])

function toStaff(row: Selectable<StaffTable>): Staff {
  return StaffSchema.parse({
    id: row.id,
    name: row.name,
    job: row.job,
    level: row.level,
    role: row.role,
    ...(row.team_leader_id !== null ? { teamLeaderId: row.team_leader_id } : {}),
    nights: row.nights,
    ...(row.contract_days !== null ? { contractDays: row.contract_days } : {}),
    leftOn: row.left_on,
  })
}

function staffRow(team: string, s: Staff) {
  return {
    team_id: team,
    id: s.id,
    name: s.name,
    job: s.job,
    level: s.level,
    role: s.role,
    team_leader_id: s.teamLeaderId ?? null,
    nights: s.nights,
    contract_days: s.contractDays ?? null,
    left_on: s.leftOn,
  }
}

const sameStaff = (a: Staff, b: Staff) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The centre's own data: teams, the people on them, sign-ins, team settings (versioned), and
 * starting a month from the team as it stands. Every change is one transaction with its audit row.
 */
export class CentreService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly months: MonthsService,
  ) {}

  // ─────────────────────────── teams ───────────────────────────

  async teams(): Promise<TeamInfo[]> {
    const rows = await this.db.selectFrom('teams').selectAll().orderBy('id').execute()
    const counts = await this.db
      .selectFrom('staff')
      .select(['team_id', eb => eb.fn.countAll<string>().as('n')])
      .where('left_on', 'is', null)
      .groupBy('team_id')
      .execute()
    const count = new Map(counts.map(c => [c.team_id, Number(c.n)]))
    return rows.map(t => ({
      id: t.id,
      name: t.name,
      timeZone: t.time_zone,
      jobs: t.jobs,
      archived: t.archived_at !== null,
      staff: count.get(t.id) ?? 0,
    }))
  }

  private async team(db: Kysely<Database>, team: string) {
    const row = await db.selectFrom('teams').selectAll().where('id', '=', team).executeTakeFirst()
    if (!row) throw notFound(`no team ${team}`)
    return row
  }

  private async teamInfo(team: string): Promise<TeamInfo> {
    const found = (await this.teams()).find(t => t.id === team)
    if (!found) throw notFound(`no team ${team}`)
    return found
  }

  /** A new team with the seed policy and no coverage yet (settings version 1). 409 if the id is taken. */
  async createTeam(user: SessionUser, body: TeamCreate): Promise<TeamInfo> {
    const jobs: Job[] = body.jobs ?? ['phone', 'chat', 'email']
    await this.db.transaction().execute(async trx => {
      const taken = await trx.selectFrom('teams').select('id').where('id', '=', body.id).executeTakeFirst()
      if (taken) throw conflict(`a team ${body.id} exists already`, 'id')
      await trx
        .insertInto('teams')
        .values({ id: body.id, name: body.name, time_zone: body.timeZone, jobs: JSON.stringify(jobs) })
        .execute()
      await trx
        .insertInto('policies')
        .values({ team_id: body.id, version: 1, policy: '{}', coverage: null, created_by: user.id })
        .execute()
      await audit(trx, user, {
        action: 'team.create',
        teamId: body.id,
        entity: 'team',
        entityId: body.id,
        after: { ...body, jobs },
      })
    })
    return this.teamInfo(body.id)
  }

  /** Renames a team, changes its zone or jobs, archives or restores it. */
  async patchTeam(user: SessionUser, team: string, patch: TeamPatch): Promise<TeamInfo> {
    await this.db.transaction().execute(async trx => {
      const before = await this.team(trx, team)
      await trx
        .updateTable('teams')
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
          ...(patch.jobs !== undefined ? { jobs: JSON.stringify(patch.jobs) } : {}),
          ...(patch.archived !== undefined
            ? { archived_at: patch.archived ? (before.archived_at ?? new Date()) : null }
            : {}),
        })
        .where('id', '=', team)
        .execute()
      await audit(trx, user, {
        action: patch.archived === true ? 'team.archive' : 'team.update',
        teamId: team,
        entity: 'team',
        entityId: team,
        before: {
          name: before.name,
          timeZone: before.time_zone,
          jobs: before.jobs,
          archived: before.archived_at !== null,
        },
        after: patch,
      })
    })
    return this.teamInfo(team)
  }

  // ─────────────────────────── people ───────────────────────────

  async staff(db: Kysely<Database>, team: string): Promise<Staff[]> {
    const rows = await db.selectFrom('staff').selectAll().where('team_id', '=', team).orderBy('id').execute()
    return rows.map(toStaff)
  }

  /** 400 naming the field when a team leader is unknown or the job is not the team's. */
  private async validate(db: Kysely<Database>, team: string, s: Staff, path = ''): Promise<void> {
    const t = await this.team(db, team)
    if (!t.jobs.includes(s.job))
      throw badRequest([
        { path: `${path}job`, message: `the team does not staff ${s.job}: it staffs ${t.jobs.join(', ')}` },
      ])
    if (s.teamLeaderId !== undefined && s.teamLeaderId !== s.id) {
      const leader = await db
        .selectFrom('staff')
        .select(['id', 'left_on'])
        .where('team_id', '=', team)
        .where('id', '=', s.teamLeaderId)
        .executeTakeFirst()
      if (!leader || leader.left_on !== null)
        throw badRequest([
          { path: `${path}teamLeaderId`, message: `${s.teamLeaderId} is not on team ${team}` },
        ])
    }
  }

  async addStaff(user: SessionUser, team: string, s: Staff): Promise<Staff> {
    return this.db.transaction().execute(async trx => {
      await this.validate(trx, team, s)
      const taken = await trx
        .selectFrom('staff')
        .select('id')
        .where('team_id', '=', team)
        .where('id', '=', s.id)
        .executeTakeFirst()
      if (taken) throw conflict(`${s.id} is on team ${team} already`, 'id')
      await trx.insertInto('staff').values(staffRow(team, s)).execute()
      await audit(trx, user, {
        action: 'staff.create',
        teamId: team,
        entity: 'staff',
        entityId: `${team}/${s.id}`,
        after: s,
      })
      return s
    })
  }

  /**
   * Edits a person; `leftOn` takes them out from that date on (kept in past months and payroll),
   * `team` moves them to another team (the admin only; their sign-in moves with them).
   */
  async patchStaff(user: SessionUser, team: string, id: string, patch: StaffPatch): Promise<Staff> {
    return this.db.transaction().execute(async trx => {
      const row = await trx
        .selectFrom('staff')
        .selectAll()
        .where('team_id', '=', team)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst()
      if (!row) throw notFound(`no ${id} on team ${team}`)
      const before = toStaff(row)
      const { team: to, contractDays, teamLeaderId, from, was, ...rest } = patch
      if (was !== undefined && !sameStaff(StaffSchema.parse(was), before))
        throw new HttpError(
          409,
          'STALE_VERSION',
          `${before.name} (${id}) was changed by someone else since you opened them; reload and edit again`,
          [{ path: 'was', message: 'stale: reload the person' }],
        )
      const target = to ?? team
      if (target !== team && user.role !== 'admin')
        throw forbidden('only the admin moves people between teams')
      if (from !== undefined && target === team)
        throw badRequest([{ path: 'from', message: 'only with team: the first day on the new team' }])
      const merged = {
        ...before,
        ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
        ...(contractDays === null
          ? { contractDays: undefined }
          : contractDays !== undefined
            ? { contractDays }
            : {}),
        ...(teamLeaderId === null
          ? { teamLeaderId: undefined }
          : teamLeaderId !== undefined
            ? { teamLeaderId }
            : {}),
        // A move leaves the old team's leader behind.
        ...(target !== team && teamLeaderId === undefined ? { teamLeaderId: undefined } : {}),
      }
      const parsed = parseWith(StaffSchema, merged)
      if (!parsed.ok) throw badRequest(parsed.issues)
      const next = parsed.value
      if (target !== team) {
        await this.team(trx, target)
        const taken = await trx
          .selectFrom('staff')
          .select('id')
          .where('team_id', '=', target)
          .where('id', '=', id)
          .executeTakeFirst()
        if (taken) throw conflict(`${id} is on team ${target} already`, 'team')
      }
      await this.validate(trx, target, next)
      if (target !== team) {
        // From a date, the old team keeps them as a leaver so its months and payroll still know them.
        if (from !== undefined)
          await trx
            .updateTable('staff')
            .set({ left_on: from, updated_at: new Date() })
            .where('team_id', '=', team)
            .where('id', '=', id)
            .execute()
        else await trx.deleteFrom('staff').where('team_id', '=', team).where('id', '=', id).execute()
        await trx.insertInto('staff').values(staffRow(target, next)).execute()
        await trx
          .updateTable('people')
          .set({ team_id: target })
          .where('team_id', '=', team)
          .where('agent_id', '=', id)
          .execute()
      } else
        await trx
          .updateTable('staff')
          .set({ ...staffRow(team, next), updated_at: new Date() })
          .where('team_id', '=', team)
          .where('id', '=', id)
          .execute()
      const action =
        next.leftOn !== null && before.leftOn === null
          ? 'staff.leave'
          : target !== team
            ? 'staff.move'
            : 'staff.update'
      await audit(trx, user, {
        action,
        teamId: team,
        entity: 'staff',
        entityId: `${team}/${id}`,
        before,
        after: { ...next, team: target, ...(from !== undefined ? { from } : {}) },
      })
      return next
    })
  }

  /**
   * A staff sheet (CSV or XLSX) into the team: with `dryRun` only the preview (each row as it
   * would be stored, every bad cell); otherwise the same, stored in one transaction when there is
   * no error — nothing at all is stored while any row is bad. Re-importing updates by 工号.
   */
  async importStaff(user: SessionUser, team: string, bytes: Buffer, dryRun: boolean): Promise<ImportResult> {
    const t = await this.team(this.db, team)
    const existing = await this.staff(this.db, team)
    const sheet = await readSheet(bytes)
    const { staff, errors } = sheet.ok
      ? staffFromSheet(sheet.rows, { jobs: t.jobs, staff: existing })
      : { staff: [], errors: [sheet.error] }
    const byId = new Map(existing.map(s => [s.id, s]))
    const rows = staff.map(({ row, agent }) => {
      const old = byId.get(agent.id)
      return {
        row,
        agent,
        action: !old
          ? ('create' as const)
          : sameStaff(old, agent)
            ? ('unchanged' as const)
            : ('update' as const),
      }
    })
    const result = {
      dryRun,
      stored: false,
      rows,
      errors,
      created: rows.filter(r => r.action === 'create').length,
      updated: rows.filter(r => r.action === 'update').length,
    }
    if (dryRun) return result
    if (errors.length > 0)
      throw badRequest(errors.map(e => ({ path: `row ${e.row}, ${e.column}`, message: e.message })))
    await this.db.transaction().execute(async trx => {
      for (const { agent, action } of rows) {
        if (action === 'create') await trx.insertInto('staff').values(staffRow(team, agent)).execute()
        else if (action === 'update')
          await trx
            .updateTable('staff')
            .set({ ...staffRow(team, agent), updated_at: new Date() })
            .where('team_id', '=', team)
            .where('id', '=', agent.id)
            .execute()
      }
      await audit(trx, user, {
        action: 'staff.import',
        teamId: team,
        entity: 'team',
        entityId: team,
        after: { created: result.created, updated: result.updated, rows: rows.length },
      })
    })
    return { ...result, stored: true }
  }

  // ─────────────────────────── sign-ins ───────────────────────────

  /** The admin sees every sign-in; a supervisor those of their own team. */
  async signIns(user: SessionUser): Promise<SignInInfo[]> {
    const rows = await this.db
      .selectFrom('people')
      .select(['id', 'login', 'name', 'role', 'team_id', 'agent_id', 'must_change_password'])
      .$if(user.role !== 'admin', q => q.where('team_id', '=', user.teamId ?? ''))
      .orderBy('login')
      .execute()
    return rows.map(r => ({
      id: r.id,
      login: r.login,
      name: r.name,
      role: r.role,
      team: r.team_id,
      agentId: r.agent_id,
      mustChangePassword: r.must_change_password,
    }))
  }

  /** A sign-in with a first password its person must change at first sign-in. 409 for a taken login. */
  async createSignIn(user: SessionUser, body: SignInCreate): Promise<SignInInfo> {
    const issues = []
    if (body.role !== 'admin' && body.team === null)
      issues.push({ path: 'team', message: `required for a ${body.role}` })
    if (body.role === 'admin' && body.team !== null)
      issues.push({ path: 'team', message: 'an admin belongs to no team' })
    const isAgent = body.role === 'agent' || body.role === 'teamLeader'
    if (isAgent && body.agentId === null)
      issues.push({ path: 'agentId', message: `required for a ${body.role}: their 工号 on the team` })
    if (!isAgent && body.agentId !== null)
      issues.push({ path: 'agentId', message: `a ${body.role} has no 工号 on the roster` })
    if (!isAgent && !body.name) issues.push({ path: 'name', message: 'required' })
    if (issues.length > 0) throw badRequest(issues)
    const hash = await hashPassword(body.password)
    const id = await this.db.transaction().execute(async trx => {
      let name = body.name ?? ''
      if (body.team !== null) await this.team(trx, body.team)
      if (isAgent && body.team !== null && body.agentId !== null) {
        const s = await trx
          .selectFrom('staff')
          .select('name')
          .where('team_id', '=', body.team)
          .where('id', '=', body.agentId)
          .executeTakeFirst()
        if (!s)
          throw badRequest([{ path: 'agentId', message: `${body.agentId} is not on team ${body.team}` }])
        name = body.name ?? s.name
        const has = await trx
          .selectFrom('people')
          .select('login')
          .where('team_id', '=', body.team)
          .where('agent_id', '=', body.agentId)
          .executeTakeFirst()
        if (has) throw conflict(`${body.agentId} signs in as ${has.login} already`, 'agentId')
      }
      const taken = await trx
        .selectFrom('people')
        .select('id')
        .where('login', '=', body.login)
        .executeTakeFirst()
      if (taken) throw conflict(`the login ${body.login} is taken`, 'login')
      const row = await trx
        .insertInto('people')
        .values({
          login: body.login,
          name,
          role: body.role,
          team_id: body.team,
          agent_id: body.agentId,
          password_hash: hash,
          must_change_password: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await audit(trx, user, {
        action: 'signin.create',
        teamId: body.team,
        entity: 'person',
        entityId: String(row.id),
        after: { login: body.login, role: body.role, team: body.team, agentId: body.agentId },
      })
      return row.id
    })
    const created = (await this.signIns({ ...user, role: 'admin' })).find(s => s.id === id)
    if (!created) throw new Error(`sign-in ${id} vanished`)
    return created
  }

  /**
   * A new first password for someone (they must change it; their sessions end). The admin resets
   * anyone's; a supervisor those of their own team's agents, team leaders, managers and HR.
   */
  async resetPassword(user: SessionUser, id: number, password: string): Promise<void> {
    const person = await this.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst()
    if (!person) throw notFound(`no sign-in ${id}`)
    if (
      user.role !== 'admin' &&
      (person.team_id !== user.teamId || person.role === 'admin' || person.role === 'supervisor')
    )
      throw forbidden(
        'a supervisor resets the passwords of their own team only, and not of other supervisors',
      )
    const hash = await hashPassword(password)
    await this.db.transaction().execute(async trx => {
      await trx
        .updateTable('people')
        .set({ password_hash: hash, must_change_password: true })
        .where('id', '=', id)
        .execute()
      await trx.deleteFrom('sessions').where('person_id', '=', id).execute()
      await audit(trx, user, {
        action: 'password.reset',
        teamId: person.team_id,
        entity: 'person',
        entityId: String(id),
      })
    })
  }

  // ─────────────────────────── settings ───────────────────────────

  private async latestSettings(db: Kysely<Database>, team: string) {
    return db
      .selectFrom('policies as p')
      .leftJoin('people as c', 'c.id', 'p.created_by')
      .select(['p.version', 'p.policy', 'p.coverage', 'p.created_at', 'c.login'])
      .where('p.team_id', '=', team)
      .orderBy('p.version', 'desc')
      .limit(1)
      .executeTakeFirst()
  }

  /** The team's latest settings, with the seed policy beside them. */
  async settings(team: string): Promise<Settings> {
    await this.team(this.db, team)
    const row = await this.latestSettings(this.db, team)
    const policy = row?.policy ?? {}
    return {
      team,
      version: row?.version ?? 0,
      policy,
      effective: PolicySchema.parse(policy),
      defaults: SEED_POLICY,
      coverage: row?.coverage ?? (await this.lastCoverage(team)) ?? { default: {} },
      createdAt: row?.created_at.toISOString() ?? null,
      createdBy: row?.login ?? null,
    }
  }

  /** The coverage of the team's newest stored month, for a team whose settings have none yet. */
  private async lastCoverage(team: string): Promise<Coverage | undefined> {
    const m = await this.db
      .selectFrom('months')
      .select('month')
      .where('team_id', '=', team)
      .orderBy('month', 'desc')
      .limit(1)
      .executeTakeFirst()
    if (!m) return undefined
    const { file } = await this.months.latestFile(team, m.month)
    const { dates: _, ...coverage } = file.coverage
    return coverage
  }

  /** A new settings version made on `version` (409 when another change came first). */
  async updateSettings(user: SessionUser, team: string, body: SettingsUpdate): Promise<Settings> {
    const parsed = parseWith(PolicySchema, body.policy, ['policy'])
    if (!parsed.ok) throw badRequest(parsed.issues)
    await this.db.transaction().execute(async trx => {
      await trx.selectFrom('teams').select('id').where('id', '=', team).forUpdate().executeTakeFirstOrThrow()
      const latest = await this.latestSettings(trx, team)
      const current = latest?.version ?? 0
      if (body.version !== current)
        throw new HttpError(
          409,
          'STALE_VERSION',
          `settings version ${body.version} is not the latest (${current}); reload and apply the change again`,
          [{ path: 'version', message: `stale: the latest is ${current}` }],
          current,
        )
      await trx
        .insertInto('policies')
        .values({
          team_id: team,
          version: current + 1,
          policy: JSON.stringify(body.policy),
          coverage: JSON.stringify(body.coverage),
          created_by: user.id,
        })
        .execute()
      await audit(trx, user, {
        action: 'settings.update',
        teamId: team,
        entity: 'settings',
        entityId: team,
        before: latest ? { version: current, policy: latest.policy, coverage: latest.coverage } : null,
        after: { version: current + 1, policy: body.policy, coverage: body.coverage },
      })
    })
    return this.settings(team)
  }

  // ─────────────────────────── months ───────────────────────────

  /**
   * Starts a month from the team as it stands: its people (leavers before the month left out,
   * those leaving in it rested from their date on), settings and sign-ins, wishes empty, the
   * roster all `?`, `previous` from the month before's latest published roster (else its latest
   * draft, said so in `previousFrom`). 409 when the month exists.
   */
  async startMonth(user: SessionUser, team: string, month: string): Promise<StartMonthResult> {
    const t = await this.team(this.db, team)
    if (await this.months.findMonth(this.db, team, month))
      throw conflict(`${team} ${month} exists already: open it instead`, 'month')
    const settings = await this.settings(team)
    const staff = await this.staff(this.db, team)
    if (staff.length === 0)
      throw new HttpError(422, 'UNPROCESSABLE', `team ${team} has no people yet: add or import them first`, [
        { path: 'agents', message: 'no people on the team' },
      ])
    const prior = await this.months.priorRoster(this.db, team, month)
    const signIns = await this.db
      .selectFrom('people')
      .select(['login', 'name', 'role'])
      .where('team_id', '=', team)
      .where('role', 'in', ['supervisor', 'manager', 'hr'])
      .orderBy('login')
      .execute()
    const people: FilePerson[] =
      signIns.length > 0
        ? signIns.map(p => ({ id: p.login, name: p.name, role: p.role as FilePerson['role'] }))
        : (prior?.file.people ?? [])
    const built = startMonth({
      team: { id: t.id, name: t.name, timeZone: t.time_zone },
      month,
      policy: settings.policy,
      coverage: settings.coverage,
      staff,
      people,
      previous: prior?.file.roster ?? {},
    })
    if (!built.ok)
      throw new HttpError(
        422,
        'UNPROCESSABLE',
        built.issues.map(i => `${i.path}: ${i.message}`).join('; '),
        built.issues,
      )
    const file = built.value
    const info = await this.db.transaction().execute(async (trx: Transaction<Database>) => {
      const inserted = await trx
        .insertInto('months')
        .values({ team_id: team, month, state: 'draft', latest_version: 0 })
        .onConflict(oc => oc.columns(['team_id', 'month']).doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!inserted) throw conflict(`${team} ${month} exists already: open it instead`, 'month')
      const m = await this.months.findMonth(trx, team, month, true)
      if (!m) throw new Error(`month ${team} ${month} vanished inside its transaction`)
      const { info } = await this.months.appendVersion(trx, m, file, 'start', user)
      await audit(trx, user, {
        action: 'month.start',
        teamId: team,
        entity: 'month',
        entityId: `${team}/${month}`,
        after: {
          version: 1,
          agents: file.agents.length,
          settingsVersion: settings.version,
          previousFrom: prior ? { month: prior.month, version: prior.version, state: prior.state } : null,
        },
      })
      return info
    })
    return {
      ...info,
      team,
      month,
      agents: file.agents.length,
      previousFrom: prior ? { month: prior.month, version: prior.version, state: prior.state } : null,
    }
  }
}

export default fp(
  (app, _config: AppConfig, done) => {
    app.decorate('centre', new CentreService(app.db, app.months))
    done()
  },
  { name: 'centre', dependencies: ['db', 'months'] },
)
