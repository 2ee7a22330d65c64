import { OFF } from '../../model'
import type { Model, ModelRule } from '../../model'

/**
 * A `Model` as a mixed-integer linear program, in the arrays HiGHS takes (`highs.createModel`):
 * columns with costs and bounds, rows with bounds, and the constraint matrix in CSR form.
 *
 * Columns: first one binary `x` per (agent, day, shift) cell that is not fixed by a pin, a day off,
 * eligibility (`maxShifts` 0) or a forbidden succession from `history.lastShift`; then the continuous
 * slacks (cover under/over, weekend indicators, shift-count slacks). Fixed cells are constants, so a
 * rule whose cells are all fixed becomes a check at build time: if it cannot hold, it is listed in
 * `conflicts` (the model is infeasible whatever HiGHS says).
 *
 * The objective is the one `checkRoster` computes (cover under/over, requests, soft terms), with its
 * constant part in `offset`, so `offset + colCost·x` equals `checkRoster(model, roster).objective`.
 */
export type Milp = {
  readonly numCols: number
  readonly numRows: number
  readonly colCost: Float64Array
  readonly colLower: Float64Array
  readonly colUpper: Float64Array
  /** 1 for the binary `x` columns (0 for all when `relax`), 0 for the continuous slacks. */
  readonly integrality: Int32Array
  readonly rowLower: Float64Array
  readonly rowUpper: Float64Array
  /** CSR: row `i` holds `indices/values[starts[i] … starts[i + 1])`. */
  readonly starts: Int32Array
  readonly indices: Int32Array
  readonly values: Float64Array
  /** Constant part of the objective. */
  readonly offset: number
  /** Short column names (`x{agent}_{day}_{shift}`, `u{line}`, `o{line}`, `y{agent}_{weekend}`, `tu{k}`, `to{k}`). */
  readonly colNames: readonly string[]
  /** Row names, prefixed by the rule they encode (see `milpToLp`). */
  readonly rowNames: readonly string[]
  /** Number of `x` columns; they come first. */
  readonly cellColumns: number
  /**
   * Per cell `(a * days + d) * shifts + s`: the `x` column, or `FIXED_OFF` / `FIXED_ON` for a cell
   * fixed before solving.
   */
  readonly cells: Int32Array
  readonly agents: number
  readonly days: number
  readonly shifts: number
  /** Hard rules that fixed cells alone break (the model is infeasible); empty normally. */
  readonly conflicts: readonly MilpConflict[]
}

/** A hard rule broken by fixed cells alone, found while building the MILP. */
export type MilpConflict = {
  readonly rule: ModelRule | 'cover'
  /** Agent index, when the rule is about one agent. */
  readonly agent?: number
  readonly day?: number
  readonly detail: string
}

/** Options of {@link modelToMilp}. Every field is optional. */
export type MilpOptions = {
  /**
   * `'model'` (default): the model's soft objective, as `checkRoster` computes it.
   * `'shortfall'`: only the missing agents on cover lines with `weightUnder ≥ shortfallWeight`, one
   * unit per missing agent; other cover lines, requests and soft terms are left out (hard rules stay).
   */
  readonly objective?: 'model' | 'shortfall'
  /** With `objective: 'shortfall'`: the least `weightUnder` of a line that counts. Default 10 000. */
  readonly shortfallWeight?: number
  /** Drop integrality (the LP relaxation). Default false. */
  readonly relax?: boolean
}

/** `Milp.cells` value of a cell fixed to 0 (the agent does not work this shift that day). */
export const FIXED_OFF = -1
/** `Milp.cells` value of a cell fixed to 1 (pinned to this shift). */
export const FIXED_ON = -2

/** A linear expression under construction: columns, coefficients and a constant. */
type Lin = { idx: number[]; val: number[]; c: number }

const lin = (c = 0): Lin => ({ idx: [], val: [], c })

/** A growable column/row store. */
class Builder {
  readonly cost: number[] = []
  readonly lower: number[] = []
  readonly upper: number[] = []
  readonly integer: number[] = []
  readonly colNames: string[] = []
  readonly starts: number[] = [0]
  readonly indices: number[] = []
  readonly values: number[] = []
  readonly rowLower: number[] = []
  readonly rowUpper: number[] = []
  readonly rowNames: string[] = []
  readonly conflicts: MilpConflict[] = []
  offset = 0

  col(name: string, cost: number, lower: number, upper: number, integer: boolean): number {
    this.cost.push(cost)
    this.lower.push(lower)
    this.upper.push(upper)
    this.integer.push(integer ? 1 : 0)
    this.colNames.push(name)
    return this.cost.length - 1
  }

  /**
   * Adds `lower ≤ e ≤ upper`. A row without columns is checked now: when it cannot hold, `conflict`
   * is recorded instead.
   */
  row(name: string, e: Lin, lower: number, upper: number, conflict: () => MilpConflict): void {
    const lo = lower - e.c
    const hi = upper - e.c
    if (e.idx.length === 0) {
      if (lo > 1e-9 || hi < -1e-9) this.conflicts.push(conflict())
      return
    }
    for (let k = 0; k < e.idx.length; k++) {
      this.indices.push(e.idx[k] ?? 0)
      this.values.push(e.val[k] ?? 0)
    }
    this.starts.push(this.indices.length)
    this.rowLower.push(lo)
    this.rowUpper.push(hi)
    this.rowNames.push(name)
  }
}

/**
 * Builds the MILP of a model: binary `x[a][d][s]`, at most one shift per agent-day, forbidden
 * successions (with `history.lastShift` on day 0), max shifts per type, min/max minutes, max
 * consecutive worked days (sliding windows, with `history.workedDaysBefore` at day 0), min
 * consecutive worked days and days off (forbidden short-run patterns, runs touching either end of the
 * horizon exempt, as `checkRoster` does), max weekends (indicator per weekend), days off and pins,
 * cover lines with under/over slacks, requests, and shift-count terms (hard rows, or soft with
 * slacks), honouring `days` filters. Pure: the model is not mutated.
 * @throws Error when an index in the model is out of range (as `compileModel` would).
 * @example modelToMilp(compileNrp(instance)).numCols // 8 × 14 × 1 cells + slacks for Instance1
 */
export function modelToMilp(model: Model, options: MilpOptions = {}): Milp {
  const H = model.days
  const S = model.shifts.length
  const E = model.agents.length
  const shortfall = options.objective === 'shortfall'
  const threshold = options.shortfallWeight ?? 10_000
  const integer = !(options.relax ?? false)
  validate(model)
  const b = new Builder()
  const cells = new Int32Array(E * H * S).fill(FIXED_OFF)
  const at = (a: number, d: number, s: number): number => (a * H + d) * S + s

  // Cells: fixed by pins (which override days off and eligibility, as in checkRoster), days off,
  // eligibility and the succession from history; free otherwise.
  model.agents.forEach((agent, a) => {
    const pinned = new Map((agent.pinned ?? []).map(p => [p.day, p.shift]))
    const off = new Set(agent.daysOff ?? [])
    const last = agent.history?.lastShift ?? OFF
    const afterLast = new Set(last >= 0 ? (model.shifts[last]?.forbiddenNext ?? []) : [])
    for (let d = 0; d < H; d++) {
      const pin = pinned.get(d)
      for (let s = 0; s < S; s++) {
        if (pin !== undefined) {
          cells[at(a, d, s)] = pin === s ? FIXED_ON : FIXED_OFF
          continue
        }
        const free = !off.has(d) && (agent.maxShifts?.[s] ?? Infinity) > 0 && !(d === 0 && afterLast.has(s))
        cells[at(a, d, s)] = free ? b.col(`x${a}_${d}_${s}`, 0, 0, 1, integer) : FIXED_OFF
      }
    }
  })
  const cellColumns = b.cost.length

  const addCell = (e: Lin, a: number, d: number, s: number, coef: number): void => {
    const code = cells[at(a, d, s)] ?? FIXED_OFF
    if (code >= 0) {
      e.idx.push(code)
      e.val.push(coef)
    } else if (code === FIXED_ON) e.c += coef
  }
  const addWorked = (e: Lin, a: number, d: number, coef: number): void => {
    for (let s = 0; s < S; s++) addCell(e, a, d, s, coef)
  }
  /** Adds `coef · x[a][d][s]` to the objective. */
  const addCost = (a: number, d: number, s: number, coef: number): void => {
    const code = cells[at(a, d, s)] ?? FIXED_OFF
    if (code >= 0) b.cost[code] = (b.cost[code] ?? 0) + coef
    else if (code === FIXED_ON) b.offset += coef
  }

  model.agents.forEach((agent, a) => {
    const id = agent.id
    const conflict = (rule: ModelRule, detail: string, day?: number) => (): MilpConflict => ({
      rule,
      agent: a,
      ...(day === undefined ? {} : { day }),
      detail: `${id}: ${detail}`,
    })

    // At most one shift a day (a pinned cell leaves no free cell that day).
    for (let d = 0; d < H; d++) {
      const e = lin()
      addWorked(e, a, d, 1)
      if (e.idx.length > 1 || e.c > 0)
        b.row(`a${a}_${d}`, e, -Infinity, 1, conflict('pinned', 'two shifts', d))
    }

    // Forbidden successions: x[d-1][s] + Σ_{t ∈ next(s)} x[d][t] ≤ 1 (day 0 was fixed from history).
    model.shifts.forEach((shift, s) => {
      const next = [...new Set(shift.forbiddenNext ?? [])]
      if (next.length === 0) return
      for (let d = 1; d < H; d++) {
        const e = lin()
        addCell(e, a, d - 1, s, 1)
        for (const t of next) addCell(e, a, d, t, 1)
        b.row(
          `f${a}_${d}_${s}`,
          e,
          -Infinity,
          1,
          conflict('forbidden-succession', `pinned ${shift.id} then a forbidden shift`, d - 1),
        )
      }
    })
    const last = agent.history?.lastShift ?? OFF
    if (last >= 0) {
      // A pinned cell on day 0 may still break the succession from history.
      for (const t of model.shifts[last]?.forbiddenNext ?? []) {
        if (cells[at(a, 0, t)] === FIXED_ON)
          b.conflicts.push(
            conflict(
              'forbidden-succession',
              `day −1 ${model.shifts[last]?.id} then pinned ${model.shifts[t]?.id}`,
              0,
            )(),
          )
      }
    }

    // Max shifts per type.
    model.shifts.forEach((shift, s) => {
      const max = agent.maxShifts?.[s] ?? Infinity
      if (max >= H) return
      const e = lin()
      for (let d = 0; d < H; d++) addCell(e, a, d, s, 1)
      b.row(
        `s${a}_${s}`,
        e,
        -Infinity,
        max,
        conflict('max-shifts', `pinned ${shift.id} more than ${max} times`),
      )
    })

    // Total minutes.
    const minMinutes = agent.minMinutes ?? 0
    const maxMinutes = agent.maxMinutes ?? Infinity
    if (minMinutes > 0 || maxMinutes < Infinity) {
      const e = lin()
      for (let d = 0; d < H; d++) model.shifts.forEach((shift, s) => addCell(e, a, d, s, shift.minutes))
      b.row(
        `m${a}`,
        e,
        minMinutes,
        maxMinutes,
        conflict('min-minutes', `cannot reach ${minMinutes}–${maxMinutes} minutes`),
      )
    }

    // Max consecutive worked days: no window of max+1 days all worked; with history, no run from
    // day 0 longer than max − workedDaysBefore.
    const maxRun = agent.maxConsecutiveWorked ?? Infinity
    if (maxRun < Infinity) {
      for (let d0 = 0; d0 + maxRun < H; d0++) {
        const e = lin()
        for (let d = d0; d <= d0 + maxRun; d++) addWorked(e, a, d, 1)
        b.row(
          `w${a}_${d0}`,
          e,
          -Infinity,
          maxRun,
          conflict('max-consecutive-worked', `pinned more than ${maxRun} days in a row`, d0),
        )
      }
      const before = agent.history?.workedDaysBefore ?? 0
      const first = Math.max(1, maxRun - before + 1)
      if (before > 0 && first <= H && first < maxRun + 1) {
        const e = lin()
        for (let d = 0; d < first; d++) addWorked(e, a, d, 1)
        b.row(
          `h${a}`,
          e,
          -Infinity,
          first - 1,
          conflict('max-consecutive-worked', `pinned run from day 0 exceeds ${maxRun} with history`, 0),
        )
      }
    }

    // Min consecutive worked days: for a run strictly inside the horizon (starting after day 0 and
    // ending before the last day), forbid the pattern off, work × l, off for l < min.
    const minRun = agent.minConsecutiveWorked ?? 1
    for (let l = 1; l < minRun; l++) {
      for (let d = 1; d + l <= H - 1; d++) {
        const e = lin()
        addWorked(e, a, d - 1, 1)
        for (let j = d; j < d + l; j++) addWorked(e, a, j, -1)
        addWorked(e, a, d + l, 1)
        b.row(
          `r${a}_${d}_${l}`,
          e,
          1 - l,
          Infinity,
          conflict('min-consecutive-worked', `pinned run of ${l} days`, d),
        )
      }
    }
    // Min consecutive days off: forbid work, off × l, work for l < min (same exemptions).
    const minOff = agent.minConsecutiveOff ?? 1
    for (let l = 1; l < minOff; l++) {
      for (let d = 1; d + l <= H - 1; d++) {
        const e = lin()
        addWorked(e, a, d - 1, -1)
        for (let j = d; j < d + l; j++) addWorked(e, a, j, 1)
        addWorked(e, a, d + l, -1)
        b.row(
          `q${a}_${d}_${l}`,
          e,
          -1,
          Infinity,
          conflict('min-consecutive-off', `pinned ${l} days off between shifts`, d),
        )
      }
    }

    // Max weekends: y ≥ worked(d) for each day of a weekend, Σ y ≤ max.
    const weekends = model.weekends ?? []
    const maxWeekends = agent.maxWeekends ?? Infinity
    if (maxWeekends < weekends.length) {
      const total = lin()
      weekends.forEach((days, w) => {
        const y = b.col(`y${a}_${w}`, 0, 0, 1, integer)
        total.idx.push(y)
        total.val.push(1)
        for (const d of new Set(days)) {
          const e = lin()
          e.idx.push(y)
          e.val.push(1)
          addWorked(e, a, d, -1)
          b.row(`k${a}_${w}_${d}`, e, 0, Infinity, conflict('max-weekends', '', d))
        }
      })
      b.row(
        `z${a}`,
        total,
        -Infinity,
        maxWeekends,
        conflict('max-weekends', `more than ${maxWeekends} weekends`),
      )
    }
  })

  // Cover lines: n + u − o = target, cost u·weightUnder + o·weightOver.
  const groups = (model.groups ?? []).map(g => [...new Set(g.agents)])
  const everyone = model.agents.map((_, a) => a)
  model.cover.forEach((line, l) => {
    const under = shortfall ? (line.weightUnder >= threshold ? 1 : 0) : line.weightUnder
    const over = shortfall ? 0 : line.weightOver
    if (under === 0 && over === 0) return
    const members = line.group === undefined ? everyone : (groups[line.group] ?? [])
    const e = lin()
    for (const a of members) addCell(e, a, line.day, line.shift, 1)
    if (under > 0) {
      e.idx.push(b.col(`u${l}`, under, 0, Math.max(0, line.target), integer))
      e.val.push(1)
    }
    if (over > 0) {
      e.idx.push(b.col(`o${l}`, over, 0, Infinity, integer))
      e.val.push(-1)
    }
    const lower = under > 0 ? line.target : -Infinity
    const upper = over > 0 ? line.target : Infinity
    b.row(`c${l}`, e, lower, upper, () => ({ rule: 'cover', day: line.day, detail: `cover line ${l}` }))
  })

  // Requests: 'on' s costs weight unless x[s]; 'off' s costs weight if x[s]; OFF means "any shift".
  if (!shortfall) {
    for (const r of model.requests ?? []) {
      const w = r.weight
      if (r.shift === OFF) {
        if (r.kind === 'off') b.offset += w
        for (let s = 0; s < S; s++) addCost(r.agent, r.day, s, r.kind === 'on' ? w : -w)
      } else if (r.kind === 'on') {
        b.offset += w
        addCost(r.agent, r.day, r.shift, -w)
      } else addCost(r.agent, r.day, r.shift, w)
    }
  }

  // Shift-count terms: min ≤ n (+ u − o) ≤ max.
  ;(model.terms ?? []).forEach((term, k) => {
    if (!term.hard && (shortfall || term.weight === 0)) return
    const min = term.min ?? 0
    const max = term.max ?? Infinity
    if (min <= 0 && max === Infinity) return
    const shifts = [...new Set(term.shifts ?? model.shifts.keys())]
    const days = term.days ? [...new Set(term.days)] : Array.from({ length: H }, (_, d) => d)
    const e = lin()
    for (const d of days) for (const s of shifts) addCell(e, term.agent, d, s, 1)
    const id = model.agents[term.agent]?.id ?? String(term.agent)
    const conflict = (): MilpConflict => ({
      rule: 'term',
      agent: term.agent,
      detail: `${id}: pinned cells put ${term.kind} outside ${min}–${max}`,
    })
    if (!term.hard && min > max) {
      softInvertedRange(b, e, `t${k}`, term.weight, min, max, days.length * shifts.length, integer)
      return
    }
    if (!term.hard) {
      if (min > 0) {
        e.idx.push(b.col(`tu${k}`, term.weight, 0, min, integer))
        e.val.push(1)
      }
      if (max < Infinity) {
        e.idx.push(b.col(`to${k}`, term.weight, 0, Infinity, integer))
        e.val.push(-1)
      }
    }
    b.row(`t${k}`, e, min > 0 ? min : -Infinity, max, conflict)
  })

  const numCols = b.cost.length
  return {
    numCols,
    numRows: b.rowLower.length,
    colCost: Float64Array.from(b.cost),
    colLower: Float64Array.from(b.lower),
    colUpper: Float64Array.from(b.upper),
    integrality: Int32Array.from(b.integer),
    rowLower: Float64Array.from(b.rowLower),
    rowUpper: Float64Array.from(b.rowUpper),
    starts: Int32Array.from(b.starts),
    indices: Int32Array.from(b.indices),
    values: Float64Array.from(b.values),
    offset: b.offset,
    colNames: b.colNames,
    rowNames: b.rowNames,
    cellColumns,
    cells,
    agents: E,
    days: H,
    shifts: S,
    conflicts: b.conflicts,
  }
}

/**
 * A soft count term with `min > max`, priced as `checkRoster` does: `min − n` below `min`, else
 * `n − max`. That is not convex, so a binary `b = [n ≥ min]` picks the branch (big-M rows).
 */
function softInvertedRange(
  b: Builder,
  n: Lin,
  name: string,
  weight: number,
  min: number,
  max: number,
  cells: number,
  integer: boolean,
): void {
  const big = cells + min + Math.abs(max) + 1
  const at = b.col(`${name}b`, 0, 0, 1, integer)
  const u = b.col(`${name}u`, weight, 0, min, integer)
  const o = b.col(`${name}o`, weight, 0, Infinity, integer)
  const row = (
    suffix: string,
    extra: ReadonlyArray<readonly [number, number]>,
    lo: number,
    hi: number,
  ): void => {
    const e: Lin = { idx: [...n.idx], val: [...n.val], c: n.c }
    for (const [col, coef] of extra) {
      e.idx.push(col)
      e.val.push(coef)
    }
    b.row(`${name}${suffix}`, e, lo, hi, () => ({ rule: 'term', detail: name }))
  }
  row('a', [[at, -min]], 0, Infinity) // b = 1 ⇒ n ≥ min
  row('b', [[at, -big]], -Infinity, min - 1) // b = 0 ⇒ n ≤ min − 1
  row(
    'c',
    [
      [u, 1],
      [at, big],
    ],
    min,
    Infinity,
  ) // b = 0 ⇒ u ≥ min − n
  row(
    'd',
    [
      [o, -1],
      [at, big],
    ],
    -Infinity,
    max + big,
  ) // b = 1 ⇒ o ≥ n − max
}

/** Index checks the builder relies on; the same errors `compileModel` throws. */
function validate(model: Model): void {
  const H = model.days
  const S = model.shifts.length
  const E = model.agents.length
  if (!Number.isInteger(H) || H < 1) throw new Error(`model: days must be a positive integer, got ${H}`)
  const day = (d: number, where: string): void => {
    if (!Number.isInteger(d) || d < 0 || d >= H)
      throw new Error(`model: ${where}: day ${d} outside 0…${H - 1}`)
  }
  const shift = (s: number, where: string, allowOff = false): void => {
    if (!Number.isInteger(s) || s >= S || s < (allowOff ? OFF : 0))
      throw new Error(`model: ${where}: no shift ${s}`)
  }
  const agent = (a: number, where: string): void => {
    if (!Number.isInteger(a) || a < 0 || a >= E) throw new Error(`model: ${where}: no agent ${a}`)
  }
  model.shifts.forEach(s => (s.forbiddenNext ?? []).forEach(t => shift(t, `shift ${s.id} forbiddenNext`)))
  model.agents.forEach(a => {
    ;(a.daysOff ?? []).forEach(d => day(d, `agent ${a.id} daysOff`))
    ;(a.pinned ?? []).forEach(p => {
      day(p.day, `agent ${a.id} pinned`)
      shift(p.shift, `agent ${a.id} pinned`, true)
    })
    shift(a.history?.lastShift ?? OFF, `agent ${a.id} history`, true)
  })
  const groups = model.groups ?? []
  groups.forEach(g => g.agents.forEach(a => agent(a, `group ${g.id}`)))
  model.cover.forEach((line, l) => {
    day(line.day, `cover line ${l}`)
    shift(line.shift, `cover line ${l}`)
    if (line.group !== undefined && (line.group < 0 || line.group >= groups.length))
      throw new Error(`model: cover line ${l}: no group ${line.group}`)
  })
  ;(model.requests ?? []).forEach((r, k) => {
    agent(r.agent, `request ${k}`)
    day(r.day, `request ${k}`)
    shift(r.shift, `request ${k}`, true)
  })
  ;(model.weekends ?? []).forEach((days, w) => days.forEach(d => day(d, `weekend ${w}`)))
  ;(model.terms ?? []).forEach((term, k) => {
    agent(term.agent, `term ${k}`)
    ;(term.shifts ?? []).forEach(s => shift(s, `term ${k}`))
    ;(term.days ?? []).forEach(d => day(d, `term ${k}`))
  })
}

/**
 * The roster a column vector encodes: fixed cells as fixed, a free cell works the shift whose `x`
 * exceeds 0.5 (the first one, if rounding noise ever gave two).
 */
export function rosterFromColumns(milp: Milp, values: ArrayLike<number>): number[][] {
  const { agents: E, days: H, shifts: S, cells } = milp
  return Array.from({ length: E }, (_, a) =>
    Array.from({ length: H }, (_, d) => {
      for (let s = 0; s < S; s++) {
        const code = cells[(a * H + d) * S + s] ?? FIXED_OFF
        if (code === FIXED_ON || (code >= 0 && (values[code] ?? 0) > 0.5)) return s
      }
      return OFF
    }),
  )
}

/**
 * The `x` part of a column vector for a roster (a MIP start): 1 where the roster works a free cell.
 * Returns sparse indices and values over the `x` columns only; HiGHS completes the slacks.
 */
export function columnsFromRoster(
  milp: Milp,
  roster: ReadonlyArray<readonly number[]>,
): { indices: Int32Array; values: Float64Array } {
  const { agents: E, days: H, shifts: S, cells } = milp
  const values = new Float64Array(milp.cellColumns)
  for (let a = 0; a < E; a++)
    for (let d = 0; d < H; d++) {
      const s = roster[a]?.[d] ?? OFF
      const code = s >= 0 && s < S ? (cells[(a * H + d) * S + s] ?? FIXED_OFF) : FIXED_OFF
      if (code >= 0) values[code] = 1
    }
  return { indices: Int32Array.from({ length: milp.cellColumns }, (_, j) => j), values }
}

/**
 * The MILP as CPLEX LP text (what `highs.solve(text)` reads), for debugging and for an independent
 * parse of the same program. Ranged rows become two rows (`name_l`, `name_u`); the objective
 * constant is written as a constant term.
 */
export function milpToLp(milp: Milp): string {
  const term = (v: number, name: string, first: boolean): string => {
    const sign = v < 0 ? '-' : first ? '' : '+'
    const abs = Math.abs(v)
    return `${first ? '' : ' '}${sign}${sign && !first ? ' ' : ''}${abs === 1 ? '' : `${abs} `}${name}`
  }
  const out: string[] = ['\\ Paiban model as an MILP (packages/solver/src/lab/highs/milp.ts)', 'Minimize']
  const objective: string[] = []
  milp.colCost.forEach((c, j) => {
    if (c !== 0) objective.push(term(c, milp.colNames[j] ?? `c${j}`, objective.length === 0))
  })
  if (milp.offset !== 0 || objective.length === 0) {
    const sign = milp.offset < 0 ? '-' : '+'
    objective.push(objective.length === 0 ? `${milp.offset}` : ` ${sign} ${Math.abs(milp.offset)}`)
  }
  out.push(` obj: ${objective.join('')}`, 'Subject To')
  for (let i = 0; i < milp.numRows; i++) {
    const parts: string[] = []
    for (let k = milp.starts[i] ?? 0; k < (milp.starts[i + 1] ?? 0); k++)
      parts.push(term(milp.values[k] ?? 0, milp.colNames[milp.indices[k] ?? 0] ?? '', parts.length === 0))
    const lhs = parts.join('')
    const lo = milp.rowLower[i] ?? -Infinity
    const hi = milp.rowUpper[i] ?? Infinity
    const name = milp.rowNames[i] ?? `r${i}`
    if (lo === hi) out.push(` ${name}: ${lhs} = ${lo}`)
    else if (lo > -Infinity && hi < Infinity)
      out.push(` ${name}_l: ${lhs} >= ${lo}`, ` ${name}_u: ${lhs} <= ${hi}`)
    else if (lo > -Infinity) out.push(` ${name}: ${lhs} >= ${lo}`)
    else out.push(` ${name}: ${lhs} <= ${hi}`)
  }
  out.push('Bounds')
  const binaries: string[] = []
  for (let j = 0; j < milp.numCols; j++) {
    const name = milp.colNames[j] ?? `c${j}`
    const lo = milp.colLower[j] ?? 0
    const hi = milp.colUpper[j] ?? Infinity
    if (milp.integrality[j] === 1 && lo === 0 && hi === 1) binaries.push(name)
    else if (hi === Infinity) {
      if (lo !== 0) out.push(` ${name} >= ${lo}`)
    } else out.push(` ${lo} <= ${name} <= ${hi}`)
  }
  if (binaries.length > 0) out.push('Binary', ...chunk(binaries, 12).map(names => ` ${names.join(' ')}`))
  out.push('End', '')
  return out.join('\n')
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
