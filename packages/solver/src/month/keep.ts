import type { Cell, MonthFile } from '@paiban/domain'
import { OFF, type Request } from '../model'
import { SHIFT_INDEX } from './compile'

/**
 * Cost of changing one kept cell by default: above what any soft rule of the seed policy gains
 * from one cell (FAIR-NIGHT 5 + FAIR-WEEKEND 3 + CONTRACT 2 + a wish 1, each per shift), far below
 * a hard cover line's `HARD_COVER_WEIGHT` (10,000), so the roster changes only where a hard rule
 * asks for it.
 */
export const KEEP_WEIGHT = 100

/**
 * The reference of a minimal-change re-plan (`GenerateOptions.keep`): `roster` is a month file's
 * roster (agent id → one character per day, e.g. the published month); each free cell of the input
 * whose reference is `D`, `N` or `-` costs `weight` (default {@link KEEP_WEIGHT}) when the new
 * roster differs from it. Reference `L` and `?` cells, and agents it does not name, cost nothing.
 */
export type Keep = {
  readonly roster: Readonly<Record<string, string>>
  readonly weight?: number
}

/**
 * A {@link Keep} as the engine's soft requests (one per kept free cell: `on` its reference shift, or
 * `on` OFF for a rest day) and a warm start (the reference on free cells, OFF elsewhere).
 */
export function keepRequests(
  file: MonthFile,
  given: ReadonlyArray<readonly Cell[]>,
  keep: Keep,
): { requests: Request[]; initial: number[][] } {
  const weight = keep.weight ?? KEEP_WEIGHT
  const requests: Request[] = []
  const initial = file.agents.map((agent, a) => {
    const reference = keep.roster[agent.id] ?? ''
    return (given[a] ?? []).map((cell, day) => {
      const ref = reference[day]
      if (cell !== '?') return OFF
      const shift = ref === 'D' || ref === 'N' ? SHIFT_INDEX[ref] : ref === '-' ? OFF : undefined
      if (shift === undefined) return OFF
      if (weight > 0) requests.push({ agent: a, day, shift, kind: 'on', weight })
      return shift
    })
  })
  return { requests, initial }
}
