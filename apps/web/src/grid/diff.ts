import type { Cell } from '@paiban/domain'

/**
 * Cells that differ from a reference roster (the published version): agent id → the previous
 * cell of each changed day index. Agents missing from the reference count as all changed.
 */
export function changedCells(
  current: ReadonlyMap<string, readonly Cell[]>,
  reference: Readonly<Record<string, string>>,
): Map<string, Map<number, Cell>> {
  const out = new Map<string, Map<number, Cell>>()
  for (const [id, row] of current) {
    const ref = reference[id]
    const changes = new Map<number, Cell>()
    row.forEach((cell, i) => {
      const was = (ref?.[i] ?? '?') as Cell
      if (was !== cell) changes.set(i, was)
    })
    if (changes.size > 0) out.set(id, changes)
  }
  return out
}

/** The number of changed cells. */
export function changeCount(changes: ReadonlyMap<string, ReadonlyMap<number, Cell>>): number {
  let n = 0
  for (const row of changes.values()) n += row.size
  return n
}
