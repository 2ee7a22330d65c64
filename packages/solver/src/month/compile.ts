import {
  clockMinutes,
  inHolidaySet,
  JOBS,
  monthCalendar,
  type Cell,
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
  /**
   * Largest weight of the truly soft parts (fairness, wishes, contract), for the annealing's start
   * temperature (`SolveOptions.heatWeight`); hard-like cover and swap lines are left out. At least 1.
   */
  readonly heatWeight: number
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
 * weight {@link HARD_COVER_WEIGHT} (a shift nobody needs keeps non-leads off, so it needs no lead). Soft: FAIR-NIGHT and FAIR-WEEKEND as per-agent count ranges
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
  const isLead = new Set(groups[leadsGroup]?.agents)
  groups.push({ id: 'others', agents: file.agents.flatMap((_, i) => (isLead.has(i) ? [] : [i])) })
  const othersGroup = groups.length - 1

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
      // COVER-LEAD holds for every staffed shift: one nobody needs stays free of non-leads, since
      // otherwise it would need a lead the cover lines do not ask for.
      else if (total === 0 && policy.lead.minPerShift > 0)
        cover.push({
          day,
          shift: SHIFT_INDEX[shift],
          group: othersGroup,
          target: 0,
          weightUnder: 0,
          weightOver: HARD_COVER_WEIGHT,
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

  requests.push(...swapRequests(file, index, dates))
  // FAIR-WEEKEND's days: weekends that are no 调休 workday, and the holidays of its policy set.
  const restDays = calendar.days.flatMap((d, i) =>
    (d.isWeekend && !d.isMakeupWorkday) || inHolidaySet(d, policy.fairness.holidayDays) ? [i] : [],
  )
  const terms: Term[] = [
    ...fairShareTerms(file, {
      shifts: ['N'],
      eligible: a => a.nights,
      weight: policy.fairness.nightWeight,
    }),
    ...fairShareTerms(file, {
      shifts: ['D', 'N'],
      days: restDays,
      eligible: () => true,
      weight: policy.fairness.weekendWeight,
    }),
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
    heatWeight: softMaxWeight(requests, terms),
  }
}

/** Largest weight below {@link HARD_COVER_WEIGHT} among requests and soft terms (1 when none). */
function softMaxWeight(requests: readonly Request[], terms: readonly Term[]): number {
  const weights = [...requests.map(r => r.weight), ...terms.filter(t => !t.hard).map(t => t.weight)]
  return weights.reduce((max, w) => (w < HARD_COVER_WEIGHT ? Math.max(max, w) : max), 1)
}

/** Which shifts on which days a fair-share term counts, for whom, at what weight. */
type Share = {
  readonly shifts: readonly Shift[]
  readonly days?: readonly number[]
  readonly eligible: (agent: MonthFile['agents'][number]) => boolean
  readonly weight: number
}

/**
 * FAIR-NIGHT and FAIR-WEEKEND as targets: each eligible agent of a job works between ⌊share⌋ and
 * ⌈share⌉ of the counted shifts, where share is the job's requirement of them over its eligible
 * agents. A day of leave does not lower the floor: the rules' spread does not excuse it either.
 */
function fairShareTerms(file: MonthFile, spec: Share): Term[] {
  const dates = monthCalendar(file.month).days.map(d => d.date)
  const days = spec.days ?? dates.map((_, i) => i)
  const terms: Term[] = []
  for (const job of JOBS) {
    const eligible = file.agents.flatMap((a, i) => (a.job === job && spec.eligible(a) ? [i] : []))
    if (eligible.length === 0) continue
    let needed = 0
    for (const d of days)
      for (const shift of spec.shifts) needed += requirement(file, dates[d] ?? '', shift)[job] ?? 0
    const share = needed / eligible.length
    for (const agent of eligible) {
      terms.push({
        kind: 'shift-count',
        agent,
        shifts: spec.shifts.map(s => SHIFT_INDEX[s]),
        ...(spec.days ? { days: spec.days } : {}),
        min: Math.floor(share),
        max: Math.ceil(share),
        hard: false,
        weight: spec.weight,
      })
    }
  }
  return terms
}

/**
 * SWAP-CLEAR on undecided cells: a swap keeps a clear shape whatever the solver decides. Before
 * approval the requester works its date and the counterpart is off (and the other way round on the
 * return date); once approved (already applied) it is the reverse. Weighted like hard cover, as a
 * cell the supervisor pinned would be.
 */
function swapRequests(
  file: MonthFile,
  index: ReadonlyMap<string, number>,
  dates: readonly string[],
): Request[] {
  const out: Request[] = []
  const want = (agentId: string, date: string | undefined, work: boolean) => {
    const agent = index.get(agentId)
    const day = date === undefined ? -1 : dates.indexOf(date)
    // 'off' of OFF asks to work (any shift); 'on' of OFF asks for the day off.
    if (agent !== undefined && day >= 0)
      out.push({ agent, day, shift: OFF, kind: work ? 'off' : 'on', weight: HARD_COVER_WEIGHT })
  }
  for (const swap of file.swaps) {
    if (swap.status !== 'pending' && swap.status !== 'approved') continue
    const applied = swap.status === 'approved'
    want(swap.requester, swap.date, !applied)
    want(swap.counterpart, swap.date, applied)
    want(swap.requester, swap.returnDate, applied)
    want(swap.counterpart, swap.returnDate, !applied)
  }
  return out
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
