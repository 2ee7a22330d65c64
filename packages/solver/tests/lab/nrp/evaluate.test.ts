import { describe, expect, it } from 'vitest'
import { checkRoster } from '../../../src/engine/check'
import { OFF } from '../../../src/model'
import { compileNrp } from '../../../src/lab/nrp/compile'
import { evaluateNrp } from '../../../src/lab/nrp/evaluate'
import { parseNrpInstance, type NrpEmployee, type NrpInstance } from '../../../src/lab/nrp/instance'
import { readStrandmarkRoster } from '../../../src/lab/nrp/solution-io'
import { hasCurtois, loadInstance, readCurtois } from '../../helpers/curtois'

// solutions/README.md, "Expected evaluator output".
const STRANDMARK = [
  [1, 608, 4, 3, 600, 1],
  [2, 845, 43, 2, 800, 0],
  [3, 1005, 5, 0, 1000, 0],
  [4, 1842, 31, 4, 1800, 7],
  [5, 1275, 58, 14, 1200, 3],
  [6, 2192, 61, 21, 2100, 10],
  [7, 1187, 71, 14, 1100, 2],
  [8, 2734, 184, 43, 2500, 7],
  [9, 445, 45, 0, 400, 0],
  [10, 4761, 51, 3, 4700, 7],
] as const

describe.runIf(hasCurtois)('evaluateNrp on Strandmark’s rosters', () => {
  it.each(STRANDMARK)(
    'scores Instance%i as %i with the published breakdown',
    (n, objective, on, off, under, over) => {
      const instance = loadInstance(n)
      const roster = readStrandmarkRoster(instance, readCurtois(`solutions/Instance${n}.strandmark.out`))
      const result = evaluateNrp(instance, roster)
      expect(result.hardViolations).toEqual([])
      expect(result.feasible).toBe(true)
      expect({
        objective: result.objective,
        on: result.onRequestPenalty,
        off: result.offRequestPenalty,
        under: result.underCover,
        over: result.overCover,
      }).toEqual({ objective, on, off, under, over })
    },
  )
})

// Two shifts, D and N; N may not be followed by D. One employee whose limits bind nothing unless a test says so.
const H = 14
const LOOSE: NrpEmployee = {
  id: 'A',
  maxShifts: [H, H],
  maxTotalMinutes: H * 480,
  minTotalMinutes: 0,
  maxConsecutiveShifts: H,
  minConsecutiveShifts: 1,
  minConsecutiveDaysOff: 1,
  maxWeekends: 2,
  daysOff: [],
}

function instance(employee: Partial<NrpEmployee> = {}, extra: Partial<NrpInstance> = {}): NrpInstance {
  return {
    horizon: H,
    shifts: [
      { id: 'D', minutes: 480, forbiddenNext: [] },
      { id: 'N', minutes: 480, forbiddenNext: [0] },
    ],
    staff: [{ ...LOOSE, ...employee }],
    onRequests: [],
    offRequests: [],
    cover: [],
    ...extra,
  }
}

/** One employee's row from a picture: `.` off, `D` and `N` the shifts. */
function row(picture: string): number[][] {
  return [[...picture].map(ch => (ch === '.' ? -1 : ch === 'D' ? 0 : 1))]
}

function rules(employee: Partial<NrpEmployee>, picture: string): Array<[string, number | undefined]> {
  return evaluateNrp(instance(employee), row(picture)).hardViolations.map(v => [v.rule, v.day])
}

describe('evaluateNrp hard rules', () => {
  it('accepts a roster that breaks nothing', () => {
    expect(rules({}, 'DDDNN..DD.DDNN')).toEqual([])
  })

  it('flags a forbidden succession on the day of the first shift', () => {
    expect(rules({}, '...ND.........')).toEqual([['forbidden-succession', 3]])
  })

  it('does not check a succession across the end of the horizon', () => {
    expect(rules({}, '.............N')).toEqual([])
  })

  it('flags more shifts of a type than MaxShifts', () => {
    expect(rules({ maxShifts: [H, 1] }, '.N.N..........')).toEqual([['max-shifts', undefined]])
  })

  it('flags total minutes above the maximum', () => {
    expect(rules({ maxTotalMinutes: 3 * 480 }, 'DDDD..........')).toEqual([['max-total-minutes', undefined]])
  })

  it('flags total minutes below the minimum (the minimum is hard)', () => {
    expect(rules({ minTotalMinutes: 3 * 480 }, 'DD............')).toEqual([['min-total-minutes', undefined]])
  })

  it('flags a run longer than MaxConsecutiveShifts, also one starting on day 0', () => {
    expect(rules({ maxConsecutiveShifts: 3 }, 'DDDD..........')).toEqual([['max-consecutive-shifts', 0]])
  })

  it('flags a working run shorter than MinConsecutiveShifts inside the horizon', () => {
    expect(rules({ minConsecutiveShifts: 2 }, '...D..........')).toEqual([['min-consecutive-shifts', 3]])
  })

  it('exempts a short working run that starts on day 0 or ends on day H-1', () => {
    expect(rules({ minConsecutiveShifts: 2 }, 'D............D')).toEqual([])
  })

  it('flags a run of days off shorter than MinConsecutiveDaysOff inside the horizon', () => {
    expect(rules({ minConsecutiveDaysOff: 2 }, 'DD.DDDDDDDDDDD')).toEqual([['min-consecutive-days-off', 2]])
  })

  it('exempts a short run of days off that starts on day 0 or ends on day H-1', () => {
    expect(rules({ minConsecutiveDaysOff: 2 }, '.DDDDDDDDDDDD.')).toEqual([])
  })

  it('counts a weekend as worked when the Saturday or the Sunday is worked', () => {
    expect(rules({ maxWeekends: 1 }, '......D......D')).toEqual([['max-weekends', undefined]])
    expect(rules({ maxWeekends: 1 }, '.....D......D.')).toEqual([['max-weekends', undefined]])
  })

  it('counts a weekend with both days worked once', () => {
    expect(rules({ maxWeekends: 1 }, '.....DD.......')).toEqual([])
  })

  it('flags work on a day off', () => {
    expect(rules({ daysOff: [4] }, '....D.........')).toEqual([['day-off', 4]])
  })

  it('names the employee in each violation', () => {
    const [violation] = evaluateNrp(instance({ daysOff: [4] }), row('....D.........')).hardViolations
    expect(violation).toMatchObject({ rule: 'day-off', employee: 'A', day: 4 })
  })
})

describe('evaluateNrp objective', () => {
  it('charges an on-request broken by a day off or by another shift', () => {
    const onRequests = [
      { employee: 0, day: 0, shift: 0, weight: 2 },
      { employee: 0, day: 1, shift: 0, weight: 3 },
      { employee: 0, day: 2, shift: 0, weight: 1 },
    ]
    const result = evaluateNrp(instance({}, { onRequests }), row('.ND...........'))
    expect(result.onRequestPenalty).toBe(2 + 3)
    expect(result.objective).toBe(5)
  })

  it('charges an off-request only when exactly the named shift is worked', () => {
    const offRequests = [
      { employee: 0, day: 0, shift: 1, weight: 3 },
      { employee: 0, day: 1, shift: 1, weight: 2 },
    ]
    expect(evaluateNrp(instance({}, { offRequests }), row('DN............')).offRequestPenalty).toBe(2)
  })

  it('counts cover per (day, shift): staff on another shift do not reduce a shortfall', () => {
    const cover = [
      { day: 0, shift: 0, requirement: 2, weightUnder: 100, weightOver: 1 },
      { day: 0, shift: 1, requirement: 0, weightUnder: 100, weightOver: 5 },
      { day: 1, shift: 0, requirement: 0, weightUnder: 100, weightOver: 1 },
    ]
    const result = evaluateNrp(instance({}, { cover }), row('ND............'))
    expect(result.underCover).toBe(200)
    expect(result.overCover).toBe(5 + 1)
  })

  it('reports the objective of an infeasible roster without adding any penalty for it', () => {
    const result = evaluateNrp(instance({ daysOff: [0] }), row('D.............'))
    expect(result.feasible).toBe(false)
    expect(result.objective).toBe(0)
  })

  it('rejects a roster whose shape does not match the instance', () => {
    expect(() => evaluateNrp(instance(), [[0, 0]])).toThrow('roster row 0 has 2 days')
    expect(() => evaluateNrp(instance(), [new Array<number>(H).fill(2)])).toThrow('not a shift index')
  })
})

/**
 * Instance15 read straight from its text, section by section, with none of the reader's code: the
 * §4 objective of a roster counted by hand.
 */
function handObjective(text: string, roster: ReadonlyArray<ReadonlyArray<string | null>>): number {
  const lines = text.split(/\r?\n/).map(l => l.trim())
  const section = (name: string) => {
    const start = lines.indexOf(name) + 1
    const rows: string[][] = []
    for (let i = start; i < lines.length && !(lines[i] ?? '').startsWith('SECTION_'); i++) {
      const line = lines[i] ?? ''
      if (line !== '' && !line.startsWith('#')) rows.push(line.split(','))
    }
    return rows
  }
  const ids = section('SECTION_STAFF').map(r => r[0])
  const cell = (id: string | undefined, day: string | undefined) =>
    roster[ids.indexOf(id)]?.[Number(day)] ?? null
  let total = 0
  for (const [id, day, shift, weight] of section('SECTION_SHIFT_ON_REQUESTS'))
    if (cell(id, day) !== shift) total += Number(weight)
  for (const [id, day, shift, weight] of section('SECTION_SHIFT_OFF_REQUESTS'))
    if (cell(id, day) === shift) total += Number(weight)
  for (const [day, shift, requirement, under, over] of section('SECTION_COVER')) {
    const staffed = roster.filter(row => row[Number(day)] === shift).length
    // Number('-0') is -0, and -0 staff short of 0 is none: the benchmark's own reading.
    const need = Number(requirement)
    total += Math.max(0, need - staffed) * Number(under) + Math.max(0, staffed - need) * Number(over)
  }
  return total
}

describe.runIf(hasCurtois)('evaluateNrp on Instance15 (its cover holds a -0)', () => {
  it('gives the objective counted by hand from the file, as the compiled model does', () => {
    const text = readCurtois('Instance15.txt')
    const instance = parseNrpInstance(text)
    const D = instance.shifts.findIndex(s => s.id === 'D')
    // By hand: every on-request granted, every other day off, and three more day shifts on day 41,
    // the day whose D line reads "41,D,-0,100,1" (so they are over-cover of weight 1 each).
    const roster = instance.staff.map((_, e) =>
      Array.from({ length: instance.horizon }, (_, day) =>
        e <= 2 && day === 41
          ? D
          : (instance.onRequests.find(r => r.employee === e && r.day === day)?.shift ?? OFF),
      ),
    )
    const named = roster.map(row => row.map(s => (s === OFF ? null : (instance.shifts[s]?.id ?? null))))
    const expected = handObjective(text, named)
    const result = evaluateNrp(instance, roster)
    expect(result.objective).toBe(expected)
    expect(result.overCover).toBeGreaterThanOrEqual(3)
    expect(checkRoster(compileNrp(instance), roster).objective).toBe(expected)
    // And another hand-built roster, nobody working: all on-requests and all cover missed.
    const idle = instance.staff.map(() => Array<number>(instance.horizon).fill(OFF))
    const none = idle.map(row => row.map(() => null))
    expect(evaluateNrp(instance, idle).objective).toBe(handObjective(text, none))
    expect(checkRoster(compileNrp(instance), idle).objective).toBe(handObjective(text, none))
  })
})
