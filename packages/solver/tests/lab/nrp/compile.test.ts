import { describe, expect, it } from 'vitest'
import { checkRoster } from '../../../src/engine/check'
import { compileNrp, solveNrp } from '../../../src/lab/nrp/compile'
import { evaluateNrp } from '../../../src/lab/nrp/evaluate'
import { readStrandmarkRoster } from '../../../src/lab/nrp/solution-io'
import { hasCurtois, loadInstance, readCurtois } from '../../helpers/curtois'

// Budgets are moves (machine-independent); the time limit is only a safety net.
const FIXED = { seconds: 60, maxIterations: 400_000 } as const

describe.runIf(hasCurtois)('compileNrp', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])(
    'gives the model checker the same verdict as the evaluator on Strandmark’s Instance%i roster',
    n => {
      const instance = loadInstance(n)
      const roster = readStrandmarkRoster(instance, readCurtois(`solutions/Instance${n}.strandmark.out`))
      const check = checkRoster(compileNrp(instance), roster)
      const evaluation = evaluateNrp(instance, roster)
      expect(check.hardViolations).toEqual([])
      expect(check.objective).toBe(evaluation.objective)
      expect(check.breakdown.coverUnder).toBe(evaluation.underCover)
      expect(check.breakdown.coverOver).toBe(evaluation.overCover)
      expect(check.breakdown.requests).toBe(evaluation.onRequestPenalty + evaluation.offRequestPenalty)
    },
  )

  it('maps weekends to (Saturday, Sunday) with day 0 a Monday', () => {
    expect(compileNrp(loadInstance(1)).weekends).toEqual([
      [5, 6],
      [12, 13],
    ])
  })

  it('agrees with the evaluator on which rules a broken roster breaks', () => {
    const instance = loadInstance(1)
    const roster = readStrandmarkRoster(instance, readCurtois('solutions/Instance1.strandmark.out'))
    // Employee A works every day: too many minutes, too long a run, too many weekends, a day off worked.
    roster[0] = new Array<number>(instance.horizon).fill(0)
    const byEvaluator = evaluateNrp(instance, roster).hardViolations.map(v => v.rule)
    const byModel = checkRoster(compileNrp(instance), roster).hardViolations.map(v => v.rule)
    expect(byEvaluator).toEqual(['max-total-minutes', 'max-consecutive-shifts', 'max-weekends', 'day-off'])
    expect(byModel).toEqual(['max-minutes', 'max-consecutive-worked', 'max-weekends', 'day-off'])
  })
})

describe.runIf(hasCurtois)('solveNrp', () => {
  it.each([1, 2, 3])('returns a feasible Instance%i roster that the evaluator confirms', async n => {
    const instance = loadInstance(n)
    const result = await solveNrp(instance, { ...FIXED, seed: 3 })
    const evaluation = evaluateNrp(instance, result.roster)
    expect(evaluation.hardViolations).toEqual([])
    expect(['feasible', 'optimal']).toContain(result.status)
    expect(result.score.objective).toBe(evaluation.objective)
    expect(
      result.rosterIds.map(row =>
        row.map(id => (id === null ? -1 : instance.shifts.findIndex(s => s.id === id))),
      ),
    ).toEqual(result.roster)
    if (result.lowerBound !== undefined) expect(result.lowerBound).toBeLessThanOrEqual(evaluation.objective)
  })

  it('gives the same roster for the same seed', async () => {
    const instance = loadInstance(2)
    const a = await solveNrp(instance, { ...FIXED, maxIterations: 100_000, seed: 9 })
    const b = await solveNrp(instance, { ...FIXED, maxIterations: 100_000, seed: 9 })
    expect(b.roster).toEqual(a.roster)
    expect(b.score).toEqual(a.score)
  })

  it('stops when the signal aborts and returns its best roster so far', async () => {
    const instance = loadInstance(3)
    const controller = new AbortController()
    let reports = 0
    const result = await solveNrp(instance, {
      seconds: 60,
      signal: controller.signal,
      onProgress: () => {
        // Cancel on the second report, as a UI's cancel button would mid-search.
        if (++reports === 2) controller.abort()
      },
    })
    expect(result.cancelled).toBe(true)
    expect(result.roster).toHaveLength(instance.staff.length)
    expect(evaluateNrp(instance, result.roster).objective).toBe(result.score.objective)
  })
})
