import { randomBytes } from 'node:crypto'
import {
  parseMonthFile,
  type Approval,
  type CertificateResult,
  type ComplianceReport,
  type DecisionResult,
  type InputIssue,
  type Lang,
  type Leave,
  type MonthFile,
  type Swap,
  type Violation,
} from '@paiban/domain'
import { agentCalendar, complianceCsv, payrollCsv, payrollTable, payrollXlsx } from '@paiban/payroll'
import {
  checkLeave,
  checkSwap,
  complianceReport,
  leaveRows,
  monthContext,
  requestIssues,
  rosterStrings,
  swapRows,
  withRows,
  type CheckResult,
} from '@paiban/rules'
import fp from 'fastify-plugin'
import type { Kysely, Transaction } from 'kysely'
import type { AppConfig } from '../../config'
import type { Database, MonthRow } from '../../db/schema'
import { badRequest, forbidden, HttpError, notFound } from '../../errors'
import { withStoredAttendance } from './attendance'
import { audit } from './audit'
import type { SessionUser } from './auth'
import type { MonthsService, MonthView } from './months'

declare module 'fastify' {
  interface FastifyInstance {
    requests: RequestsService
  }
}

export type Check = { ok: boolean; violations: Violation[] }
export type ApproverRole = 'counterpart' | 'teamLeader' | 'supervisor' | 'manager'

export type InboxItem =
  | {
      kind: 'swap'
      team: string
      month: string
      as: ApproverRole
      request: Swap
      requesterName?: string
      counterpartName?: string
      check: Check
    }
  | {
      kind: 'leave'
      team: string
      month: string
      as: 'teamLeader' | 'supervisor' | 'manager'
      request: Leave
      agentName?: string
      check: Check
    }

export type SwapDraft = { counterpart: string; date: string; returnDate?: string | undefined }
export type LeaveDraft = {
  agentId?: string | undefined
  dates: string[]
  kind: Leave['kind']
  urgent: boolean
  certificate: boolean
}

/** Rules a supervisor's approval alone cannot satisfy: the manager must approve too. */
const MANAGER_RULES = new Set(['LEAVE-NIGHT', 'LEAVE-HOLIDAY', 'LEAVE-NOTICE', 'LEAVE-APPROVER'])

const hard = (r: CheckResult): Violation[] => r.violations.filter(v => v.severity === 'hard')
/** A leave is refused by the leave rules; the coverage it leaves is shown in its check, not a refusal. */
const blocksLeave = (v: Violation) => v.severity === 'hard' && v.rule.startsWith('LEAVE-')
const checkOf = (r: CheckResult): Check => ({ ok: r.ok, violations: r.violations })

/** 422 naming each broken rule (path = rule id). */
function refused(what: string, violations: readonly Violation[]): HttpError {
  return new HttpError(
    422,
    'UNPROCESSABLE',
    `${what}: ${violations.map(v => `${v.rule} ${v.message.en}`).join('; ')}`,
    violations.map(v => ({ path: v.rule, message: v.message.en })),
  )
}

const newId = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`

export type { CertificateResult, DecisionResult } from '@paiban/domain'

/** A pending request as one decision sees it (see `RequestsService.decide`). */
type Decidable = {
  kind: 'swap' | 'leave'
  /** The swap's id or the leave's request id: the audit row's entity id. */
  entityId: string
  /** Its rows in `swaps` or `leaves`. */
  rowIds: number[]
  status: string
  /** The role in which the caller decides now; undefined when it is not their turn. */
  as: ApproverRole | undefined
  /** The approver's id in the month file. */
  by: string
  /** With `approval` added: the hard violations that refuse it, and the month to write when it completes the chain. */
  approve: (approval: Approval) => { broken: Violation[]; next: MonthFile | undefined }
}

type SwapRowData = { id: number; record: Swap; monthId: number; createdBy: number | null }
type LeaveGroup = { ids: number[]; records: Leave[]; monthId: number; createdBy: number | null }

/**
 * Swap and leave requests, their approval chains, the inbox, payroll and iCal exports. Requests
 * live in `swaps`/`leaves` (approvals in `approvals`); the rules see them merged into the month's
 * latest file. Every change is one transaction on the locked month row with its audit row; an
 * approval that completes a chain writes a new roster version (published when the month was).
 */
export class RequestsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly months: MonthsService,
    private readonly config: AppConfig,
  ) {}

  private now(): string {
    return this.config.clock().toISOString()
  }

  private async lock(trx: Transaction<Database>, team: string, month: string): Promise<MonthRow> {
    const m = await this.months.findMonth(trx, team, month, true)
    if (!m) throw notFound(`no roster for ${team} ${month}`)
    return m
  }

  /** The latest version's file with the stored requests (and their approvals) merged in. */
  private async merged(db: Kysely<Database>, m: Pick<MonthRow, 'id' | 'latest_version'>): Promise<MonthFile> {
    const file = await this.months.versionFile(m.id, m.latest_version, db)
    const swaps = await this.swapRows(db, m.id)
    const leaves = await this.leaveRows(db, m.id)
    const swapIds = new Set(swaps.map(s => s.record.id))
    const leaveIds = new Set(leaves.map(l => l.record.id))
    return {
      ...file,
      swaps: [...file.swaps.filter(s => !swapIds.has(s.id)), ...swaps.map(s => s.record)],
      leaves: [...file.leaves.filter(l => !leaveIds.has(l.id)), ...leaves.map(l => l.record)],
    }
  }

  private async approvalsOf(db: Kysely<Database>, column: 'swap_id' | 'leave_id', ids: number[]) {
    if (ids.length === 0) return new Map<number, Approval[]>()
    const rows = await db.selectFrom('approvals').selectAll().where(column, 'in', ids).orderBy('id').execute()
    const out = new Map<number, Approval[]>()
    for (const r of rows) {
      const key = r[column]
      if (key === null) continue
      const list = out.get(key) ?? []
      list.push({ by: r.by, role: r.role, at: r.at.toISOString() })
      out.set(key, list)
    }
    return out
  }

  private async swapRows(db: Kysely<Database>, monthId: number, where?: { recordId: string }) {
    let q = db.selectFrom('swaps').selectAll().where('month_id', '=', monthId)
    if (where) q = q.where('record_id', '=', where.recordId)
    const rows = await q.orderBy('id').execute()
    const approvals = await this.approvalsOf(
      db,
      'swap_id',
      rows.map(r => r.id),
    )
    return rows.map((r): SwapRowData => ({
      id: r.id,
      monthId: r.month_id,
      createdBy: r.created_by,
      record: { ...(r.record as Swap), status: r.status, approvals: approvals.get(r.id) ?? [] },
    }))
  }

  private async leaveRows(db: Kysely<Database>, monthId: number) {
    const rows = await db
      .selectFrom('leaves')
      .selectAll()
      .where('month_id', '=', monthId)
      .orderBy('id')
      .execute()
    const approvals = await this.approvalsOf(
      db,
      'leave_id',
      rows.map(r => r.id),
    )
    return rows.map(r => ({
      id: r.id,
      requestId: r.request_id ?? r.record_id,
      createdBy: r.created_by,
      record: { ...(r.record as Leave), status: r.status, approvals: approvals.get(r.id) ?? [] },
    }))
  }

  private async leaveGroup(db: Kysely<Database>, monthId: number, id: string): Promise<LeaveGroup> {
    const all = await this.leaveRows(db, monthId)
    const hit = all.find(l => l.record.id === id || l.requestId === id)
    if (!hit) throw notFound(`no leave request ${id}`)
    const group = all.filter(l => l.requestId === hit.requestId)
    return {
      ids: group.map(g => g.id),
      records: group.map(g => g.record),
      monthId,
      createdBy: hit.createdBy,
    }
  }

  /** The month row, unlocked (for reads). */
  private async monthRow(team: string, month: string): Promise<MonthRow> {
    const m = await this.months.findMonth(this.db, team, month)
    if (!m) throw notFound(`no roster for ${team} ${month}`)
    return m
  }

  /** The approver id written into approvals: the agent id, else the file's person of that role, else the login. */
  private approverId(file: MonthFile, user: SessionUser): string {
    if (user.agentId !== null) return user.agentId
    return file.people.find(p => p.role === user.role)?.id ?? user.login
  }

  // ───────────────────────────── swaps ─────────────────────────────

  /** The steps of a swap still missing, in order: counterpart, team leaders, supervisor. */
  private swapSteps(file: MonthFile, swap: Swap): Array<{ role: ApproverRole; by?: string }> {
    const has = (role: ApproverRole, by?: string) =>
      swap.approvals.some(a => a.role === role && (by === undefined || a.by === by))
    const steps: Array<{ role: ApproverRole; by?: string }> = []
    if (!has('counterpart', swap.counterpart)) steps.push({ role: 'counterpart', by: swap.counterpart })
    const leaders = new Set<string>()
    for (const id of [swap.requester, swap.counterpart]) {
      const leader = file.agents.find(a => a.id === id)?.teamLeaderId
      if (leader) leaders.add(leader)
    }
    for (const leader of leaders)
      if (!has('teamLeader', leader)) steps.push({ role: 'teamLeader', by: leader })
    if (!has('supervisor')) steps.push({ role: 'supervisor' })
    return steps
  }

  /** The role in which `user` may decide now, or undefined. */
  private swapTurn(file: MonthFile, swap: Swap, user: SessionUser): ApproverRole | undefined {
    if (swap.status !== 'pending') return undefined
    const steps = this.swapSteps(file, swap)
    const first = steps[0]
    if (!first) return undefined
    if (first.role === 'counterpart') return user.agentId === first.by ? 'counterpart' : undefined
    if (first.role === 'teamLeader') {
      const mine = steps.some(s => s.role === 'teamLeader' && s.by === user.agentId)
      return user.role === 'teamLeader' && mine ? 'teamLeader' : undefined
    }
    return user.role === 'supervisor' ? 'supervisor' : undefined
  }

  async requestSwap(
    user: SessionUser,
    team: string,
    month: string,
    draft: SwapDraft,
  ): Promise<{ id: string }> {
    if (user.agentId === null) throw forbidden('only agents swap shifts')
    const requester = user.agentId
    return this.db.transaction().execute(async trx => {
      const m = await this.lock(trx, team, month)
      const file = await this.merged(trx, m)
      const swap: Swap = {
        id: newId('sw'),
        requester,
        counterpart: draft.counterpart,
        date: draft.date,
        ...(draft.returnDate !== undefined ? { returnDate: draft.returnDate } : {}),
        submittedAt: this.now(),
        status: 'pending',
        approvals: [],
      }
      const issues = requestIssues(file, swap).map(i => ({ ...i, path: i.path.replace(/^request\./, '') }))
      if (!draft.date.startsWith(`${month}-`))
        issues.push({ path: 'date', message: `${draft.date} is not in ${month}` })
      if (draft.counterpart === requester)
        issues.push({ path: 'counterpart', message: 'swap with someone else' })
      if (issues.length > 0) throw badRequest(issues)
      const broken = hard(checkSwap(file, swap))
      if (broken.length > 0) throw refused('the swap breaks a rule', broken)
      const { approvals: _, ...record } = swap
      await trx
        .insertInto('swaps')
        .values({
          month_id: m.id,
          record_id: swap.id,
          requester,
          counterpart: swap.counterpart,
          date: swap.date,
          return_date: swap.returnDate ?? null,
          status: 'pending',
          record: JSON.stringify(record),
          created_by: user.id,
        })
        .execute()
      await audit(trx, user, {
        action: 'swap.request',
        teamId: team,
        entity: 'swap',
        entityId: swap.id,
        after: record,
      })
      return { id: swap.id }
    })
  }

  async decideSwap(
    user: SessionUser,
    team: string,
    month: string,
    id: string,
    decision: 'approve' | 'reject',
    reason: string,
  ): Promise<DecisionResult> {
    return this.decide(user, team, month, { decision, reason }, async (trx, m, file) => {
      const [row] = await this.swapRows(trx, m.id, { recordId: id })
      if (!row) throw notFound(`no swap ${id}`)
      const swap = row.record
      const as = this.swapTurn(file, swap, user)
      return {
        kind: 'swap',
        entityId: id,
        rowIds: [row.id],
        status: swap.status,
        as,
        by: as === 'supervisor' ? this.approverId(file, user) : (user.agentId ?? user.login),
        approve: approval => {
          const approved: Swap = { ...swap, approvals: [...swap.approvals, approval] }
          if (this.swapSteps(file, approved).length > 0)
            return { broken: hard(checkSwap(file, swap)), next: undefined }
          // The last approval: both shifts change in the new version.
          const final: Swap = { ...approved, status: 'approved' }
          const ctx = monthContext(file)
          return {
            broken: hard(checkSwap(file, final)),
            next: {
              ...file,
              roster: { ...file.roster, ...rosterStrings(withRows(ctx, swapRows(ctx, final)).rows) },
              swaps: file.swaps.map(s => (s.id === final.id ? final : s)),
            },
          }
        },
      }
    })
  }

  /**
   * One decision on a request, the same for swaps and leave: on the locked month as it stands,
   * 409 unless pending, 403 unless it waits for the caller; a rejection needs a reason. An approval
   * is refused (422) with the rules it now breaks; the approval that completes the chain writes the
   * changed month as a new version. Status, approvals, version and audit row commit together.
   */
  private async decide(
    user: SessionUser,
    team: string,
    month: string,
    { decision, reason }: { decision: 'approve' | 'reject'; reason: string },
    load: (trx: Transaction<Database>, m: MonthRow, file: MonthFile) => Promise<Decidable>,
  ): Promise<DecisionResult> {
    return this.db.transaction().execute(async trx => {
      const m = await this.lock(trx, team, month)
      const file = await this.merged(trx, m)
      const subject = await load(trx, m, file)
      const { kind, entityId, rowIds, as, by } = subject
      if (subject.status !== 'pending')
        throw new HttpError(409, 'CONFLICT', `the ${kind} is ${subject.status}`)
      if (!as) throw forbidden(`this ${kind} does not wait for your decision`)
      const entry = { teamId: team, entity: kind, entityId }
      if (decision === 'reject') {
        if (reason.trim() === '') throw badRequest([{ path: 'reason', message: 'required when rejecting' }])
        await this.setStatus(trx, kind, rowIds, 'rejected')
        await audit(trx, user, {
          ...entry,
          action: `${kind}.reject`,
          before: { status: 'pending' },
          after: { status: 'rejected', as, by, reason },
        })
        return { status: 'rejected' }
      }
      const at = this.now()
      const { broken, next } = subject.approve({ by, role: as, at })
      if (broken.length > 0) throw refused(`the ${kind} breaks a rule as the month stands now`, broken)
      for (const subjectId of rowIds)
        await trx
          .insertInto('approvals')
          .values({
            ...(kind === 'swap' ? { swap_id: subjectId } : { leave_id: subjectId }),
            by,
            role: as,
            person_id: user.id,
            at,
          })
          .execute()
      if (!next) {
        await audit(trx, user, { ...entry, action: `${kind}.approve`, after: { as, by, reason } })
        return { status: 'pending' }
      }
      const version = await this.write(trx, m, next, user)
      await this.setStatus(trx, kind, rowIds, 'approved')
      await audit(trx, user, {
        ...entry,
        action: `${kind}.apply`,
        before: { status: 'pending', version: m.latest_version },
        after: { status: 'approved', version, as, by, reason },
      })
      return { status: 'approved', version }
    })
  }

  private async setStatus(
    trx: Transaction<Database>,
    kind: 'swap' | 'leave',
    ids: readonly number[],
    status: 'approved' | 'rejected',
  ): Promise<void> {
    const updated_at = new Date()
    if (kind === 'swap')
      await trx.updateTable('swaps').set({ status, updated_at }).where('id', 'in', ids).execute()
    else await trx.updateTable('leaves').set({ status, updated_at }).where('id', 'in', ids).execute()
  }

  /** Writes a new version (published when the month was) and answers its number. */
  private async write(trx: Transaction<Database>, m: MonthRow, file: MonthFile, user: SessionUser) {
    const parsed = parseMonthFile(file)
    if (!parsed.ok) throw new Error(`the changed month no longer parses: ${parsed.issues[0]?.path}`)
    const { number } = await this.months.appendVersion(trx, m, parsed.value, 'edit', user)
    if (m.state === 'published')
      await this.months.markPublished(trx, { ...m, latest_version: number, state: 'draft' }, user)
    return number
  }

  async cancelSwap(user: SessionUser, team: string, month: string, id: string): Promise<void> {
    await this.db.transaction().execute(async trx => {
      const m = await this.lock(trx, team, month)
      const [row] = await this.swapRows(trx, m.id, { recordId: id })
      if (!row) throw notFound(`no swap ${id}`)
      if (row.record.requester !== user.agentId) throw forbidden('only the requester cancels a swap')
      if (row.record.status !== 'pending')
        throw new HttpError(409, 'CONFLICT', `the swap is ${row.record.status}`)
      await trx
        .updateTable('swaps')
        .set({ status: 'cancelled', updated_at: new Date() })
        .where('id', '=', row.id)
        .execute()
      await audit(trx, user, {
        action: 'swap.cancel',
        teamId: team,
        entity: 'swap',
        entityId: id,
        before: { status: 'pending' },
        after: { status: 'cancelled' },
      })
    })
  }

  // ───────────────────────────── leave ─────────────────────────────

  /** Does this leave need the manager (beyond the supervisor)? Asked of the rules. */
  private needsManager(file: MonthFile, records: readonly Leave[]): boolean {
    const approvals: Approval[] = [
      { by: file.people.find(p => p.role === 'supervisor')?.id ?? 'supervisor', role: 'supervisor' },
    ]
    const asApproved = records.map(r => ({ ...r, status: 'approved' as const, approvals }))
    const withAll = {
      ...file,
      leaves: [...file.leaves.filter(l => !records.some(r => r.id === l.id)), ...asApproved],
    }
    // Each record against the month without it (its group-mates in): the rules report what it adds.
    const without = (id: string) => ({ ...withAll, leaves: withAll.leaves.filter(l => l.id !== id) })
    return asApproved.some(r =>
      checkLeave(without(r.id), r).violations.some(v => v.severity === 'hard' && MANAGER_RULES.has(v.rule)),
    )
  }

  private leaveSteps(file: MonthFile, records: readonly Leave[]): Array<'supervisor' | 'manager'> {
    const approvals = records[0]?.approvals ?? []
    const steps: Array<'supervisor' | 'manager'> = []
    if (!approvals.some(a => a.role === 'supervisor')) steps.push('supervisor')
    if (this.needsManager(file, records) && !approvals.some(a => a.role === 'manager')) steps.push('manager')
    return steps
  }

  private checkLeaves(file: MonthFile, records: readonly Leave[]): Check {
    const withAll = {
      ...file,
      leaves: [...file.leaves.filter(l => !records.some(r => r.id === l.id)), ...records],
    }
    const without = (id: string) => ({ ...withAll, leaves: withAll.leaves.filter(l => l.id !== id) })
    const violations = records.flatMap(r => checkLeave(without(r.id), r).violations)
    return { ok: !violations.some(blocksLeave), violations }
  }

  async requestLeave(
    user: SessionUser,
    team: string,
    month: string,
    draft: LeaveDraft,
  ): Promise<{ requestId: string }> {
    const agentId = draft.agentId ?? user.agentId
    if (agentId === null) throw badRequest([{ path: 'agentId', message: 'required: whose leave is it?' }])
    if (agentId !== user.agentId && user.role !== 'teamLeader')
      throw forbidden('you may only request leave for yourself')
    return this.db.transaction().execute(async trx => {
      const m = await this.lock(trx, team, month)
      const file = await this.merged(trx, m)
      const agent = file.agents.find(a => a.id === agentId)
      if (!agent) throw badRequest([{ path: 'agentId', message: `unknown agent id ${agentId}` }])
      if (agentId !== user.agentId && agent.teamLeaderId !== user.agentId)
        throw forbidden('a team leader files leave for their own agents only')
      const issues: InputIssue[] = []
      if (draft.dates.length === 0) issues.push({ path: 'dates', message: 'at least one date' })
      const requestId = newId('lv')
      const by = user.agentId ?? user.login
      const records: Leave[] = []
      draft.dates.forEach((date, i) => {
        if (!date.startsWith(`${month}-`)) {
          issues.push({ path: `dates[${i}]`, message: `${date} is not in ${month}` })
          return
        }
        const cell = file.roster?.[agentId]?.[Number(date.slice(8, 10)) - 1]
        if (cell !== 'D' && cell !== 'N') {
          issues.push({ path: `dates[${i}]`, message: `${agentId} has no shift on ${date}` })
          return
        }
        records.push({
          id: `${requestId}-${i + 1}`,
          agentId,
          date,
          shift: cell,
          kind: draft.kind,
          urgent: draft.urgent,
          certificate: draft.certificate,
          requestId,
          submittedAt: this.now(),
          by,
          status: 'pending',
          approvals: [],
        })
      })
      if (issues.length > 0) throw badRequest(issues)
      const check = this.checkLeaves(file, records)
      const broken = check.violations.filter(blocksLeave)
      if (broken.length > 0) throw refused('the leave breaks a rule', broken)
      for (const r of records) {
        const { approvals: _, ...record } = r
        await trx
          .insertInto('leaves')
          .values({
            month_id: m.id,
            record_id: r.id,
            request_id: requestId,
            agent_id: agentId,
            date: r.date,
            shift: r.shift,
            kind: r.kind,
            status: 'pending',
            record: JSON.stringify(record),
            created_by: user.id,
          })
          .execute()
      }
      await audit(trx, user, {
        action: 'leave.request',
        teamId: team,
        entity: 'leave',
        entityId: requestId,
        after: {
          agentId,
          dates: draft.dates,
          kind: draft.kind,
          urgent: draft.urgent,
          certificate: draft.certificate,
        },
      })
      return { requestId }
    })
  }

  async decideLeave(
    user: SessionUser,
    team: string,
    month: string,
    id: string,
    decision: 'approve' | 'reject',
    reason: string,
  ): Promise<DecisionResult> {
    return this.decide(user, team, month, { decision, reason }, async (trx, m, file) => {
      const group = await this.leaveGroup(trx, m.id, id)
      const first = group.records[0]
      const step = this.leaveSteps(file, group.records)[0]
      return {
        kind: 'leave',
        entityId: first?.requestId ?? first?.id ?? id,
        rowIds: group.ids,
        status: first?.status ?? 'missing',
        as: step !== undefined && user.role === step ? step : undefined,
        by: this.approverId(file, user),
        approve: approval => {
          const approved = group.records.map(r => ({ ...r, approvals: [...r.approvals, approval] }))
          const done = this.leaveSteps(file, approved).length === 0
          const records = done ? approved.map(r => ({ ...r, status: 'approved' as const })) : approved
          const broken = this.checkLeaves(file, records).violations.filter(blocksLeave)
          if (!done) return { broken, next: undefined }
          // Approved leave replaces each shift with L.
          let ctx = monthContext(file)
          for (const r of records) ctx = withRows(ctx, leaveRows(ctx, r))
          const ids = new Set(records.map(r => r.id))
          return {
            broken,
            next: {
              ...file,
              roster: { ...file.roster, ...rosterStrings(ctx.rows) },
              leaves: [...file.leaves.filter(l => !ids.has(l.id)), ...records],
            },
          }
        },
      }
    })
  }

  async cancelLeave(user: SessionUser, team: string, month: string, id: string): Promise<void> {
    await this.db.transaction().execute(async trx => {
      const m = await this.lock(trx, team, month)
      const group = await this.leaveGroup(trx, m.id, id)
      if (group.createdBy !== user.id) throw forbidden('only the requester cancels a leave request')
      if (group.records.some(r => r.status !== 'pending'))
        throw new HttpError(409, 'CONFLICT', 'the leave is no longer pending')
      await trx.deleteFrom('leaves').where('id', 'in', group.ids).execute()
      await audit(trx, user, {
        action: 'leave.cancel',
        teamId: team,
        entity: 'leave',
        entityId: group.records[0]?.requestId ?? id,
        before: group.records,
        after: null,
      })
    })
  }

  /**
   * Marks the medical certificate of a sick-leave request (LEAVE-SICK-CERT) handed in, or not:
   * by the supervisor or the agent's own team leader. Every record of the request changes; when
   * the month file already holds them (approved, or imported) a new version records it, so the
   * rules see the leave as certified.
   */
  async markCertificate(
    user: SessionUser,
    team: string,
    month: string,
    id: string,
    handedIn: boolean,
  ): Promise<CertificateResult> {
    return this.db.transaction().execute(async trx => {
      const m = await this.lock(trx, team, month)
      const file = await this.merged(trx, m)
      const first = file.leaves.find(l => l.id === id || l.requestId === id)
      if (!first) throw notFound(`no leave request ${id}`)
      const requestId = first.requestId ?? first.id
      const records = file.leaves.filter(l => (l.requestId ?? l.id) === requestId)
      if (first.kind !== 'sick')
        throw new HttpError(422, 'UNPROCESSABLE', `${id} is ${first.kind} leave: only sick leave has one`, [
          { path: 'kind', message: `expected sick, found ${first.kind}` },
        ])
      if (records.some(r => r.status === 'rejected'))
        throw new HttpError(409, 'CONFLICT', 'the leave was rejected')
      const agent = file.agents.find(a => a.id === first.agentId)
      const leads = user.role === 'teamLeader' && agent?.teamLeaderId === user.agentId
      if (user.role !== 'supervisor' && !leads)
        throw forbidden('the supervisor or the agent’s own team leader records a certificate')
      if (records.every(r => r.certificate === handedIn)) return { requestId, certificate: handedIn }
      const changed = records.map(r => ({ ...r, certificate: handedIn }))
      const rows = await this.leaveRows(trx, m.id)
      const stored = rows.filter(r => r.requestId === requestId)
      for (const row of stored) {
        const { approvals: _, ...record } = { ...row.record, certificate: handedIn }
        await trx
          .updateTable('leaves')
          .set({ record: JSON.stringify(record), updated_at: new Date() })
          .where('id', '=', row.id)
          .execute()
      }
      // Pending requests live in their rows only; the month file holds approved (or imported) ones.
      const inFile = changed.some(r => r.status === 'approved') || stored.length < records.length
      const ids = new Set(changed.map(r => r.id))
      const version = inFile
        ? await this.write(
            trx,
            m,
            { ...file, leaves: [...file.leaves.filter(l => !ids.has(l.id)), ...changed] },
            user,
          )
        : undefined
      await audit(trx, user, {
        action: 'leave.certificate',
        teamId: team,
        entity: 'leave',
        entityId: requestId,
        before: { certificate: first.certificate },
        after: { certificate: handedIn, ...(version !== undefined ? { version } : {}) },
      })
      return { requestId, certificate: handedIn, ...(version !== undefined ? { version } : {}) }
    })
  }

  // ───────────────────────────── inbox ─────────────────────────────

  /**
   * What waits for `user`, newest first: swaps and leave at their step of the chain, and for a
   * team leader the sick leave of their agents whose certificate is still to hand in (`as:
   * 'teamLeader'`, nothing to approve).
   */
  async inbox(user: SessionUser): Promise<InboxItem[]> {
    const months = await this.db.selectFrom('months').selectAll().where('team_id', '=', user.teamId).execute()
    const items: Array<InboxItem & { at: string }> = []
    for (const m of months) {
      const pendingSwaps = await this.db
        .selectFrom('swaps')
        .select('id')
        .where('month_id', '=', m.id)
        .where('status', '=', 'pending')
        .limit(1)
        .execute()
      const pendingLeaves = await this.db
        .selectFrom('leaves')
        .select('id')
        .where('month_id', '=', m.id)
        .where('status', '=', 'pending')
        .limit(1)
        .execute()
      // A team leader also collects the medical certificates of their agents' sick leave.
      const sick =
        user.role === 'teamLeader'
          ? await this.db
              .selectFrom('leaves')
              .select('id')
              .where('month_id', '=', m.id)
              .where('kind', '=', 'sick')
              .where('status', 'in', ['pending', 'approved'])
              .limit(1)
              .execute()
          : []
      if (pendingSwaps.length === 0 && pendingLeaves.length === 0 && sick.length === 0) continue
      const file = await this.merged(this.db, m)
      const name = (id: string) => file.agents.find(a => a.id === id)?.name
      for (const s of await this.swapRows(this.db, m.id)) {
        const as = this.swapTurn(file, s.record, user)
        if (!as) continue
        const requesterName = name(s.record.requester)
        const counterpartName = name(s.record.counterpart)
        items.push({
          kind: 'swap',
          team: m.team_id,
          month: m.month,
          as,
          request: s.record,
          ...(requesterName ? { requesterName } : {}),
          ...(counterpartName ? { counterpartName } : {}),
          check: checkOf(checkSwap(file, s.record)),
          at: s.record.submittedAt,
        })
      }
      if (user.role === 'teamLeader') {
        const rows = await this.leaveRows(this.db, m.id)
        const groups = new Map<string, Leave[]>()
        for (const r of rows) {
          const l = r.record
          const mine = file.agents.find(a => a.id === l.agentId)?.teamLeaderId === user.agentId
          if (
            l.kind === 'sick' &&
            !l.certificate &&
            mine &&
            (l.status === 'pending' || l.status === 'approved')
          )
            groups.set(r.requestId, [...(groups.get(r.requestId) ?? []), l])
        }
        for (const records of groups.values()) {
          const first = records[0]
          if (!first) continue
          const agentName = name(first.agentId)
          items.push({
            kind: 'leave',
            team: m.team_id,
            month: m.month,
            as: 'teamLeader',
            request: first,
            ...(agentName ? { agentName } : {}),
            check: this.checkLeaves(file, records),
            at: first.submittedAt,
          })
        }
      }
      if (user.role === 'supervisor' || user.role === 'manager') {
        const rows = await this.leaveRows(this.db, m.id)
        const groups = new Map<string, Leave[]>()
        for (const r of rows)
          if (r.record.status === 'pending')
            groups.set(r.requestId, [...(groups.get(r.requestId) ?? []), r.record])
        for (const records of groups.values()) {
          const step = this.leaveSteps(file, records)[0]
          const first = records[0]
          if (step !== user.role || !first) continue
          const agentName = name(first.agentId)
          items.push({
            kind: 'leave',
            team: m.team_id,
            month: m.month,
            as: step,
            request: first,
            ...(agentName ? { agentName } : {}),
            check: this.checkLeaves(file, records),
            at: first.submittedAt,
          })
        }
      }
    }
    items.sort((a, b) => b.at.localeCompare(a.at))
    return items.map(({ at: _, ...item }) => item)
  }

  // ───────────────────────────── exports ─────────────────────────────

  async payroll(user: SessionUser, team: string, month: string, format: 'csv' | 'xlsx') {
    const view = await this.months.read(user, team, month)
    const m = await this.monthRow(team, month)
    const table = payrollTable(await withStoredAttendance(this.db, m.id, view.file))
    const name = `payroll-${team}-${month}-v${view.version}.${format}`
    if (format === 'csv')
      return { name, type: 'text/csv; charset=utf-8', body: payrollCsv(table, 'zh') as string | Buffer }
    return {
      name,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: await payrollXlsx(table, 'zh', { generatedAt: this.now() }),
    }
  }

  /**
   * The month's compliance report (every violation, manager exception and late approval) on the
   * version the caller may see, with the stored requests merged in.
   */
  async compliance(
    user: SessionUser,
    team: string,
    month: string,
  ): Promise<ComplianceReport & { version: number }> {
    const view = await this.months.read(user, team, month)
    const m = await this.monthRow(team, month)
    const file = await withStoredAttendance(
      this.db,
      m.id,
      await this.merged(this.db, { id: m.id, latest_version: view.version }),
    )
    const missing = file.agents.filter(a => file.roster?.[a.id] === undefined)
    if (missing.length > 0)
      throw new HttpError(
        422,
        'UNPROCESSABLE',
        'the roster is not complete: generate it or import one with a row per agent',
        missing.map(a => ({ path: `roster.${a.id}`, message: 'required: every agent needs a row' })),
      )
    return { ...complianceReport(file), version: view.version }
  }

  /** The compliance report as a CSV download (UTF-8 with BOM, headers in `lang`). */
  async complianceFile(user: SessionUser, team: string, month: string, lang: Lang) {
    const report = await this.compliance(user, team, month)
    return {
      name: `compliance-${team}-${month}-v${report.version}.csv`,
      type: 'text/csv; charset=utf-8',
      body: complianceCsv(report, lang),
    }
  }

  /** The caller's feed token, created on first use; `rotate` replaces it (the old URL stops working). */
  async icalToken(user: SessionUser, rotate: boolean): Promise<string> {
    if (user.agentId === null) throw forbidden('only agents have shifts to subscribe to')
    return this.db.transaction().execute(async trx => {
      const existing = await trx
        .selectFrom('ical_tokens')
        .select('token')
        .where('person_id', '=', user.id)
        .forUpdate()
        .executeTakeFirst()
      if (existing && !rotate) return existing.token
      const token = randomBytes(24).toString('base64url')
      if (existing)
        await trx
          .updateTable('ical_tokens')
          .set({ token, created_at: new Date() })
          .where('person_id', '=', user.id)
          .execute()
      else await trx.insertInto('ical_tokens').values({ person_id: user.id, token }).execute()
      await audit(trx, user, {
        action: existing ? 'ical.rotate' : 'ical.create',
        teamId: user.teamId,
        entity: 'person',
        entityId: user.login,
      })
      return token
    })
  }

  /** The feed of a token: the agent's shifts of every published month, or 404. */
  async icalFeed(token: string): Promise<string> {
    const person = await this.db
      .selectFrom('ical_tokens as t')
      .innerJoin('people as p', 'p.id', 't.person_id')
      .select(['p.id', 'p.login', 'p.name', 'p.role', 'p.team_id', 'p.agent_id'])
      .where('t.token', '=', token)
      .executeTakeFirst()
    if (!person || person.agent_id === null) throw notFound('no such calendar')
    const months = await this.db
      .selectFrom('months')
      .select(['id', 'published_version'])
      .where('team_id', '=', person.team_id)
      .where('published_version', 'is not', null)
      .orderBy('month')
      .execute()
    let head = ''
    let tail = ''
    const events: string[] = []
    for (const m of months) {
      const file = await this.months.versionFile(m.id, m.published_version ?? 0)
      if (!file.agents.some(a => a.id === person.agent_id)) continue
      const cal = agentCalendar(file, person.agent_id)
      const start = cal.indexOf('BEGIN:VEVENT')
      const end = cal.lastIndexOf('END:VEVENT')
      if (start < 0 || end < 0) {
        if (!head)
          [head, tail] = [cal.slice(0, cal.indexOf('END:VCALENDAR')), cal.slice(cal.indexOf('END:VCALENDAR'))]
        continue
      }
      if (!head) head = cal.slice(0, start)
      tail = cal.slice(end + 'END:VEVENT'.length).replace(/^\r?\n/, '')
      events.push(cal.slice(start, end + 'END:VEVENT'.length))
    }
    if (!head) throw notFound('no published roster yet')
    return events.length === 0 ? `${head}${tail}` : `${head}${events.join('\r\n')}\r\n${tail}`
  }

  /** One version's month file (supervisor, manager). */
  async version(team: string, month: string, number: number): Promise<MonthView> {
    const m = await this.monthRow(team, month)
    const versions = await this.months.versions(team, month)
    const info = versions.find(v => v.version === number)
    if (!info) throw notFound(`${team} ${month} has no version ${number}`)
    return {
      ...info,
      team,
      month,
      latestVersion: m.latest_version,
      file: await this.months.versionFile(m.id, number),
    }
  }
}

export default fp(
  (app, config: AppConfig, done) => {
    app.decorate('requests', new RequestsService(app.db, app.months, config))
    done()
  },
  { name: 'requests', dependencies: ['db', 'months'] },
)
