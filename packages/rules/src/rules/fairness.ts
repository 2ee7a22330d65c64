import type { Violation } from '@paiban/domain'
import { inHolidaySet, JOBS, type Agent, type Cell, type Job } from '@paiban/domain'
import { isWorked, nameOf, type MonthContext } from '../context'
import { JOB_NAME, violation, type Rule } from '../rule'
import { inAgents } from '../scope'

type Spread = {
  readonly id: 'FAIR-NIGHT' | 'FAIR-WEEKEND'
  readonly eligible: (agent: Agent) => boolean
  readonly counts: (ctx: MonthContext, row: readonly Cell[]) => number
  readonly allowed: (ctx: MonthContext) => number
  readonly weight: (ctx: MonthContext) => number
  readonly what: { zh: string; en: string }
}

/**
 * Spread rule: among the eligible agents of each job, an agent with more than `min + allowed` of
 * the counted shifts gets a soft violation of `(count − min − allowed) × weight`. The job's
 * minimum needs the whole job, so a scope limits the jobs looked at, not the agents reported.
 */
function spreadRule(spec: Spread): Rule {
  return {
    id: spec.id,
    severity: 'soft',
    kind: 'team',
    check(ctx, scope) {
      const out: Violation[] = []
      const allowed = spec.allowed(ctx)
      const weight = spec.weight(ctx)
      // A change to some agents can move their job's minimum, so their whole job is re-examined.
      const jobs = scope.agents
        ? new Set([...scope.agents].map(id => ctx.agentById.get(id)?.job))
        : new Set<Job | undefined>(JOBS)
      for (const job of JOBS) {
        if (!jobs.has(job)) continue
        const group = ctx.agents.filter(a => a.job === job && spec.eligible(a))
        if (group.length < 2) continue
        const counts = group.map(a => spec.counts(ctx, ctx.rows.get(a.id) ?? []))
        const min = Math.min(...counts)
        group.forEach((agent, k) => {
          const count = counts[k] ?? 0
          const over = count - min - allowed
          if (over <= 0) return
          const name = nameOf(ctx, agent.id)
          out.push(
            violation(
              spec.id,
              'soft',
              { agentId: agent.id, job, penalty: over * weight },
              {
                zh: `${name} 本月${spec.what.zh} ${count} 个,${JOB_NAME[job].zh}岗最少的只有 ${min} 个(相差最多 ${allowed}):请与同岗位同事平衡`,
                en: `${name} has ${count} ${spec.what.en} this month while the fewest in ${JOB_NAME[job].en} is ${min} (allowed spread ${allowed}): balance with colleagues`,
              },
            ),
          )
        })
      }
      return out
    },
  }
}

function countNights(_ctx: MonthContext, row: readonly Cell[]): number {
  let n = 0
  for (const c of row) if (c === 'N') n++
  return n
}

function countRestDayShifts(ctx: MonthContext, row: readonly Cell[]): number {
  const days = ctx.calendar.days
  let n = 0
  const set = ctx.policy.fairness.holidayDays
  for (let i = 0; i < row.length; i++) {
    const day = days[i]
    const rest = day && ((day.isWeekend && !day.isMakeupWorkday) || inHolidaySet(day, set))
    if (rest && isWorked(row[i])) n++
  }
  return n
}

/** FAIR-NIGHT: nights spread evenly across the night-eligible agents of a job (max − min ≤ 1). */
export const fairNight = spreadRule({
  id: 'FAIR-NIGHT',
  eligible: a => a.nights,
  counts: countNights,
  allowed: ctx => ctx.policy.fairness.nightSpread,
  weight: ctx => ctx.policy.fairness.nightWeight,
  what: { zh: '夜班', en: 'night shifts' },
})

/** FAIR-WEEKEND: weekend and holiday duty spread evenly across the agents of a job. */
export const fairWeekend = spreadRule({
  id: 'FAIR-WEEKEND',
  eligible: () => true,
  counts: countRestDayShifts,
  allowed: ctx => ctx.policy.fairness.weekendSpread,
  weight: ctx => ctx.policy.fairness.weekendWeight,
  what: { zh: '周末/节假日班', en: 'weekend or holiday shifts' },
})

/**
 * REST-ROTATE (休息时间由主管轮流安排): weekend rest is shared, so an agent who works every weekend
 * day of the month gets a soft violation.
 */
export const restRotate: Rule = {
  id: 'REST-ROTATE',
  severity: 'soft',
  kind: 'agent',
  check(ctx, scope) {
    const weekend = ctx.calendar.days.flatMap((d, i) => (d.isWeekend && !d.isMakeupWorkday ? [i] : []))
    if (weekend.length === 0) return []
    const out: Violation[] = []
    for (const agent of ctx.agents) {
      if (!inAgents(scope, agent.id)) continue
      const row = ctx.rows.get(agent.id) ?? []
      if (!weekend.every(i => isWorked(row[i]))) continue
      const name = nameOf(ctx, agent.id)
      out.push(
        violation(
          'REST-ROTATE',
          'soft',
          { agentId: agent.id, penalty: ctx.policy.fairness.rotateWeight },
          {
            zh: `${name} 本月所有周末都在上班:请轮流安排至少一个周末休息日`,
            en: `${name} works every weekend day this month: rotate at least one weekend rest day to them`,
          },
        ),
      )
    }
    return out
  },
}
