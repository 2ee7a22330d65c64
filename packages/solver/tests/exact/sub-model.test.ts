import { describe, expect, it } from 'vitest'
import { checkRoster } from '../../src/engine/check'
import { solve } from '../../src/engine/solve'
import { improveByMilp } from '../../src/exact/lns'
import { priceAndDive } from '../../src/exact/price-and-dive'
import { mergeNeighbourhood, restrictRoster, subModel } from '../../src/exact/sub-model'
import { OFF } from '../../src/model'
import { compileNrp } from '../../src/nrp/compile'
import { evaluateNrp } from '../../src/nrp/evaluate'
import { hasCurtois, loadInstance } from '../helpers/curtois'

const BUDGET = { seconds: 60, maxIterations: 50_000, seed: 4 } as const

describe.runIf(hasCurtois)('subModel', () => {
  it('differs from the full objective by a constant, and keeps the chosen agents’ hard rules', () => {
    const model = compileNrp(loadInstance(4))
    const roster = solve(model, BUDGET).roster
    const hood = { agents: [1, 4, 7], from: 5, to: 19 }
    const sub = subModel(model, roster, hood)
    const start = restrictRoster(roster, hood)
    const offset =
      checkRoster(model, mergeNeighbourhood(roster, hood, start)).objective -
      checkRoster(sub, start).objective
    // Other sub-rosters: every free cell of an agent off, or set to shift 0 where allowed.
    const variants = [0, 1, 2].map(i =>
      start.map((row, k) =>
        row.map((v, d) => (k === i && d >= hood.from && d < hood.to ? (d % 2 === 0 ? OFF : 0) : v)),
      ),
    )
    for (const variant of variants) {
      const merged = mergeNeighbourhood(roster, hood, variant)
      const full = checkRoster(model, merged)
      const part = checkRoster(sub, variant)
      expect(full.objective - part.objective).toBe(offset)
      expect(full.hard).toBe(part.hard)
    }
  })
})

describe.runIf(hasCurtois)('improveByMilp and priceAndDive', () => {
  it('never return a worse or infeasible roster (Instance2)', async () => {
    const instance = loadInstance(2)
    const model = compileNrp(instance)
    const start = solve(model, BUDGET)
    const lns = await improveByMilp(model, start.roster, { seconds: 3, parallel: 1 })
    expect(evaluateNrp(instance, lns.roster).feasible).toBe(true)
    expect(lns.objective).toBeLessThanOrEqual(start.score.objective)
    const dive = await priceAndDive(model, start.roster, { seconds: 5 })
    expect(evaluateNrp(instance, dive.roster).feasible).toBe(true)
    expect(dive.objective).toBeLessThanOrEqual(start.score.objective)
    // The column-generation bound never exceeds the proven optimum (828).
    if (dive.bound !== undefined) expect(dive.bound).toBeLessThanOrEqual(828 + 1e-6)
  })
})
