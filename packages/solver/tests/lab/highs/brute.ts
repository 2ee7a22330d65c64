import { checkRoster } from '../../../src/engine/check'
import type { Model } from '../../../src/model'
import { createRng } from '../../../src/engine/rng'

/** The optimum of a tiny model by trying every roster, judged by `checkRoster` alone. */
export type BruteForce = {
  /** Least objective over rosters without hard violations; `Infinity` when there are none. */
  readonly best: number
  /** Every roster reaching `best`. */
  readonly optima: number[][][]
  readonly feasible: number
}

/**
 * Enumerates all (shifts + 1)^(agents × days) rosters: an oracle that shares no code with the MILP.
 * Only for toy models (a few tens of thousands of rosters).
 */
export function bruteForce(model: Model): BruteForce {
  const E = model.agents.length
  const H = model.days
  const values = model.shifts.length + 1
  const cells = E * H
  const total = values ** cells
  if (total > 200_000) throw new Error(`bruteForce: ${total} rosters is too many`)
  let best = Infinity
  let optima: number[][][] = []
  let feasible = 0
  const digits = new Array<number>(cells).fill(0)
  for (let n = 0; n < total; n++) {
    let rest = n
    for (let i = 0; i < cells; i++) {
      digits[i] = rest % values
      rest = Math.floor(rest / values)
    }
    const roster = Array.from({ length: E }, (_, a) =>
      Array.from({ length: H }, (_, d) => (digits[a * H + d] ?? 0) - 1),
    )
    const check = checkRoster(model, roster)
    if (check.hard > 0) continue
    feasible++
    if (check.objective < best - 1e-9) {
      best = check.objective
      optima = [roster]
    } else if (Math.abs(check.objective - best) <= 1e-9) optima.push(roster)
  }
  return { best, optima, feasible }
}

/** Fixed seeds keep the random toy models the same on every run. */
export const seeded = createRng
