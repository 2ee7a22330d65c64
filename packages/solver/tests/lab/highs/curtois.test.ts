import { describe, expect, it } from 'vitest'
import { checkRoster } from '../../../src/engine/check'
import { lowerBound, solveExact } from '../../../src/lab/highs/highs-engine'
import type { ExactResult } from '../../../src/lab/highs/highs-engine'
import { compileNrp } from '../../../src/lab/nrp/compile'
import { evaluateNrp } from '../../../src/lab/nrp/evaluate'
import { hasCurtois, loadInstance } from '../../helpers/curtois'

const progress: number[] = []
let solvedInstance1: Promise<ExactResult> | undefined

/** Instance1 solved once for the tests that need its optimum. */
function instance1(): Promise<ExactResult> {
  solvedInstance1 ??= solveExact(compileNrp(loadInstance(1)), {
    seconds: 60,
    onProgress: p => {
      if (p.objective !== null) progress.push(p.objective)
    },
  })
  return solvedInstance1
}

describe.runIf(hasCurtois)('solveExact on Curtois & Qu instances', () => {
  it('proves the optimum of Instance1 (607), and the independent NRP evaluator agrees', async () => {
    const instance = loadInstance(1)
    const model = compileNrp(instance)
    const result = await instance1()
    expect(result.status).toBe('optimal')
    expect(result.verified).toBe(true)
    expect(result.objective).toBe(607)
    expect(result.gap).toBe(0)
    const roster = result.roster ?? []
    const evaluation = evaluateNrp(instance, roster)
    expect(evaluation.hardViolations).toEqual([])
    expect(evaluation.objective).toBe(607)
    expect(checkRoster(model, roster).objective).toBe(607)
    // Progress reports incumbents that only improve, ending at the optimum.
    expect(progress.length).toBeGreaterThan(0)
    expect(Math.round(progress[progress.length - 1] ?? 0)).toBe(607)
    for (let k = 1; k < progress.length; k++)
      expect(progress[k]).toBeLessThanOrEqual((progress[k - 1] ?? 0) + 1e-6)
  })

  it('gives a lower bound from the LP relaxation, below the optimum', async () => {
    const model = compileNrp(loadInstance(1))
    const lp = await lowerBound(model, { seconds: 30, relaxation: true })
    expect(lp.method).toBe('lp')
    expect(lp.bound).toBeGreaterThan(0)
    expect(lp.bound).toBeLessThanOrEqual(607)
  })

  it('starts from an initial roster (MIP start): with no branching allowed, it is what comes back', async () => {
    const instance = loadInstance(1)
    const model = compileNrp(instance)
    const optimum = await instance1()
    const noNodes = { mip_max_nodes: 0 }
    const cold = await solveExact(model, { seconds: 60, highsOptions: noNodes })
    const warm = await solveExact(model, {
      seconds: 60,
      highsOptions: noNodes,
      initial: optimum.roster ?? [],
    })
    expect(cold.objective ?? Infinity).toBeGreaterThan(607)
    expect(warm.objective).toBe(607)
    expect(warm.status).toBe('feasible')
    expect(evaluateNrp(instance, warm.roster ?? []).objective).toBe(607)
  })

  it('stops when the signal aborts and returns the best roster so far, checked', async () => {
    const model = compileNrp(loadInstance(4))
    const controller = new AbortController()
    let sawIncumbent = false
    const result = await solveExact(model, {
      seconds: 60,
      signal: controller.signal,
      onProgress: p => {
        // Abort as soon as HiGHS has a roster, so the result has one to return.
        if (p.objective !== null && !sawIncumbent) {
          sawIncumbent = true
          controller.abort()
        }
      },
    })
    expect(result.cancelled).toBe(true)
    expect(['interrupted', 'terminated']).toContain(result.highsStatus)
    expect(result.status).toBe('feasible')
    expect(result.check?.hard).toBe(0)
    expect(evaluateNrp(loadInstance(4), result.roster ?? []).objective).toBe(result.objective)
  })

  it('returns at once, cancelled, when the signal is already aborted', async () => {
    const result = await solveExact(compileNrp(loadInstance(1)), { seconds: 60, signal: AbortSignal.abort() })
    expect(result.cancelled).toBe(true)
    expect(result.status).not.toBe('optimal')
  })
})
