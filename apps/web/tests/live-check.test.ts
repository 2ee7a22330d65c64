import { violationKey, type Cell, type Violation } from '@paiban/domain'
import { checkMonth } from '@paiban/rules'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyChanges, liveCheck, rosterOf, type CellChange } from '../src/grid/live-check'
import { teamMonth } from './helpers/month'

const keys = (vs: readonly Violation[]) =>
  vs.map(v => `${violationKey(v)}|${v.message.en}|${v.penalty ?? ''}`).sort()

describe('liveCheck', () => {
  const file = teamMonth(36)

  it('matches checkMonth on the unedited month', () => {
    expect(keys(liveCheck(file).all)).toEqual(keys(checkMonth(file).violations))
  })

  it('matches checkMonth after any sequence of cell edits', () => {
    const agents = file.agents.map(a => a.id)
    const change = fc.record({
      agentId: fc.constantFrom(...agents),
      index: fc.integer({ min: 0, max: 30 }),
      cell: fc.constantFrom<Cell>('D', 'N', '-'),
    })
    fc.assert(
      fc.property(
        fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        steps => {
          let live = liveCheck(file)
          for (const step of steps) live = applyChanges(live, step satisfies CellChange[])
          const full = checkMonth({ ...file, roster: rosterOf(live) })
          expect(keys(live.all)).toEqual(keys(full.violations))
        },
      ),
      { numRuns: 40, seed: 11 },
    )
  })

  it('flags the seventh worked day in a row as REST-6-1 at once', () => {
    const id = file.agents[0]?.id ?? ''
    let live = liveCheck(file)
    const changes: CellChange[] = Array.from({ length: 10 }, (_, index) => ({
      agentId: id,
      index,
      cell: 'D',
    }))
    live = applyChanges(live, changes)
    expect(live.all.some(v => v.rule === 'REST-6-1' && v.agentId === id)).toBe(true)
  })
})
