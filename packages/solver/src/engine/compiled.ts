import { OFF } from '../model'
import type { Model, Term } from '../model'

/** Stand-in for "no limit" in integer arrays; larger than any count a horizon can reach. */
export const UNLIMITED = 1 << 30

/** Marks a free cell in `Compiled.fixed`. */
export const FREE = -2

/**
 * A model flattened into typed arrays for the engine. Agent × day arrays are indexed `a * H + d`,
 * agent × shift arrays `a * S + s`.
 */
export type Compiled = {
  readonly model: Model
  readonly E: number
  readonly H: number
  readonly S: number
  readonly minutes: Int32Array
  /** `forbidden[s * S + t]` is 1 when t must not follow s. */
  readonly forbidden: Uint8Array
  /** Per shift: the first shift with the same forbidden successors (they constrain the next day alike). */
  readonly successorClass: Int16Array
  /**
   * Per shift: the first shift that behaves the same for every rule (same length, same forbidden
   * successors and predecessors); within a day only costs tell such shifts apart.
   */
  readonly behaviourClass: Int16Array
  /** Per agent: shift indices the agent may work (maxShifts > 0). */
  readonly eligible: readonly Int16Array[]
  /** Per cell: `FREE`, or the only value the cell may hold (a pin, or `OFF` on a day off). */
  readonly fixed: Int16Array
  readonly maxShifts: Int32Array
  readonly minMinutes: Float64Array
  readonly maxMinutes: Float64Array
  readonly maxConsecutive: Int32Array
  readonly minConsecutive: Int32Array
  readonly minOff: Int32Array
  readonly maxWeekends: Int32Array
  readonly historyWorked: Int32Array
  readonly historyLast: Int16Array
  /** Weekend index of each day, or -1. */
  readonly weekendOf: Int32Array
  readonly W: number
  readonly lineTarget: Float64Array
  readonly lineUnder: Float64Array
  readonly lineOver: Float64Array
  readonly lineDay: Int32Array
  readonly lineShift: Int32Array
  /** Group index per cover line, -1 for everyone. */
  readonly lineGroup: Int32Array
  /** Cover lines of (d, s): `lineIds[lineStart[d * S + s] … lineStart[d * S + s + 1])`. */
  readonly lineStart: Int32Array
  readonly lineIds: Int32Array
  /** `member[g * E + a]` is 1 when agent a is in group g. */
  readonly member: Uint8Array
  /** Requests of cell i: `reqShift[reqStart[i] … reqStart[i + 1])` etc. */
  readonly reqStart: Int32Array
  readonly reqShift: Int16Array
  readonly reqOn: Uint8Array
  readonly reqWeight: Float64Array
  /** Minutes that count as one unit of hard violation (the shortest positive shift length). */
  readonly minuteUnit: number
  readonly terms: readonly Term[]
}

/**
 * Checks a model's indices and flattens it. Throws on a model that breaks its own invariants
 * (an index out of range, overlapping weekends); rule conflicts are not errors.
 */
export function compileModel(model: Model): Compiled {
  const H = model.days
  const S = model.shifts.length
  const E = model.agents.length
  if (!Number.isInteger(H) || H < 1) throw new Error(`model: days must be a positive integer, got ${H}`)
  const checkShift = (s: number, where: string, allowOff = false): void => {
    if (!Number.isInteger(s) || s >= S || s < (allowOff ? OFF : 0))
      throw new Error(`model: ${where}: no shift ${s}`)
  }
  const checkDay = (d: number, where: string): void => {
    if (!Number.isInteger(d) || d < 0 || d >= H)
      throw new Error(`model: ${where}: day ${d} outside 0…${H - 1}`)
  }
  const checkAgent = (a: number, where: string): void => {
    if (!Number.isInteger(a) || a < 0 || a >= E) throw new Error(`model: ${where}: no agent ${a}`)
  }

  const minutes = Int32Array.from(model.shifts, s => s.minutes)
  const forbidden = new Uint8Array(S * S)
  model.shifts.forEach((shift, s) =>
    (shift.forbiddenNext ?? []).forEach(t => {
      checkShift(t, `shift ${shift.id} forbiddenNext`)
      forbidden[s * S + t] = 1
    }),
  )
  const rowOf = (s: number): string => forbidden.subarray(s * S, (s + 1) * S).join('')
  const successorClass = Int16Array.from(model.shifts.keys(), s => {
    for (let t = 0; t < s; t++) if (rowOf(t) === rowOf(s)) return t
    return s
  })
  const columnOf = (s: number): string => Array.from({ length: S }, (_, t) => forbidden[t * S + s]).join('')
  const behaviourClass = Int16Array.from(model.shifts.keys(), s => {
    for (let t = 0; t < s; t++) {
      if (rowOf(t) === rowOf(s) && columnOf(t) === columnOf(s) && minutes[t] === minutes[s]) return t
    }
    return s
  })
  const positive = model.shifts.map(s => s.minutes).filter(m => m > 0)
  const minuteUnit = positive.length > 0 ? Math.min(...positive) : 1

  const maxShifts = new Int32Array(E * S)
  const fixed = new Int16Array(E * H).fill(FREE)
  const limit = (v: number | undefined, fallback: number): number =>
    v === undefined || v === Infinity ? fallback : Math.min(v, UNLIMITED)
  const eligible = model.agents.map((agent, a) => {
    for (let s = 0; s < S; s++) maxShifts[a * S + s] = limit(agent.maxShifts?.[s], UNLIMITED)
    for (const d of agent.daysOff ?? []) {
      checkDay(d, `agent ${agent.id} daysOff`)
      fixed[a * H + d] = OFF
    }
    for (const pin of agent.pinned ?? []) {
      checkDay(pin.day, `agent ${agent.id} pinned`)
      checkShift(pin.shift, `agent ${agent.id} pinned`, true)
      fixed[a * H + pin.day] = pin.shift
    }
    const lastShift = agent.history?.lastShift ?? OFF
    checkShift(lastShift, `agent ${agent.id} history`, true)
    return Int16Array.from(model.shifts.keys()).filter(s => (maxShifts[a * S + s] ?? 0) > 0)
  })
  const perAgent = (f: (a: Model['agents'][number]) => number): Int32Array => Int32Array.from(model.agents, f)

  const W = model.weekends?.length ?? 0
  const weekendOf = new Int32Array(H).fill(-1)
  model.weekends?.forEach((days, w) =>
    days.forEach(d => {
      checkDay(d, `weekend ${w}`)
      if (weekendOf[d] !== -1) throw new Error(`model: day ${d} belongs to two weekends`)
      weekendOf[d] = w
    }),
  )

  const groups = model.groups ?? []
  const member = new Uint8Array(groups.length * E)
  groups.forEach((group, g) =>
    group.agents.forEach(a => {
      checkAgent(a, `group ${group.id}`)
      member[g * E + a] = 1
    }),
  )
  const L = model.cover.length
  const lineGroup = new Int32Array(L)
  const lineStart = new Int32Array(H * S + 1)
  model.cover.forEach((line, l) => {
    checkDay(line.day, `cover line ${l}`)
    checkShift(line.shift, `cover line ${l}`)
    const g = line.group ?? -1
    if (g !== -1 && (g < 0 || g >= groups.length)) throw new Error(`model: cover line ${l}: no group ${g}`)
    lineGroup[l] = g
    const key = line.day * S + line.shift + 1
    lineStart[key] = (lineStart[key] ?? 0) + 1
  })
  const lineIds = bucket(lineStart, L, l => {
    const line = model.cover[l]
    return line === undefined ? 0 : line.day * S + line.shift
  })

  const requests = model.requests ?? []
  const reqStart = new Int32Array(E * H + 1)
  requests.forEach((r, k) => {
    checkAgent(r.agent, `request ${k}`)
    checkDay(r.day, `request ${k}`)
    checkShift(r.shift, `request ${k}`, true)
    const key = r.agent * H + r.day + 1
    reqStart[key] = (reqStart[key] ?? 0) + 1
  })
  const reqOrder = bucket(reqStart, requests.length, k => {
    const r = requests[k]
    return r === undefined ? 0 : r.agent * H + r.day
  })
  const reqAt = (i: number): NonNullable<(typeof requests)[number]> => {
    const r = requests[reqOrder[i] ?? 0]
    if (r === undefined) throw new Error('model: request index out of range')
    return r
  }

  for (const term of model.terms ?? []) checkAgent(term.agent, `term ${term.kind}`)

  return {
    model,
    E,
    H,
    S,
    minutes,
    forbidden,
    successorClass,
    behaviourClass,
    eligible,
    fixed,
    maxShifts,
    minMinutes: Float64Array.from(model.agents, a => a.minMinutes ?? 0),
    maxMinutes: Float64Array.from(model.agents, a => a.maxMinutes ?? Infinity),
    maxConsecutive: perAgent(a => limit(a.maxConsecutiveWorked, UNLIMITED)),
    minConsecutive: perAgent(a => a.minConsecutiveWorked ?? 1),
    minOff: perAgent(a => a.minConsecutiveOff ?? 1),
    maxWeekends: perAgent(a => limit(a.maxWeekends, UNLIMITED)),
    historyWorked: perAgent(a => a.history?.workedDaysBefore ?? 0),
    historyLast: Int16Array.from(model.agents, a => a.history?.lastShift ?? OFF),
    weekendOf,
    W,
    lineTarget: Float64Array.from(model.cover, l => l.target),
    lineUnder: Float64Array.from(model.cover, l => l.weightUnder),
    lineOver: Float64Array.from(model.cover, l => l.weightOver),
    lineDay: Int32Array.from(model.cover, l => l.day),
    lineShift: Int32Array.from(model.cover, l => l.shift),
    lineGroup,
    lineStart,
    lineIds,
    member,
    reqStart,
    reqShift: Int16Array.from(reqOrder, (_, i) => reqAt(i).shift),
    reqOn: Uint8Array.from(reqOrder, (_, i) => (reqAt(i).kind === 'on' ? 1 : 0)),
    reqWeight: Float64Array.from(reqOrder, (_, i) => reqAt(i).weight),
    minuteUnit,
    terms: model.terms ?? [],
  }
}

/**
 * Turns per-key counts (at `start[key + 1]`) into CSR offsets and returns the items grouped by key,
 * in their original order within a key.
 */
function bucket(start: Int32Array, count: number, keyOf: (item: number) => number): Int32Array {
  for (let k = 1; k < start.length; k++) start[k] = (start[k] ?? 0) + (start[k - 1] ?? 0)
  const next = start.slice(0, -1)
  const out = new Int32Array(count)
  for (let item = 0; item < count; item++) {
    const key = keyOf(item)
    out[next[key] ?? 0] = item
    next[key] = (next[key] ?? 0) + 1
  }
  return out
}
