import { createHash } from 'node:crypto'
import type { MonthFile } from '@paiban/domain'

/** SHA-256 (hex) of a month file as stored (its parsed JSON): the import's audit row keeps it. */
export function fileHash(file: MonthFile): string {
  return createHash('sha256').update(JSON.stringify(file)).digest('hex')
}

/**
 * What an import changes against the version before it, for the audit row: agents added and
 * removed, roster cells changed, and the leave, swaps and approvals the file brings (approvals in
 * a file are the importer's claim, so they are counted where a reviewer sees them).
 */
export function importSummary(before: MonthFile | null, after: MonthFile) {
  const ids = (f: MonthFile | null) => new Set((f?.agents ?? []).map(a => a.id))
  const [was, is] = [ids(before), ids(after)]
  let cellsChanged = 0
  for (const [agentId, row] of Object.entries(after.roster ?? {})) {
    const old = before?.roster?.[agentId] ?? ''
    for (let i = 0; i < row.length; i++) if (row[i] !== old[i]) cellsChanged++
  }
  const approvals = (f: MonthFile | null) =>
    (f?.leaves ?? []).reduce((n, l) => n + (l.approvals?.length ?? 0), 0) +
    (f?.swaps ?? []).reduce((n, s) => n + (s.approvals?.length ?? 0), 0)
  return {
    agentsAdded: [...is].filter(id => !was.has(id)),
    agentsRemoved: [...was].filter(id => !is.has(id)),
    cellsChanged,
    leaves: { before: before?.leaves.length ?? 0, after: after.leaves.length },
    swaps: { before: before?.swaps.length ?? 0, after: after.swaps.length },
    approvals: { before: approvals(before), after: approvals(after) },
  }
}
