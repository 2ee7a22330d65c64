import { describe, expect, it } from 'vitest'
import { OFF } from '../../src/model'
import { checkRoster } from '../../src/engine/check'
import { createRng } from '../../src/engine/rng'
import { solve } from '../../src/engine/solve'
import { richModel, week } from '../helpers/models'

const FIXED = { seconds: 60, maxIterations: 60_000 } as const

describe('solve', () => {
  it('returns a roster the checker finds feasible, with the checker’s objective', () => {
    const model = week()
    const result = solve(model, { ...FIXED, seed: 1 })
    const check = checkRoster(model, result.roster)
    expect(check.hardViolations).toEqual([])
    expect(result.hardViolations).toEqual([])
    expect(['feasible', 'optimal']).toContain(result.status)
    expect(result.score).toEqual({ hard: 0, objective: check.objective })
  })

  it('proves optimality when the objective reaches 0', () => {
    const model = week({ cover: [], agents: [{ id: 'a' }] })
    const result = solve(model, { ...FIXED, seed: 1 })
    expect(result.status).toBe('optimal')
    expect(result.score.objective).toBe(0)
  })

  it('keeps pinned cells and days off, including a pin on a day off', () => {
    const model = week({
      agents: [
        { id: 'a', pinned: [{ day: 2, shift: 1 }], daysOff: [2, 3] },
        { id: 'b', daysOff: [0, 1, 2] },
        { id: 'c', pinned: [{ day: 6, shift: OFF }] },
      ],
    })
    const result = solve(model, { ...FIXED, seed: 2 })
    expect(result.roster[0]?.[2]).toBe(1)
    expect(result.roster[0]?.[3]).toBe(OFF)
    expect(result.roster[1]?.slice(0, 3)).toEqual([OFF, OFF, OFF])
    expect(result.roster[2]?.[6]).toBe(OFF)
    expect(checkRoster(model, result.roster).hardViolations).toEqual([])
  })

  it('counts only a cover line’s group toward it', () => {
    // Only agent c counts toward the night line, so c must take every night and a and b the days.
    const model = week({
      agents: ['a', 'b', 'c'].map(id => ({ id })),
      groups: [{ id: 'night team', agents: [2] }],
      cover: Array.from({ length: 7 }, (_, day) => [
        { day, shift: 0, target: 1, weightUnder: 100, weightOver: 10 },
        { day, shift: 1, group: 0, target: 1, weightUnder: 100, weightOver: 10 },
      ]).flat(),
    })
    const result = solve(model, { ...FIXED, seed: 4 })
    expect(result.roster[2]).toEqual(new Array<number>(7).fill(1))
    expect(result.score.objective).toBe(0)
  })

  it('counts history toward the longest run across the start of the horizon', () => {
    const model = week({
      agents: [{ id: 'a', maxConsecutiveWorked: 6, history: { workedDaysBefore: 5, lastShift: 1 } }],
      cover: [
        { day: 0, shift: 0, target: 1, weightUnder: 100, weightOver: 1 },
        { day: 1, shift: 0, target: 1, weightUnder: 100, weightOver: 1 },
      ],
    })
    const result = solve(model, { ...FIXED, seed: 5 })
    // Day 0 may not be D (night before) and only one more day fits the run of 6: D on day 1 needs day 0 off.
    expect(checkRoster(model, result.roster).hardViolations).toEqual([])
    expect(result.roster[0]?.[0]).toBe(OFF)
    expect(result.roster[0]?.[1]).toBe(0)
  })

  it('solves the rich model (groups, history, pins, terms) to a roster the checker accepts', () => {
    const model = richModel()
    const result = solve(model, { ...FIXED, seed: 6 })
    const check = checkRoster(model, result.roster)
    expect(check.hardViolations).toEqual([])
    expect(result.score.objective).toBe(check.objective)
  })

  it('reports infeasible with the clash when an agent cannot reach its minimum minutes', () => {
    const model = week({ agents: [{ id: 'a', minMinutes: 8 * 600 }] })
    const result = solve(model, { ...FIXED, seed: 1 })
    expect(result.status).toBe('infeasible')
    expect(result.clashes[0]).toContain('agent a')
    expect(result.hardViolations.map(v => v.rule)).toContain('min-minutes')
  })

  it('gives the same roster for the same seed', () => {
    const model = richModel()
    const a = solve(model, { ...FIXED, seed: 7 })
    const b = solve(model, { ...FIXED, seed: 7 })
    expect(b.roster).toEqual(a.roster)
  })

  it('stops at once when the signal is already aborted', () => {
    const controller = new AbortController()
    controller.abort()
    const result = solve(week(), { seconds: 60, signal: controller.signal })
    expect(result.cancelled).toBe(true)
    expect(result.roster).toHaveLength(3)
  })

  it('reads the clock it is given', () => {
    // A clock that jumps 1 s per reading runs out of a 5 s budget after a few readings.
    let t = 0
    const result = solve(week(), { seconds: 5, now: () => (t += 1000) })
    expect(result.iterations).toBeLessThan(10_000)
  })

  it('rejects a model whose indices are out of range', () => {
    expect(() =>
      solve(week({ cover: [{ day: 9, shift: 0, target: 1, weightUnder: 1, weightOver: 1 }] })),
    ).toThrow('cover line 0: day 9 outside 0…6')
  })

  it('never breaks a rule the checker can see, over random small models', () => {
    const rng = createRng(42)
    for (let k = 0; k < 5; k++) {
      const model = week({
        agents: Array.from({ length: 2 + rng.int(3) }, (_, a) => ({
          id: `x${a}`,
          maxConsecutiveWorked: 3 + rng.int(3),
          minConsecutiveWorked: 1 + rng.int(2),
          minConsecutiveOff: 1 + rng.int(2),
          maxWeekends: rng.int(2),
        })),
      })
      const result = solve(model, { ...FIXED, maxIterations: 20_000, seed: k })
      expect(checkRoster(model, result.roster).hardViolations).toEqual([])
    }
  })
})
