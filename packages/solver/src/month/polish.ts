import { JOBS, type Cell, type MonthFile } from '@paiban/domain'
import { checkMonth, newViolations, type CheckResult } from '@paiban/rules'

/** A roster after {@link polishNights}, with the rules' verdict on it. */
export type Polished = {
  readonly file: MonthFile
  readonly check: CheckResult
  /** Exchanges kept. */
  readonly exchanges: number
}

/** Rules-level checks {@link polishNights} may spend by default (each is one `checkMonth`). */
export const POLISH_CHECKS = 40

/** Weighted soft penalty of a check (sum of soft violations' penalties). */
export function softPenalty(check: CheckResult): number {
  return check.violations.reduce((sum, v) => sum + (v.severity === 'soft' ? (v.penalty ?? 0) : 0), 0)
}

function nights(row: readonly Cell[]): number {
  let n = 0
  for (const c of row) if (c === 'N') n++
  return n
}

/** One N↔D exchange on a day: `from` gives its night to `to`, which gives its day shift back. */
type Exchange = { readonly from: string; readonly to: string; readonly day: number }

/**
 * Candidate exchanges for one job, most promising first: from an agent with at least two nights
 * more to another (the most nights first, to the fewest first), on a day where the first works N
 * and the second D and both cells were undecided. Empty when the job's night spread is at most 1.
 */
function exchangesFor(
  file: MonthFile,
  rows: ReadonlyMap<string, Cell[]>,
  given: ReadonlyMap<string, readonly Cell[]>,
  job: string,
): Exchange[] {
  const group = file.agents.filter(a => a.job === job && a.nights).map(a => a.id)
  const count = new Map(group.map(id => [id, nights(rows.get(id) ?? [])]))
  const byNights = [...group].sort((x, y) => (count.get(y) ?? 0) - (count.get(x) ?? 0))
  const most = count.get(byNights[0] ?? '') ?? 0
  const fewest = count.get(byNights[byNights.length - 1] ?? '') ?? 0
  if (group.length < 2 || most - fewest <= 1) return []
  const out: Exchange[] = []
  for (const from of byNights) {
    const a = rows.get(from) ?? []
    for (const to of [...byNights].reverse()) {
      if ((count.get(from) ?? 0) - (count.get(to) ?? 0) < 2) break
      const b = rows.get(to) ?? []
      for (let day = 0; day < a.length; day++) {
        if (a[day] !== 'N' || b[day] !== 'D') continue
        if (given.get(from)?.[day] !== '?' || given.get(to)?.[day] !== '?') continue
        out.push({ from, to, day })
      }
    }
  }
  return out
}

function withCells(row: readonly Cell[], day: number, cell: Cell): Cell[] {
  const next = [...row]
  next[day] = cell
  return next
}

/**
 * FAIR-NIGHT polish after the search: within each job whose night spread is over 1, moves a night
 * from an agent to one with at least two fewer by exchanging their shifts on one day (N↔D, both
 * cells undecided in the input). Worked days, day cover and job cover are unchanged by construction; an exchange is
 * kept only when `@paiban/rules` finds no new hard violation and a lower soft penalty. Deterministic:
 * agents in file order, days in order; at most `budget` rules-level checks.
 */
export function polishNights(
  file: MonthFile,
  given: ReadonlyArray<readonly Cell[]>,
  check: CheckResult,
  budget = POLISH_CHECKS,
): Polished {
  const rows = new Map(file.agents.map(a => [a.id, [...(file.roster?.[a.id] ?? '')] as Cell[]]))
  const givenById = new Map(file.agents.map((a, i) => [a.id, given[i] ?? []]))
  let current = { file, check }
  let exchanges = 0
  let left = budget
  for (const job of JOBS) {
    let improved = true
    while (improved && left > 0) {
      improved = false
      for (const { from, to, day } of exchangesFor(current.file, rows, givenById, job)) {
        if (left-- <= 0) break
        const a = withCells(rows.get(from) ?? [], day, 'D')
        const b = withCells(rows.get(to) ?? [], day, 'N')
        const roster = { ...current.file.roster, [from]: a.join(''), [to]: b.join('') }
        const next = { ...current.file, roster }
        const after = checkMonth(next)
        const hardAdded = newViolations(current.check.violations, after.violations).some(
          v => v.severity === 'hard',
        )
        if (hardAdded || softPenalty(after) >= softPenalty(current.check)) continue
        rows.set(from, a)
        rows.set(to, b)
        current = { file: next, check: after }
        exchanges++
        improved = true
        break
      }
    }
  }
  return { ...current, exchanges }
}
