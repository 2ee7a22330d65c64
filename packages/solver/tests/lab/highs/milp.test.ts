import highsLoader from 'highs'
import { describe, expect, it } from 'vitest'
import { checkRoster } from '../../../src/engine/check'
import { solveExact } from '../../../src/lab/highs/highs-engine'
import { milpToLp, modelToMilp, rosterFromColumns } from '../../../src/lab/highs/milp'
import { OFF } from '../../../src/model'
import type { Agent, CoverLine, Model, ShiftType } from '../../../src/model'
import { richModel } from '../../helpers/models'
import { bruteForce, seeded } from './brute'

const D = 0
const N = 1
const _ = OFF

const TWO_SHIFTS: readonly ShiftType[] = [
  { id: 'D', minutes: 480 },
  { id: 'N', minutes: 480 },
]

/** One agent, `days` days, day and night shifts; cover lines given as [day, shift, target, under, over]. */
function oneAgent(
  days: number,
  agent: Omit<Agent, 'id'>,
  cover: ReadonlyArray<readonly [number, number, number, number, number]>,
  extra: Partial<Model> = {},
): Model {
  return {
    days,
    shifts: TWO_SHIFTS,
    agents: [{ id: 'a', ...agent }],
    cover: cover.map(([day, shift, target, weightUnder, weightOver]): CoverLine => ({
      day,
      shift,
      target,
      weightUnder,
      weightOver,
    })),
    ...extra,
  }
}

/**
 * The model's unique optimum is `roster` at `objective`: checked first by trying every roster with
 * `checkRoster` (so the expectation itself is right), then solveExact must return exactly it.
 */
async function expectUniqueOptimum(model: Model, roster: number[][], objective: number): Promise<void> {
  const oracle = bruteForce(model)
  expect(oracle.best).toBe(objective)
  expect(oracle.optima).toEqual([roster])
  const result = await solveExact(model, { seconds: 20 })
  expect(result.status).toBe('optimal')
  expect(result.verified).toBe(true)
  expect(result.roster).toEqual(roster)
  expect(result.objective).toBe(objective)
  expect(result.bound).toBeCloseTo(objective, 6)
}

describe('modelToMilp: each hard rule, on a model whose optimum is known', () => {
  it('one shift a day', async () => {
    const model = oneAgent(1, {}, [
      [0, D, 1, 10, 0],
      [0, N, 1, 7, 0],
    ])
    await expectUniqueOptimum(model, [[D]], 7)
  })

  it('forbidden successions, including from history.lastShift onto day 0', async () => {
    const model: Model = {
      ...oneAgent(2, { history: { workedDaysBefore: 1, lastShift: N } }, [
        [0, D, 1, 10, 0],
        [1, D, 1, 1, 0],
        [0, N, 1, 3, 0],
        [1, N, 0, 0, 1],
      ]),
      shifts: [
        { id: 'D', minutes: 480 },
        { id: 'N', minutes: 480, forbiddenNext: [D] },
      ],
    }
    await expectUniqueOptimum(model, [[N, _]], 11)
  })

  it('max shifts per type', async () => {
    const model = oneAgent(
      3,
      { maxShifts: [2, 3] },
      [0, 1, 2].flatMap(d => [[d, D, 1, 10, 0] as const, [d, N, 0, 0, 1] as const]),
      { requests: [{ agent: 0, day: 1, shift: OFF, kind: 'on', weight: 1 }] },
    )
    await expectUniqueOptimum(model, [[D, _, D]], 10)
  })

  it('min total minutes', async () => {
    const model = oneAgent(3, { minMinutes: 960, maxShifts: [3, 0] }, [], {
      requests: [0, 1, 2].map(day => ({ agent: 0, day, shift: OFF, kind: 'on' as const, weight: day + 1 })),
    })
    await expectUniqueOptimum(model, [[D, D, _]], 3)
  })

  it('max total minutes', async () => {
    const model = oneAgent(3, { maxMinutes: 960, maxShifts: [3, 0] }, [
      [0, D, 1, 1, 0],
      [1, D, 1, 2, 0],
      [2, D, 1, 3, 0],
    ])
    await expectUniqueOptimum(model, [[_, D, D]], 1)
  })

  it('max consecutive worked days, counting history.workedDaysBefore at day 0', async () => {
    const model = oneAgent(
      4,
      { maxConsecutiveWorked: 3, maxShifts: [4, 0], history: { workedDaysBefore: 2 } },
      [
        [0, D, 1, 10, 0],
        [1, D, 1, 5, 0],
        [2, D, 1, 10, 0],
        [3, D, 1, 10, 0],
      ],
    )
    await expectUniqueOptimum(model, [[D, _, D, D]], 5)
  })

  it('min consecutive worked days, runs touching either end exempt', async () => {
    const model = oneAgent(6, { minConsecutiveWorked: 3, maxShifts: [6, 0] }, [
      [0, D, 1, 4, 0],
      [1, D, 0, 0, 2],
      [2, D, 0, 0, 2],
      [3, D, 1, 5, 0],
      [4, D, 0, 0, 2],
      [5, D, 1, 4, 0],
    ])
    // A lone shift on day 0 is allowed (it may continue before the horizon); one on day 3 is not.
    await expectUniqueOptimum(model, [[D, _, _, D, D, D]], 2)
  })

  it('min consecutive days off, runs touching either end exempt', async () => {
    const model = oneAgent(5, { minConsecutiveOff: 2, maxConsecutiveWorked: 3, maxShifts: [5, 0] }, [
      [0, D, 1, 10, 0],
      [1, D, 1, 10, 0],
      [2, D, 1, 1, 0],
      [3, D, 1, 3, 0],
      [4, D, 1, 10, 0],
    ])
    await expectUniqueOptimum(model, [[D, D, _, _, D]], 4)
  })

  it('max weekends (a weekend is worked when any of its days is)', async () => {
    const model = oneAgent(
      7,
      { maxWeekends: 1, maxShifts: [7, 0] },
      [
        [1, D, 1, 4, 0],
        [2, D, 1, 5, 0],
        [5, D, 1, 1, 0],
        [6, D, 1, 2, 0],
        [0, D, 0, 0, 1],
        [3, D, 0, 0, 1],
        [4, D, 0, 0, 1],
      ],
      {
        weekends: [
          [1, 2],
          [5, 6],
        ],
      },
    )
    await expectUniqueOptimum(model, [[_, D, D, _, _, _, _]], 3)
  })

  it('days off', async () => {
    const model = oneAgent(2, { daysOff: [0], maxShifts: [2, 0] }, [
      [0, D, 1, 5, 0],
      [1, D, 1, 5, 0],
    ])
    await expectUniqueOptimum(model, [[_, D]], 5)
  })

  it('pins, which override days off', async () => {
    const model = oneAgent(
      2,
      {
        daysOff: [0],
        pinned: [
          { day: 0, shift: N },
          { day: 1, shift: OFF },
        ],
      },
      [
        [0, D, 1, 5, 0],
        [1, D, 1, 5, 0],
        [0, N, 0, 0, 1],
      ],
    )
    await expectUniqueOptimum(model, [[N, _]], 11)
  })

  it('hard and soft shift-count terms, with days filters', async () => {
    const model = oneAgent(
      4,
      { maxShifts: [4, 0] },
      [0, 1, 2, 3].map(d => [d, D, 0, 0, 1] as const),
      {
        terms: [
          { kind: 'shift-count', agent: 0, shifts: [D], days: [0, 1], min: 2, hard: true, weight: 0 },
          { kind: 'shift-count', agent: 0, days: [2, 3], min: 2, hard: false, weight: 5 },
        ],
      },
    )
    await expectUniqueOptimum(model, [[D, D, D, D]], 4)
  })

  it('groups: only the group counts toward its cover line', async () => {
    const model: Model = {
      days: 1,
      shifts: [{ id: 'D', minutes: 480 }],
      agents: [{ id: 'a' }, { id: 'b' }],
      groups: [{ id: 'g', agents: [1] }],
      cover: [
        { day: 0, shift: 0, group: 0, target: 1, weightUnder: 5, weightOver: 0 },
        { day: 0, shift: 0, target: 0, weightUnder: 0, weightOver: 1 },
      ],
      requests: [{ agent: 1, day: 0, shift: OFF, kind: 'on', weight: 2 }],
    }
    await expectUniqueOptimum(model, [[_], [0]], 3)
  })
})

describe('modelToMilp: infeasible and fully fixed models', () => {
  it('solves a model whose cells are all pinned without HiGHS, priced by its requests', async () => {
    const model = oneAgent(
      2,
      {
        pinned: [
          { day: 0, shift: N },
          { day: 1, shift: OFF },
        ],
      },
      [],
      {
        requests: [
          { agent: 0, day: 0, shift: D, kind: 'on', weight: 3 },
          { agent: 0, day: 1, shift: OFF, kind: 'off', weight: 2 },
        ],
      },
    )
    const result = await solveExact(model, { seconds: 10 })
    expect(result.highsStatus).toBe('not run')
    expect(result.status).toBe('optimal')
    expect(result.roster).toEqual([[N, _]])
    expect(result.objective).toBe(5)
  })

  it('returns infeasible when HiGHS proves no roster meets the hard rules', async () => {
    const model = oneAgent(2, { minMinutes: 3 * 480 }, [])
    expect(bruteForce(model).feasible).toBe(0)
    const result = await solveExact(model, { seconds: 10 })
    expect(result.status).toBe('infeasible')
    expect(result.roster).toBeNull()
    expect(result.highsStatus).toBe('infeasible')
  })

  it('names the rule when pinned cells alone break it, without running HiGHS', async () => {
    const model = oneAgent(
      3,
      {
        maxConsecutiveWorked: 2,
        pinned: [0, 1, 2].map(day => ({ day, shift: D })),
      },
      [],
    )
    const result = await solveExact(model, { seconds: 10 })
    expect(result.status).toBe('infeasible')
    expect(result.highsStatus).toBe('not run')
    expect(result.conflicts.map(c => c.rule)).toEqual(['max-consecutive-worked'])
  })
})

/**
 * A random toy model using every feature, small enough to enumerate: 3^8 rosters, as 2 agents × 4
 * days (odd seeds) or 1 agent × 8 days (even seeds, for longer runs).
 */
function randomModel(seed: number): Model {
  const rng = seeded(seed)
  const days = seed % 2 === 0 ? 8 : 4
  const size = seed % 2 === 0 ? 1 : 2
  const pick = <T>(items: readonly T[]): T => items[rng.int(items.length)] as T
  const maybe = <T>(p: number, value: () => T): T | undefined => (rng.next() < p ? value() : undefined)
  const agents = Array.from({ length: size }, (_, a): Agent => {
    const agent: { -readonly [K in keyof Agent]: Agent[K] } = { id: `a${a}` }
    agent.maxShifts = maybe(0.5, () => [pick([0, 2, 5]), pick([1, 3, 5])])
    agent.minMinutes = maybe(0.3, () => pick([480, 960, 1440]))
    agent.maxMinutes = maybe(0.3, () => pick([960, 1440, 1920]))
    agent.maxConsecutiveWorked = maybe(0.5, () => pick([1, 2, 3]))
    agent.minConsecutiveWorked = maybe(0.4, () => pick([2, 3]))
    agent.minConsecutiveOff = maybe(0.4, () => pick([2, 3]))
    agent.maxWeekends = maybe(0.4, () => pick([0, 1]))
    agent.daysOff = maybe(0.3, () => [rng.int(days)])
    agent.pinned = maybe(0.3, () => [{ day: rng.int(days), shift: pick([OFF, 0, 1]) }])
    agent.history = maybe(0.5, () => ({ workedDaysBefore: rng.int(4), lastShift: pick([OFF, 0, 1]) }))
    return Object.fromEntries(Object.entries(agent).filter(([, v]) => v !== undefined)) as Agent
  })
  const cover: CoverLine[] = []
  for (let day = 0; day < days; day++)
    for (let shift = 0; shift < 2; shift++) {
      if (rng.next() < 0.7)
        cover.push({ day, shift, target: rng.int(3), weightUnder: 1 + rng.int(9), weightOver: rng.int(3) })
      if (rng.next() < 0.3)
        cover.push({ day, shift, group: 0, target: 1, weightUnder: 1 + rng.int(4), weightOver: rng.int(2) })
    }
  return {
    days,
    shifts: [
      { id: 'D', minutes: 480, ...(rng.next() < 0.3 ? { forbiddenNext: [1] } : {}) },
      { id: 'N', minutes: pick([480, 600]), forbiddenNext: pick([[0], [0, 1], []]) },
    ],
    agents,
    groups: [{ id: 'g', agents: [rng.int(size)] }],
    cover,
    requests: Array.from({ length: rng.int(4) }, () => ({
      agent: rng.int(size),
      day: rng.int(days),
      shift: pick([OFF, 0, 1]),
      kind: pick(['on', 'off'] as const),
      weight: 1 + rng.int(3),
    })),
    weekends: days === 8 ? [[0], [5, 6]] : [[0], [2, 3]],
    terms: Array.from({ length: rng.int(3) }, () => ({
      kind: 'shift-count' as const,
      agent: rng.int(size),
      ...(rng.next() < 0.5 ? { shifts: [pick([0, 1])] } : {}),
      ...(rng.next() < 0.5 ? { days: [rng.int(days), rng.int(days)] } : {}),
      ...(rng.next() < 0.7 ? { min: rng.int(3) } : {}),
      ...(rng.next() < 0.5 ? { max: 1 + rng.int(3) } : {}),
      hard: rng.next() < 0.3,
      weight: 1 + rng.int(4),
    })),
  }
}

describe('modelToMilp against exhaustive enumeration (independent oracle: checkRoster)', () => {
  // Seeds 1, 3 and 7 are infeasible (no roster at all), the others have known optima.
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
    it(`random toy model, seed ${seed}`, async () => {
      const model = randomModel(seed)
      const oracle = bruteForce(model)
      const result = await solveExact(model, { seconds: 20 })
      if (oracle.feasible === 0) {
        expect(result.status).toBe('infeasible')
        return
      }
      expect(result.status).toBe('optimal')
      expect(result.verified).toBe(true)
      expect(result.objective).toBe(oracle.best)
      expect(oracle.optima).toContainEqual(result.roster)
    })
  }
})

describe('the MILP objective is checkRoster objective', () => {
  it('on the rich test model (groups, history, pins, weekends, terms): HiGHS and checkRoster agree', async () => {
    const model = richModel()
    const result = await solveExact(model, { seconds: 30 })
    expect(result.status).toBe('optimal')
    expect(result.disagreements).toEqual([])
    const roster = result.roster ?? []
    expect(checkRoster(model, roster).objective).toBe(result.objective)
    expect(result.highsObjective).toBeCloseTo(result.objective ?? NaN, 6)
  })

  it("the LP text, parsed by HiGHS's own reader, has the same optimum", async () => {
    const model = randomModel(9)
    const result = await solveExact(model, { seconds: 20 })
    expect(result.status).toBe('optimal')
    const milp = modelToMilp(model)
    const highs = await highsLoader()
    const solved = highs.solve(milpToLp(milp), { output_flag: false, mip_rel_gap: 0 })
    expect(solved.Status).toBe('Optimal')
    expect(solved.ObjectiveValue).toBeCloseTo(result.objective ?? NaN, 6)
    const values = milp.colNames.map(name => {
      const column = solved.Columns[name]
      return column && 'Primal' in column ? column.Primal : 0
    })
    const fromText = rosterFromColumns(milp, values)
    expect(checkRoster(model, fromText).hard).toBe(0)
    expect(checkRoster(model, fromText).objective).toBe(result.objective)
  })

  it('offset plus column costs of any roster equal checkRoster objective (random rosters)', () => {
    const model = richModel()
    const milp = modelToMilp(model)
    const rng = seeded(3)
    for (let k = 0; k < 50; k++) {
      // A random roster that keeps fixed cells; its x columns priced by the MILP costs, plus the best
      // slacks for it, must give checkRoster's objective.
      const roster = model.agents.map((_, a) =>
        Array.from({ length: model.days }, (_, d) => {
          const free = [OFF]
          for (let s = 0; s < model.shifts.length; s++) {
            const code = milp.cells[(a * model.days + d) * model.shifts.length + s] ?? -1
            if (code === -2) return s
            if (code >= 0) free.push(s)
          }
          return free[rng.int(free.length)] ?? OFF
        }),
      )
      expect(priceRoster(model, milp, roster)).toBeCloseTo(checkRoster(model, roster).objective, 9)
    }
  })
})

/** The MILP's objective for a roster: x costs plus the cheapest slacks (cover lines and soft terms). */
function priceRoster(model: Model, milp: ReturnType<typeof modelToMilp>, roster: number[][]): number {
  const x = new Float64Array(milp.numCols)
  roster.forEach((row, a) =>
    row.forEach((s, d) => {
      const code = s >= 0 ? (milp.cells[(a * model.days + d) * model.shifts.length + s] ?? -1) : -1
      if (code >= 0) x[code] = 1
    }),
  )
  let total = milp.offset
  for (let j = 0; j < milp.cellColumns; j++) total += (milp.colCost[j] ?? 0) * (x[j] ?? 0)
  // Each row with one slack: activity of the x part decides the slack.
  for (let i = 0; i < milp.numRows; i++) {
    const name = milp.rowNames[i] ?? ''
    if (!name.startsWith('c') && !name.startsWith('t')) continue
    let activity = 0
    let under: number | undefined
    let over: number | undefined
    for (let k = milp.starts[i] ?? 0; k < (milp.starts[i + 1] ?? 0); k++) {
      const j = milp.indices[k] ?? 0
      if (j < milp.cellColumns) activity += (milp.values[k] ?? 0) * (x[j] ?? 0)
      else if ((milp.values[k] ?? 0) > 0) under = j
      else over = j
    }
    const lo = milp.rowLower[i] ?? -Infinity
    const hi = milp.rowUpper[i] ?? Infinity
    if (under !== undefined && activity < lo) total += (lo - activity) * (milp.colCost[under] ?? 0)
    if (over !== undefined && activity > hi) total += (activity - hi) * (milp.colCost[over] ?? 0)
  }
  return total
}
