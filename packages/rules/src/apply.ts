import type { Cell, Leave, Swap } from '@paiban/domain'
import type { MonthContext } from './context'

/**
 * The rows a swap changes: on its date the two agents exchange cells (the requester gives up the
 * shift, the counterpart works it, or both trade shifts), and on its return date again (还班).
 * Dates outside the month change nothing here.
 */
export function swapRows(ctx: MonthContext, swap: Swap): Map<string, Cell[]> {
  const a = [...(ctx.rows.get(swap.requester) ?? [])]
  const b = [...(ctx.rows.get(swap.counterpart) ?? [])]
  for (const date of swap.returnDate === undefined ? [swap.date] : [swap.date, swap.returnDate]) {
    const i = ctx.dateIndex.get(date)
    if (i === undefined) continue
    const x = a[i]
    const y = b[i]
    if (x === undefined || y === undefined) continue
    a[i] = y
    b[i] = x
  }
  return new Map([
    [swap.requester, a],
    [swap.counterpart, b],
  ])
}

/** The row a leave changes: its date becomes `L` (approved leave replaces the shift). */
export function leaveRows(ctx: MonthContext, leave: Leave): Map<string, Cell[]> {
  const row = [...(ctx.rows.get(leave.agentId) ?? [])]
  const i = ctx.dateIndex.get(leave.date)
  if (i !== undefined) row[i] = 'L'
  return new Map([[leave.agentId, row]])
}

/** A roster (`agentId → cells`) back to the month file's strings. */
export function rosterStrings(rows: ReadonlyMap<string, readonly Cell[]>): Record<string, string> {
  return Object.fromEntries([...rows].map(([id, row]) => [id, row.join('')]))
}
