import type { NrpEmployee, NrpInstance } from './instance'

/** The hard rules of FORMAT.md §3 (rule 1, one shift a day, is built into the roster shape). */
export type NrpRule =
  | 'forbidden-succession'
  | 'max-shifts'
  | 'max-total-minutes'
  | 'min-total-minutes'
  | 'max-consecutive-shifts'
  | 'min-consecutive-shifts'
  | 'min-consecutive-days-off'
  | 'max-weekends'
  | 'day-off'

/** One broken hard rule: `employee` is the employee ID, `day` the first day concerned when there is one. */
export type NrpViolation = {
  readonly rule: NrpRule
  readonly employee: string
  readonly day?: number
  readonly detail: string
}

/** The evaluation of a roster against FORMAT.md §3 (hard rules) and §4 (objective). */
export type NrpEvaluation = {
  /** True when `hardViolations` is empty. */
  readonly feasible: boolean
  /** The §4 objective (sum of the four penalties below). Meaningless when `feasible` is false. */
  readonly objective: number
  /** Weighted on-requests not granted (a different shift or a day off). */
  readonly onRequestPenalty: number
  /** Weighted off-requests granted (exactly the named shift worked). */
  readonly offRequestPenalty: number
  /** Weighted under-cover, summed over (day, shift). */
  readonly underCover: number
  /** Weighted over-cover, summed over (day, shift). */
  readonly overCover: number
  readonly hardViolations: readonly NrpViolation[]
}

/** A roster: `roster[employee][day]` is a shift index, or -1 for a day off. */
export type NrpRoster = ReadonlyArray<readonly number[]>

/**
 * Evaluates a roster exactly as FORMAT.md §3–§4 define it, in O(E·H + requests + cover lines).
 * This is the independent check for every roster the engine returns; it shares no code with the engine.
 * @throws Error when the roster's shape does not match the instance (a programming error, not a rule).
 * @example evaluateNrp(instance, roster).objective // 607 for an optimal Instance1 roster
 */
export function evaluateNrp(instance: NrpInstance, roster: NrpRoster): NrpEvaluation {
  checkShape(instance, roster)
  const hardViolations = instance.staff.flatMap((employee, e) =>
    employeeViolations(instance, employee, roster[e] ?? []),
  )
  const onRequestPenalty = sum(
    instance.onRequests.map(r => (roster[r.employee]?.[r.day] !== r.shift ? r.weight : 0)),
  )
  const offRequestPenalty = sum(
    instance.offRequests.map(r => (roster[r.employee]?.[r.day] === r.shift ? r.weight : 0)),
  )
  const { underCover, overCover } = coverPenalty(instance, roster)
  return {
    feasible: hardViolations.length === 0,
    objective: onRequestPenalty + offRequestPenalty + underCover + overCover,
    onRequestPenalty,
    offRequestPenalty,
    underCover,
    overCover,
    hardViolations,
  }
}

function checkShape(instance: NrpInstance, roster: NrpRoster): void {
  if (roster.length !== instance.staff.length) {
    throw new Error(`roster has ${roster.length} rows, instance has ${instance.staff.length} employees`)
  }
  roster.forEach((row, e) => {
    if (row.length !== instance.horizon) {
      throw new Error(`roster row ${e} has ${row.length} days, instance has ${instance.horizon}`)
    }
    row.forEach((s, d) => {
      if (!Number.isInteger(s) || s < -1 || s >= instance.shifts.length) {
        throw new Error(`roster cell (${e}, ${d}) holds ${s}, not a shift index or -1`)
      }
    })
  })
}

function employeeViolations(
  instance: NrpInstance,
  employee: NrpEmployee,
  row: readonly number[],
): NrpViolation[] {
  const violation = (rule: NrpRule, detail: string, day?: number): NrpViolation =>
    day === undefined ? { rule, employee: employee.id, detail } : { rule, employee: employee.id, day, detail }
  const out: NrpViolation[] = []
  const { shifts, horizon } = instance

  for (let d = 0; d + 1 < horizon; d++) {
    const s = row[d] ?? -1
    const t = row[d + 1] ?? -1
    if (s >= 0 && t >= 0 && shifts[s]?.forbiddenNext.includes(t)) {
      out.push(violation('forbidden-succession', `${shifts[s]?.id} then ${shifts[t]?.id}`, d))
    }
  }

  const counts = new Array<number>(shifts.length).fill(0)
  let minutes = 0
  for (const s of row) {
    if (s < 0) continue
    counts[s] = (counts[s] ?? 0) + 1
    minutes += shifts[s]?.minutes ?? 0
  }
  counts.forEach((n, s) => {
    const max = employee.maxShifts[s] ?? horizon
    if (n > max) out.push(violation('max-shifts', `${n} × ${shifts[s]?.id}, at most ${max}`))
  })
  if (minutes > employee.maxTotalMinutes) {
    out.push(violation('max-total-minutes', `${minutes} min, at most ${employee.maxTotalMinutes}`))
  }
  if (minutes < employee.minTotalMinutes) {
    out.push(violation('min-total-minutes', `${minutes} min, at least ${employee.minTotalMinutes}`))
  }

  for (const run of runs(row)) {
    const length = run.end - run.start + 1
    const atEdge = run.start === 0 || run.end === horizon - 1
    if (run.working && length > employee.maxConsecutiveShifts) {
      out.push(
        violation(
          'max-consecutive-shifts',
          `${length} days, at most ${employee.maxConsecutiveShifts}`,
          run.start,
        ),
      )
    }
    if (run.working && !atEdge && length < employee.minConsecutiveShifts) {
      out.push(
        violation(
          'min-consecutive-shifts',
          `${length} days, at least ${employee.minConsecutiveShifts}`,
          run.start,
        ),
      )
    }
    if (!run.working && !atEdge && length < employee.minConsecutiveDaysOff) {
      out.push(
        violation(
          'min-consecutive-days-off',
          `${length} days, at least ${employee.minConsecutiveDaysOff}`,
          run.start,
        ),
      )
    }
  }

  let weekends = 0
  for (let saturday = 5; saturday < horizon; saturday += 7) {
    if ((row[saturday] ?? -1) >= 0 || (row[saturday + 1] ?? -1) >= 0) weekends++
  }
  if (weekends > employee.maxWeekends) {
    out.push(violation('max-weekends', `${weekends} weekends, at most ${employee.maxWeekends}`))
  }

  for (const day of employee.daysOff) {
    if ((row[day] ?? -1) >= 0) out.push(violation('day-off', `works ${shifts[row[day] ?? 0]?.id}`, day))
  }
  return out
}

type Run = { readonly start: number; readonly end: number; readonly working: boolean }

function runs(row: readonly number[]): Run[] {
  const out: Run[] = []
  let start = 0
  for (let d = 1; d <= row.length; d++) {
    const working = (row[start] ?? -1) >= 0
    if (d === row.length || (row[d] ?? -1) >= 0 !== working) {
      out.push({ start, end: d - 1, working })
      start = d
    }
  }
  return out
}

function coverPenalty(instance: NrpInstance, roster: NrpRoster): { underCover: number; overCover: number } {
  const S = instance.shifts.length
  const staffed = new Array<number>(instance.horizon * S).fill(0)
  for (const row of roster) {
    row.forEach((s, d) => {
      if (s >= 0) staffed[d * S + s] = (staffed[d * S + s] ?? 0) + 1
    })
  }
  let underCover = 0
  let overCover = 0
  for (const line of instance.cover) {
    const n = staffed[line.day * S + line.shift] ?? 0
    if (n < line.requirement) underCover += (line.requirement - n) * line.weightUnder
    if (n > line.requirement) overCover += (n - line.requirement) * line.weightOver
  }
  return { underCover, overCover }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0)
}
