import {
  addDays,
  daysInMonth,
  LeaveSchema,
  parseMonthFile,
  SwapSchema,
  type Approval,
  type Leave,
  type MonthFile,
  type MonthFileInput,
  type Swap,
  type Violation,
} from '@paiban/domain'
import { expect } from 'vitest'

/**
 * Test scenarios as month files. `month({ ... })` fills what a scenario does not care about and
 * returns the file parsed by `parseMonthFile` (so every default of the real parser applies); it
 * throws on a parse issue so a broken scenario fails loudly.
 *
 * Defaults: month 2026-12 in Asia/Shanghai, seed policy, no coverage requirement, senior phone
 * agents (so every staffed shift has its lead), every agent resting all month unless `roster` gives
 * their row, a supervisor `s1` and a manager `m1` in `people`. Leave and swap records get ids
 * `l1…`/`s1…`, a submission ten days before the month, leave approved by `s1`, swaps pending.
 */

type AgentInput = MonthFileInput['agents'][number]
type LeaveInput = NonNullable<MonthFileInput['leaves']>[number]
type SwapInput = NonNullable<MonthFileInput['swaps']>[number]

/** An agent: only the id is needed (name = id, phone, senior so every shift has a lead, role agent, nights). */
export type AgentSpec = Partial<AgentInput> & { id: string }
/** A leave record: agent, date and shift are needed (annual leave filed by the agent, approved by `s1`). */
export type LeaveSpec = Partial<LeaveInput> & Pick<LeaveInput, 'agentId' | 'date' | 'shift'>
/** A swap record: requester, counterpart and date are needed (pending, no approvals). */
export type SwapSpec = Partial<SwapInput> & Pick<SwapInput, 'requester' | 'counterpart' | 'date'>

export type MonthSpec = {
  month?: string
  timeZone?: string
  agents?: AgentSpec[]
  roster?: Record<string, string>
  previous?: Record<string, string>
  coverage?: MonthFileInput['coverage']
  policy?: MonthFileInput['policy']
  holidays?: MonthFileInput['holidays']
  wishes?: MonthFileInput['wishes']
  leaves?: LeaveSpec[]
  swaps?: SwapSpec[]
  people?: MonthFileInput['people']
  attendance?: MonthFileInput['attendance']
  handovers?: MonthFileInput['handovers']
  neighbours?: MonthFileInput['neighbours']
}

/** The default month of the scenarios. */
export const DEC = '2026-12'

/** Supervisor and manager every scenario knows (`s1`, `m1`). */
export const PEOPLE = [
  { id: 's1', name: '李主管', role: 'supervisor' as const },
  { id: 'm1', name: '王经理', role: 'manager' as const },
]

/** An approval by the supervisor `s1`. */
export const BY_SUPERVISOR: Approval = { by: 's1', role: 'supervisor' }
/** An approval by the manager `m1`. */
export const BY_MANAGER: Approval = { by: 'm1', role: 'manager' }

/** An agent with defaults filled (see {@link AgentSpec}). */
export function agent(id: string, more: Partial<AgentInput> = {}): AgentInput {
  return { ...more, id, name: more.name ?? id, job: more.job ?? 'phone', level: more.level ?? 'senior' }
}

/** Agents `a1 … aN` with the same settings. */
export function agents(n: number, more: Partial<AgentInput> = {}): AgentInput[] {
  return Array.from({ length: n }, (_, i) => agent(`a${i + 1}`, more))
}

/** `pattern` repeated (and cut) to `length` cells, e.g. `cycle('DDDDDD-', 31)`. */
export function cycle(pattern: string, length: number): string {
  return pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length)
}

/** A row of `length` cells of `base`, with the given 1-based days set, e.g. `row(31, '-', { 5: 'N' })`. */
export function row(length: number, base: string, days: Record<number, string> = {}): string {
  const cells = [...cycle(base, length)]
  for (const [day, cell] of Object.entries(days)) cells[Number(day) - 1] = cell
  return cells.join('')
}

/** The ISO instant of a local Shanghai wall-clock time, e.g. `at('2026-12-09', '10:30')`. */
export function at(date: string, time: string): string {
  return `${date}T${time}:00+08:00`
}

function defaultSubmitted(monthId: string): string {
  return at(addDays(`${monthId}-01`, -10), '09:00')
}

function leaveInput(spec: LeaveSpec, i: number, monthId: string): LeaveInput {
  return {
    id: `l${i + 1}`,
    kind: 'annual',
    by: spec.agentId,
    submittedAt: defaultSubmitted(monthId),
    status: 'approved',
    approvals: [BY_SUPERVISOR],
    ...spec,
  }
}

function swapInput(spec: SwapSpec, i: number, monthId: string): SwapInput {
  return { id: `s${i + 1}`, submittedAt: defaultSubmitted(monthId), status: 'pending', ...spec }
}

/** The month file input a scenario describes (not parsed: for tests of the parser's errors). */
export function monthInput(spec: MonthSpec = {}): MonthFileInput {
  const monthId = spec.month ?? DEC
  const list = (spec.agents ?? [agent('a1')]).map(a => agent(a.id, a))
  const length = daysInMonth(monthId)
  const roster: Record<string, string> = {}
  for (const a of list) roster[a.id] = '-'.repeat(length)
  Object.assign(roster, spec.roster ?? {})
  return {
    format: 'paiban.month/1',
    team: { id: 'cs-1', name: '客服一组', timeZone: spec.timeZone ?? 'Asia/Shanghai' },
    month: monthId,
    policy: spec.policy ?? {},
    agents: list,
    coverage: spec.coverage ?? {},
    holidays: spec.holidays ?? {},
    previous: spec.previous ?? {},
    roster,
    wishes: spec.wishes ?? [],
    leaves: (spec.leaves ?? []).map((l, i) => leaveInput(l, i, monthId)),
    swaps: (spec.swaps ?? []).map((s, i) => swapInput(s, i, monthId)),
    people: [...PEOPLE, ...(spec.people ?? [])],
    attendance: spec.attendance ?? [],
    handovers: spec.handovers ?? [],
    ...(spec.neighbours ? { neighbours: spec.neighbours } : {}),
  }
}

/** A parsed month file for the scenario; throws with every issue when the scenario does not parse. */
export function month(spec: MonthSpec = {}): MonthFile {
  const parsed = parseMonthFile(monthInput(spec))
  if (!parsed.ok)
    throw new Error(
      `scenario does not parse: ${parsed.issues.map(i => `${i.path}: ${i.message}`).join('; ')}`,
    )
  return parsed.value
}

/** A parsed leave request (for `checkLeave`), with the same defaults as the month's records. */
export function leaveRequest(spec: LeaveSpec, monthId = DEC): Leave {
  return LeaveSchema.parse({ ...leaveInput(spec, 0, monthId), id: spec.id ?? 'req' })
}

/** A parsed swap request (for `checkSwap`), pending unless told. */
export function swapRequest(spec: SwapSpec, monthId = DEC): Swap {
  return SwapSchema.parse({ ...swapInput(spec, 0, monthId), id: spec.id ?? 'req' })
}

/** Every approval an approved swap needs: the counterpart, the given team leaders, the supervisor. */
export function swapApprovals(counterpart: string, leaders: string[]): Approval[] {
  return [
    { by: counterpart, role: 'counterpart' },
    ...leaders.map((by): Approval => ({ by, role: 'teamLeader' })),
    BY_SUPERVISOR,
  ]
}

/** The structured part of a violation (what tests assert), after checking both messages are written. */
export type Brief = Partial<Pick<Violation, 'agentId' | 'date' | 'shift' | 'job' | 'requestId'>> &
  Pick<Violation, 'rule' | 'severity'>

/** The structured part of a violation, without message and penalty; asserts the message exists in zh and en. */
export function brief(v: Violation): Brief {
  expect(typeof v.message.zh === 'string' && v.message.zh.length > 0, `${v.rule} message.zh`).toBe(true)
  expect(typeof v.message.en === 'string' && v.message.en.length > 0, `${v.rule} message.en`).toBe(true)
  const out: Brief = { rule: v.rule, severity: v.severity }
  if (v.agentId !== undefined) out.agentId = v.agentId
  if (v.date !== undefined) out.date = v.date
  if (v.shift !== undefined) out.shift = v.shift
  if (v.job !== undefined) out.job = v.job
  if (v.requestId !== undefined) out.requestId = v.requestId
  return out
}

/** The violations of one rule, as {@link Brief}s. */
export function only(result: { violations: readonly Violation[] }, rule: Violation['rule']): Brief[] {
  return result.violations.filter(v => v.rule === rule).map(brief)
}

/** The distinct rule ids of a result, sorted. */
export function rulesOf(result: { violations: readonly Violation[] }): string[] {
  return [...new Set(result.violations.map(v => v.rule))].sort()
}
