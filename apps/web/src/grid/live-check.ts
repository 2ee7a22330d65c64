import { addDays, type Cell, type MonthFile, type Violation } from '@paiban/domain'
import { monthContext, RULES, runRules, sortViolations, withRows, type MonthContext } from '@paiban/rules'

/**
 * The editor's live check: every rule of `@paiban/rules`, kept up to date after each cell edit by
 * re-running only what the edit can change. The result equals `checkMonth` on the edited month
 * (tests/live-check.test.ts holds it to that); it is just cheaper per edit:
 * - `agent` rules for the edited agents only;
 * - `date` rules for the edited dates and the day after (handover, rest gap);
 * - `team` rules (fairness) for the edited agents' jobs;
 * - `request` rules (swaps, leave) on the whole month: there are few records.
 */
export type LiveCheck = {
  readonly ctx: MonthContext
  readonly byAgent: ReadonlyMap<string, readonly Violation[]>
  readonly byDate: ReadonlyMap<string, readonly Violation[]>
  /** Team rules by job (`''` for those without a job, e.g. the CAL-HOLIDAY warning). */
  readonly byJob: ReadonlyMap<string, readonly Violation[]>
  readonly requests: readonly Violation[]
  /** Every violation, in `sortViolations` order. */
  readonly all: readonly Violation[]
}

/** One cell change: `index` is the day of the month, 0-based. */
export type CellChange = { readonly agentId: string; readonly index: number; readonly cell: Cell }

const AGENT_RULES = RULES.filter(r => r.kind === 'agent')
const DATE_RULES = RULES.filter(r => r.kind === 'date')
const TEAM_RULES = RULES.filter(r => r.kind === 'team')
const REQUEST_RULES = RULES.filter(r => r.kind === 'request')

function groupBy(violations: readonly Violation[], key: (v: Violation) => string): Map<string, Violation[]> {
  const out = new Map<string, Violation[]>()
  for (const v of violations) {
    const k = key(v)
    const list = out.get(k)
    if (list) list.push(v)
    else out.set(k, [v])
  }
  return out
}

function flatten(
  parts: ReadonlyArray<ReadonlyMap<string, readonly Violation[]>>,
  rest: readonly Violation[],
) {
  const all: Violation[] = []
  for (const part of parts) for (const list of part.values()) all.push(...list)
  all.push(...rest)
  return sortViolations(all)
}

/** Checks a whole month once (the editor's starting point). */
export function liveCheck(file: MonthFile): LiveCheck {
  const ctx = monthContext(file)
  const byAgent = groupBy(runRules(ctx, AGENT_RULES), v => v.agentId ?? '')
  const byDate = groupBy(runRules(ctx, DATE_RULES), v => v.date ?? '')
  const byJob = groupBy(runRules(ctx, TEAM_RULES), v => v.job ?? '')
  const requests = runRules(ctx, REQUEST_RULES)
  return { ctx, byAgent, byDate, byJob, requests, all: flatten([byAgent, byDate, byJob], requests) }
}

/** The live check after `changes`, re-running only the rules they can affect. */
export function applyChanges(live: LiveCheck, changes: readonly CellChange[]): LiveCheck {
  if (changes.length === 0) return live
  const { ctx } = live
  const rows = new Map<string, Cell[]>()
  for (const c of changes) {
    let row = rows.get(c.agentId)
    if (!row) {
      row = [...(ctx.rows.get(c.agentId) ?? [])]
      rows.set(c.agentId, row)
    }
    row[c.index] = c.cell
  }
  const next = withRows(ctx, rows)
  const agents = new Set(rows.keys())
  const dates = new Set<string>()
  for (const c of changes) {
    const date = ctx.dates[c.index]
    if (date === undefined) continue
    dates.add(date)
    dates.add(addDays(date, 1))
  }
  const jobs = new Set([...agents].map(id => ctx.agentById.get(id)?.job ?? ''))

  const byAgent = new Map(live.byAgent)
  for (const id of agents) byAgent.delete(id)
  for (const [id, list] of groupBy(runRules(next, AGENT_RULES, { agents }), v => v.agentId ?? ''))
    byAgent.set(id, list)

  const byDate = new Map(live.byDate)
  for (const d of dates) byDate.delete(d)
  for (const [d, list] of groupBy(runRules(next, DATE_RULES, { dates }), v => v.date ?? ''))
    byDate.set(d, list)

  // A scoped team run re-examines the agents' whole jobs, and repeats the job-less warnings.
  const byJob = new Map(live.byJob)
  for (const job of jobs) byJob.delete(job)
  byJob.delete('')
  for (const [job, list] of groupBy(runRules(next, TEAM_RULES, { agents }), v => v.job ?? ''))
    byJob.set(job, list)

  const requests = runRules(next, REQUEST_RULES)
  return { ctx: next, byAgent, byDate, byJob, requests, all: flatten([byAgent, byDate, byJob], requests) }
}

/** The roster of a live check as the month file's strings. */
export function rosterOf(live: LiveCheck): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [id, row] of live.ctx.rows) out[id] = row.join('')
  return out
}
