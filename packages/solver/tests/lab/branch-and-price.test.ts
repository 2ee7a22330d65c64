import { describe, expect, it } from 'vitest'
import { checkRoster } from '../../src/engine/check'
import { solve } from '../../src/engine/solve'
import { branchAndPrice } from '../../src/lab/branch-and-price'
import { solveExact } from '../../src/lab/highs/highs-engine'
import { solveHybrid } from '../../src/lab/hybrid'
import { polish, startTreeHelper } from '../../src/lab/tree-helper'
import { createPeers, sharedRoster } from '../../src/engine/search'
import { OFF } from '../../src/model'
import type { Model } from '../../src/model'
import { solveNrp } from '../../src/lab/nrp/compile'
import { evaluateNrp } from '../../src/lab/nrp/evaluate'
import { hasCurtois, loadInstance } from '../helpers/curtois'
import { richModel, week } from '../helpers/models'

/** The rich model without its terms (branch and price prices the built-in rules only). */
function richWithoutTerms(): Model {
  const { terms: _terms, ...model } = richModel()
  return model
}

/** The week with a short day line (two wanted, weighted 100) and wishes that pull against it. */
function tightWeek(): Model {
  const base = week()
  return {
    ...base,
    cover: base.cover.map(line => (line.day === 2 && line.shift === 0 ? { ...line, target: 2 } : line)),
    requests: [
      { agent: 0, day: 2, shift: OFF, kind: 'on', weight: 3 },
      { agent: 1, day: 2, shift: 1, kind: 'on', weight: 2 },
      { agent: 2, day: 4, shift: 0, kind: 'off', weight: 1 },
      { agent: 1, day: 6, shift: OFF, kind: 'on', weight: 2 },
    ],
  }
}

/** The tight week with weights that are not integers (bounds are then not rounded up). */
function fractionalWeek(): Model {
  const base = tightWeek()
  return {
    ...base,
    cover: base.cover.map(line => ({ ...line, weightUnder: line.weightUnder * 1.5, weightOver: 0.75 })),
    requests: (base.requests ?? []).map(r => ({ ...r, weight: r.weight + 0.25 })),
  }
}

/** A feasible but poor start: a short seeded search. */
function poorStart(model: Model): number[][] {
  const start = solve(model, { maxIterations: 200, seed: 3 })
  expect(start.score.hard).toBe(0)
  return start.roster
}

/** The root pool a branch and price hands over (`onRoot`), checked to come exactly once. */
async function rootPool(model: Model, start: number[][]): Promise<number[][][]> {
  const pools: number[][][][] = []
  await branchAndPrice(model, start, { seconds: 60, onRoot: rows => pools.push(rows) })
  expect(pools).toHaveLength(1)
  return pools[0] ?? []
}

describe('branchAndPrice', () => {
  it.each([
    ['the rich model without terms', richWithoutTerms],
    ['a tight week with wishes', tightWeek],
    ['the tight week with fractional weights', fractionalWeek],
  ])(
    'on %s: searches the whole tree and ends on the MILP optimum, with a roster that breaks no hard rule',
    async (_, build) => {
      const model = build()
      const optimum = await solveExact(model, { seconds: 60 })
      expect(optimum.status).toBe('optimal')
      const start = poorStart(model)
      const result = await branchAndPrice(model, start, { seconds: 60 })
      expect(result.note).toBe('')
      expect(result.exhausted).toBe(true)
      const check = checkRoster(model, result.roster)
      expect(check.hardViolations).toEqual([])
      expect(check.objective).toBe(result.objective)
      expect(result.objective).toBeCloseTo(optimum.objective ?? NaN, 6)
      expect(result.objective).toBeLessThanOrEqual(checkRoster(model, start).objective)
      // The root bound is a lower bound on the optimum.
      expect(result.bound).toBeDefined()
      expect(result.bound ?? Infinity).toBeLessThanOrEqual((optimum.objective ?? -Infinity) + 1e-6)
      expect(result.nodes).toBeGreaterThan(0)
    },
  )

  it('with the pool purged at every pass start, still searches the whole tree and ends on the MILP optimum', async () => {
    let purged = 0
    for (const model of [richWithoutTerms(), tightWeek(), fractionalWeek()]) {
      const optimum = await solveExact(model, { seconds: 60 })
      const start = poorStart(model)
      // Short passes and a purge at every pass start: rows leave the pool and come back when priced again.
      const result = await branchAndPrice(model, start, { seconds: 60, passNodes: 2, purgeFactor: 0 })
      expect(result.exhausted).toBe(true)
      expect(result.objective).toBeCloseTo(optimum.objective ?? NaN, 6)
      expect(checkRoster(model, result.roster).hardViolations).toEqual([])
      purged += result.purged
    }
    expect(purged).toBeGreaterThan(0)
  })

  it('as a diver (maxSlack) never runs the unlimited last pass, and claims no proof it lacks', async () => {
    let unproven = 0
    for (const model of [richWithoutTerms(), tightWeek(), fractionalWeek()]) {
      const optimum = (await solveExact(model, { seconds: 60 })).objective ?? NaN
      const start = poorStart(model)
      // Told the optimum, a plain search only has to confirm it: its last pass does, whatever its size.
      const told = { upperBound: () => optimum, passNodes: 1 }
      const plain = await branchAndPrice(model, start, { seconds: 60, ...told })
      expect(plain.exhausted).toBe(true)
      // A diver's passes stay within their node limit, so it confirms only a tree that one pass covers.
      // Three times the plain search's time: enough for its last pass, which the diver never runs.
      const seconds = Math.max(1, (3 * plain.elapsedMs) / 1000)
      const diver = await branchAndPrice(model, start, { seconds, ...told, maxSlack: 1000 })
      expect(checkRoster(model, diver.roster).hardViolations).toEqual([])
      expect(diver.objective).toBeGreaterThanOrEqual(optimum - 1e-6)
      expect(diver.objective).toBeLessThanOrEqual(checkRoster(model, start).objective)
      if (plain.nodes > 1) {
        unproven++
        expect(diver.exhausted).toBe(false)
        expect(diver.elapsedMs).toBeGreaterThanOrEqual(seconds * 1000 - 100)
      }
    }
    expect(unproven).toBeGreaterThan(0)
  })

  it('prunes against an outside upper bound: told the optimum is known, it only confirms it', async () => {
    const model = tightWeek()
    const optimum = (await solveExact(model, { seconds: 60 })).objective ?? NaN
    const start = poorStart(model)
    const startObjective = checkRoster(model, start).objective
    const result = await branchAndPrice(model, start, { seconds: 60, upperBound: () => optimum })
    expect(result.exhausted).toBe(true)
    // Nothing below the optimum exists, so nothing it found beats what it was told.
    expect(result.objective).toBeGreaterThanOrEqual(optimum)
    expect(result.objective).toBeLessThanOrEqual(startObjective)
  })

  it('hands its root pool over (onRoot); a search started from that pool keeps it and, with other passes, ends on the MILP optimum', async () => {
    const model = tightWeek()
    const optimum = await solveExact(model, { seconds: 60 })
    const start = poorStart(model)
    const rows = await rootPool(model, start)
    expect(rows).toHaveLength(model.agents.length)
    // Every row is its agent's and breaks no hard rule (cover is soft, so any agent's row fits in).
    rows.forEach((agentRows, a) => {
      expect(agentRows.length).toBeGreaterThan(0)
      for (const row of agentRows) {
        const roster = start.map((r, b) => (b === a ? row : r))
        expect(checkRoster(model, roster).hardViolations).toEqual([])
      }
    })
    const again: number[][][][] = []
    const second = await branchAndPrice(model, start, {
      seconds: 60,
      columns: rows,
      firstPass: 1000,
      onRoot: pool => again.push(pool),
    })
    const kept = (again[0] ?? []).map(agentRows => new Set(agentRows.map(row => row.join(','))))
    rows.forEach((agentRows, a) => {
      for (const row of agentRows) expect(kept[a]?.has(row.join(','))).toBe(true)
    })
    expect(second.exhausted).toBe(true)
    expect(second.objective).toBeCloseTo(optimum.objective ?? NaN, 6)
    expect(checkRoster(model, second.roster).objective).toBe(second.objective)
  })

  it('returns the start roster with a note for a model with soft terms, or an infeasible start', async () => {
    const rich = richModel()
    const start = solve(rich, { maxIterations: 2000, seed: 1 }).roster
    const soft = await branchAndPrice(rich, start, { seconds: 5 })
    expect(soft.note).toBe('soft terms are not priced')
    expect(soft.improved).toBe(false)
    expect(soft.roster).toEqual(start)
    const model = tightWeek()
    const broken = model.agents.map(() => new Array<number>(model.days).fill(1))
    const infeasible = await branchAndPrice(model, broken, { seconds: 5 })
    expect(infeasible.note).toBe('start roster infeasible')
    expect(infeasible.roster).toEqual(broken)
  })
})

describe('solveHybrid', () => {
  it('proves the optimum of a small model (status optimal, bound = objective = the MILP optimum)', async () => {
    const model = richWithoutTerms()
    const optimum = await solveExact(model, { seconds: 60 })
    const result = await solveHybrid(model, { seconds: 30, seed: 1 })
    expect(result.status).toBe('optimal')
    expect(result.score.objective).toBe(optimum.objective)
    expect(result.lowerBound).toBe(result.score.objective)
    expect(checkRoster(model, result.roster).hardViolations).toEqual([])
  })

  it('is the local search alone, deterministic per seed, with a move budget or soft terms', async () => {
    const model = richWithoutTerms()
    const budget = await solveHybrid(model, { seconds: 30, seed: 4, maxIterations: 5000 })
    expect(budget.roster).toEqual(solve(model, { seconds: 30, seed: 4, maxIterations: 5000 }).roster)
    const rich = richModel()
    const soft = await solveHybrid(rich, { seconds: 2, seed: 4, threads: 1 })
    expect(checkRoster(rich, soft.roster).objective).toBe(soft.score.objective)
  })
})

describe('a second branch and price (startTreeHelper) and polish', () => {
  it('polish: a new best is published with a local search improvement on it; anything else is left alone', () => {
    const model = tightWeek()
    const start = poorStart(model)
    const objective = checkRoster(model, start).objective
    const peers = createPeers(model.agents.length * model.days)
    const polished = polish(model, start, objective, 1, peers) ?? NaN
    expect(polished).toBeLessThanOrEqual(objective)
    expect(peers.values[0]).toBe(polished)
    // The shared grid holds the polished roster, and the checker agrees with its objective.
    const shared = sharedRoster(peers)
    expect(shared?.objective).toBe(polished)
    const grid = Array.from({ length: model.agents.length }, (_, a) =>
      Array.from(shared?.grid.subarray(a * model.days, (a + 1) * model.days) ?? []),
    )
    const check = checkRoster(model, grid)
    expect(check.hardViolations).toEqual([])
    expect(check.objective).toBe(polished)
    // Not a new best (the roster just published, again): nothing done, the grid untouched.
    expect(polish(model, grid, polished, 1, peers)).toBeUndefined()
    expect(peers.values[0]).toBe(polished)
    expect(peers.values[2]).toBe(polished)
  })

  it('searches the whole tree from the root pool in a worker, ends on the MILP optimum and stops every search', async () => {
    const model = richWithoutTerms()
    const optimum = await solveExact(model, { seconds: 60 })
    const start = poorStart(model)
    const rows = await rootPool(model, start)
    const peers = createPeers(model.agents.length * model.days)
    const improved: number[] = []
    const helper = startTreeHelper(
      model,
      start,
      rows,
      { seconds: 60, seed: 2, firstPass: 1000, onImproved: objective => improved.push(objective) },
      peers,
    )
    const result = await helper.result
    expect(result?.exhausted).toBe(true)
    expect(result?.objective).toBe(optimum.objective)
    expect(checkRoster(model, result?.roster ?? start).hardViolations).toEqual([])
    // Proven: the shared stop flag is set for every other search.
    expect(peers.stop[0]).toBe(1)
    // Every new best was reported here, each below the one before, the last at or below the tree's.
    for (let k = 1; k < improved.length; k++) expect(improved[k] ?? 0).toBeLessThan(improved[k - 1] ?? 0)
    if (result?.improved === true) expect(improved.at(-1)).toBeLessThanOrEqual(result.objective)
    expect(peers.values[0]).toBe(improved.at(-1) ?? Infinity)
  })

  it('stop() before it has started: answers with the start roster and no node searched', async () => {
    const model = richWithoutTerms()
    const start = poorStart(model)
    const peers = createPeers(model.agents.length * model.days)
    const helper = startTreeHelper(model, start, [], { seconds: 60, seed: 2, firstPass: 1000 }, peers)
    helper.stop()
    const result = await helper.result
    expect(result?.nodes).toBe(0)
    expect(result?.exhausted).toBe(false)
    expect(result?.roster).toEqual(start)
    expect(peers.stop[0]).toBe(0)
  })
})

describe.runIf(hasCurtois)('solveNrp with branch and price', () => {
  it('proves the optima of Instances 1 and 2 (607, 828), and the independent evaluator agrees', async () => {
    for (const [n, optimum] of [
      [1, 607],
      [2, 828],
    ] as const) {
      const instance = loadInstance(n)
      const result = await solveNrp(instance, { seconds: 60, seed: 1 })
      expect(result.status).toBe('optimal')
      expect(result.score.objective).toBe(optimum)
      const evaluation = evaluateNrp(instance, result.roster)
      expect(evaluation.hardViolations).toEqual([])
      expect(evaluation.objective).toBe(optimum)
    }
  })
})
