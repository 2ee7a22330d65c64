import { describe, expect, it } from 'vitest'
import { solveParallel } from '../../src/engine/portfolio'
import { solve } from '../../src/engine/solve'
import { compileNrp } from '../../src/nrp/compile'
import { evaluateNrp } from '../../src/nrp/evaluate'
import { hasCurtois, loadInstance } from '../helpers/curtois'

describe.runIf(hasCurtois)('solveParallel', () => {
  it('is exactly solve under an iteration budget (deterministic per seed)', async () => {
    const model = compileNrp(loadInstance(2))
    const budget = { seconds: 60, maxIterations: 60_000, seed: 5 } as const
    const parallel = await solveParallel(model, { ...budget, threads: 2 })
    const single = solve(model, budget)
    expect(parallel.roster).toEqual(single.roster)
    expect(parallel.score).toEqual(single.score)
  })

  it('runs the second search in a worker and stops both on an aborted signal', async () => {
    const instance = loadInstance(3)
    const controller = new AbortController()
    controller.abort()
    const result = await solveParallel(compileNrp(instance), { seconds: 60, signal: controller.signal })
    expect(result.cancelled).toBe(true)
    expect(result.roster).toHaveLength(instance.staff.length)
    expect(evaluateNrp(instance, result.roster).objective).toBe(result.score.objective)
  })
})
