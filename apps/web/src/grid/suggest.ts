import {
  addDays,
  violationKey,
  type Cell,
  type Job,
  type RuleId,
  type Shift,
  type Violation,
} from '@paiban/domain'
import { newViolations, RULES, runRules, withRows } from '@paiban/rules'
import type { LiveCheck } from './live-check'

/** An agent who could take an uncovered shift, and what that would add. */
export type Candidate = {
  readonly agentId: string
  readonly name: string
  readonly before: Cell
  /** Soft remarks (fairness, wishes, contract days) it would add. */
  readonly soft: readonly Violation[]
}

const ROSTER_RULES = RULES.filter(r => r.kind === 'agent' || r.kind === 'date' || r.kind === 'team')
/** Putting one more agent on a shift can only shrink these; a changed message is a smaller gap. */
const COVERAGE: ReadonlySet<RuleId> = new Set(['COVER-MIN', 'COVER-LEAD', 'HANDOVER'])

/**
 * "Suggest a fix" for a shift short of agents of `job` on day `index`: every agent of that job who
 * rests (or is undecided) that day, or works the day's other shift, and could work `shift` without
 * breaking a hard rule (so moving someone off a shift that would then be short is never offered),
 * resting agents and fewest soft remarks first. Each candidate is a what-if through
 * `@paiban/rules`, scoped to the agent and the dates the change can touch, as `checkSwap` does.
 */
export function suggestCover(live: LiveCheck, index: number, shift: Shift, job: Job): Candidate[] {
  const { ctx } = live
  const date = ctx.dates[index]
  if (date === undefined) return []
  const dates = new Set([date, addDays(date, 1)])
  const out: Candidate[] = []
  for (const agent of ctx.agents) {
    if (agent.job !== job) continue
    const row = ctx.rows.get(agent.id)
    const before = row?.[index]
    if (!row || before === undefined || before === 'L' || before === shift) continue
    const next = [...row]
    next[index] = shift
    const after = withRows(ctx, new Map([[agent.id, next]]))
    const scope = { agents: new Set([agent.id]), dates }
    const was = runRules(ctx, ROSTER_RULES, scope)
    const known = new Set(was.map(violationKey))
    const added = newViolations(was, runRules(after, ROSTER_RULES, scope)).filter(
      v => !(COVERAGE.has(v.rule) && v.date === date && v.shift === shift && known.has(violationKey(v))),
    )
    if (added.some(v => v.severity === 'hard')) continue
    out.push({ agentId: agent.id, name: agent.name, before, soft: added })
  }
  const resting = (c: Candidate) => (c.before === '-' || c.before === '?' ? 0 : 1)
  return out.sort(
    (a, b) => resting(a) - resting(b) || a.soft.length - b.soft.length || a.name.localeCompare(b.name, 'zh'),
  )
}
