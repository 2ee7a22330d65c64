import { inHolidaySet, type Leave, type Role, type Swap } from '@paiban/domain'
import type { MonthContext } from './context'
import { hasApproval } from './requests'
import { HOUR, isEmergency, leaveTimes } from './rules/leave-times'

/**
 * The approval workflow of swaps and leave (rules.md SWAP-APPROVAL, LEAVE-APPROVER, LEAVE-NIGHT,
 * LEAVE-HOLIDAY, LEAVE-NOTICE): which approvals a request needs, in which order, and whose turn it
 * is. The rules read the same lists as the server's workflow, so a request the workflow completes
 * is one the rules accept. Pure: the caller passes the month and the person deciding.
 */

/** Who decides: the sign-in's role and, for agents and team leaders, their agent id. */
export type Approver = { role: Role; agentId: string | null }

/** One approval a swap needs (SWAP-APPROVAL): a role, and the agent who gives it when it is someone's. */
export type SwapStep = { role: 'counterpart' | 'teamLeader' | 'supervisor'; by?: string }

/**
 * The team leader of agent `id` who may approve as such: the agent their `teamLeaderId` names,
 * when that agent is a team leader. Undefined for an agent without one (a team leader, usually).
 */
function leaderOf(
  agents: ReadonlyArray<{ id: string; role?: string; teamLeaderId?: string | undefined }>,
  id: string,
): string | undefined {
  const leaderId = agents.find(a => a.id === id)?.teamLeaderId
  const leader = agents.find(a => a.id === leaderId)
  return leader !== undefined && (leader.role === undefined || leader.role === 'teamLeader')
    ? leader.id
    : undefined
}

/**
 * The approvals a swap needs, in order (SWAP-APPROVAL): the counterpart's consent, the team leader
 * of each party (one step when they share one), then the supervisor's.
 *
 * Separation of duties: a team leader who is a party to the swap never approves it as its leader;
 * the step goes to the other party's team leader, or, failing one, the supervisor's approval
 * (which the swap needs anyway) covers it.
 *
 * A party without a team leader (no `teamLeaderId`, or one naming an agent who is not a team
 * leader) adds no leader step: there is no leader whose consent 换班必须经双方班长同意 asks for,
 * and the supervisor, who approves every swap last, stands for the centre. The supervisor does
 * not give a second approval in the leader's place: one person never gives two approvals of one
 * request. So such a swap is approved to the end by the counterpart, the other party's leader (if
 * any) and the supervisor, and SWAP-APPROVAL accepts it.
 *
 * @example swapApprovalSteps(agents, { requester: 'a1', counterpart: 'a2' })
 * // [{ role: 'counterpart', by: 'a2' }, { role: 'teamLeader', by: 't1' }, { role: 'supervisor' }]
 */
export function swapApprovalSteps(
  agents: ReadonlyArray<{ id: string; role?: string; teamLeaderId?: string | undefined }>,
  swap: Pick<Swap, 'requester' | 'counterpart'>,
): SwapStep[] {
  const parties = new Set([swap.requester, swap.counterpart])
  const leaders = new Set<string>()
  for (const id of parties) {
    const leader = leaderOf(agents, id)
    if (leader !== undefined && !parties.has(leader)) leaders.add(leader)
  }
  return [
    { role: 'counterpart', by: swap.counterpart },
    ...[...leaders].map((by): SwapStep => ({ role: 'teamLeader', by })),
    { role: 'supervisor' },
  ]
}

/** The steps of `swapApprovalSteps` that the swap's approvals do not yet hold, in order. */
export function missingSwapSteps(ctx: MonthContext, swap: Swap): SwapStep[] {
  return swapApprovalSteps(ctx.file.agents, swap).filter(
    step => !hasApproval(ctx, swap.approvals, step.role, step.by),
  )
}

/**
 * The role in which `who` may approve a pending swap now, or undefined when it is not their turn:
 * the counterpart at the first step; a team leader when the leader steps are reached and one of
 * them is theirs (the two leaders approve in either order); the supervisor last.
 */
export function swapTurn(ctx: MonthContext, swap: Swap, who: Approver): SwapStep['role'] | undefined {
  if (swap.status !== 'pending') return undefined
  const steps = missingSwapSteps(ctx, swap)
  const first = steps[0]
  if (!first) return undefined
  if (first.role === 'counterpart') return who.agentId === first.by ? 'counterpart' : undefined
  if (first.role === 'teamLeader') {
    const mine = steps.some(s => s.role === 'teamLeader' && s.by === who.agentId)
    return who.role === 'teamLeader' && mine ? 'teamLeader' : undefined
  }
  return who.role === 'supervisor' ? 'supervisor' : undefined
}

/** The rules that ask a manager (经理) to approve a leave, beyond the supervisor. */
export type ManagerRule = 'LEAVE-APPROVER' | 'LEAVE-NIGHT' | 'LEAVE-HOLIDAY' | 'LEAVE-NOTICE'

/** One approval a leave request needs: the supervisor's, then the manager's when `because` says so. */
export type LeaveStep = { role: 'supervisor' | 'manager'; because?: ManagerRule[] }

/**
 * The rules under which one leave record needs a manager's approval, whatever it has now:
 * LEAVE-NIGHT a night shift, LEAVE-HOLIDAY a statutory-holiday shift (neither for an emergency,
 * LEAVE-EMERGENCY), LEAVE-NOTICE personal leave asked later than `policy.leave.noticeHours`
 * (24; urgent `urgentNoticeHours`, 2) before the report time. Each of those rules reports the
 * record when this names it and no manager approved.
 */
export function managerRulesOf(ctx: MonthContext, leave: Leave): ManagerRule[] {
  const out: ManagerRule[] = []
  const emergency = isEmergency(ctx, leave)
  if (leave.shift === 'N' && !emergency) out.push('LEAVE-NIGHT')
  const day = ctx.day(leave.date)
  if (day && inHolidaySet(day, ctx.policy.leave.holidayDays) && !emergency) out.push('LEAVE-HOLIDAY')
  if (leave.kind === 'personal') {
    const t = leaveTimes(ctx, leave)
    const hours = leave.urgent ? ctx.policy.leave.urgentNoticeHours : ctx.policy.leave.noticeHours
    if (t.submitted > t.report - hours * HOUR) out.push('LEAVE-NOTICE')
  }
  return out
}

/**
 * The days of one leave request (LEAVE-APPROVER): the distinct dates of its records that are not
 * rejected. Its records are those sharing its `requestId` (a record without one is a one-day request).
 */
export function leaveDays(records: readonly Leave[], ctx?: MonthContext): number {
  const first = records[0]
  const days = new Set(records.filter(r => r.status !== 'rejected').map(r => r.date))
  // The same request's days in the months either side (neighbours, issue 18): leave from 01-28
  // to 02-03 is one 7-day request in both months.
  if (ctx && first?.requestId !== undefined)
    for (const other of ctx.file.neighbours?.leaves ?? [])
      if (
        other.agentId === first.agentId &&
        other.requestId === first.requestId &&
        other.status !== 'rejected'
      )
        days.add(other.date)
  return days.size
}

/**
 * True when the request is longer than `policy.leave.supervisorMaxDays` (3) days, so the manager
 * approves it (LEAVE-APPROVER: 3天内由主管批准,3天以上由经理批准). Days of the same request in the
 * months either side (`neighbours.leaves`) count.
 */
export function isLongLeave(ctx: MonthContext, records: readonly Leave[]): boolean {
  return leaveDays(records, ctx) > ctx.policy.leave.supervisorMaxDays
}

/**
 * The approvals one leave request (its records) needs, in order: the supervisor's, then the
 * manager's when LEAVE-APPROVER (more than `supervisorMaxDays` days), or LEAVE-NIGHT,
 * LEAVE-HOLIDAY or LEAVE-NOTICE for any record (`managerRulesOf`) asks for one. The manager
 * decides after the supervisor, and as another person (one person never gives two approvals of
 * one request). The rules accept a manager's approval in place of the supervisor's (an imported
 * month); the workflow asks both.
 */
export function leaveApprovalSteps(ctx: MonthContext, records: readonly Leave[]): LeaveStep[] {
  const because = new Set<ManagerRule>()
  if (isLongLeave(ctx, records)) because.add('LEAVE-APPROVER')
  for (const r of records) for (const rule of managerRulesOf(ctx, r)) because.add(rule)
  const order: ManagerRule[] = ['LEAVE-APPROVER', 'LEAVE-NIGHT', 'LEAVE-HOLIDAY', 'LEAVE-NOTICE']
  return [
    { role: 'supervisor' },
    ...(because.size > 0 ? [{ role: 'manager' as const, because: order.filter(r => because.has(r)) }] : []),
  ]
}

/**
 * The steps of `leaveApprovalSteps` the request's approvals (those of its first record: a decision
 * approves every record at once) do not yet hold, in order.
 */
export function missingLeaveSteps(ctx: MonthContext, records: readonly Leave[]): LeaveStep[] {
  const approvals = records[0]?.approvals ?? []
  return leaveApprovalSteps(ctx, records).filter(step => !hasApproval(ctx, approvals, step.role))
}

/**
 * The role in which `who` may approve a pending leave request now, or undefined: the supervisor
 * at the supervisor's step, the manager at theirs.
 */
export function leaveTurn(
  ctx: MonthContext,
  records: readonly Leave[],
  who: Approver,
): LeaveStep['role'] | undefined {
  if (records[0]?.status !== 'pending') return undefined
  const step = missingLeaveSteps(ctx, records)[0]
  return step !== undefined && step.role === who.role ? step.role : undefined
}
