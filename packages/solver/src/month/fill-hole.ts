import { violationKey } from '@paiban/domain'
import type { Job, MonthFile, Shift, Violation } from '@paiban/domain'
import { contextOf, isWorked, newViolations, RULES, runRules, staffingOn, withRows } from '@paiban/rules'
import type { MonthContext } from '@paiban/rules'
import lpSolver from 'javascript-lp-solver'
import type { Model as LpModel } from 'javascript-lp-solver'

// Browser-safe on purpose: no node: imports here (the web editor calls it on every click).

/** Options of {@link fillHole}. */
export type FillHoleOptions = {
  /**
   * Agents to choose. Default: what COVER-MIN is short for the job on that shift, at least 1
   * (asking about a shift that is not short finds one more agent).
   */
  readonly count?: number
}

/** An agent who can take the shift without a new hard violation. */
export type HoleCandidate = {
  readonly agentId: string
  readonly name: string
  /** The cell the agent gives up: `-` (a rest day) or `?` (undecided). */
  readonly from: '-' | '?'
  /** A team leader or an agent of a lead level: counts for COVER-LEAD. */
  readonly lead: boolean
  /**
   * Ranking cost, lower first: the change in the rules' weighted soft penalties (FAIR-NIGHT,
   * FAIR-WEEKEND, CONTRACT, WISH-*, REST-ROTATE; negative when the shift grants a wish or brings
   * the agent closer to their contract) plus 0.01 per day the agent already works this month.
   */
  readonly cost: number
  /** Soft violations the change adds or makes worse (the reasons for the cost). */
  readonly soft: readonly Violation[]
  /** In the cheapest set of `needed` agents the ILP chose (with a lead when COVER-LEAD needs one). */
  readonly chosen: boolean
}

/** An agent of the job who is free or resting that day but cannot take the shift. */
export type RejectedAgent = {
  readonly agentId: string
  /** The new hard violations taking the shift would cause (REST-6-1, REST-GAP, SHIFT-NIGHT…). */
  readonly violations: readonly Violation[]
}

/** Who can fill a hole, best first. */
export type FillHoleResult = {
  readonly date: string
  readonly shift: Shift
  readonly job: Job
  /** Agents asked for (see `FillHoleOptions.count`). */
  readonly needed: number
  /** Leads the shift still needs for COVER-LEAD (0 when it has enough). */
  readonly leadsNeeded: number
  /** Candidates, best first: the chosen set (cheapest first), then the others by cost, then id. */
  readonly candidates: readonly HoleCandidate[]
  /** Agents of the job who are off that day and would break a hard rule by taking the shift. */
  readonly rejected: readonly RejectedAgent[]
  /** False when fewer than `needed` candidates exist, or no chosen set brings the lead it needs. */
  readonly filled: boolean
}

/**
 * The hole as a tiny ILP: choose `needed` of the candidates (binary each), with at least
 * `leadsNeeded` leads (soft, `LEAD_PENALTY` per missing lead), minimising the summed cost. Kept
 * neutral so it can be handed to any LP library (the benchmark gives it to HiGHS too).
 */
export type HoleProblem = {
  readonly costs: readonly number[]
  readonly leads: readonly boolean[]
  readonly needed: number
  readonly leadsNeeded: number
}

/** Cost of a missing lead in the hole ILP: above any soft cost one agent can carry. */
export const LEAD_PENALTY = 1000

const AGENT_RULES = RULES.filter(r => r.kind === 'agent' || r.kind === 'request')
const DATE_RULES = RULES.filter(r => r.kind === 'date')
const TEAM_RULES = RULES.filter(r => r.kind === 'team' && r.id !== 'CAL-HOLIDAY')

const penalty = (vs: readonly Violation[]): number =>
  vs.reduce((sum, v) => sum + (v.severity === 'soft' ? (v.penalty ?? 0) : 0), 0)

/**
 * "Who can fill this hole?": the agents of `job` who are resting (`-`) or undecided (`?`) on
 * `date` and can take `shift` there without a new hard violation, ranked by what it costs. Every
 * candidate is checked with `@paiban/rules` as a what-if (its row changed, the rest of the month
 * as is): a new or worse REST-6-1, REST-GAP, SHIFT-NIGHT or any other hard violation rejects it.
 * The set to call in is chosen by a small ILP (javascript-lp-solver): the cheapest `needed` agents,
 * with a lead among them when the shift lacks one. Pure and browser-safe; about 0.5 ms on a drafted
 * 40-agent month and 15 ms on a 300-agent one (docs/benchmarks.md), the ILP itself under 0.1 ms.
 * @throws Error when `date` is not in the month.
 * @example fillHole(month, '2026-12-15', 'N', 'phone').candidates[0]?.agentId
 */
export function fillHole(
  month: MonthFile,
  date: string,
  shift: Shift,
  job: Job,
  options: FillHoleOptions = {},
): FillHoleResult {
  const hole = analyseHole(month, date, shift, job, options)
  const choice = chooseWithLpSolver(hole.problem)
  const picked = new Set(choice.chosen)
  const ranked = hole.candidates
    .map((c, k): HoleCandidate => ({ ...c, chosen: picked.has(k) }))
    .sort(
      (a, b) => Number(b.chosen) - Number(a.chosen) || a.cost - b.cost || a.agentId.localeCompare(b.agentId),
    )
  return {
    date,
    shift,
    job,
    needed: hole.problem.needed,
    leadsNeeded: hole.problem.leadsNeeded,
    candidates: ranked,
    rejected: hole.rejected,
    filled: hole.candidates.length >= hole.problem.needed && choice.missingLeads === 0,
  }
}

/** The what-if part of {@link fillHole}: candidates with their costs, the rejected, and the ILP to choose. */
export type HoleAnalysis = {
  /** Candidates in month order (not ranked, `chosen` not decided yet). */
  readonly candidates: ReadonlyArray<Omit<HoleCandidate, 'chosen'>>
  readonly rejected: readonly RejectedAgent[]
  /** The choice as an ILP over `candidates` (same order). */
  readonly problem: HoleProblem
}

/**
 * Checks every agent of `job` who is off (`-` or `?`) on `date` with a `@paiban/rules` what-if of
 * taking `shift`, and prices those who can. {@link fillHole} is this plus the ILP and the ranking.
 * @throws Error when `date` is not in the month.
 */
export function analyseHole(
  month: MonthFile,
  date: string,
  shift: Shift,
  job: Job,
  options: FillHoleOptions = {},
): HoleAnalysis {
  const ctx = contextOf(month)
  const i = ctx.dateIndex.get(date)
  if (i === undefined) throw new Error(`fillHole: ${date} is not in ${month.month}`)
  const staffing = staffingOn(ctx, i)[shift]
  const required = ctx.need[i]?.[shift][job] ?? 0
  const needed = options.count ?? Math.max(1, required - (staffing.byJob[job] ?? 0))
  const leadsNeeded = Math.max(0, ctx.policy.lead.minPerShift - staffing.leads)
  const leadLevels = new Set(ctx.policy.lead.levels)

  const dates = new Set([date, ctx.dates[i + 1] ?? date])
  const dateBefore = runRules(ctx, DATE_RULES, { dates })
  const dateBeforeKeys = new Set(dateBefore.filter(v => v.severity === 'hard').map(violationKey))
  let teamOld: Violation[] | undefined

  const candidates: Array<Omit<HoleCandidate, 'chosen'>> = []
  const rejected: RejectedAgent[] = []
  for (const agent of ctx.agents) {
    const row = ctx.rows.get(agent.id) ?? []
    const from = row[i]
    if (agent.job !== job || (from !== '-' && from !== '?')) continue
    const changed = [...row]
    changed[i] = shift
    const after = withRows(ctx, new Map([[agent.id, changed]]))
    const agents = new Set([agent.id])
    const agentBefore = runRules(ctx, AGENT_RULES, { agents })
    const agentAfter = runRules(after, AGENT_RULES, { agents })
    // Team rules look at the whole job, the same for every candidate: "before" once.
    teamOld ??= runRules(ctx, TEAM_RULES, { agents })
    const teamNew = runRules(after, TEAM_RULES, { agents })
    const hard = [
      ...newViolations(agentBefore, agentAfter).filter(v => v.severity === 'hard'),
      // One more agent on a short shift changes COVER-MIN's numbers, not its identity: only a
      // violation that was not there before counts (e.g. HANDOVER after a shift that was empty).
      ...newDateViolations(after, dates, dateBeforeKeys),
    ]
    if (hard.length > 0) {
      rejected.push({ agentId: agent.id, violations: hard })
      continue
    }
    const worked = row.filter(c => isWorked(c)).length
    const soft = [...newViolations(agentBefore, agentAfter), ...newViolations(teamOld, teamNew)].filter(
      v => v.severity === 'soft',
    )
    const delta = penalty(agentAfter) - penalty(agentBefore) + penalty(teamNew) - penalty(teamOld)
    candidates.push({
      agentId: agent.id,
      name: agent.name,
      from,
      lead: agent.role === 'teamLeader' || leadLevels.has(agent.level),
      cost: Math.round((delta + 0.01 * worked) * 1e6) / 1e6,
      soft,
    })
  }
  return {
    candidates,
    rejected,
    problem: { costs: candidates.map(c => c.cost), leads: candidates.map(c => c.lead), needed, leadsNeeded },
  }
}

function newDateViolations(
  after: MonthContext,
  dates: ReadonlySet<string>,
  before: ReadonlySet<string>,
): Violation[] {
  return runRules(after, DATE_RULES, { dates }).filter(
    v => v.severity === 'hard' && !before.has(violationKey(v)),
  )
}

/** The ILP's answer: indices of the chosen candidates and the leads still missing. */
export type HoleChoice = {
  readonly chosen: readonly number[]
  readonly missingLeads: number
  readonly objective: number
}

/**
 * The javascript-lp-solver model of a hole problem (JSON form): binaries `c{k}`, a `pick` row
 * (exactly min(needed, candidates)), a `lead` row (≥ leads needed) with slack `lead_gap`.
 */
export function holeLpModel(problem: HoleProblem): LpModel {
  const k = Math.min(problem.needed, problem.costs.length)
  const variables: LpModel['variables'] = {}
  const binaries: Record<string, 1> = {}
  problem.costs.forEach((cost, j) => {
    variables[`c${j}`] = { cost, pick: 1, lead: problem.leads[j] ? 1 : 0 }
    binaries[`c${j}`] = 1
  })
  variables['lead_gap'] = { cost: LEAD_PENALTY, lead: 1 }
  return {
    optimize: 'cost',
    opType: 'min',
    constraints: { pick: { equal: k }, lead: { min: Math.min(problem.leadsNeeded, k) } },
    variables,
    binaries,
  }
}

/** Solves a hole problem with javascript-lp-solver (pure JS, ~34 KB gzipped: fine in the browser). */
export function chooseWithLpSolver(problem: HoleProblem): HoleChoice {
  if (problem.costs.length === 0) return { chosen: [], missingLeads: problem.leadsNeeded, objective: 0 }
  const result = lpSolver.Solve(holeLpModel(problem)) as Record<string, number | boolean | undefined>
  if (result['feasible'] !== true)
    throw new Error('fillHole: the hole ILP has no solution (a bug: it always has one)')
  const chosen = problem.costs.flatMap((_, j) => (Number(result[`c${j}`] ?? 0) > 0.5 ? [j] : []))
  const leads = chosen.filter(j => problem.leads[j]).length
  return {
    chosen,
    missingLeads: Math.max(0, problem.leadsNeeded - leads),
    objective: Number(result['result'] ?? 0),
  }
}
