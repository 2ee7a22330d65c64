import { checkMonth } from '@paiban/rules'
import { describe, expect, it } from 'vitest'
import { agent, month, only, row } from './helpers/month'

const dec = (days: Record<number, string>) => row(31, '-', days)
/** `n` night shifts from the 1st, every other day. */
const nights = (n: number) => dec(Object.fromEntries(Array.from({ length: n }, (_, i) => [1 + 2 * i, 'N'])))
const penaltyOf = (result: ReturnType<typeof checkMonth>, rule: string) =>
  result.violations.filter(v => v.rule === rule).map(v => v.penalty)

describe('FAIR-NIGHT', () => {
  it('passes night counts at most one apart', () => {
    const file = month({ agents: [agent('a1'), agent('a2')], roster: { a1: nights(3), a2: nights(2) } })
    expect(only(checkMonth(file), 'FAIR-NIGHT')).toEqual([])
  })

  it('is a soft violation, weighted per night over the spread, for the agent with too many nights', () => {
    const result = checkMonth(
      month({ agents: [agent('a1'), agent('a2')], roster: { a1: nights(4), a2: nights(1) } }),
    )
    expect(only(result, 'FAIR-NIGHT')).toEqual([
      { rule: 'FAIR-NIGHT', severity: 'soft', agentId: 'a1', job: 'phone' },
    ])
    expect(penaltyOf(result, 'FAIR-NIGHT')).toEqual([10])
    expect(result.ok).toBe(true)
  })

  it('compares agents within a job and leaves out agents who do not work nights', () => {
    const file = month({
      agents: [agent('a1'), agent('a2'), agent('x', { nights: false }), agent('c1', { job: 'chat' })],
      roster: { a1: nights(3), a2: nights(2), c1: nights(0) },
    })
    expect(only(checkMonth(file), 'FAIR-NIGHT')).toEqual([])
  })

  it('follows policy.fairness.nightSpread', () => {
    const file = month({
      agents: [agent('a1'), agent('a2')],
      policy: { fairness: { nightSpread: 3 } },
      roster: { a1: nights(4), a2: nights(1) },
    })
    expect(only(checkMonth(file), 'FAIR-NIGHT')).toEqual([])
  })
})

describe('FAIR-WEEKEND', () => {
  it('passes weekend duty at most one apart', () => {
    const file = month({
      agents: [agent('a1'), agent('a2')],
      roster: { a1: dec({ 5: 'D', 6: 'D' }), a2: dec({ 12: 'D' }) },
    })
    expect(only(checkMonth(file), 'FAIR-WEEKEND')).toEqual([])
  })

  it('is a soft violation for the agent with too many weekend shifts', () => {
    const result = checkMonth(
      month({
        agents: [agent('a1'), agent('a2')],
        roster: { a1: dec({ 5: 'D', 6: 'N', 12: 'D' }), a2: dec({ 7: 'D' }) },
      }),
    )
    expect(only(result, 'FAIR-WEEKEND')).toEqual([
      { rule: 'FAIR-WEEKEND', severity: 'soft', agentId: 'a1', job: 'phone' },
    ])
    expect(penaltyOf(result, 'FAIR-WEEKEND')).toEqual([6])
  })

  it('counts statutory holidays on weekdays (National Day 2026-10-01, 02)', () => {
    const file = month({
      month: '2026-10',
      agents: [agent('a1'), agent('a2')],
      roster: { a1: row(31, '-', { 1: 'D', 2: 'D' }) },
    })
    expect(only(checkMonth(file), 'FAIR-WEEKEND').map(v => v.agentId)).toEqual(['a1'])
  })

  it('counts break days and company days by default; fairness.holidayDays "statutory" leaves them out', () => {
    // 2026-10-05/06 are break days of National Day (not statutory), 10-20 a company day.
    const input = {
      month: '2026-10',
      agents: [agent('a1'), agent('a2')],
      roster: { a1: row(31, '-', { 5: 'D', 6: 'D', 20: 'D' }) },
      holidays: { add: ['2026-10-20'] },
    }
    expect(only(checkMonth(month(input)), 'FAIR-WEEKEND').map(v => v.agentId)).toEqual(['a1'])
    const statutoryOnly = month({ ...input, policy: { fairness: { holidayDays: 'statutory' } } })
    expect(only(checkMonth(statutoryOnly), 'FAIR-WEEKEND')).toEqual([])
  })

  it('does not count the 调休 make-up Saturday 2026-10-10 as weekend duty', () => {
    const file = month({
      month: '2026-10',
      agents: [agent('a1'), agent('a2')],
      roster: { a1: row(31, '-', { 9: 'D', 10: 'D', 12: 'D' }) },
    })
    expect(only(checkMonth(file), 'FAIR-WEEKEND')).toEqual([])
  })
})

describe('WISH-OFF', () => {
  it('passes a wished day off that is rested', () => {
    const file = month({
      roster: { a1: dec({ 4: 'D' }) },
      wishes: [{ agentId: 'a1', date: '2026-12-05', want: 'off' }],
    })
    expect(only(checkMonth(file), 'WISH-OFF')).toEqual([])
  })

  it('is a soft violation, weighted by the wish, when the day is worked', () => {
    const result = checkMonth(
      month({
        roster: { a1: dec({ 5: 'N' }) },
        wishes: [{ agentId: 'a1', date: '2026-12-05', want: 'off', weight: 3 }],
      }),
    )
    expect(only(result, 'WISH-OFF')).toEqual([
      { rule: 'WISH-OFF', severity: 'soft', agentId: 'a1', date: '2026-12-05', shift: 'N' },
    ])
    expect(penaltyOf(result, 'WISH-OFF')).toEqual([3])
  })
})

describe('WISH-SHIFT', () => {
  it('passes a preferred shift that is given', () => {
    const file = month({
      roster: { a1: dec({ 5: 'N' }) },
      wishes: [{ agentId: 'a1', date: '2026-12-05', want: 'N' }],
    })
    expect(only(checkMonth(file), 'WISH-SHIFT')).toEqual([])
  })

  it('is a soft violation with the default weight when another cell is given', () => {
    const result = checkMonth(
      month({ roster: { a1: dec({ 5: 'D' }) }, wishes: [{ agentId: 'a1', date: '2026-12-05', want: 'N' }] }),
    )
    expect(only(result, 'WISH-SHIFT')).toEqual([
      { rule: 'WISH-SHIFT', severity: 'soft', agentId: 'a1', date: '2026-12-05' },
    ])
    expect(penaltyOf(result, 'WISH-SHIFT')).toEqual([1])
  })

  it('waits while the cell is undecided', () => {
    const file = month({
      roster: { a1: dec({ 5: '?' }) },
      wishes: [{ agentId: 'a1', date: '2026-12-05', want: 'D' }],
    })
    expect(only(checkMonth(file), 'WISH-SHIFT')).toEqual([])
  })
})

describe('CONTRACT', () => {
  it('passes worked days equal to contractDays, counting approved leave as worked', () => {
    // Rest on the 7th, 14th, 21st, 28th and 31st: 26 days, one of them on leave.
    const file = month({
      agents: [agent('a1', { contractDays: 26 })],
      roster: { a1: row(31, 'DDDDDD-', { 1: 'L', 31: '-' }) },
      leaves: [{ agentId: 'a1', date: '2026-12-01', shift: 'D' }],
    })
    expect(only(checkMonth(file), 'CONTRACT')).toEqual([])
  })

  it('is a soft violation weighted per day away from the target', () => {
    const result = checkMonth(
      month({ agents: [agent('a1', { contractDays: 26 })], roster: { a1: row(31, 'DDDDD--') } }),
    )
    expect(only(result, 'CONTRACT')).toEqual([{ rule: 'CONTRACT', severity: 'soft', agentId: 'a1' }])
    // 23 worked: 3 under × 2.
    expect(penaltyOf(result, 'CONTRACT')).toEqual([6])
  })

  it('waits while cells are undecided', () => {
    const file = month({ agents: [agent('a1', { contractDays: 26 })], roster: { a1: dec({ 3: '?' }) } })
    expect(only(checkMonth(file), 'CONTRACT')).toEqual([])
  })
})
