import { describe, expect, it } from 'vitest'
import { solve } from '../../src/engine/solve'
import { priceAndDive } from '../../src/lab/price-and-dive'
import { compileNrp } from '../../src/lab/nrp/compile'
import { evaluateNrp } from '../../src/lab/nrp/evaluate'
import { hasCurtois, loadInstance } from '../helpers/curtois'

const BUDGET = { seconds: 60, maxIterations: 50_000, seed: 4 } as const

describe.runIf(hasCurtois)('priceAndDive', () => {
  it('never returns a worse or infeasible roster (Instance2)', async () => {
    const instance = loadInstance(2)
    const model = compileNrp(instance)
    const start = solve(model, BUDGET)
    const dive = await priceAndDive(model, start.roster, { seconds: 5 })
    expect(evaluateNrp(instance, dive.roster).feasible).toBe(true)
    expect(dive.objective).toBeLessThanOrEqual(start.score.objective)
    // The column-generation bound never exceeds the proven optimum (828).
    if (dive.bound !== undefined) expect(dive.bound).toBeLessThanOrEqual(828 + 1e-6)
  })
})
