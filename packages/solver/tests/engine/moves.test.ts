import { describe, expect, it } from 'vitest'
import { OFF } from '../../src/model'
import type { Model } from '../../src/model'
import { checkRoster } from '../../src/engine/check'
import { compileModel, FREE } from '../../src/engine/compiled'
import { moveContext, requestSwap, swapDay } from '../../src/engine/moves'
import type { Move } from '../../src/engine/moves'
import { createRng } from '../../src/engine/rng'
import { SearchState } from '../../src/engine/state'
import { randomRoster, richModel } from '../helpers/models'

function rosterOf(state: SearchState): number[][] {
  const { E, H } = state.c
  return Array.from({ length: E }, (_, a) => Array.from(state.grid.subarray(a * H, (a + 1) * H)))
}

/** Per (day, shift): how many agents work it. */
function coverOf(roster: number[][], days: number, shifts: number): number[] {
  const counts = new Array<number>(days * shifts).fill(0)
  for (const row of roster)
    row.forEach((v, d) => v >= 0 && (counts[d * shifts + v] = (counts[d * shifts + v] ?? 0) + 1))
  return counts
}

describe.each<[string, Move]>([
  ['swapDay', swapDay],
  ['requestSwap', requestSwap],
])('%s', (_, move) => {
  it.each([1, 2, 3])(
    'keeps cover per day and shift, pins and days off, and the state exact (seed %i)',
    seed => {
      // Every agent may work every shift in this copy, so a swap is never refused for eligibility.
      const base = richModel()
      const model: Model = { ...base, agents: base.agents.map(a => ({ ...a, maxShifts: undefined })) }
      const c = compileModel(model)
      const rng = createRng(seed)
      const state = new SearchState(c, Int16Array.from(randomRoster(model, rng).flat()))
      const ctx = moveContext(state, rng, 100)
      const before = rosterOf(state)
      let moved = 0
      for (let k = 0; k < 400; k++) {
        const cover = coverOf(rosterOf(state), c.H, c.S)
        if (move(ctx)) moved++
        expect(coverOf(rosterOf(state), c.H, c.S)).toEqual(cover)
        if (k % 3 === 0) state.undoTo(0)
        else state.commit()
      }
      expect(moved).toBeGreaterThan(0)
      const after = rosterOf(state)
      for (let a = 0; a < c.E; a++)
        for (let d = 0; d < c.H; d++)
          if (c.fixed[a * c.H + d] !== FREE) expect(after[a]?.[d]).toBe(before[a]?.[d])
      const check = checkRoster(model, after)
      expect(state.hard).toBeCloseTo(check.hard, 9)
      expect(state.soft).toBeCloseTo(check.objective, 9)
    },
  )
})

describe('requestSwap', () => {
  it('grants a request by taking the cell of someone who has the wanted shift that day', () => {
    // Two agents, one day shift a day needing one person; a works day 1 and wants day 0 on, b the reverse.
    const model: Model = {
      days: 2,
      shifts: [{ id: 'D', minutes: 480, forbiddenNext: [] }],
      agents: [{ id: 'a' }, { id: 'b' }],
      cover: [0, 1].map(day => ({ day, shift: 0, target: 1, weightUnder: 100, weightOver: 1 })),
      requests: [
        { agent: 0, day: 0, shift: 0, kind: 'on', weight: 3 },
        { agent: 1, day: 1, shift: 0, kind: 'on', weight: 3 },
      ],
    }
    const c = compileModel(model)
    const state = new SearchState(c, Int16Array.from([OFF, 0, 0, OFF]))
    expect(state.soft).toBe(6)
    const ctx = moveContext(state, createRng(1), 100)
    let moved = false
    for (let k = 0; k < 20 && !moved; k++) moved = requestSwap(ctx)
    expect(moved).toBe(true)
    expect(rosterOf(state)).toEqual([
      [0, OFF],
      [OFF, 0],
    ])
    expect(state.soft).toBe(0)
  })
})
