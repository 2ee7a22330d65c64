import { describe, expect, it } from 'vitest'
import { OFF } from '../../src/model'
import type { Model } from '../../src/model'
import { checkRoster } from '../../src/engine/check'
import { compileModel, FREE } from '../../src/engine/compiled'
import { createRng } from '../../src/engine/rng'
import { SearchState } from '../../src/engine/state'
import { compileNrp } from '../../src/lab/nrp/compile'
import { hasCurtois, loadInstance } from '../helpers/curtois'
import { randomRoster, richModel } from '../helpers/models'

function gridOf(rows: number[][]): Int16Array {
  return Int16Array.from(rows.flat())
}

function rosterOf(state: SearchState): number[][] {
  const { E, H } = state.c
  return Array.from({ length: E }, (_, a) => Array.from(state.grid.subarray(a * H, (a + 1) * H)))
}

/** Writes random values into free cells (respecting eligibility), as the search does. */
function scribble(state: SearchState, model: Model, seed: number, writes: number): void {
  const rng = createRng(seed)
  const { E, H } = state.c
  for (let k = 0; k < writes; k++) {
    const a = rng.int(E)
    const d = rng.int(H)
    if (state.c.fixed[a * H + d] !== FREE) continue
    const eligible = state.c.eligible[a] ?? Int16Array.of()
    state.set(a, d, rng.next() < 0.4 ? OFF : (eligible[rng.int(eligible.length)] ?? OFF))
  }
  void model
}

describe('SearchState', () => {
  it.each([1, 2, 3, 4, 5])(
    'keeps hard units and the objective equal to the checker on the rich model (seed %i)',
    seed => {
      const model = richModel()
      const c = compileModel(model)
      const state = new SearchState(c, gridOf(randomRoster(model, createRng(seed))))
      for (let round = 0; round < 20; round++) {
        scribble(state, model, seed * 100 + round, 10)
        const check = checkRoster(model, rosterOf(state))
        expect(state.hard).toBeCloseTo(check.hard, 9)
        expect(state.soft).toBeCloseTo(check.objective, 9)
      }
    },
  )

  it.runIf(hasCurtois)('agrees with the checker on a Curtois instance after many writes', () => {
    const model = compileNrp(loadInstance(8))
    const state = new SearchState(compileModel(model), gridOf(randomRoster(model, createRng(7))))
    scribble(state, model, 8, 5000)
    const check = checkRoster(model, rosterOf(state))
    expect(state.hard).toBeCloseTo(check.hard, 9)
    expect(state.soft).toBeCloseTo(check.objective, 9)
  })

  it('restores the exact earlier state on undo', () => {
    const model = richModel()
    const state = new SearchState(compileModel(model), gridOf(randomRoster(model, createRng(3))))
    const grid = Int16Array.from(state.grid)
    const totals = { hard: state.hard, soft: state.soft, agents: Array.from(state.agentHard) }
    const mark = state.mark()
    scribble(state, model, 4, 200)
    state.undoTo(mark)
    expect(state.grid).toEqual(grid)
    expect(state.hard).toBeCloseTo(totals.hard, 9)
    expect(state.soft).toBeCloseTo(totals.soft, 9)
    Array.from(state.agentHard).forEach((units, a) => expect(units).toBeCloseTo(totals.agents[a] ?? 0, 9))
  })

  it('counts history toward the longest run and the forbidden succession into day 0', () => {
    const model: Model = {
      days: 7,
      shifts: [
        { id: 'D', minutes: 480 },
        { id: 'N', minutes: 480, forbiddenNext: [0] },
      ],
      agents: [{ id: 'a', maxConsecutiveWorked: 6, history: { workedDaysBefore: 5, lastShift: 1 } }],
      cover: [],
    }
    const state = new SearchState(compileModel(model), Int16Array.from([0, 0, OFF, OFF, OFF, OFF, OFF]))
    // N on day −1 then D on day 0 (1 unit), and 5 + 2 = 7 days in a row, one over 6 (1 unit).
    expect(state.hard).toBe(2)
    expect(checkRoster(model, rosterOf(state)).hardViolations.map(v => v.rule)).toEqual([
      'forbidden-succession',
      'max-consecutive-worked',
    ])
  })
})
