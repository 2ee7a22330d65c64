import {
  clockMinutes,
  JOBS,
  monthCalendar,
  type Cell,
  type Job,
  type MonthFile,
  type Policy,
  type Shift,
} from '@paiban/domain'
import { requirement } from '@paiban/rules'
import {
  OFF,
  type Agent,
  type CoverLine,
  type Group,
  type Model,
  type Pin,
  type Request,
  type Term,
} from '../model'

/** Shift indices of the compiled model: 0 = D, 1 = N. */
export const SHIFT_INDEX: Record<Shift, number> = { D: 0, N: 1 }
/** Model shift index → roster character. */
export const SHIFT_CHAR = ['D', 'N'] as const

/**
 * Penalty per missing agent on a hard cover line (COVER-MIN, COVER-LEAD). Far above every soft
 * weight, so the search trades any amount of fairness or wishes for one covered shift.
 */
export const HARD_COVER_WEIGHT = 10_000

/** A month compiled for the engine, with what is needed to read the answer back. */
export type CompiledMonth = {
  readonly model: Model
  /** Agent ids in model order. */
  readonly agentIds: readonly string[]
  /** The cells given in the input (`?` = free); everything else is pinned. */
  readonly given: ReadonlyArray<readonly Cell[]>
}

/** Minutes from a shift's end to the next day's report time of another shift (REST-GAP). */
function restMinutes(policy: Policy, from: Shift, to: Shift): number {
  const end = clockMinutes(policy.shifts[from].end)
  const start = clockMinutes(policy.shifts[from].start)
  const endAbs = end <= start ? end + 1440 : end
  const report = 1440 + clockMinutes(policy.shifts[to].start) - policy.handoverMinutes
  return report - endAbs
}

/** REST-GAP as forbidden successions: `to` may not follow `from` on the next day. */
function forbiddenNext(policy: Policy, from: Shift): number[] {
  return (['D', 'N'] as const)
    .filter(to => restMinutes(policy, from, to) < policy.rest.minRestHours * 60)
    .map(to => SHIFT_INDEX[to])
}

function trailingWorked(history: string): number {
  let n = 0
  for (let i = history.length - 1; i >= 0 && (history[i] === 'D' || history[i] === 'N'); i--) n++
  return n
}

function shiftLength(policy: Policy, s: Shift): number {
  const start = clockMinutes(policy.shifts[s].start)
  let end = clockMinutes(policy.shifts[s].end)
  if (end <= start) end += 1440
  return end - start
}

/**
 * The cells of each agent as given: the roster row, or all `?` when the month has none. Approved
 * leave on an undecided cell becomes `L`, since the agent is away whatever the solver decides.
 */
export function givenCells(file: MonthFile): Cell[][] {
  const days = monthCalendar(file.month).days.length
  return file.agents.map(agent => {
    const row: Cell[] = file.roster?.[agent.id]
      ? ([...(file.roster[agent.id] ?? '')] as Cell[])
      : Array<Cell>(days).fill('?')
    for (const leave of file.leaves) {
      if (leave.agentId !== agent.id || leave.status !== 'approved') continue
      const d = Number(leave.date.slice(8, 10)) - 1
      if (leave.date.startsWith(file.month) && row[d] === '?') row[d] = 'L'
    }
    return row
  })
}

/**
 * `compile(month) → model` for the call-centre policy (rules.md). Hard: REST-6-1 (with `previous`)
 * as max consecutive worked days, REST-GAP as forbidden successions, SHIFT-NIGHT as eligibility,
 * pinned cells (everything but `?`), COVER-MIN per shift and job and COVER-LEAD as cover lines of
 * weight {@link HARD_COVER_WEIGHT}. Soft: FAIR-NIGHT and FAIR-WEEKEND as per-agent count ranges
 * around the job's fair share, WISH-OFF/WISH-SHIFT as requests, CONTRACT as a count target.
 */
export function compileMonth(file: MonthFile): CompiledMonth {
  const policy = file.policy
  const calendar = monthCalendar(file.month, file.holidays)
  const dates = calendar.days.map(d => d.date)
  const H = dates.length
  const given = givenCells(file)
  const index = new Map(file.agents.map((a, i) => [a.id, i]))
  const leadLevels = new Set(policy.lead.levels)

  const agents: Agent[] = file.agents.map((a, i) => {
    const row = given[i] ?? []
    const pinned: Pin[] = []
    row.forEach((cell, day) => {
      if (cell === '?') return
      pinned.push({ day, shift: cell === 'D' || cell === 'N' ? SHIFT_INDEX[cell] : OFF })
    })
    const previous = file.previous[a.id] ?? ''
    const last = previous[previous.length - 1]
    return {
      id: a.id,
      maxShifts: [H, a.nights ? H : 0],
      maxConsecutiveWorked: policy.rest.maxConsecutiveDays,
      pinned,
      history: {
        workedDaysBefore: trailingWorked(previous),
        ...(last === 'D' || last === 'N' ? { lastShift: SHIFT_INDEX[last] } : {}),
      },
    }
  })

  const groups: Group[] = [
    ...JOBS.map(job => ({ id: job, agents: file.agents.flatMap((a, i) => (a.job === job ? [i] : [])) })),
    {
      id: 'leads',
      agents: file.agents.flatMap((a, i) => (a.role === 'teamLeader' || leadLevels.has(a.level) ? [i] : [])),
    },
  ]
  const leadsGroup = groups.length - 1

  const cover: CoverLine[] = []
  dates.forEach((date, day) => {
    for (const shift of ['D', 'N'] as const) {
      const need = requirement(file, date, shift)
      let total = 0
      JOBS.forEach((job, g) => {
        const target = need[job] ?? 0
        total += target
        if (target > 0)
          cover.push({
            day,
            shift: SHIFT_INDEX[shift],
            group: g,
            target,
            weightUnder: HARD_COVER_WEIGHT,
            weightOver: 0,
          })
      })
      if (total > 0 && policy.lead.minPerShift > 0)
        cover.push({
          day,
          shift: SHIFT_INDEX[shift],
          group: leadsGroup,
          target: policy.lead.minPerShift,
          weightUnder: HARD_COVER_WEIGHT,
          weightOver: 0,
        })
    }
  })

  const requests: Request[] = file.wishes.flatMap(w => {
    const agent = index.get(w.agentId)
    const day = dates.indexOf(w.date)
    if (agent === undefined || day < 0) return []
    const weight = w.weight ?? policy.fairness.wishWeight
    return [{ agent, day, shift: w.want === 'off' ? OFF : SHIFT_INDEX[w.want], kind: 'on' as const, weight }]
  })

  const terms: Term[] = [
    ...fairShareTerms(file, given, 'N', policy.fairness.nightWeight),
    ...contractTerms(file, given),
  ]
  return {
    model: {
      days: H,
      shifts: (['D', 'N'] as const).map(s => ({
        id: s,
        minutes: shiftLength(policy, s),
        forbiddenNext: forbiddenNext(policy, s),
      })),
      agents,
      groups,
      cover,
      requests,
      terms,
    },
    agentIds: file.agents.map(a => a.id),
    given,
  }
}

/**
 * FAIR-NIGHT as a target: each night-eligible agent of a job works between ⌊share⌋ and ⌈share⌉
 * nights, where share is the job's required nights over its night-eligible agents.
 */
function fairShareTerms(
  file: MonthFile,
  given: ReadonlyArray<readonly Cell[]>,
  shift: Shift,
  weight: number,
): Term[] {
  const dates = monthCalendar(file.month).days.map(d => d.date)
  const terms: Term[] = []
  for (const job of JOBS) {
    const eligible = file.agents.flatMap((a, i) => (a.job === job && (shift === 'D' || a.nights) ? [i] : []))
    if (eligible.length === 0) continue
    const needed = dates.reduce((sum, date) => sum + (requirement(file, date, shift)[job as Job] ?? 0), 0)
    const share = needed / eligible.length
    for (const agent of eligible) {
      const pinnedOff = (given[agent] ?? []).filter(c => c === 'L').length
      terms.push({
        kind: 'shift-count',
        agent,
        shifts: [SHIFT_INDEX[shift]],
        min: Math.max(0, Math.floor(share) - pinnedOff),
        max: Math.ceil(share),
        hard: false,
        weight,
      })
    }
  }
  return terms
}

/** CONTRACT: worked days (leave counts as worked) equal to `contractDays`. */
function contractTerms(file: MonthFile, given: ReadonlyArray<readonly Cell[]>): Term[] {
  return file.agents.flatMap((a, i): Term[] => {
    if (a.contractDays === undefined) return []
    const leave = (given[i] ?? []).filter(c => c === 'L').length
    const target = Math.max(0, a.contractDays - leave)
    return [
      {
        kind: 'shift-count',
        agent: i,
        min: target,
        max: target,
        hard: false,
        weight: file.policy.fairness.contractWeight,
      },
    ]
  })
}
