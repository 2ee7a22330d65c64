import {
  addDays,
  HandoverSchema,
  type Handover,
  type HandoverAck,
  type HandoverDay,
  type HandoverWrite,
  type MonthFile,
  type Shift,
} from '@paiban/domain'
import type { Kysely, Transaction } from 'kysely'
import type { AppConfig } from '../../config'
import type { Database, MonthRow } from '../../db/schema'
import { badRequest, forbidden, HttpError, notFound } from '../../errors'
import { audit } from './audit'
import type { SessionUser } from './auth'
import type { MonthsService } from './months'

type Db = Kysely<Database> | Transaction<Database>

/** Every stored handover log of a month (HANDOVER-LOG), in date and shift order. */
export async function storedHandovers(db: Db, monthId: number): Promise<Handover[]> {
  const rows = await db
    .selectFrom('handovers')
    .select('log')
    .where('month_id', '=', monthId)
    .orderBy('date')
    .orderBy('shift')
    .execute()
  return rows.map(r => HandoverSchema.parse(r.log))
}

/** The shift that takes over from `shift` of `date`: the night of that date, or the next day shift. */
export function nextShift(date: string, shift: Shift): { date: string; shift: Shift } {
  return shift === 'D' ? { date, shift: 'N' } : { date: addDays(date, 1), shift: 'D' }
}

const cellOf = (file: MonthFile, agentId: string, date: string) =>
  file.month === date.slice(0, 7) ? file.roster?.[agentId]?.[Number(date.slice(8, 10)) - 1] : undefined

/**
 * HANDOVER-LOG (交接本): the outgoing shift's lead writes its log (equipment, open problems, the
 * day's swaps, pre-filled from the approved swaps), the incoming shift's lead acknowledges it at
 * roll call. Logs live in `handovers`, one row per outgoing shift with a revision: a stale write or
 * acknowledgement is a 409; every write is audited in the same transaction. A correction after the
 * acknowledgement clears it: the incoming lead has not read the new text.
 */
export class HandoverService {
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

  private checkDate(month: string, date: string) {
    if (!date.startsWith(`${month}-`)) throw badRequest([{ path: 'params.date', message: `not in ${month}` }])
  }

  /** The latest file of the month the incoming shift falls in (the 1st after the month's last night). */
  private async fileFor(db: Db, team: string, file: MonthFile, date: string): Promise<MonthFile | undefined> {
    if (date.startsWith(`${file.month}-`)) return file
    const m = await this.months.findMonth(db, team, date.slice(0, 7))
    if (!m || m.latest_version === 0) return undefined
    return this.months.versionFile(m.id, m.latest_version, db)
  }

  /** The team leader on `shift` of `date` (or the supervisor) may act for that shift. */
  private leads(user: SessionUser, file: MonthFile | undefined, date: string, shift: Shift): boolean {
    if (user.role === 'supervisor') return true
    if (user.role !== 'teamLeader' || user.agentId === null || !file) return false
    return cellOf(file, user.agentId, date) === shift
  }

  private async row(db: Db, monthId: number, date: string, shift: Shift) {
    const r = await db
      .selectFrom('handovers')
      .selectAll()
      .where('month_id', '=', monthId)
      .where('date', '=', date)
      .where('shift', '=', shift)
      .executeTakeFirst()
    return r ? { revision: r.revision, log: HandoverSchema.parse(r.log) } : undefined
  }

  /** The approved swaps that change who works `shift` of `date`, with names. */
  private async swapsOfDay(db: Db, monthId: number, file: MonthFile, date: string, shift: Shift) {
    const stored = await db
      .selectFrom('swaps')
      .select(['record_id', 'requester', 'counterpart', 'date', 'return_date'])
      .where('month_id', '=', monthId)
      .where('status', '=', 'approved')
      .execute()
    const ids = new Set(stored.map(s => s.record_id))
    const all = [
      ...file.swaps
        .filter(s => s.status === 'approved' && !ids.has(s.id))
        .map(s => ({
          id: s.id,
          requester: s.requester,
          counterpart: s.counterpart,
          date: s.date,
          ret: s.returnDate,
        })),
      ...stored.map(s => ({
        id: s.record_id,
        requester: s.requester,
        counterpart: s.counterpart,
        date: s.date,
        ret: s.return_date ?? undefined,
      })),
    ]
    const name = (id: string) => file.agents.find(a => a.id === id)?.name ?? id
    const out: HandoverDay['swapsOfDay'] = []
    for (const s of all) {
      // The requester's planned shift goes to the counterpart; on the return date the other way.
      if (s.date === date && cellOf(file, s.requester, date) === shift)
        out.push({
          id: s.id,
          gives: s.requester,
          takes: s.counterpart,
          givesName: name(s.requester),
          takesName: name(s.counterpart),
        })
      if (s.ret === date && cellOf(file, s.counterpart, date) === shift)
        out.push({
          id: s.id,
          gives: s.counterpart,
          takes: s.requester,
          givesName: name(s.counterpart),
          takesName: name(s.requester),
        })
    }
    return out
  }

  private async dayOf(
    db: Db,
    user: SessionUser,
    team: string,
    m: MonthRow,
    file: MonthFile,
    date: string,
    shift: Shift,
  ) {
    const stored = await this.row(db, m.id, date, shift)
    const next = nextShift(date, shift)
    const nextFile = await this.fileFor(db, team, file, next.date)
    return {
      date,
      shift,
      next,
      revision: stored?.revision ?? 0,
      log: stored?.log ?? null,
      swapsOfDay: await this.swapsOfDay(db, m.id, file, date, shift),
      mayWrite: this.leads(user, file, date, shift),
      mayAcknowledge: this.leads(user, nextFile, next.date, next.shift),
    } satisfies HandoverDay
  }

  /** A shift's handover log with the day's swaps and what the caller may do. */
  async day(
    user: SessionUser,
    team: string,
    month: string,
    date: string,
    shift: Shift,
  ): Promise<HandoverDay> {
    if (user.teamId !== team) throw forbidden('another team')
    this.checkDate(month, date)
    const m = await this.month(this.db, team, month)
    const file = await this.months.versionFile(m.id, m.latest_version)
    return this.dayOf(this.db, user, team, m, file, date, shift)
  }

  private stale(date: string, shift: Shift, current: number) {
    return new HttpError(
      409,
      'CONFLICT',
      `the handover log of ${date} ${shift} was changed since you loaded it (revision ${current}); reload and apply your change again`,
      [{ path: 'revision', message: `stale: the latest is ${current}` }],
    )
  }

  /** The outgoing lead (or the supervisor) writes or corrects the log made on `body.revision`. */
  async write(
    user: SessionUser,
    team: string,
    month: string,
    date: string,
    shift: Shift,
    body: HandoverWrite,
  ): Promise<HandoverDay> {
    if (user.teamId !== team) throw forbidden('another team')
    this.checkDate(month, date)
    return this.db.transaction().execute(async trx => {
      const m = await this.month(trx, team, month, true)
      const file = await this.months.versionFile(m.id, m.latest_version, trx)
      if (!this.leads(user, file, date, shift))
        throw forbidden(`HANDOVER-LOG: the lead of the ${shift} shift of ${date} writes its handover log`)
      const stored = await this.row(trx, m.id, date, shift)
      const current = stored?.revision ?? 0
      if (body.revision !== current) throw this.stale(date, shift, current)
      const by = user.agentId ?? stored?.log.by
      if (by === undefined)
        throw badRequest([
          { path: 'by', message: 'HANDOVER-LOG: a handover log is written by a team leader' },
        ])
      const log = HandoverSchema.parse({
        date,
        shift,
        by,
        writtenAt: this.config.clock().toISOString(),
        equipment: body.equipment ?? '',
        problems: body.problems ?? '',
        swaps: body.swaps ?? '',
      })
      await this.upsert(trx, m.id, date, shift, current + 1, log, stored !== undefined)
      await audit(trx, user, {
        action: stored ? 'handover.correct' : 'handover.write',
        teamId: team,
        entity: 'handover',
        entityId: `${month}|${date}|${shift}`,
        ...(stored ? { before: { revision: current, log: stored.log } } : {}),
        after: { revision: current + 1, log },
      })
      return this.dayOf(trx, user, team, m, file, date, shift)
    })
  }

  /** The incoming lead (or the supervisor) acknowledges the log as read at `body.revision`. */
  async acknowledge(
    user: SessionUser,
    team: string,
    month: string,
    date: string,
    shift: Shift,
    body: HandoverAck,
  ): Promise<HandoverDay> {
    if (user.teamId !== team) throw forbidden('another team')
    this.checkDate(month, date)
    return this.db.transaction().execute(async trx => {
      const m = await this.month(trx, team, month, true)
      const file = await this.months.versionFile(m.id, m.latest_version, trx)
      const next = nextShift(date, shift)
      if (!this.leads(user, await this.fileFor(trx, team, file, next.date), next.date, next.shift))
        throw forbidden(
          `HANDOVER-LOG: the lead of the incoming ${next.shift} shift of ${next.date} acknowledges the log`,
        )
      const stored = await this.row(trx, m.id, date, shift)
      if (!stored) throw notFound(`no handover log for ${date} ${shift} yet`)
      if (body.revision !== stored.revision) throw this.stale(date, shift, stored.revision)
      const by = user.agentId ?? user.login
      if (user.agentId === null && !file.agents.some(a => a.id === by))
        throw badRequest([
          { path: 'acknowledgedBy', message: 'HANDOVER-LOG: the incoming team leader acknowledges the log' },
        ])
      const log: Handover = {
        ...stored.log,
        acknowledgedBy: by,
        acknowledgedAt: this.config.clock().toISOString(),
      }
      await this.upsert(trx, m.id, date, shift, stored.revision + 1, log, true)
      await audit(trx, user, {
        action: 'handover.acknowledge',
        teamId: team,
        entity: 'handover',
        entityId: `${month}|${date}|${shift}`,
        before: { revision: stored.revision },
        after: { revision: stored.revision + 1, acknowledgedBy: by },
      })
      return this.dayOf(trx, user, team, m, file, date, shift)
    })
  }

  private async upsert(
    trx: Transaction<Database>,
    monthId: number,
    date: string,
    shift: Shift,
    revision: number,
    log: Handover,
    exists: boolean,
  ) {
    const values = { revision, log: JSON.stringify(log), updated_at: new Date() }
    if (exists)
      await trx
        .updateTable('handovers')
        .set(values)
        .where('month_id', '=', monthId)
        .where('date', '=', date)
        .where('shift', '=', shift)
        .execute()
    else
      await trx
        .insertInto('handovers')
        .values({ month_id: monthId, date, shift, ...values })
        .execute()
  }
}
