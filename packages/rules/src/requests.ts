import type { Approval, Leave, Swap } from '@paiban/domain'
import { instant, type MonthContext } from './context'
import type { Scope } from './scope'

/** Swaps that count: approved and pending (rejected and cancelled ones are history). */
export function activeSwaps(ctx: MonthContext): Swap[] {
  return ctx.file.swaps.filter(s => s.status === 'approved' || s.status === 'pending')
}

/** Leave records that count: approved and pending. */
export function activeLeaves(ctx: MonthContext): Leave[] {
  return ctx.file.leaves.filter(l => l.status === 'approved' || l.status === 'pending')
}

/** The dates a swap touches: its date and its return date. */
export function swapDates(swap: Swap): string[] {
  return swap.returnDate === undefined ? [swap.date] : [swap.date, swap.returnDate]
}

/** True when a swap involves an agent in scope. */
export function swapInScope(scope: Scope, swap: Swap): boolean {
  return scope.agents === undefined || scope.agents.has(swap.requester) || scope.agents.has(swap.counterpart)
}

/**
 * True when `approvals` hold one of `role` that is valid: by `by` when given; a team leader's by an
 * agent whose role is teamLeader; a supervisor's or manager's by a person listed with that role or
 * an id the file does not list (people are optional), never by an agent; a supervisor's or
 * manager's recorded by import counts only once confirmed (`confirmedApproval`).
 */
export function hasApproval(
  ctx: MonthContext,
  approvals: readonly Approval[],
  role: Approval['role'],
  by?: string,
) {
  return approvals.some(a => {
    if (a.role !== role) return false
    if ((role === 'supervisor' || role === 'manager') && !confirmedApproval(a)) return false
    if (by !== undefined) return a.by === by
    if (role === 'teamLeader') return ctx.agentById.get(a.by)?.role === 'teamLeader'
    if (role === 'supervisor' || role === 'manager') {
      if (ctx.agentById.has(a.by)) return false
      const person = ctx.file.people.find(p => p.id === a.by)
      return person === undefined || person.role === role
    }
    return true
  })
}

/**
 * False for an approval recorded by someone else's import (`recordedBy`) that its approver's own
 * sign-in has not confirmed (`confirmedAt`): a file cannot make a supervisor's or manager's
 * approval that person never gave.
 */
export function confirmedApproval(a: Approval): boolean {
  return a.recordedBy === undefined || a.confirmedAt !== undefined
}

/** Stable order of requests: by date, then submission, then id. */
export function byDateThenSubmitted(a: Swap, b: Swap): number {
  return (
    a.date.localeCompare(b.date) ||
    instant(a.submittedAt) - instant(b.submittedAt) ||
    a.id.localeCompare(b.id)
  )
}
