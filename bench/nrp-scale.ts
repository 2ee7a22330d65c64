import type { NrpInstance } from '@paiban/solver/lab'

/** Spreadsheet-style IDs as the Curtois files use them: A…Z, AA, AB, … */
export function employeeId(i: number): string {
  let id = ''
  let n = i
  do {
    id = String.fromCharCode(65 + (n % 26)) + id
    n = Math.floor(n / 26) - 1
  } while (n >= 0)
  return id
}

/**
 * A larger instance from a smaller one, for measuring the engine beyond the twelve public instances
 * (Instances 13–24 run to 150 employees × 364 days): the horizon repeated `repeat` times (limits per
 * horizon scaled with it) and the staff copied `copies` times (cover scaled with it). It keeps the
 * original's rules and proportions; its optimum is unknown (runs may join across the tile seams).
 */
export function scaleInstance(instance: NrpInstance, repeat: number, copies: number): NrpInstance {
  const H = instance.horizon
  const E = instance.staff.length
  const newH = H * repeat
  const staff = Array.from({ length: copies }, (_, c) =>
    instance.staff.map((e, i) => ({
      ...e,
      id: employeeId(c * E + i),
      maxShifts: e.maxShifts.map(n => Math.min(newH, n * repeat)),
      maxTotalMinutes: e.maxTotalMinutes * repeat,
      minTotalMinutes: e.minTotalMinutes * repeat,
      maxWeekends: e.maxWeekends * repeat,
      daysOff: Array.from({ length: repeat }, (_, r) => e.daysOff.map(d => d + r * H)).flat(),
    })),
  ).flat()
  const shiftRequests = (list: NrpInstance['onRequests']) =>
    Array.from({ length: copies }, (_, c) =>
      Array.from({ length: repeat }, (_, r) =>
        list.map(q => ({ ...q, employee: q.employee + c * E, day: q.day + r * H })),
      ).flat(),
    ).flat()
  return {
    ...instance,
    horizon: newH,
    staff,
    onRequests: shiftRequests(instance.onRequests),
    offRequests: shiftRequests(instance.offRequests),
    cover: Array.from({ length: repeat }, (_, r) =>
      instance.cover.map(line => ({
        ...line,
        day: line.day + r * H,
        requirement: line.requirement * copies,
      })),
    ).flat(),
  }
}

/**
 * The same instance with every shift type split into `k` types (IDs suffixed 1…k), for measuring
 * the engine at the shift-type counts of the largest instances (Instance24 has 32): each copy keeps
 * the shift's length, successions (a forbidden pair forbids every copy of it) and per-employee
 * limit; a cover line's requirement is shared out among the copies (the first get the remainder),
 * and a request names the copy `(employee + day) % k`.
 */
export function splitShifts(instance: NrpInstance, k: number): NrpInstance {
  if (k <= 1) return instance
  const S = instance.shifts.length
  const copy = (s: number, j: number): number => s * k + j
  const request = (q: NrpInstance['onRequests'][number]) => ({
    ...q,
    shift: copy(q.shift, (q.employee + q.day) % k),
  })
  return {
    ...instance,
    shifts: instance.shifts.flatMap(shift =>
      Array.from({ length: k }, (_, j) => ({
        ...shift,
        id: `${shift.id}${j + 1}`,
        forbiddenNext: shift.forbiddenNext.flatMap(t => Array.from({ length: k }, (_, i) => copy(t, i))),
      })),
    ),
    staff: instance.staff.map(e => ({
      ...e,
      maxShifts: e.maxShifts.flatMap(n => new Array<number>(k).fill(n)),
    })),
    onRequests: instance.onRequests.map(request),
    offRequests: instance.offRequests.map(request),
    cover: Array.from({ length: instance.horizon }, (_, day) =>
      Array.from({ length: S }, (_, s) => {
        const line = instance.cover[day * S + s] ?? {
          day,
          shift: s,
          requirement: 0,
          weightUnder: 0,
          weightOver: 0,
        }
        return Array.from({ length: k }, (_, j) => ({
          ...line,
          shift: copy(s, j),
          requirement: Math.floor(line.requirement / k) + (j < line.requirement % k ? 1 : 0),
        }))
      }).flat(),
    ).flat(),
  }
}
