import { describe, expect, it } from 'vitest'
import { OFF } from '../../src/model'
import type { Model } from '../../src/model'
import { compileModel, FREE } from '../../src/engine/compiled'
import { MASKABLE_SHIFTS, WindowSolver } from '../../src/engine/dp'
import { createRng } from '../../src/engine/rng'
import { SearchState } from '../../src/engine/state'
import { compileNrp } from '../../src/lab/nrp/compile'
import { hasCurtois, loadInstance } from '../helpers/curtois'
import { randomRoster, richModel } from '../helpers/models'

/** Least score over every value combination of agent a on [from, to] (and the forced day, if any). */
function bruteForce(
  state: SearchState,
  a: number,
  from: number,
  to: number,
  weight: number,
  force?: { day: number; value: number },
): number {
  const { H } = state.c
  const choices = [OFF, ...(state.c.eligible[a] ?? [])]
  let best = Infinity
  const visit = (d: number): void => {
    if (d > to) {
      best = Math.min(best, state.score(weight))
      return
    }
    const fixed = state.c.fixed[a * H + d] ?? FREE
    const values = force?.day === d ? [force.value] : fixed === FREE ? choices : [fixed]
    for (const v of values) {
      const mark = state.mark()
      state.set(a, d, v)
      visit(d + 1)
      state.undoTo(mark)
    }
  }
  visit(from)
  return best
}

function scoreOf(state: SearchState, a: number, from: number, values: Int16Array, weight: number): number {
  const mark = state.mark()
  values.forEach((v, k) => state.set(a, from + k, v))
  const score = state.score(weight)
  state.undoTo(mark)
  return score
}

function checkAgainstBruteForce(model: Model, seed: number, trials: number): void {
  const c = compileModel(model)
  const rng = createRng(seed)
  const state = new SearchState(c, Int16Array.from(randomRoster(model, rng).flat()))
  const solver = new WindowSolver()
  for (let trial = 0; trial < trials; trial++) {
    const a = rng.int(c.E)
    const width = 1 + rng.int(4)
    const from = rng.int(c.H - width + 1)
    const to = from + width - 1
    const weight = [1, 40, 1000][rng.int(3)] ?? 1
    const forceDay = from + rng.int(width)
    const force =
      rng.next() < 0.3 && c.fixed[a * c.H + forceDay] === FREE
        ? {
            day: forceDay,
            value: [OFF, ...(c.eligible[a] ?? [])][rng.int((c.eligible[a]?.length ?? 0) + 1)] ?? OFF,
          }
        : undefined
    const values = solver.best(state, a, from, to, weight, force)
    expect(values).toBeDefined()
    if (values === undefined) return
    if (force !== undefined) expect(values[force.day - from]).toBe(force.value)
    expect(scoreOf(state, a, from, values, weight)).toBeCloseTo(
      bruteForce(state, a, from, to, weight, force),
      6,
    )
    // Move on to another roster so windows meet different contexts.
    const b = rng.int(c.E)
    const d = rng.int(c.H)
    if (c.fixed[b * c.H + d] === FREE) state.set(b, d, rng.next() < 0.5 ? OFF : (c.eligible[b]?.[0] ?? OFF))
    state.commit()
  }
}

describe('WindowSolver', () => {
  it('finds the best window on the rich model (history, groups, pins, 3-day weekends)', () => {
    // Terms are left to the search's real evaluation, so compare without them.
    checkAgainstBruteForce({ ...richModel(), terms: [] }, 1, 150)
  })

  it.runIf(hasCurtois).each([1, 4, 8, 9])('finds the best window on Instance%i', n => {
    checkAgainstBruteForce(compileNrp(loadInstance(n)), n, 60)
  })

  it.runIf(hasCurtois)('never returns a worse window than the current one', () => {
    const model = compileNrp(loadInstance(5))
    const c = compileModel(model)
    const rng = createRng(11)
    const state = new SearchState(c, Int16Array.from(randomRoster(model, rng).flat()))
    const solver = new WindowSolver()
    for (let trial = 0; trial < 40; trial++) {
      const a = rng.int(c.E)
      const before = state.score(100)
      const values = solver.best(state, a, 0, c.H - 1, 100)
      expect(values).toBeDefined()
      if (values === undefined) return
      expect(scoreOf(state, a, 0, values, 100)).toBeLessThanOrEqual(before + 1e-9)
    }
  })

  /**
   * `untracked` (pricing's relaxation): the program may ignore those shift types' maximum counts, so
   * its answer costs no more than the exact one's, and the same whenever it meets every count.
   */
  function checkRelaxedCounts(model: Model, seed: number, trials: number): number {
    const c = compileModel(model)
    const rng = createRng(seed)
    const state = new SearchState(c, Int16Array.from(randomRoster(model, rng).flat()))
    // Pricing's limits: whole-horizon rows with every count tracked need more labels than a window.
    const solver = new WindowSolver(400_000, 8_000_000)
    const weight = 1e6
    let exceeded = 0
    for (let trial = 0; trial < trials; trial++) {
      const a = rng.int(c.E)
      // Random cell costs, most of them rewards, as cover duals are: maxima are worth breaking.
      const table = Float64Array.from({ length: c.H * (c.S + 1) }, () => rng.next() * 60 - 50)
      const costOf = (_: SearchState, _a: number, d: number, v: number): number =>
        table[d * (c.S + 1) + v + 1] ?? 0
      const cellSum = (values: Int16Array): number =>
        values.reduce((sum, v, d) => sum + costOf(state, a, d, v), 0)
      const exact = solver.best(state, a, 0, c.H - 1, weight, undefined, costOf)
      const relaxed = solver.best(state, a, 0, c.H - 1, weight, undefined, costOf, 2 ** MASKABLE_SHIFTS - 1)
      expect(exact).toBeDefined()
      expect(relaxed).toBeDefined()
      if (exact === undefined || relaxed === undefined) return exceeded
      const mark = state.mark()
      relaxed.forEach((v, d) => state.set(a, d, v))
      state.commit()
      const overCount = (c.eligible[a] ?? []).some(
        s => (state.counts[a * c.S + s] ?? 0) > (c.maxShifts[a * c.S + s] ?? 0),
      )
      state.undoTo(mark)
      state.commit()
      expect(cellSum(relaxed)).toBeLessThanOrEqual(cellSum(exact) + 1e-6)
      if (overCount) exceeded++
      else expect(cellSum(relaxed)).toBeCloseTo(cellSum(exact), 6)
    }
    return exceeded
  }

  it('relaxes the untracked counts only (rich model)', () => {
    checkRelaxedCounts({ ...richModel(), terms: [] }, 3, 60)
  })

  it.runIf(hasCurtois)('relaxes the untracked counts only, and they do bind sometimes (Instance8)', () => {
    expect(checkRelaxedCounts(compileNrp(loadInstance(8)), 8, 40)).toBeGreaterThan(0)
  })
})
