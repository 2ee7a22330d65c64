import { createHash, randomBytes } from 'node:crypto'
import {
  instantIn,
  parseMonthFile,
  type Approval,
  type CertificateResult,
  type ComplianceReport,
  type CoverGap,
  type Escalation,
  type MyRequest,
  type Text,
  type Waiting,
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
  checkMonth,
  checkSwap,
  missingLeaveSteps,
  missingSwapSteps,
  swapTurn,
  newViolations,
  complianceReport,
  leaveRows,
  monthContext,
  requestIssues,
  rosterStrings,
  swapRows,
  withRows,
  certificateReminder,
  type CertificateReminder,
  type CheckResult,
} from '@paiban/rules'
import { fillHole } from '@paiban/solver'
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
      then?: ApproverRole[]
      escalated?: Escalation
    }
  | {
      kind: 'leave'
      team: string
      month: string
      as: 'teamLeader' | 'supervisor' | 'manager'
      request: Leave
      agentName?: string
      check: Check
      then?: ApproverRole[]
      escalated?: Escalation
      cover?: CoverGap[]
      reminder?: CertificateReminder
    }

export type SwapDraft = { counterpart: string; date: string; returnDate?: string | undefined }
export type LeaveDraft = {
  agentId?: string | undefined
  dates: string[]
  kind: Leave['kind']
  urgent: boolean
  certificate: boolean
}

/** What an approver may add to an approval of leave that leaves a shift short. */
export type CoverChoice = {
  cover: ReadonlyArray<{ agentId: string; date: string; shift: 'D' | 'N' }>
  leaveShort: boolean
}

const isCover = (v: Violation) => v.severity === 'hard' && v.rule.startsWith('COVER-')

const hard = (r: CheckResult): Violation[] => r.violations.filter(v => v.severity === 'hard')
/** A leave is refused by the leave rules; the coverage it leaves is shown in its check, not a refusal. */
const blocksLeave = (v: Violation) => v.severity === 'hard' && v.rule.startsWith('LEAVE-')
const checkOf = (r: CheckResult): Check => ({ ok: r.ok, violations: r.violations })

/** 422 naming each broken rule (path = rule id), with the bilingual text and violations a page shows. */
function refused(what: Text, violations: readonly Violation[]): HttpError {
  return new HttpError(
    422,
    'UNPROCESSABLE',
    `${what.en}: ${violations.map(v => `${v.rule} ${v.message.en}`).join('; ')}`,
    violations.map(v => ({ path: v.rule, message: v.message.en })),
    undefined,
    {
      zh: `${what.zh}:${violations.map(v => v.message.zh).join(';')}`,
      en: `${what.en}: ${violations.map(v => v.message.en).join('; ')}`,
    },
    violations,
  )
}

/** 409 for a request that repeats or overlaps a pending one; `existing` names it (issues[0]). */
function duplicate(existing: string, text: Text): HttpError {
  return new HttpError(409, 'CONFLICT', text.en, [{ path: 'existing', message: existing }], undefined, text)
}

/** A pending swap of the requester that touches one of this swap's dates (the 409 of a repeat). */
export function overlappingSwap(file: MonthFile, swap: Swap): Swap | undefined {
  const dates = new Set([swap.date, ...(swap.returnDate ? [swap.returnDate] : [])])
  return file.swaps.find(
    s =>
      s.id !== swap.id &&
      s.status === 'pending' &&
      (s.requester === swap.requester || s.counterpart === swap.requester) &&
      (dates.has(s.date) || (s.returnDate !== undefined && dates.has(s.returnDate))),
  )
}

/** A pending or approved leave of the agent on one of these dates (the 409 of a repeat). */
export function overlappingLeave(
  file: MonthFile,
  agentId: string,
  dates: readonly string[],
): Leave | undefined {
  const wanted = new Set(dates)
  return file.leaves.find(
    l => l.agentId === agentId && (l.status === 'pending' || l.status === 'approved') && wanted.has(l.date),
  )
}

const ROLE_ZH: Record<ApproverRole, string> = {
  counterpart: '对方',
  teamLeader: '班长',
  supervisor: '主管',
  manager: '经理',
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
  approve: (
    approval: Approval,
    choice: CoverChoice,
  ) => { broken: Violation[]; next: MonthFile | undefined; refusal?: Text }
  /** Set when the supervisor decides on an escalated request: it may only end it. */
  rejectOnly?: Text
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

  /**
   * 409 when the agent already has `limits.maxPendingPerAgent` requests waiting in the month:
   * every pending request is checked again for each inbox that shows it, so one person must not
   * be able to pile them up. Runs on the locked month, so concurrent requests count each other.
   */
  private async refuseOverCap(trx: Transaction<Database>, monthId: number, agentId: string) {
    const leaves = await trx
      .selectFrom('leaves')
      .select(eb => eb.fn.count<string>('request_id').distinct().as('n'))
      .where('month_id', '=', monthId)
      .where('agent_id', '=', agentId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow()
    const swaps = await trx
      .selectFrom('swaps')
      .select(eb => eb.fn.countAll<string>().as('n'))
      .where('month_id', '=', monthId)
      .where('requester', '=', agentId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow()
    const pending = Number(leaves.n) + Number(swaps.n)
    const max = this.config.limits.maxPendingPerAgent
    if (pending >= max)
      throw new HttpError(
        409,
        'CONFLICT',
        `${agentId} already has ${pending} requests waiting this month (at most ${max}): wait for a decision or cancel one / 本月待审批的申请已达上限（${max} 条）`,
        [{ path: 'agentId', message: `at most ${max} pending requests a month` }],
      )
  }

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

  /** The agents of the team who can sign in (a person row carries their agent id). */
  private async signIns(db: Kysely<Database>, team: string): Promise<Set<string>> {
    const rows = await db
      .selectFrom('people')
      .select('agent_id')
      .where('team_id', '=', team)
      .where('agent_id', 'is not', null)
      .execute()
    return new Set(rows.map(r => r.agent_id ?? ''))
  }

  /** Where a pending swap waits now (its first missing step) and since when. */
  private swapWaiting(file: MonthFile, swap: Swap): { waiting: Waiting; since: string } | undefined {
    const step = this.swapSteps(file, swap)[0]
    if (!step || swap.status !== 'pending') return undefined
    const name = step.by === undefined ? undefined : file.agents.find(a => a.id === step.by)?.name
    const since = swap.approvals.map(a => a.at ?? '').reduce((a, b) => (b > a ? b : a), swap.submittedAt)
    return {
      waiting: {
        role: step.role,
        ...(step.by !== undefined ? { by: step.by } : {}),
        ...(name ? { name } : {}),
      },
      since,
    }
  }

  /**
   * Why a request shows in the supervisor's inbox although it waits for someone else: its step
   * waited longer than `policy.requests.escalateAfterHours`, or waits for an agent who has no
   * sign-in. Undefined when it waits for the supervisor anyway, or neither holds.
   */
  private escalationOf(
    file: MonthFile,
    at: { waiting: Waiting; since: string } | undefined,
    signIns: ReadonlySet<string>,
  ): Escalation | undefined {
    if (!at || at.waiting.role === 'supervisor') return undefined
    const hours = Math.max(0, (this.config.clock().getTime() - Date.parse(at.since)) / 3_600_000)
    const rounded = Math.round(hours * 10) / 10
    if (at.waiting.by !== undefined && !signIns.has(at.waiting.by))
      return { waiting: at.waiting, reason: 'no-sign-in', hours: rounded }
    if (hours > file.policy.requests.escalateAfterHours)
      return { waiting: at.waiting, reason: 'overdue', hours: rounded }
    return undefined
  }

  private async escalation(
    db: Kysely<Database>,
    file: MonthFile,
    status: string,
    at: { waiting: Waiting; since: string } | undefined,
    _request: Swap | Leave,
  ): Promise<Escalation | undefined> {
    if (status !== 'pending') return undefined
    return this.escalationOf(file, at, await this.signIns(db, file.team.id))
  }

  /** Why the supervisor may only end (reject) an escalated request: the step is someone else's. */
  private rejectOnlyText(e: Escalation): Text {
    const who = e.waiting.name ?? e.waiting.by ?? ''
    return {
      zh: `这一步等待的是 ${who}(${ROLE_ZH[e.waiting.role]}):主管只能驳回,不能代为批准`,
      en: `this step waits for ${who} (${e.waiting.role}): the supervisor may reject it, not approve in their place`,
    }
  }

  /** Where a pending leave request waits now and since when. */
  private leaveWaiting(
    file: MonthFile,
    records: readonly Leave[],
  ): { waiting: Waiting; since: string } | undefined {
    const first = records[0]
    const step = this.leaveSteps(file, records)[0]
    if (!first || !step || first.status !== 'pending') return undefined
    const since = first.approvals.map(a => a.at ?? '').reduce((a, b) => (b > a ? b : a), first.submittedAt)
    return { waiting: { role: step }, since }
  }

  /**
   * The shifts a leave request leaves short once approved (COVER-MIN, COVER-LEAD), each with the
   * replacements fillHole finds on the month with the leave applied, best first.
   */
  private coverGaps(file: MonthFile, records: readonly Leave[]): CoverGap[] {
    const short = this.checkLeaves(file, records).violations.filter(isCover)
    if (short.length === 0) return []
    let ctx = monthContext(file)
    for (const r of records) ctx = withRows(ctx, leaveRows(ctx, r))
    const after: MonthFile = { ...file, roster: { ...file.roster, ...rosterStrings(ctx.rows) } }
    const job = file.agents.find(a => a.id === records[0]?.agentId)?.job ?? 'phone'
    const seen = new Set<string>()
    const out: CoverGap[] = []
    for (const v of short) {
      if (!v.date || (v.shift !== 'D' && v.shift !== 'N')) continue
      const gap = { date: v.date, shift: v.shift, job: v.job ?? job }
      const key = `${gap.date}|${gap.shift}|${gap.job}`
      if (seen.has(key)) continue
      seen.add(key)
      const hole = fillHole(after, gap.date, gap.shift, gap.job)
      out.push({
        ...gap,
        needed: hole.needed,
        candidates: hole.candidates.slice(0, 5).map(c => ({
          agentId: c.agentId,
          name: file.agents.find(a => a.id === c.agentId)?.name ?? c.agentId,
        })),
      })
    }
    return out
  }

  // ───────────────────────────── swaps ─────────────────────────────

  /** The steps of a swap still missing, in order (`swapApprovalSteps`, the list SWAP-APPROVAL reads). */
  private swapSteps(file: MonthFile, swap: Swap): Array<{ role: ApproverRole; by?: string }> {
    return missingSwapSteps(monthContext(file), swap)
  }

  /** The role in which `user` may decide now (`swapTurn` of the rules), or undefined. */
  private swapTurn(file: MonthFile, swap: Swap, user: SessionUser): ApproverRole | undefined {
    return swapTurn(monthContext(file), swap, user)
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
      await this.refuseOverCap(trx, m.id, requester)
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
      const same = overlappingSwap(file, swap)
      if (same) {
        const other = same.requester === requester ? same.counterpart : same.requester
        const who = file.agents.find(a => a.id === other)?.name ?? other
        throw duplicate(same.id, {
          zh: `你已有一个待审批的换班:${same.date} 与 ${who}。请先撤销它,或等它有了结果再申请`,
          en: `You already have a pending swap with ${who} on ${same.date}: cancel it or wait for its decision first`,
        })
      }
      const broken = hard(checkSwap(file, swap))
      if (broken.length > 0) throw refused({ zh: '换班不符合规则', en: 'the swap breaks a rule' }, broken)
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
    choice: CoverChoice = { cover: [], leaveShort: false },
  ): Promise<DecisionResult> {
    return this.decide(user, team, month, { decision, reason, choice }, async (trx, m, file) => {
      const [row] = await this.swapRows(trx, m.id, { recordId: id })
      if (!row) throw notFound(`no swap ${id}`)
      const swap = row.record
      const escalated =
        user.role === 'supervisor'
          ? await this.escalation(trx, file, swap.status, this.swapWaiting(file, swap), swap)
          : undefined
      const as = this.swapTurn(file, swap, user) ?? (escalated ? 'supervisor' : undefined)
      return {
        ...(escalated && this.swapTurn(file, swap, user) === undefined
          ? { rejectOnly: this.rejectOnlyText(escalated) }
          : {}),
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
    { decision, reason, choice }: { decision: 'approve' | 'reject'; reason: string; choice: CoverChoice },
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
      if (decision === 'approve' && subject.rejectOnly)
        throw new HttpError(403, 'FORBIDDEN', subject.rejectOnly.en, [], undefined, subject.rejectOnly)
      // Separation of duties: one person never gives two approvals of one request.
      const given = await trx
        .selectFrom('approvals')
        .select('role')
        .where(kind === 'swap' ? 'swap_id' : 'leave_id', 'in', rowIds)
        .where('person_id', '=', user.id)
        .executeTakeFirst()
      if (decision === 'approve' && given)
        throw new HttpError(403, 'FORBIDDEN', `you already approved this ${kind}`, [], undefined, {
          zh: '你已经批准过这个申请:同一个人不能给出两次批准',
          en: `You already approved this ${kind}: one person never gives two approvals of one request`,
        })
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
      const { broken, next, refusal } = subject.approve({ by, role: as, at }, choice)
      if (broken.length > 0)
        throw refused(
          refusal ?? {
            zh: `${kind === 'swap' ? '换班' : '请假'}按当前排班不符合规则`,
            en: `the ${kind} breaks a rule as the month stands now`,
          },
          broken,
        )
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

  /** The approvals the leave still needs, in order (`missingLeaveSteps` of the rules, as LEAVE-APPROVER reads them). */
  private leaveSteps(file: MonthFile, records: readonly Leave[]): Array<'supervisor' | 'manager'> {
    return missingLeaveSteps(monthContext(file), records).map(step => step.role)
  }

  /** checkLeaves answers per file and records list: the inbox asks twice per request (check, cover). */
  private readonly leaveChecks = new WeakMap<MonthFile, WeakMap<readonly Leave[], Check>>()

  private checkLeaves(file: MonthFile, records: readonly Leave[]): Check {
    const known = this.leaveChecks.get(file)?.get(records)
    if (known) return known
    const check = this.checkLeavesNow(file, records)
    const perFile = this.leaveChecks.get(file) ?? new WeakMap<readonly Leave[], Check>()
    perFile.set(records, check)
    this.leaveChecks.set(file, perFile)
    return check
  }

  private checkLeavesNow(file: MonthFile, records: readonly Leave[]): Check {
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
      await this.refuseOverCap(trx, m.id, agentId)
      const file = await this.merged(trx, m)
      const agent = file.agents.find(a => a.id === agentId)
      if (!agent) throw badRequest([{ path: 'agentId', message: `unknown agent id ${agentId}` }])
      if (agentId !== user.agentId && agent.teamLeaderId !== user.agentId)
        throw forbidden('a team leader files leave for their own agents only')
      if (draft.certificate && agentId === user.agentId) throw selfCertified()
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
      const same = overlappingLeave(
        file,
        agentId,
        records.map(r => r.date),
      )
      if (same) {
        const state =
          same.status === 'pending' ? { zh: '待审批', en: 'pending' } : { zh: '已批准', en: 'approved' }
        throw duplicate(same.requestId ?? same.id, {
          zh: `${agent.name} ${same.date} 已有一个${state.zh}的请假申请:不能重复申请`,
          en: `${agent.name} already has a ${state.en} leave request on ${same.date}: it cannot be asked for twice`,
        })
      }
      const check = this.checkLeaves(file, records)
      const broken = check.violations.filter(blocksLeave)
      if (broken.length > 0) throw refused({ zh: '请假不符合规则', en: 'the leave breaks a rule' }, broken)
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
    choice: CoverChoice = { cover: [], leaveShort: false },
  ): Promise<DecisionResult> {
    return this.decide(user, team, month, { decision, reason, choice }, async (trx, m, file) => {
      const group = await this.leaveGroup(trx, m.id, id)
      const first = group.records[0]
      const step = this.leaveSteps(file, group.records)[0]
      const escalated =
        user.role === 'supervisor' && step !== undefined && step !== 'supervisor' && first
          ? await this.escalation(trx, file, first.status, this.leaveWaiting(file, group.records), first)
          : undefined
      return {
        ...(escalated ? { rejectOnly: this.rejectOnlyText(escalated) } : {}),
        kind: 'leave',
        entityId: first?.requestId ?? first?.id ?? id,
        rowIds: group.ids,
        status: first?.status ?? 'missing',
        as: escalated ? 'supervisor' : step !== undefined && user.role === step ? step : undefined,
        by: this.approverId(file, user),
        approve: (approval, choice) => {
          const approved = group.records.map(r => ({ ...r, approvals: [...r.approvals, approval] }))
          const done = this.leaveSteps(file, approved).length === 0
          const records = done ? approved.map(r => ({ ...r, status: 'approved' as const })) : approved
          const broken = this.checkLeaves(file, records).violations.filter(blocksLeave)
          if (!done || broken.length > 0) return { broken, next: undefined }
          return this.applyLeave(file, records, choice)
        },
      }
    })
  }

  /**
   * The month once `records` are approved: each shift becomes L and the chosen replacements work
   * instead of resting. Refused (as `broken`) when a replacement cannot take the shift (a new hard
   * violation of theirs, or no rest day to give up) or when a shift is left short (COVER-*) without
   * the approver saying so (`leaveShort`).
   */
  private applyLeave(
    file: MonthFile,
    records: readonly Leave[],
    choice: CoverChoice,
  ): { broken: Violation[]; next: MonthFile; refusal?: Text } {
    let ctx = monthContext(file)
    for (const r of records) ctx = withRows(ctx, leaveRows(ctx, r))
    const roster = { ...file.roster, ...rosterStrings(ctx.rows) }
    const invalid: Violation[] = []
    for (const c of choice.cover) {
      const row = roster[c.agentId]
      const i = Number(c.date.slice(8, 10)) - 1
      const cell = row?.[i]
      if (row === undefined || !c.date.startsWith(`${file.month}-`) || (cell !== '-' && cell !== '?')) {
        const name = file.agents.find(a => a.id === c.agentId)?.name ?? c.agentId
        invalid.push({
          rule: 'COVER-MIN',
          severity: 'hard',
          agentId: c.agentId,
          date: c.date,
          shift: c.shift,
          message: {
            zh: `${name} ${c.date} 不是休息日,不能顶班`,
            en: `${name} does not rest on ${c.date}, so they cannot cover`,
          },
        })
        continue
      }
      roster[c.agentId] = `${row.slice(0, i)}${c.shift}${row.slice(i + 1)}`
    }
    const ids = new Set(records.map(r => r.id))
    const next: MonthFile = {
      ...file,
      roster,
      leaves: [...file.leaves.filter(l => !ids.has(l.id)), ...records],
    }
    const refusal = { zh: '不能这样批准', en: 'the approval cannot go through like this' }
    if (invalid.length > 0) return { broken: invalid, next, refusal }
    // What the approval causes: a replacement's own hard violations refuse it; a shift left short
    // refuses it unless the approver said to leave it short.
    const hardOf = (f: MonthFile) => checkMonth(f).violations.filter(v => v.severity === 'hard')
    const caused = newViolations(hardOf(file), hardOf(next))
    const covers = new Set(choice.cover.map(c => c.agentId))
    const replacements = caused.filter(v => v.agentId !== undefined && covers.has(v.agentId))
    if (replacements.length > 0) return { broken: replacements, next, refusal }
    const short = caused.filter(isCover)
    if (short.length > 0 && !choice.leaveShort)
      return {
        broken: short,
        next,
        refusal: {
          zh: '批准后班次缺人:请选择顶班的人,或明确选择“缺人也批准”',
          en: 'approving leaves a shift short: choose who covers, or say explicitly to approve it short',
        },
      }
    return { broken: [], next }
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
      if (first.agentId === user.agentId) throw selfCertified()
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

  // ─────────────────────── checks before sending ───────────────────────

  /** 403 unless an agent or team leader asks about themself or (team leader) one of their agents. */
  private mayAskAbout(file: MonthFile, user: SessionUser, ids: readonly string[]): void {
    if (user.role !== 'agent' && user.role !== 'teamLeader') return
    const own = (id: string) =>
      id === user.agentId ||
      (user.role === 'teamLeader' && file.agents.find(a => a.id === id)?.teamLeaderId === user.agentId)
    if (!ids.some(own)) throw forbidden('you may only check requests you (or your agents) are party to')
  }

  /**
   * Would this swap be allowed? checkSwap on the state the server judges it on when it is sent and
   * at every approval: the latest version with every stored request merged in. A pending repeat of
   * one of the requester's swaps answers as SWAP-CLEAR would not: it is the 409 of `requestSwap`,
   * so it is reported here as that text.
   */
  async swapCheck(
    user: SessionUser,
    team: string,
    month: string,
    request: Swap,
  ): Promise<{ ok: boolean; violations: Violation[]; version: number; duplicate?: Text }> {
    const m = await this.monthRow(team, month)
    const file = await this.merged(this.db, m)
    this.mayAskAbout(file, user, [request.requester, request.counterpart])
    const issues = requestIssues(file, request).map(i => ({ ...i, path: i.path.replace(/^request\./, '') }))
    if (issues.length > 0) throw badRequest(issues)
    const result = checkSwap(file, request)
    const same = overlappingSwap(file, request)
    const other = same && (same.requester === request.requester ? same.counterpart : same.requester)
    const who = other && (file.agents.find(a => a.id === other)?.name ?? other)
    return {
      ok: result.ok && !same,
      violations: result.violations,
      version: m.latest_version,
      ...(same
        ? {
            duplicate: {
              zh: `你已有一个待审批的换班:${same.date} 与 ${who}`,
              en: `You already have a pending swap with ${who} on ${same.date}`,
            },
          }
        : {}),
    }
  }

  /**
   * Would this leave be accepted, and who approves it? The leave rules it breaks refuse it; the
   * coverage it leaves is the supervisor's to solve (`needsCover`). On the latest version with the
   * stored requests, as on submit.
   */
  async leaveCheck(
    user: SessionUser,
    team: string,
    month: string,
    draft: LeaveDraft,
  ): Promise<{
    ok: boolean
    violations: Violation[]
    needsCover: boolean
    steps: ApproverRole[]
    duplicate?: Text
  }> {
    const agentId = draft.agentId ?? user.agentId
    if (agentId === null) throw badRequest([{ path: 'agentId', message: 'required: whose leave is it?' }])
    const m = await this.monthRow(team, month)
    const file = await this.merged(this.db, m)
    this.mayAskAbout(file, user, [agentId])
    const records: Leave[] = []
    draft.dates.forEach((date, i) => {
      const cell = file.roster?.[agentId]?.[Number(date.slice(8, 10)) - 1]
      if (!date.startsWith(`${month}-`) || (cell !== 'D' && cell !== 'N')) return
      records.push({
        id: `check-${i + 1}`,
        agentId,
        date,
        shift: cell,
        kind: draft.kind,
        urgent: draft.urgent,
        certificate: draft.certificate,
        requestId: 'check',
        submittedAt: this.now(),
        by: user.agentId ?? user.login,
        status: 'pending',
        approvals: [],
      })
    })
    if (records.length === 0)
      throw badRequest([{ path: 'dates', message: `${agentId} has no shift on these dates` }])
    const check = this.checkLeaves(file, records)
    const same = overlappingLeave(
      file,
      agentId,
      records.map(r => r.date),
    )
    return {
      ok: check.ok && !same,
      violations: check.violations,
      needsCover: check.violations.some(isCover),
      steps: this.leaveSteps(file, records),
      ...(same
        ? {
            duplicate: {
              zh: `${same.date} 已有一个${same.status === 'pending' ? '待审批' : '已批准'}的请假申请`,
              en: `There is already a ${same.status} leave request on ${same.date}`,
            },
          }
        : {}),
    }
  }

  /**
   * The swap finder: for the caller's shift on `date`, every colleague with a different cell that
   * day, each with checkSwap's verdict on the same state as on submit (allowed, or the hard rules
   * that refuse it). Allowed ones first, then by name.
   */
  async swapFinder(
    user: SessionUser,
    team: string,
    month: string,
    date: string,
  ): Promise<Array<{ agentId: string; name: string; theirs: string; ok: boolean; violations: Violation[] }>> {
    if (user.agentId === null) throw forbidden('only agents swap shifts')
    if (!date.startsWith(`${month}-`))
      throw badRequest([{ path: 'date', message: `${date} is not in ${month}` }])
    const m = await this.monthRow(team, month)
    const file = await this.merged(this.db, m)
    const i = Number(date.slice(8, 10)) - 1
    const mine = file.roster?.[user.agentId]?.[i]
    if (mine === undefined) throw badRequest([{ path: 'date', message: `${date} is not in ${month}` }])
    const out = []
    for (const a of file.agents) {
      const theirs = file.roster?.[a.id]?.[i]
      if (a.id === user.agentId || theirs === undefined || theirs === mine) continue
      const swap: Swap = {
        id: `finder-${a.id}`,
        requester: user.agentId,
        counterpart: a.id,
        date,
        submittedAt: this.now(),
        status: 'pending',
        approvals: [],
      }
      // A pair the request shape rules out (no shift to swap): not a candidate at all.
      if (requestIssues(file, swap).length > 0) continue
      const violations = hard(checkSwap(file, swap))
      out.push({ agentId: a.id, name: a.name, theirs, ok: violations.length === 0, violations })
    }
    return out.sort((a, b) => Number(b.ok) - Number(a.ok) || a.name.localeCompare(b.name, 'zh'))
  }

  // ───────────────────────────── my requests ─────────────────────────────

  /**
   * The caller's own requests in every month of their team, newest first: swaps they asked for
   * or were asked about, leave for them or filed by them, each with its state, where it waits and
   * for whom, and (leave) whether it leaves a shift short.
   */
  async myRequests(user: SessionUser): Promise<MyRequest[]> {
    const me = user.agentId
    const months = await this.db.selectFrom('months').selectAll().where('team_id', '=', user.teamId).execute()
    const out: Array<MyRequest & { at: string }> = []
    for (const m of months) {
      // The stored requests and those the month file carries (imported), as every check sees them.
      const file = await this.merged(this.db, m)
      const rows = await this.leaveRows(this.db, m.id)
      const storedSwaps = new Set((await this.swapRows(this.db, m.id)).map(r => r.record.id))
      const filedByMe = new Set(rows.filter(r => r.createdBy === user.id).map(r => r.record.id))
      const storedLeaves = new Set(rows.map(r => r.record.id))
      const swaps = file.swaps.filter(s => me !== null && (s.requester === me || s.counterpart === me))
      const leaves = file.leaves.filter(l => (me !== null && l.agentId === me) || filedByMe.has(l.id))
      if (swaps.length === 0 && leaves.length === 0) continue
      const name = (id: string) => file.agents.find(a => a.id === id)?.name
      const approvalsOf = (list: readonly Approval[]) =>
        list.map(a => {
          const n = name(a.by)
          return { role: a.role, by: a.by, ...(n ? { name: n } : {}) }
        })
      for (const s of swaps) {
        const other = s.requester === me ? s.counterpart : s.requester
        const otherName = name(other)
        const waiting = this.swapWaiting(file, s)?.waiting
        out.push({
          kind: 'swap',
          team: m.team_id,
          month: m.month,
          id: s.id,
          status: s.status,
          ...(otherName ? { otherName } : {}),
          mine: s.requester === me,
          cancellable: s.status === 'pending' && s.requester === me && storedSwaps.has(s.id),
          dates: s.returnDate ? [s.date, s.returnDate] : [s.date],
          ...(waiting ? { waiting } : {}),
          needsCover: false,
          approvals: approvalsOf(s.approvals),
          at: s.submittedAt,
        })
      }
      const groups = new Map<string, Leave[]>()
      for (const l of leaves) {
        const key = l.requestId ?? l.id
        groups.set(key, [...(groups.get(key) ?? []), l])
      }
      for (const [id, records] of groups) {
        const first = records[0]
        if (!first) continue
        const otherName = name(first.agentId)
        const waiting = this.leaveWaiting(file, records)?.waiting
        const needsCover =
          first.status === 'pending' && this.checkLeaves(file, records).violations.some(isCover)
        out.push({
          kind: 'leave',
          team: m.team_id,
          month: m.month,
          id,
          status: first.status,
          ...(otherName ? { otherName } : {}),
          mine: first.agentId === me,
          cancellable:
            first.status === 'pending' && records.every(r => storedLeaves.has(r.id) && filedByMe.has(r.id)),
          dates: records.map(r => r.date),
          shift: first.shift,
          leaveKind: first.kind,
          ...(waiting ? { waiting } : {}),
          needsCover,
          approvals: approvalsOf(first.approvals),
          at: first.submittedAt,
        })
      }
    }
    out.sort((a, b) => b.at.localeCompare(a.at))
    return out.map(({ at: _, ...r }) => r)
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
      const signIns = user.role === 'supervisor' ? await this.signIns(this.db, m.team_id) : new Set<string>()
      for (const s of await this.swapRows(this.db, m.id)) {
        if (s.record.status !== 'pending') continue
        const turn = this.swapTurn(file, s.record, user)
        // The supervisor also sees a swap stuck at someone else's step (and may end it).
        const escalated =
          user.role === 'supervisor' && !turn
            ? this.escalationOf(file, this.swapWaiting(file, s.record), signIns)
            : undefined
        const as = turn ?? (escalated ? 'supervisor' : undefined)
        if (!as) continue
        await breathe()
        const requesterName = name(s.record.requester)
        const counterpartName = name(s.record.counterpart)
        const then = this.swapSteps(file, s.record)
          .slice(1)
          .map(step => step.role)
        items.push({
          kind: 'swap',
          team: m.team_id,
          month: m.month,
          as,
          request: s.record,
          ...(requesterName ? { requesterName } : {}),
          ...(counterpartName ? { counterpartName } : {}),
          check: checkOf(checkSwap(file, s.record)),
          ...(turn ? { then } : {}),
          ...(escalated ? { escalated } : {}),
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
          await breathe()
          const agentName = name(first.agentId)
          // LEAVE-SICK-CERT from the first day back, on the team's calendar date.
          const today = instantIn(file.team.timeZone, new Date(this.now())).slice(0, 10)
          const reminder = certificateReminder(monthContext(file), first, today)
          items.push({
            kind: 'leave',
            team: m.team_id,
            month: m.month,
            as: 'teamLeader',
            request: first,
            ...(agentName ? { agentName } : {}),
            check: this.checkLeaves(file, records),
            ...(reminder ? { reminder } : {}),
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
          await breathe()
          const steps = this.leaveSteps(file, records)
          const step = steps[0]
          const first = records[0]
          if (!step || !first) continue
          const escalated =
            user.role === 'supervisor' && step !== user.role
              ? this.escalationOf(file, this.leaveWaiting(file, records), signIns)
              : undefined
          if (step !== user.role && !escalated) continue
          const agentName = name(first.agentId)
          const cover = this.coverGaps(file, records)
          items.push({
            kind: 'leave',
            team: m.team_id,
            month: m.month,
            as: escalated ? 'supervisor' : step,
            request: first,
            ...(agentName ? { agentName } : {}),
            check: this.checkLeaves(file, records),
            ...(escalated ? { escalated } : { then: steps.slice(1) }),
            ...(cover.length > 0 ? { cover } : {}),
            at: first.submittedAt,
          })
        }
      }
    }
    items.sort((a, b) => b.at.localeCompare(a.at))
    return items.map(({ at: _, ...item }) => item)
  }

  // ───────────────────────────── exports ─────────────────────────────

  /** The audit row of a download of personal data (payroll, compliance): who took which file. */
  private async auditDownload(user: SessionUser, team: string, month: string, name: string): Promise<void> {
    await this.db.transaction().execute(trx =>
      audit(trx, user, {
        action: 'download',
        teamId: team,
        entity: 'month',
        entityId: `${team}/${month}`,
        after: { file: name },
      }),
    )
  }

  async payroll(user: SessionUser, team: string, month: string, format: 'csv' | 'xlsx') {
    const view = await this.months.read(user, team, month)
    const m = await this.monthRow(team, month)
    const table = payrollTable(await withStoredAttendance(this.db, m.id, view.file))
    const name = `payroll-${team}-${month}-v${view.version}.${format}`
    await this.auditDownload(user, team, month, name)
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

  /** The version `user` may see with the stored swap and leave requests merged in (the registers). */
  async mergedView(
    user: SessionUser,
    team: string,
    month: string,
  ): Promise<{ version: number; file: MonthFile }> {
    const view = await this.months.read(user, team, month)
    const m = await this.monthRow(team, month)
    return {
      version: view.version,
      file: await this.merged(this.db, { id: m.id, latest_version: view.version }),
    }
  }

  /** The compliance report as a CSV download (UTF-8 with BOM, headers in `lang`). */
  async complianceFile(user: SessionUser, team: string, month: string, lang: Lang) {
    const report = await this.compliance(user, team, month)
    const name = `compliance-${team}-${month}-v${report.version}.csv`
    await this.auditDownload(user, team, month, name)
    return {
      name,
      type: 'text/csv; charset=utf-8',
      body: complianceCsv(report, lang),
    }
  }

  /**
   * The caller's feed token, created on first use; `rotate` replaces it (the old URL stops
   * working). Only its hash is stored, so an existing token cannot be shown again: null then,
   * with when it was made.
   */
  async icalToken(user: SessionUser, rotate: boolean): Promise<{ token: string | null; createdAt?: string }> {
    if (user.agentId === null) throw forbidden('only agents have shifts to subscribe to')
    return this.db.transaction().execute(async trx => {
      const existing = await trx
        .selectFrom('ical_tokens')
        .select('created_at')
        .where('person_id', '=', user.id)
        .forUpdate()
        .executeTakeFirst()
      if (existing && !rotate) return { token: null, createdAt: existing.created_at.toISOString() }
      const token = randomBytes(24).toString('base64url')
      const token_hash = hashToken(token)
      if (existing)
        await trx
          .updateTable('ical_tokens')
          .set({ token_hash, created_at: new Date() })
          .where('person_id', '=', user.id)
          .execute()
      else await trx.insertInto('ical_tokens').values({ person_id: user.id, token_hash }).execute()
      await audit(trx, user, {
        action: existing ? 'ical.rotate' : 'ical.create',
        teamId: user.teamId,
        entity: 'person',
        entityId: user.login,
      })
      return { token }
    })
  }

  /** The feed of a token: the agent's shifts of every published month, or 404. */
  async icalFeed(token: string): Promise<string> {
    const person = await this.db
      .selectFrom('ical_tokens as t')
      .innerJoin('people as p', 'p.id', 't.person_id')
      .select(['p.id', 'p.login', 'p.name', 'p.role', 'p.team_id', 'p.agent_id'])
      .where('t.token_hash', '=', hashToken(token))
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

/**
 * Lets the event loop answer other requests (health, sign-in) between two rule checks of a long
 * inbox: each check is synchronous and a 42-agent month's takes tens of milliseconds.
 */
const breathe = () => new Promise<void>(resolve => setImmediate(resolve))

/** 403: a medical certificate is recorded by the agent's team leader or the supervisor, never by the agent (a team leader included) for their own leave (LEAVE-SICK-CERT). */
const selfCertified = () =>
  new HttpError(
    403,
    'FORBIDDEN',
    'certificate: only the agent’s team leader or the supervisor records a medical certificate, never for their own leave / 病假证明须由班长或主管登记，本人不能登记',
    [{ path: 'certificate', message: 'not yours to record' }],
  )

export default fp(
  (app, config: AppConfig, done) => {
    app.decorate('requests', new RequestsService(app.db, app.months, config))
    done()
  },
  { name: 'requests', dependencies: ['db', 'months'] },
)

/** SHA-256 (hex) of an iCal feed token: what is stored and looked up (192 random bits need no salt). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
