import {
  attendanceFacts,
  AttendanceSchema,
  minutesClock,
  parseMonthFile,
  shiftMinutes,
  type Attendance,
  type AttendanceDay,
  type AttendanceWrite,
  type ClockImport,
  type ClockImportResult,
  type PayrollSheet,
  type EmergencyLeave,
  type EmergencyLeaveResult,
  type InputIssue,
  type Leave,
  type MonthFile,
  type Shift,
} from '@paiban/domain'
import { PAYROLL_COLUMNS, payrollTable, readClockCsv, rowValues, totalValues } from '@paiban/payroll'
import { checkLeave, firstDayBack, leaveRows, monthContext, rosterStrings, withRows } from '@paiban/rules'
import fp from 'fastify-plugin'
import type { Kysely, Transaction } from 'kysely'
import type { AppConfig } from '../../config'
import type { Database, MonthRow } from '../../db/schema'
import { badRequest, forbidden, HttpError, notFound } from '../../errors'
import { audit } from './audit'
import type { SessionUser } from './auth'
import { HandoverService, storedHandovers } from './handovers'
import type { MonthsService } from './months'

declare module 'fastify' {
  interface FastifyInstance {
    attendance: AttendanceService
    handovers: HandoverService
  }
}

type Db = Kysely<Database> | Transaction<Database>

/** 422 naming each broken rule (path = rule id), as the request routes answer. */
function refused(what: string, violations: ReadonlyArray<{ rule: string; message: { en: string } }>) {
  return new HttpError(
    422,
    'UNPROCESSABLE',
    `${what}: ${violations.map(v => `${v.rule} ${v.message.en}`).join('; ')}`,
    violations.map(v => ({ path: v.rule, message: v.message.en })),
  )
}

/** Every stored attendance record of a month (ATTEND-RECORD), in date order. */
export async function storedAttendance(db: Db, monthId: number): Promise<Attendance[]> {
  const rows = await db
    .selectFrom('attendance_days')
    .selectAll()
    .where('month_id', '=', monthId)
    .orderBy('date')
    .orderBy('shift')
    .execute()
  return rows.flatMap(r => (r.records as unknown[]).map(x => AttendanceSchema.parse(x)))
}

/**
 * `file` with what is stored for its month beside the versions: the day's records in `attendance`
 * (they replace the file's own records of the same agent and date) and the handover logs in
 * `handovers` (they replace the file's own log of the same date and shift). What the month read,
 * payroll and the compliance report see.
 */
export async function withStoredAttendance(db: Db, monthId: number, file: MonthFile): Promise<MonthFile> {
  const [stored, logs] = await Promise.all([storedAttendance(db, monthId), storedHandovers(db, monthId)])
  if (stored.length === 0 && logs.length === 0) return file
  const keys = new Set(stored.map(r => `${r.agentId}|${r.date}`))
  const shifts = new Set(logs.map(h => `${h.date}|${h.shift}`))
  return {
    ...file,
    attendance: [...file.attendance.filter(r => !keys.has(`${r.agentId}|${r.date}`)), ...stored],
    handovers: [...file.handovers.filter(h => !shifts.has(`${h.date}|${h.shift}`)), ...logs],
  }
}

/**
 * The day's record (ATTEND-RECORD), the time-clock import and emergency sick leave
 * (LEAVE-EMERGENCY). Records live in `attendance_days`, one row per recorded shift with a revision:
 * a save names the revision it was made on and a stale one is a 409, so a recorded day is never
 * silently overwritten; every save and import writes its audit row in the same transaction.
 */
export class AttendanceService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly months: MonthsService,
    private readonly config: AppConfig,
  ) {}

  private async month(db: Db, team: string, month: string, lock = false): Promise<MonthRow> {
    const m = await this.months.findMonth(db, team, month, lock)
    if (!m) throw notFound(`no roster for ${team} ${month}`)
    return m
  }

  /** Every stored record of a month, in date order. */
  async recordsOf(db: Db, monthId: number): Promise<Attendance[]> {
    return storedAttendance(db, monthId)
  }

  /** The latest file with the stored leave records (their status from the table) for what-ifs. */
  private async latest(trx: Db, m: MonthRow): Promise<MonthFile> {
    const file = await this.months.versionFile(m.id, m.latest_version, trx)
    const rows = await trx.selectFrom('leaves').selectAll().where('month_id', '=', m.id).execute()
    const stored = rows.map(r => ({ ...(r.record as Leave), status: r.status, approvals: [] }))
    const ids = new Set(stored.map(l => l.id))
    return { ...file, leaves: [...file.leaves.filter(l => !ids.has(l.id)), ...stored] }
  }

  /** A team leader records a shift they are on duty for; the supervisor any shift of the team. */
  private mayRecord(user: SessionUser, team: string, file: MonthFile, date: string, shift: Shift) {
    if (user.teamId !== team) throw forbidden('another team')
    if (user.role === 'supervisor') return
    if (user.role !== 'teamLeader' || user.agentId === null)
      throw forbidden('the team leader on duty or the supervisor records a shift')
    const cell = file.roster?.[user.agentId]?.[Number(date.slice(8, 10)) - 1]
    if (cell !== shift) throw forbidden(`you are not on duty on the ${shift} shift of ${date}`)
  }

  private dayOf(
    file: MonthFile,
    date: string,
    shift: Shift,
    row: { revision: number; records: Attendance[]; recorded_by: string; recorded_at: Date } | undefined,
  ): AttendanceDay {
    const i = Number(date.slice(8, 10)) - 1
    const t = shiftMinutes(shift, file.policy)
    const leaveShift = new Map(
      file.leaves.filter(l => l.date === date && l.status === 'approved').map(l => [l.agentId, l.shift]),
    )
    const people = file.agents.flatMap(a => {
      const cell = file.roster?.[a.id]?.[i]
      const here: 'D' | 'N' | 'L' | undefined =
        cell === shift ? shift : cell === 'L' && leaveShift.get(a.id) === shift ? 'L' : undefined
      if (here === undefined) return []
      const record = row?.records.find(r => r.agentId === a.id)
      return [
        {
          agentId: a.id,
          name: a.name,
          job: a.job,
          level: a.level,
          role: a.role,
          cell: here,
          ...(record ? { record } : {}),
        },
      ]
    })
    return {
      date,
      shift,
      report: minutesClock(t.report),
      start: minutesClock(t.start),
      end: t.end === 1440 ? '24:00' : minutesClock(t.end),
      revision: row?.revision ?? 0,
      recordedBy: row?.recorded_by ?? null,
      recordedAt: row?.recorded_at.toISOString() ?? null,
      people,
    }
  }

  private async row(db: Db, monthId: number, date: string, shift: Shift) {
    const r = await db
      .selectFrom('attendance_days')
      .selectAll()
      .where('month_id', '=', monthId)
      .where('date', '=', date)
      .where('shift', '=', shift)
      .executeTakeFirst()
    return r ? { ...r, records: (r.records as unknown[]).map(x => AttendanceSchema.parse(x)) } : undefined
  }

  private checkDate(month: string, date: string) {
    if (!date.startsWith(`${month}-`)) throw badRequest([{ path: 'params.date', message: `not in ${month}` }])
  }

  /** The shift's people with their report time and what is recorded (ATTEND-RECORD). */
  async day(
    user: SessionUser,
    team: string,
    month: string,
    date: string,
    shift: Shift,
  ): Promise<AttendanceDay> {
    this.checkDate(month, date)
    const view = await this.months.read(user, team, month)
    const m = await this.month(this.db, team, month)
    return this.dayOf(view.file, date, shift, await this.row(this.db, m.id, date, shift))
  }

  /**
   * Saves a shift's record made on `revision`: 409 when someone saved it since; 400 naming the record
   * and field for a person not on the shift, a second record of one person, an out before the in.
   */
  async save(
    user: SessionUser,
    team: string,
    month: string,
    date: string,
    shift: Shift,
    body: AttendanceWrite,
  ): Promise<AttendanceDay> {
    this.checkDate(month, date)
    return this.db.transaction().execute(async trx => {
      const m = await this.month(trx, team, month, true)
      const file = await this.latest(trx, m)
      this.mayRecord(user, team, file, date, shift)
      const stored = await this.row(trx, m.id, date, shift)
      const current = stored?.revision ?? 0
      if (body.revision !== current)
        throw new HttpError(
          409,
          'CONFLICT',
          `the record of ${date} ${shift} was saved by ${stored?.recorded_by ?? 'someone'} since you loaded it (revision ${current}); reload and apply your change again`,
          [{ path: 'revision', message: `stale: the latest is ${current}` }],
        )
      const day = this.dayOf(file, date, shift, undefined)
      const onShift = new Set(day.people.map(p => p.agentId))
      const issues: InputIssue[] = []
      const seen = new Set<string>()
      const by = user.agentId ?? user.login
      const at = this.config.clock().toISOString()
      const records = body.records.map((raw, i): Attendance => {
        const record = AttendanceSchema.parse({ ...raw, date, shift, recordedBy: by, recordedAt: at })
        if (!onShift.has(record.agentId))
          issues.push({
            path: `records[${i}].agentId`,
            message: `${record.agentId} is not on the ${shift} shift of ${date}`,
          })
        if (seen.has(record.agentId))
          issues.push({ path: `records[${i}].agentId`, message: `a second record of ${record.agentId}` })
        seen.add(record.agentId)
        if (attendanceFacts(record, shift, file.policy).outBeforeIn)
          issues.push({
            path: `records[${i}].leftAt`,
            message: `ATTEND-RECORD: out ${record.leftAt ?? ''} is before in ${record.arrivedAt ?? ''}`,
          })
        return record
      })
      if (issues.length > 0) throw badRequest(issues)
      await this.upsert(trx, m.id, date, shift, current + 1, records, by, stored !== undefined)
      await audit(trx, user, {
        action: stored ? 'attendance.correct' : 'attendance.record',
        teamId: team,
        entity: 'attendance',
        entityId: `${month}|${date}|${shift}`,
        ...(stored ? { before: { revision: current, records: stored.records } } : {}),
        after: { revision: current + 1, records },
      })
      const row = await this.row(trx, m.id, date, shift)
      return this.dayOf(file, date, shift, row)
    })
  }

  private async upsert(
    trx: Transaction<Database>,
    monthId: number,
    date: string,
    shift: Shift,
    revision: number,
    records: Attendance[],
    by: string,
    exists: boolean,
  ) {
    const values = { revision, records: JSON.stringify(records), recorded_by: by, recorded_at: new Date() }
    if (exists)
      await trx
        .updateTable('attendance_days')
        .set(values)
        .where('month_id', '=', monthId)
        .where('date', '=', date)
        .where('shift', '=', shift)
        .execute()
    else
      await trx
        .insertInto('attendance_days')
        .values({ month_id: monthId, date, shift, ...values })
        .execute()
  }

  /**
   * Imports a time clock's CSV export (`readClockCsv`): any bad row and nothing is stored (400 naming
   * each row); with `dryRun` the records it would store are answered and nothing is stored; otherwise each shift's records are merged into its stored record (a person's clock
   * punch replaces what was recorded for them), each shift's revision moves on, one audit row.
   */
  async importClock(
    user: SessionUser,
    team: string,
    month: string,
    body: ClockImport,
  ): Promise<ClockImportResult> {
    if (user.teamId !== team) throw forbidden('another team')
    return this.db.transaction().execute(async trx => {
      const m = await this.month(trx, team, month, true)
      const file = await this.latest(trx, m)
      const columns = { employee: 'employee', date: 'date', in: 'in', out: 'out', ...body.columns }
      const read = readClockCsv(body.csv, file, columns)
      if (!read.ok) throw badRequest(read.issues)
      if (body.dryRun === true) {
        const shifts = new Set(read.records.map(r => `${r.date}|${r.shift ?? 'D'}`))
        return { stored: 0, shifts: shifts.size, preview: read.records }
      }
      const byShift = new Map<string, Attendance[]>()
      for (const r of read.records) {
        const key = `${r.date}|${r.shift ?? 'D'}`
        byShift.set(key, [...(byShift.get(key) ?? []), r])
      }
      for (const [key, records] of byShift) {
        const [date = '', shift = 'D'] = key.split('|') as [string, Shift]
        const stored = await this.row(trx, m.id, date, shift)
        const ids = new Set(records.map(r => r.agentId))
        const merged = [...(stored?.records ?? []).filter(r => !ids.has(r.agentId)), ...records]
        await this.upsert(
          trx,
          m.id,
          date,
          shift,
          (stored?.revision ?? 0) + 1,
          merged,
          'clock',
          stored !== undefined,
        )
      }
      await audit(trx, user, {
        action: 'attendance.import',
        teamId: team,
        entity: 'attendance',
        entityId: month,
        after: { records: read.records.length, shifts: byShift.size },
      })
      return { stored: read.records.length, shifts: byShift.size }
    })
  }

  /**
   * The month's payroll table (rules.md §7) on the version the caller may see, with the stored
   * record: the same columns, rows and totals as the CSV/XLSX export, for the payroll page.
   */
  async payrollSheet(user: SessionUser, team: string, month: string): Promise<PayrollSheet> {
    const view = await this.months.read(user, team, month)
    const table = payrollTable(view.file)
    const both = (zh: Array<string | number>, en: Array<string | number>) =>
      zh.map((v, i) => (v === en[i] ? v : { zh: String(v), en: String(en[i] ?? '') }))
    return {
      version: view.version,
      columns: PAYROLL_COLUMNS.map(c => ({ key: c.key, header: c.header, kind: c.kind })),
      rows: table.rows.map(r => ({
        agentId: r.agentId,
        cells: both(rowValues(table, r, 'zh'), rowValues(table, r, 'en')),
      })),
      totals: both(totalValues(table, 'zh'), totalValues(table, 'en')),
      warnings: [...table.warnings],
    }
  }

  /**
   * LEAVE-EMERGENCY: the team leader (or the supervisor) files emergency sick leave for an agent's
   * shift, night and holiday included, at any time before its report time. It holds at once: the
   * record is approved with the filer's approval, the cell becomes `L` in a new version, and the
   * answer carries the coverage gap it leaves (COVER-*) for "suggest a fix" and the date the
   * certificate is due (the first day back). 422 with the rule when it is too late.
   */
  async emergencyLeave(
    user: SessionUser,
    team: string,
    month: string,
    body: EmergencyLeave,
  ): Promise<EmergencyLeaveResult> {
    if (user.teamId !== team) throw forbidden('another team')
    if (user.role !== 'teamLeader' && user.role !== 'supervisor')
      throw forbidden('a team leader or the supervisor files emergency sick leave')
    this.checkDate(month, body.date)
    return this.db.transaction().execute(async trx => {
      const m = await this.month(trx, team, month, true)
      const file = await this.latest(trx, m)
      const agent = file.agents.find(a => a.id === body.agentId)
      if (!agent) throw badRequest([{ path: 'agentId', message: `unknown agent id ${body.agentId}` }])
      const cell = file.roster?.[agent.id]?.[Number(body.date.slice(8, 10)) - 1]
      if (cell !== 'D' && cell !== 'N')
        throw badRequest([{ path: 'date', message: `${agent.id} has no shift on ${body.date}` }])
      const now = this.config.clock().toISOString()
      const by = user.agentId ?? user.login
      const id = `em-${body.date}-${agent.id}-${Date.parse(now).toString(36)}`
      const leave: Leave = {
        id,
        agentId: agent.id,
        date: body.date,
        shift: cell,
        kind: 'sick',
        urgent: true,
        certificate: false,
        requestId: id,
        submittedAt: now,
        by,
        status: 'approved',
        approvals: [{ by, role: user.role === 'supervisor' ? 'supervisor' : 'teamLeader', at: now }],
      }
      const check = checkLeave(file, leave)
      const broken = check.violations.filter(
        v => v.severity === 'hard' && (v.rule.startsWith('LEAVE-') || v.rule === 'SWAP-LEAVE'),
      )
      if (broken.length > 0) throw refused('the emergency leave cannot be filed', broken)
      const gap = check.violations.filter(v => v.rule.startsWith('COVER-') || v.rule === 'HANDOVER')
      const inserted = await trx
        .insertInto('leaves')
        .values({
          month_id: m.id,
          record_id: id,
          request_id: id,
          agent_id: agent.id,
          date: body.date,
          shift: cell,
          kind: 'sick',
          status: 'approved',
          record: JSON.stringify({ ...leave, approvals: undefined }),
          created_by: user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      for (const a of leave.approvals)
        await trx
          .insertInto('approvals')
          .values({ leave_id: inserted.id, by: a.by, role: a.role, person_id: user.id, at: now })
          .execute()
      const ctx = withRows(monthContext(file), leaveRows(monthContext(file), leave))
      const next = parseMonthFile({
        ...file,
        roster: { ...file.roster, ...rosterStrings(ctx.rows) },
        leaves: [...file.leaves, leave],
      })
      if (!next.ok) throw new Error(`the changed month no longer parses: ${next.issues[0]?.path}`)
      const { number } = await this.months.appendVersion(trx, m, next.value, 'edit', user)
      if (m.state === 'published')
        await this.months.markPublished(trx, { ...m, latest_version: number, state: 'draft' }, user)
      await audit(trx, user, {
        action: 'leave.emergency',
        teamId: team,
        entity: 'leave',
        entityId: id,
        after: { agentId: agent.id, date: body.date, shift: cell, note: body.note ?? null, version: number },
      })
      const due = firstDayBack(monthContext(next.value), leave) ?? null
      return { leaveId: id, version: number, certificateDue: due, gap }
    })
  }
}

export default fp(
  (app, config: AppConfig, done) => {
    app.decorate('attendance', new AttendanceService(app.db, app.months, config))
    app.decorate('handovers', new HandoverService(app.db, app.months, config))
    done()
  },
  { name: 'attendance', dependencies: ['db', 'months'] },
)
