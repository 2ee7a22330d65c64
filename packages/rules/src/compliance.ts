import {
  EXCEPTION_RULES,
  shiftTimes,
  type Approval,
  type ComplianceException,
  type ComplianceLate,
  type ComplianceReport,
  type Leave,
  type MonthFile,
  type Shift,
  type Swap,
} from '@paiban/domain'
import { DateTime } from 'luxon'
import { checkLeave, checkMonth, contextOf } from './check'
import { instant, nameOf, type MonthContext } from './context'
import { SHIFT_NAME } from './rule'

const EXCEPTIONS: ReadonlySet<string> = new Set(EXCEPTION_RULES)

/** Requests that count: approved and pending (rejected and cancelled ones are history). */
const active = <T extends { status: string }>(list: readonly T[]) =>
  list.filter(r => r.status === 'approved' || r.status === 'pending')

/** `2026-12-04 08:50` in the team's time zone. */
function local(ctx: MonthContext, at: number | string): string {
  const dt = typeof at === 'number' ? DateTime.fromMillis(at) : DateTime.fromISO(at, { setZone: true })
  return dt.setZone(ctx.zone).toFormat('yyyy-MM-dd HH:mm')
}

/** An instant as ISO with the team's offset. */
function iso(ctx: MonthContext, ms: number): string {
  return DateTime.fromMillis(ms).setZone(ctx.zone).toISO() ?? new Date(ms).toISOString()
}

const reportOf = (ctx: MonthContext, date: string, shift: Shift) =>
  shiftTimes(date, shift, ctx.policy, ctx.zone).report.toMillis()

/**
 * The exceptions a manager made: for each approved leave record with a manager's approval, the
 * rules of EXCEPTION_RULES it breaks once that approval is taken away.
 */
export function leaveExceptions(file: MonthFile): ComplianceException[] {
  const ctx = contextOf(file)
  const out: ComplianceException[] = []
  for (const leave of file.leaves) {
    if (leave.status !== 'approved') continue
    const manager = leave.approvals.find(a => a.role === 'manager')
    if (!manager) continue
    const without: Leave = { ...leave, approvals: leave.approvals.filter(a => a.role !== 'manager') }
    const rules = new Set(
      checkLeave(file, without)
        .violations.filter(v => v.severity === 'hard' && EXCEPTIONS.has(v.rule))
        .map(v => v.rule),
    )
    for (const rule of EXCEPTION_RULES) {
      if (!rules.has(rule)) continue
      const name = nameOf(ctx, leave.agentId)
      const shift = SHIFT_NAME[leave.shift]
      const when = manager.at ? ` ${local(ctx, manager.at)}` : ''
      out.push({
        rule,
        leaveId: leave.id,
        requestId: leave.requestId ?? leave.id,
        agentId: leave.agentId,
        date: leave.date,
        shift: leave.shift,
        kind: leave.kind,
        approvedBy: manager.by,
        ...(manager.at ? { approvedAt: manager.at } : {}),
        message: {
          zh: `${name} ${leave.date} ${shift.zh}请假:经理 ${manager.by}${when} 特批(${rule})`,
          en: `${name}'s leave on the ${leave.date} ${shift.en}: exception approved by manager ${manager.by}${when} (${rule})`,
        },
      })
    }
  }
  return out
}

/** The shift a swap exchanges first on its date: the day shift if either party has it, else the night. */
function swapShift(ctx: MonthContext, swap: Swap): Shift | undefined {
  const i = ctx.dateIndex.get(swap.date)
  if (i === undefined) return undefined
  const cells = [swap.requester, swap.counterpart].map(id => ctx.rows.get(id)?.[i])
  if (cells.includes('D')) return 'D'
  if (cells.includes('N')) return 'N'
  return undefined
}

/** One `approvedAfterShift` entry per approval given after `deadline`. */
function lateApprovals(
  ctx: MonthContext,
  request: { kind: 'swap' | 'leave'; id: string; agentId: string; date: string; shift: Shift },
  approvals: readonly Approval[],
): ComplianceLate[] {
  const deadline = reportOf(ctx, request.date, request.shift)
  const shift = SHIFT_NAME[request.shift]
  const what =
    request.kind === 'swap'
      ? { zh: `换班 ${request.id}`, en: `swap ${request.id}` }
      : {
          zh: `${nameOf(ctx, request.agentId)} 的请假 ${request.id}`,
          en: `leave ${request.id} of ${nameOf(ctx, request.agentId)}`,
        }
  return approvals
    .filter(a => a.at !== undefined && instant(a.at) > deadline)
    .map(a => ({
      reason: 'approvedAfterShift' as const,
      request: request.kind,
      id: request.id,
      agentId: request.agentId,
      date: request.date,
      shift: request.shift,
      deadline: iso(ctx, deadline),
      at: a.at ?? '',
      by: a.by,
      role: a.role,
      message: {
        zh: `${what.zh}(${request.date} ${shift.zh})由 ${a.by} 于 ${local(ctx, a.at ?? '')} 批准,晚于到岗时间 ${local(ctx, deadline)}`,
        en: `${what.en} (${request.date} ${shift.en}) was approved by ${a.by} at ${local(ctx, a.at ?? '')}, after the report time ${local(ctx, deadline)}`,
      },
    }))
}

/** Personal leave asked later than LEAVE-NOTICE allows and approved all the same. */
function lateNotice(ctx: MonthContext, leave: Leave): ComplianceLate[] {
  if (leave.kind !== 'personal' || leave.status !== 'approved') return []
  const hours = leave.urgent ? ctx.policy.leave.urgentNoticeHours : ctx.policy.leave.noticeHours
  const deadline = reportOf(ctx, leave.date, leave.shift) - hours * 3_600_000
  if (instant(leave.submittedAt) <= deadline) return []
  const name = nameOf(ctx, leave.agentId)
  const shift = SHIFT_NAME[leave.shift]
  return [
    {
      reason: 'lateNotice',
      request: 'leave',
      id: leave.id,
      agentId: leave.agentId,
      date: leave.date,
      shift: leave.shift,
      deadline: iso(ctx, deadline),
      at: leave.submittedAt,
      by: leave.by,
      message: {
        zh: `${name} ${leave.date} ${shift.zh}的${leave.urgent ? '紧急' : ''}事假于 ${local(ctx, leave.submittedAt)} 提出,晚于 ${local(ctx, deadline)}(需提前 ${hours} 小时)`,
        en: `${name}'s ${leave.urgent ? 'urgent ' : ''}personal leave for the ${leave.date} ${shift.en} was asked at ${local(ctx, leave.submittedAt)}, after ${local(ctx, deadline)} (${hours} h notice)`,
      },
    },
  ]
}

/** Every late approval and late-notice leave of the month, by date then time. */
export function lateItems(file: MonthFile): ComplianceLate[] {
  const ctx = contextOf(file)
  const out: ComplianceLate[] = []
  for (const swap of active(file.swaps)) {
    const shift = swapShift(ctx, swap)
    if (!shift) continue
    out.push(
      ...lateApprovals(
        ctx,
        { kind: 'swap', id: swap.id, agentId: swap.requester, date: swap.date, shift },
        swap.approvals,
      ),
    )
  }
  for (const leave of active(file.leaves)) {
    out.push(...lateNotice(ctx, leave))
    out.push(
      ...lateApprovals(
        ctx,
        { kind: 'leave', id: leave.id, agentId: leave.agentId, date: leave.date, shift: leave.shift },
        leave.approvals,
      ),
    )
  }
  return out.sort(
    (a, b) => a.date.localeCompare(b.date) || instant(a.at) - instant(b.at) || a.id.localeCompare(b.id),
  )
}

/**
 * The monthly compliance report of a team's month: every violation of `checkMonth`, every
 * exception a manager made to the leave rules, every late approval and late-notice leave.
 * @example complianceReport(file).summary // { hard: 0, soft: 12, exceptions: 1, late: 2 }
 */
export function complianceReport(file: MonthFile): ComplianceReport {
  const { ok, violations } = checkMonth(file)
  const exceptions = leaveExceptions(file)
  const late = lateItems(file)
  return {
    team: { id: file.team.id, name: file.team.name },
    month: file.month,
    ok,
    summary: {
      hard: violations.filter(v => v.severity === 'hard').length,
      soft: violations.filter(v => v.severity === 'soft').length,
      exceptions: exceptions.length,
      late: late.length,
    },
    violations,
    exceptions,
    late,
  }
}
