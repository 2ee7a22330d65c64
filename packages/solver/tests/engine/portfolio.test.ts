import { describe, expect, it } from 'vitest'
import { solveParallel } from '../../src/engine/portfolio'
import { createPeers } from '../../src/engine/search'
import { solve } from '../../src/engine/solve'
import type { Model } from '../../src/model'
import { compileNrp } from '../../src/lab/nrp/compile'
import { evaluateNrp } from '../../src/lab/nrp/evaluate'
import { hasCurtois, loadInstance } from '../helpers/curtois'
import { week } from '../helpers/models'

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

/**
 * Three agents, a day and a night shift, a week; day 0 asks for four on days and one on nights, so
 * two cover units (200) are short whatever the roster: the price phase's bound proves 300 optimal.
 */
function shortWeek(): Model {
  const model = week()
  return {
    ...model,
    cover: model.cover.map(line => (line.day === 0 && line.shift === 0 ? { ...line, target: 4 } : line)),
  }
}

describe('early stop on a proven optimum', () => {
  it('solve stops before its iteration budget once the best meets the bound', () => {
    const result = solve(shortWeek(), { seconds: 60, maxIterations: 1_000_000, seed: 3 })
    expect(result.status).toBe('optimal')
    expect(result.score.objective).toBe(300)
    expect(result.lowerBound).toBe(300)
    expect(result.iterations).toBeLessThan(1_000_000)
  })

  it('stops at once when a peer has proven optimality, and is optimal by a peer’s bound', () => {
    const stopped = createPeers()
    Atomics.store(stopped.stop, 0, 1)
    const early = solve(shortWeek(), { seconds: 60, maxIterations: 1_000_000, seed: 3, peers: stopped })
    expect(early.status).not.toBe('optimal')
    expect(early.iterations).toBeLessThan(5_000)
    // A peer's bound proves the optimum before this search's own price phase does.
    const bound = createPeers()
    bound.values[1] = 300
    const proven = solve(shortWeek(), { seconds: 60, maxIterations: 1_000_000, seed: 3, peers: bound })
    expect(proven.status).toBe('optimal')
    expect(proven.score.objective).toBe(300)
    expect(Atomics.load(bound.stop, 0)).toBe(1)
    expect(bound.values[0]).toBe(300)
  })

  it('solveParallel stops every search once one proves optimality and reports it', async () => {
    const result = await solveParallel(shortWeek(), { seconds: 60, seed: 1, threads: 2 })
    expect(result.status).toBe('optimal')
    expect(result.score.objective).toBe(300)
    expect(result.lowerBound).toBe(300)
    expect(result.cancelled).toBe(false)
  })
})

describe.runIf(hasCurtois)('searches sharing their best roster (Peers.grid)', () => {
  it('publishes its best roster, and a later search continues from a better published one', () => {
    const instance = loadInstance(2)
    const model = compileNrp(instance)
    const cells = instance.staff.length * instance.horizon
    const budget = { seconds: 60, maxIterations: 60_000 } as const
    const first = createPeers(cells)
    solve(model, { ...budget, seed: 5, peers: first })
    const published = first.values[2] ?? Infinity
    expect(published).toBeLessThan(Infinity)
    const roster = Array.from({ length: instance.staff.length }, (_, a) =>
      Array.from(first.grid.subarray(a * instance.horizon, (a + 1) * instance.horizon)),
    )
    expect(evaluateNrp(instance, roster).objective).toBe(published)
    // A short search that alone ends worse takes the published roster at its first share point.
    const alone = solve(model, { seconds: 60, maxIterations: 2_000, seed: 9 })
    const shared = solve(model, { seconds: 60, maxIterations: 2_000, seed: 9, peers: first })
    expect(alone.score.objective).toBeGreaterThan(published)
    expect(shared.score.objective).toBeLessThanOrEqual(published)
  })
})
