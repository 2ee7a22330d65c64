import { JOBS, monthCalendar, type Cell, type MonthFile, type RuleId, type Text } from '@paiban/domain'
import { checkMonth, JOB_NAME, SHIFT_NAME, requirement } from '@paiban/rules'

/** Why no roster can meet the hard rules: the rules that clash, where, in words a supervisor acts on. */
export type Clash = {
  readonly rules: readonly RuleId[]
  readonly date?: string
  readonly job?: (typeof JOBS)[number]
  readonly agentId?: string
  readonly message: Text
}

/** Most worked days an agent can reach under `max` in a row, given pins and history. */
function maxWorkable(row: readonly Cell[], history: string, max: number): number {
  let run = 0
  for (let i = history.length - 1; i >= 0 && (history[i] === 'D' || history[i] === 'N'); i--) run++
  let worked = 0
  for (const cell of row) {
    const canWork = cell === '?' || cell === 'D' || cell === 'N'
    if (canWork && run < max) {
      run++
      worked++
    } else run = 0
  }
  return worked
}

/**
 * Cheap proofs that the hard rules cannot all hold, from the month as given (`?` free, every other
 * cell pinned): a date whose free agents of a job cannot fill its shifts (COVER-MIN against leave
 * and pins), a date without enough leads (COVER-LEAD), a job whose coverage needs more shifts than
 * its agents may work under REST-6-1. Empty when none is found (which proves nothing).
 */
export function explainClashes(file: MonthFile, given: ReadonlyArray<readonly Cell[]>): Clash[] {
  const dates = monthCalendar(file.month, file.holidays).days.map(d => d.date)
  const clashes: Clash[] = []
  const leadLevels = new Set(file.policy.lead.levels)
  dates.forEach((date, d) => {
    const needD = requirement(file, date, 'D')
    const needN = requirement(file, date, 'N')
    for (const job of JOBS) {
      const nd = needD[job] ?? 0
      const nn = needN[job] ?? 0
      if (nd + nn === 0) continue
      let free = 0
      let freeNight = 0
      let pinnedD = 0
      let pinnedN = 0
      let away = 0
      file.agents.forEach((a, i) => {
        if (a.job !== job) return
        const cell = given[i]?.[d]
        if (cell === '?') {
          free++
          if (a.nights) freeNight++
        } else if (cell === 'D') pinnedD++
        else if (cell === 'N') pinnedN++
        else away++
      })
      const shortN = Math.max(0, nn - pinnedN)
      const shortD = Math.max(0, nd - pinnedD)
      if (shortN > freeNight || shortN + shortD > free) {
        const can = free + Math.min(pinnedD, nd) + Math.min(pinnedN, nn)
        clashes.push({
          rules: ['COVER-MIN', 'LEAVE-APPROVER'],
          date,
          job,
          message: {
            zh: `${date} ${JOB_NAME[job].zh}岗需要 ${nd + nn} 人(白班 ${nd}、夜班 ${nn}),但最多只有 ${can} 人可排(${away} 人请假或休息已固定${shortN > freeNight ? `,能上夜班的只有 ${freeNight + pinnedN} 人` : ''}):请减少当天请假、放开固定的休息或调整需求`,
            en: `${date} ${JOB_NAME[job].en} needs ${nd + nn} (day ${nd}, night ${nn}) but at most ${can} can be rostered (${away} on leave or pinned to rest${shortN > freeNight ? `; only ${freeNight + pinnedN} can work nights` : ''}): approve less leave that day, unpin a rest day or lower the requirement`,
          },
        })
      }
    }
    const shiftsNeedingLead = (['D', 'N'] as const).filter(s =>
      Object.values(requirement(file, date, s)).some(n => (n ?? 0) > 0),
    )
    if (file.policy.lead.minPerShift > 0 && shiftsNeedingLead.length > 0) {
      const leads = file.agents.filter((a, i) => {
        const cell = given[i]?.[d]
        return (
          (a.role === 'teamLeader' || leadLevels.has(a.level)) &&
          (cell === '?' || cell === 'D' || cell === 'N')
        )
      }).length
      const needed = shiftsNeedingLead.length * file.policy.lead.minPerShift
      if (leads < needed)
        clashes.push({
          rules: ['COVER-LEAD', 'COVER-MIN'],
          date,
          message: {
            zh: `${date} 有 ${shiftsNeedingLead.map(s => SHIFT_NAME[s].zh).join('和')}需要班长或高级客服,共需 ${needed} 人,但只有 ${leads} 人可排`,
            en: `${date}: the ${shiftsNeedingLead.map(s => SHIFT_NAME[s].en).join(' and ')} need ${needed} team leaders or senior agents but only ${leads} can be rostered`,
          },
        })
    }
  })
  const max = file.policy.rest.maxConsecutiveDays
  for (const job of JOBS) {
    const needed = dates.reduce(
      (sum, date) =>
        sum + (requirement(file, date, 'D')[job] ?? 0) + (requirement(file, date, 'N')[job] ?? 0),
      0,
    )
    if (needed === 0) continue
    const capacity = file.agents.reduce(
      (sum, a, i) => sum + (a.job === job ? maxWorkable(given[i] ?? [], file.previous[a.id] ?? '', max) : 0),
      0,
    )
    if (needed > capacity)
      clashes.push({
        rules: ['COVER-MIN', 'REST-6-1'],
        job,
        message: {
          zh: `${JOB_NAME[job].zh}岗本月需要 ${needed} 个班次,但在做六休一(最多连续 ${max} 天)下最多只能排 ${capacity} 个:请增加人手或降低需求`,
          en: `${JOB_NAME[job].en} needs ${needed} shifts this month but its agents can work at most ${capacity} under work-six-rest-one (${max} days in a row): add agents or lower the requirement`,
        },
      })
  }
  return clashes
}

/** Rules whose violations more staff could cure: a rest day in a free cell never causes the others. */
const STAFFING: ReadonlySet<RuleId> = new Set<RuleId>(['COVER-MIN', 'COVER-LEAD', 'HANDOVER'])

/**
 * Hard violations the given cells make on their own: the month checked with every `?` as a rest
 * day, keeping only violations dated on a given (non-`?`) cell of a rule more staff would not cure —
 * an `L` without approved leave, a night pinned on an agent who never works nights, a run of pinned
 * work days past REST-6-1. The solver keeps given cells, so no roster it returns can avoid them.
 */
export function pinnedClashes(file: MonthFile, given: ReadonlyArray<readonly Cell[]>): Clash[] {
  const dates = monthCalendar(file.month, file.holidays).days.map(d => d.date)
  const index = new Map(file.agents.map((a, i) => [a.id, i]))
  const rested = Object.fromEntries(
    file.agents.map((a, i) => [a.id, (given[i] ?? []).map(c => (c === '?' ? '-' : c)).join('')]),
  )
  const cellOf = (agentId: string | undefined, date: string | undefined): Cell | undefined =>
    agentId === undefined || date === undefined
      ? undefined
      : given[index.get(agentId) ?? -1]?.[dates.indexOf(date)]
  return checkMonth({ ...file, roster: rested })
    .violations.filter(v => v.severity === 'hard' && !STAFFING.has(v.rule))
    .filter(v => {
      const cell = cellOf(v.agentId, v.date)
      return cell !== undefined && cell !== '?'
    })
    .map(v => ({
      rules: [v.rule],
      ...(v.date !== undefined ? { date: v.date } : {}),
      ...(v.agentId !== undefined ? { agentId: v.agentId } : {}),
      message: {
        zh: `固定的班次本身违反规则:${v.message.zh}。自动排班不会改动已填写的格子,请修改或清空它(改为 ?)`,
        en: `A cell given in the roster breaks a rule by itself: ${v.message.en}. Generation keeps every filled cell; change it or clear it (to ?)`,
      },
    }))
}
