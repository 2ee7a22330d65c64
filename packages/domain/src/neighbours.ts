import { addDays, monthDates } from './dates'
import type { Leave, MonthFile, Neighbours, Swap } from './month-file'

/**
 * The `neighbours` of a month file (issue 18): the requests of the months either side that this
 * month's checks must see. The server builds them from the stored months before and after; `paiban
 * month next` from the month it starts from.
 */

const swapDays = (s: Swap): string[] => (s.returnDate === undefined ? [s.date] : [s.date, s.returnDate])
const isActive = (s: Swap) => s.status === 'approved' || s.status === 'pending'
const requestKey = (l: Leave) => `${l.agentId}|${l.requestId ?? ''}`

/**
 * Swaps of `other` (a month before or after `month`) that SWAP-CONSEC sees from `month`: active
 * ones whose date or return date is the day next to `month`'s first or last day.
 */
export function swapsNextTo(month: string, other: readonly Swap[]): Swap[] {
  const dates = monthDates(month)
  const first = dates[0] ?? `${month}-01`
  const last = dates[dates.length - 1] ?? first
  const edges = new Set([addDays(first, -1), addDays(last, 1)])
  return other.filter(s => isActive(s) && swapDays(s).some(d => edges.has(d)))
}

/**
 * Leave records of `other` that belong to a request of `file` (same agent and `requestId`, not
 * rejected), for LEAVE-APPROVER to count a request that spans the month boundary once.
 */
export function leavesOfRequests(file: Pick<MonthFile, 'leaves'>, other: readonly Leave[]): Leave[] {
  const keys = new Set(file.leaves.filter(l => l.requestId !== undefined).map(requestKey))
  return other.filter(l => l.requestId !== undefined && l.status !== 'rejected' && keys.has(requestKey(l)))
}

/**
 * `neighbours` of `file` from the stored months before and after it (either may be missing); each
 * is that month's file with its pending requests merged in. Undefined when there is nothing to see.
 */
export function neighboursOf(
  file: Pick<MonthFile, 'month' | 'leaves'>,
  before?: Pick<MonthFile, 'swaps' | 'leaves'>,
  after?: Pick<MonthFile, 'swaps' | 'leaves'>,
): Neighbours | undefined {
  const swaps = [...(before?.swaps ?? []), ...(after?.swaps ?? [])]
  const leaves = [...(before?.leaves ?? []), ...(after?.leaves ?? [])]
  const out = { swaps: swapsNextTo(file.month, swaps), leaves: leavesOfRequests(file, leaves) }
  return out.swaps.length + out.leaves.length > 0 ? out : undefined
}

/**
 * The `neighbours` a new month after `file` starts with (`month next`): `file`'s active swaps on
 * its last day, and every record of a leave request (with a `requestId`) that has a day in its last
 * `days` days (those `previous` carries), so a request continued in the new month under the same id counts once.
 */
export function neighboursForNext(file: MonthFile, next: string, days: number): Neighbours | undefined {
  const tail = new Set(monthDates(file.month).slice(-days))
  const open = new Set(file.leaves.filter(l => l.requestId !== undefined && tail.has(l.date)).map(requestKey))
  const out = {
    swaps: swapsNextTo(next, file.swaps),
    leaves: file.leaves.filter(
      l => l.status !== 'rejected' && l.requestId !== undefined && open.has(requestKey(l)),
    ),
  }
  return out.swaps.length + out.leaves.length > 0 ? out : undefined
}
