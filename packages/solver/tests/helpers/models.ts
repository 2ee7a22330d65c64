import { OFF } from '../../src/model'
import type { Model } from '../../src/model'
import type { Rng } from '../../src/engine/rng'

/**
 * A small model that uses every feature: two groups, history before day 0, pins, days off, requests
 * on OFF, a weekend of three days, different shift lengths, and hard and soft terms.
 */
export function richModel(): Model {
  const days = 14
  return {
    days,
    shifts: [
      { id: 'D', minutes: 480, forbiddenNext: [] },
      { id: 'E', minutes: 600, forbiddenNext: [0] },
      { id: 'N', minutes: 720, forbiddenNext: [0, 1] },
    ],
    agents: [
      { id: 'a', maxShifts: [14, 14, 3], minMinutes: 2400, maxMinutes: 5400, maxConsecutiveWorked: 4 },
      {
        id: 'b',
        minConsecutiveWorked: 2,
        minConsecutiveOff: 2,
        maxWeekends: 1,
        history: { workedDaysBefore: 3, lastShift: 2 },
        daysOff: [6],
      },
      { id: 'c', maxShifts: [14, 0, 14], maxConsecutiveWorked: 3, pinned: [{ day: 2, shift: 2 }] },
      {
        id: 'd',
        minConsecutiveWorked: 3,
        maxConsecutiveWorked: 5,
        minConsecutiveOff: 2,
        history: { workedDaysBefore: 4 },
        maxWeekends: 2,
      },
    ],
    groups: [
      { id: 'leads', agents: [0, 2] },
      { id: 'all', agents: [0, 1, 2, 3] },
    ],
    cover: Array.from({ length: days }, (_, day) => [
      { day, shift: 0, target: 2, weightUnder: 100, weightOver: 1 },
      { day, shift: 2, target: 1, weightUnder: 50, weightOver: 3 },
      { day, shift: 0, group: 0, target: 1, weightUnder: 20, weightOver: 0 },
      { day, shift: 1, group: 1, target: 1, weightUnder: 10, weightOver: 2 },
    ]).flat(),
    requests: [
      { agent: 0, day: 3, shift: 0, kind: 'on', weight: 2 },
      { agent: 1, day: 4, shift: OFF, kind: 'on', weight: 3 },
      { agent: 2, day: 5, shift: OFF, kind: 'off', weight: 1 },
      { agent: 3, day: 5, shift: 1, kind: 'off', weight: 2 },
      { agent: 3, day: 5, shift: 0, kind: 'on', weight: 1 },
    ],
    weekends: [
      [4, 5, 6],
      [11, 12, 13],
    ],
    terms: [
      { kind: 'shift-count', agent: 0, shifts: [2], min: 1, max: 2, hard: true, weight: 0 },
      { kind: 'shift-count', agent: 3, min: 8, hard: false, weight: 5 },
    ],
  }
}

/** A random roster for `model` that respects pins, days off and eligibility (what the engine keeps). */
export function randomRoster(model: Model, rng: Rng, workRate = 0.6): number[][] {
  return model.agents.map(agent => {
    const eligible = model.shifts.map((_, s) => s).filter(s => (agent.maxShifts?.[s] ?? Infinity) > 0)
    const row = Array.from({ length: model.days }, () =>
      rng.next() < workRate ? (eligible[rng.int(eligible.length)] ?? OFF) : OFF,
    )
    for (const d of agent.daysOff ?? []) row[d] = OFF
    for (const pin of agent.pinned ?? []) row[pin.day] = pin.shift
    return row
  })
}

/** Three agents, one day shift and one night shift (no day right after a night), a week. */
export function week(overrides: Partial<Model> = {}): Model {
  const days = 7
  return {
    days,
    shifts: [
      { id: 'D', minutes: 480 },
      { id: 'N', minutes: 600, forbiddenNext: [0] },
    ],
    agents: ['a', 'b', 'c'].map(id => ({
      id,
      minMinutes: 4 * 480,
      maxMinutes: 5 * 600,
      maxConsecutiveWorked: 4,
      minConsecutiveOff: 2,
    })),
    cover: Array.from({ length: days }, (_, day) => [
      { day, shift: 0, target: 1, weightUnder: 100, weightOver: 1 },
      { day, shift: 1, target: 1, weightUnder: 100, weightOver: 1 },
    ]).flat(),
    weekends: [[5, 6]],
    ...overrides,
  }
}
