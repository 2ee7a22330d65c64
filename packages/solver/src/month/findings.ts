import type { Cell, MonthFile, Violation } from '@paiban/domain'
import { ruleById, type CheckResult } from '@paiban/rules'

/**
 * A check of a generated month split by who can act on it: `roster` holds what the roster breaks
 * (the solver could change it), `notices` the hard findings on leave and swap records that no
 * roster can mend (a missing certificate or approval, late notice: paperwork for people).
 */
export type Findings = {
  /** Every violation the roster causes, hard and soft, in the check's order. */
  readonly roster: readonly Violation[]
  /** Hard violations of the roster alone: 0 means the roster meets every roster rule. */
  readonly hard: number
  /** Findings on requests and records, in the check's order; they never depend on a cell the solver decides. */
  readonly notices: readonly Violation[]
}

/** The cells of `agentId` on `date` in the input as given (`?` = free), or undefined outside the month. */
function givenCell(
  file: MonthFile,
  given: ReadonlyArray<readonly Cell[]>,
  agentId: string,
  date: string | undefined,
): Cell | undefined {
  if (date === undefined || !date.startsWith(file.month)) return undefined
  const a = file.agents.findIndex(x => x.id === agentId)
  return given[a]?.[Number(date.slice(8, 10)) - 1]
}

/**
 * True when a request rule's finding reads a cell the solver decided. Only SWAP-CLEAR reads roster
 * cells the solver may write (both parties on the swap and return dates); the other request rules
 * read records, policy and `L` cells, which the solver never writes (approved leave on a `?` cell
 * is `L` before solving, see `givenCells`).
 */
function readsFreeCell(file: MonthFile, given: ReadonlyArray<readonly Cell[]>, v: Violation): boolean {
  if (v.rule !== 'SWAP-CLEAR') return false
  const swap = file.swaps.find(s => s.id === v.requestId)
  if (!swap) return true
  return [swap.requester, swap.counterpart].some(id =>
    [swap.date, swap.returnDate].some(date => givenCell(file, given, id, date) === '?'),
  )
}

/**
 * Splits a check of a generated month (rules.md; formats.md §2 `generate`): a hard violation of a
 * rule of kind `request` (leave and swap records) is a notice unless it reads a cell the solver
 * decided; everything else is the roster's. `given` is the input's cells (`givenCells`).
 * @example splitFindings(file, givenCells(file), checkMonth(filled)).hard // 0 for a good roster
 */
export function splitFindings(
  file: MonthFile,
  given: ReadonlyArray<readonly Cell[]>,
  check: CheckResult,
): Findings {
  const roster: Violation[] = []
  const notices: Violation[] = []
  for (const v of check.violations) {
    const paperwork =
      v.severity === 'hard' && ruleById(v.rule)?.kind === 'request' && !readsFreeCell(file, given, v)
    ;(paperwork ? notices : roster).push(v)
  }
  return { roster, hard: roster.filter(v => v.severity === 'hard').length, notices }
}
