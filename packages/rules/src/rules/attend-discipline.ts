import type { Violation } from '@paiban/domain'
import { recordedShifts } from '../attendance'
import type { MonthContext } from '../context'
import { nameOf } from '../context'
import { violation, type Rule } from '../rule'
import { inAgents } from '../scope'

/** One breach of discipline: a lateness, an early leave or time away from the post. */
export type Breach = {
  readonly agentId: string
  readonly date: string
  readonly kind: 'late' | 'early' | 'away'
  readonly minutes: number
}

/**
 * The breaches of discipline (迟到、早退、擅离职守) of the month, by date: each record counts one
 * per kind, lateness and early leave beyond `policy.attendance.graceMinutes` (0), any time away.
 * A no-show is absence (ATTEND-NOSHOW), not a breach.
 */
export function breaches(ctx: MonthContext): Breach[] {
  const grace = ctx.policy.attendance.graceMinutes
  const out: Breach[] = []
  for (const { record, facts } of recordedShifts(ctx)) {
    if (facts.noShow || facts.outBeforeIn) continue
    const at = { agentId: record.agentId, date: record.date }
    if (facts.lateMinutes > grace) out.push({ ...at, kind: 'late', minutes: facts.lateMinutes })
    if (facts.earlyMinutes > grace) out.push({ ...at, kind: 'early', minutes: facts.earlyMinutes })
    if (facts.awayMinutes > 0) out.push({ ...at, kind: 'away', minutes: facts.awayMinutes })
  }
  return out.sort((a, b) => a.date.localeCompare(b.date))
}

/**
 * ATTEND-DISCIPLINE (违纪处罚): every breach costs `policy.discipline.bonusSharePerBreach` (50 %) of
 * the month's bonus (payroll shows the count and the deduction); the `policy.discipline.warningAt`-th
 * (3rd) breach of a month is a warning, reported once per agent on its date. Soft.
 */
export const attendDiscipline: Rule = {
  id: 'ATTEND-DISCIPLINE',
  severity: 'soft',
  kind: 'agent',
  check(ctx, scope) {
    const { warningAt, bonusSharePerBreach } = ctx.policy.discipline
    const count = new Map<string, number>()
    const out: Violation[] = []
    for (const b of breaches(ctx)) {
      const n = (count.get(b.agentId) ?? 0) + 1
      count.set(b.agentId, n)
      if (n !== warningAt || !inAgents(scope, b.agentId)) continue
      const name = nameOf(ctx, b.agentId)
      const share = Math.round(Math.min(1, n * bonusSharePerBreach) * 100)
      out.push(
        violation(
          'ATTEND-DISCIPLINE',
          'soft',
          { agentId: b.agentId, date: b.date, penalty: 0 },
          {
            zh: `${name} 本月第 ${n} 次违纪(迟到、早退、擅离职守)于 ${b.date}:予以警告,扣当月奖金 ${share}%`,
            en: `${name}'s breach no. ${n} this month (late, early or away) on ${b.date}: a warning; ${share} % of the month's bonus deducted`,
          },
        ),
      )
    }
    return out
  },
}
