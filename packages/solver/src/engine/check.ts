import { OFF } from '../model'
import type { Agent, Model, ModelRule, ModelViolation, Roster } from '../model'
import { termPenalty } from './terms'

/** Soft penalties of a roster, by term. */
export type SoftBreakdown = {
  /** Weighted under-cover over all cover lines. */
  readonly coverUnder: number
  /** Weighted over-cover over all cover lines. */
  readonly coverOver: number
  /** Weighted requests not honoured. */
  readonly requests: number
  /** Soft `Model.terms`. */
  readonly terms: number
}

/** A roster checked against every rule of its model. */
export type RosterCheck = {
  /** Sum of the soft breakdown: the objective the engine minimises. */
  readonly objective: number
  readonly breakdown: SoftBreakdown
  /** Hard violation units, counted as the engine counts them (0 iff `hardViolations` is empty). */
  readonly hard: number
  readonly hardViolations: readonly ModelViolation[]
}

/**
 * Checks a roster against a model from scratch, rule by rule, without the engine's incremental
 * bookkeeping: the engine's reports and its tests rely on it.
 * @example checkRoster(model, roster).hardViolations // [] for a feasible roster
 */
export function checkRoster(model: Model, roster: Roster): RosterCheck {
  const violations: ModelViolation[] = []
  const minuteUnit = Math.min(...model.shifts.map(s => s.minutes).filter(m => m > 0), Infinity)
  const unit = minuteUnit === Infinity ? 1 : minuteUnit
  let hard = 0
  model.agents.forEach((agent, a) => {
    const row = roster[a] ?? []
    const report = (rule: ModelRule, units: number, detail: string, day?: number): void => {
      hard += units
      violations.push({ rule, agent: a, agentId: agent.id, ...(day === undefined ? {} : { day }), detail })
    }
    checkAgent(model, agent, row, unit, report)
  })
  for (const term of model.terms ?? []) {
    if (!term.hard) continue
    const units = termPenalty(model, term, roster)
    if (units > 0) {
      hard += units
      const agentId = model.agents[term.agent]?.id ?? String(term.agent)
      violations.push({
        rule: 'term',
        agent: term.agent,
        agentId,
        detail: `${term.kind}: ${units} outside range`,
      })
    }
  }
  const breakdown = softBreakdown(model, roster)
  return {
    objective: breakdown.coverUnder + breakdown.coverOver + breakdown.requests + breakdown.terms,
    breakdown,
    hard,
    hardViolations: violations,
  }
}

type Report = (rule: ModelRule, units: number, detail: string, day?: number) => void

function checkAgent(model: Model, agent: Agent, row: readonly number[], unit: number, report: Report): void {
  const H = model.days
  const shifts = model.shifts
  const cell = (d: number): number => row[d] ?? OFF
  const previous = agent.history?.lastShift ?? OFF
  for (let d = 0; d < H; d++) {
    const s = d === 0 ? previous : cell(d - 1)
    const t = cell(d)
    if (s >= 0 && t >= 0 && (shifts[s]?.forbiddenNext ?? []).includes(t)) {
      report('forbidden-succession', 1, `${shifts[s]?.id} then ${shifts[t]?.id}`, d - 1)
    }
  }

  const counts = shifts.map((_, s) => row.filter(v => v === s).length)
  counts.forEach((n, s) => {
    const max = agent.maxShifts?.[s] ?? Infinity
    if (n > max) report('max-shifts', n - max, `${n} × ${shifts[s]?.id}, at most ${max}`)
  })
  const minutes = row.reduce((sum, s) => sum + (s >= 0 ? (shifts[s]?.minutes ?? 0) : 0), 0)
  const minMinutes = agent.minMinutes ?? 0
  const maxMinutes = agent.maxMinutes ?? Infinity
  if (minutes < minMinutes)
    report('min-minutes', (minMinutes - minutes) / unit, `${minutes} min, at least ${minMinutes}`)
  if (minutes > maxMinutes)
    report('max-minutes', (minutes - maxMinutes) / unit, `${minutes} min, at most ${maxMinutes}`)

  let start = 0
  for (let d = 1; d <= H; d++) {
    const working = cell(start) >= 0
    if (d < H && cell(d) >= 0 === working) continue
    checkRun(agent, start, d - 1, working, H, report)
    start = d
  }

  const worked = (model.weekends ?? []).filter(days => days.some(d => cell(d) >= 0)).length
  const maxWeekends = agent.maxWeekends ?? Infinity
  if (worked > maxWeekends)
    report('max-weekends', worked - maxWeekends, `${worked} weekends, at most ${maxWeekends}`)

  const pinned = new Map((agent.pinned ?? []).map(p => [p.day, p.shift]))
  for (const d of agent.daysOff ?? []) {
    if (!pinned.has(d) && cell(d) >= 0) report('day-off', 1, `works ${shifts[cell(d)]?.id}`, d)
  }
  for (const [d, s] of pinned) {
    if (cell(d) !== s) report('pinned', 1, `pinned to ${s === OFF ? 'off' : shifts[s]?.id}`, d)
  }
}

function checkRun(
  agent: Agent,
  start: number,
  end: number,
  working: boolean,
  H: number,
  report: Report,
): void {
  const length = end - start + 1
  const inside = start > 0 && end < H - 1
  if (working) {
    const effective = start === 0 ? length + (agent.history?.workedDaysBefore ?? 0) : length
    const max = agent.maxConsecutiveWorked ?? Infinity
    if (effective > max)
      report('max-consecutive-worked', effective - max, `${effective} days, at most ${max}`, start)
    const min = agent.minConsecutiveWorked ?? 1
    if (inside && length < min)
      report('min-consecutive-worked', min - length, `${length} days, at least ${min}`, start)
  } else {
    const min = agent.minConsecutiveOff ?? 1
    if (inside && length < min)
      report('min-consecutive-off', min - length, `${length} days, at least ${min}`, start)
  }
}

function softBreakdown(model: Model, roster: Roster): SoftBreakdown {
  const groups = (model.groups ?? []).map(g => new Set(g.agents))
  let coverUnder = 0
  let coverOver = 0
  for (const line of model.cover) {
    const group = line.group === undefined ? undefined : groups[line.group]
    const n = roster.filter((row, a) => row[line.day] === line.shift && (group?.has(a) ?? true)).length
    if (n < line.target) coverUnder += (line.target - n) * line.weightUnder
    if (n > line.target) coverOver += (n - line.target) * line.weightOver
  }
  let requests = 0
  for (const r of model.requests ?? []) {
    const v = roster[r.agent]?.[r.day] ?? OFF
    if (r.kind === 'on' ? v !== r.shift : v === r.shift) requests += r.weight
  }
  let terms = 0
  for (const term of model.terms ?? []) if (!term.hard) terms += termPenalty(model, term, roster)
  return { coverUnder, coverOver, requests, terms }
}
