import { checkMonth } from '@paiban/rules'
import { describe, expect, it } from 'vitest'
import {
  agent,
  at,
  BY_MANAGER,
  BY_SUPERVISOR,
  month,
  only,
  row,
  swapApprovals,
  type MonthSpec,
  type SwapSpec,
} from './helpers/month'

/**
 * Two teams: t1 leads a1 and a2, t2 leads b1 (all phone, senior). In December a1 works every day
 * shift, a2 and b1 every night shift, so a pending a1 → a2/b1 swap on any date is a clean exchange.
 */
const TEAM = [
  agent('t1', { role: 'teamLeader', teamLeaderId: 't1' }),
  agent('a1', { teamLeaderId: 't1' }),
  agent('a2', { teamLeaderId: 't1' }),
  agent('t2', { role: 'teamLeader', teamLeaderId: 't2' }),
  agent('b1', { teamLeaderId: 't2' }),
]
const ROSTER = { a1: 'D'.repeat(31), a2: 'N'.repeat(31), b1: 'N'.repeat(31) }

/** The team's December with these swaps (and anything else of `more`). */
const withSwaps = (swaps: SwapSpec[], more: MonthSpec = {}) =>
  month({ agents: TEAM, roster: ROSTER, swaps, ...more })

/** The roster after an approved a1 ↔ other exchange on the given days. */
const exchanged = (other: 'a2' | 'b1', ...days: number[]) => {
  const swap = Object.fromEntries(days.map(d => [d, 'N']))
  const back = Object.fromEntries(days.map(d => [d, 'D']))
  return { ...ROSTER, a1: row(31, 'D', swap), [other]: row(31, 'N', back) }
}

describe('SWAP-APPROVAL', () => {
  it('passes an approved swap with consent, the shared team leader and the supervisor', () => {
    const file = withSwaps(
      [
        {
          requester: 'a1',
          counterpart: 'a2',
          date: '2026-12-03',
          status: 'approved',
          approvals: swapApprovals('a2', ['t1']),
        },
      ],
      { roster: exchanged('a2', 3) },
    )
    expect(only(checkMonth(file), 'SWAP-APPROVAL')).toEqual([])
  })

  it('passes a swap across teams approved by both team leaders', () => {
    const file = withSwaps(
      [
        {
          requester: 'a1',
          counterpart: 'b1',
          date: '2026-12-03',
          status: 'approved',
          approvals: swapApprovals('b1', ['t1', 't2']),
        },
      ],
      { roster: exchanged('b1', 3) },
    )
    expect(only(checkMonth(file), 'SWAP-APPROVAL')).toEqual([])
  })

  it('does not take an ordinary agent’s approval as the team leader’s', () => {
    // a2 has no team leader here, so any team leader may approve, but an agent may not.
    const file = withSwaps(
      [
        {
          requester: 'a1',
          counterpart: 'a2',
          date: '2026-12-03',
          status: 'approved',
          approvals: swapApprovals('a2', ['a2']),
        },
      ],
      {
        roster: exchanged('a2', 3),
        agents: TEAM.map(a => (a.id === 'a2' ? { ...a, teamLeaderId: undefined } : a)),
      },
    )
    expect(only(checkMonth(file), 'SWAP-APPROVAL').map(v => v.requestId)).toEqual(['s1'])
  })

  it('flags an approved swap in the month file that carries no approvals', () => {
    const file = withSwaps([{ requester: 'a1', counterpart: 'a2', date: '2026-12-03', status: 'approved' }], {
      roster: exchanged('a2', 3),
    })
    expect(only(checkMonth(file), 'SWAP-APPROVAL')).toEqual([
      { rule: 'SWAP-APPROVAL', severity: 'hard', agentId: 'a1', date: '2026-12-03', requestId: 's1' },
    ])
  })

  it('flags a swap across teams approved by only one of the two team leaders', () => {
    const file = withSwaps(
      [
        {
          requester: 'a1',
          counterpart: 'b1',
          date: '2026-12-03',
          status: 'approved',
          approvals: swapApprovals('b1', ['t1']),
        },
      ],
      { roster: exchanged('b1', 3) },
    )
    expect(only(checkMonth(file), 'SWAP-APPROVAL')).toHaveLength(1)
  })

  it('flags a swap without the supervisor, or with a manager in the supervisor’s place', () => {
    const noSupervisor = swapApprovals('a2', ['t1']).filter(a => a.role !== 'supervisor')
    for (const approvals of [noSupervisor, [...noSupervisor, BY_MANAGER]]) {
      const file = withSwaps(
        [{ requester: 'a1', counterpart: 'a2', date: '2026-12-03', status: 'approved', approvals }],
        { roster: exchanged('a2', 3) },
      )
      expect(only(checkMonth(file), 'SWAP-APPROVAL')).toHaveLength(1)
    }
  })

  it('does not accept an agent, or a person of another role, as the supervisor', () => {
    const base = swapApprovals('a2', ['t1']).filter(a => a.role !== 'supervisor')
    for (const by of ['t1', 'm1']) {
      const file = withSwaps(
        [
          {
            requester: 'a1',
            counterpart: 'a2',
            date: '2026-12-03',
            status: 'approved',
            approvals: [...base, { by, role: 'supervisor' }],
          },
        ],
        { roster: exchanged('a2', 3) },
      )
      expect(only(checkMonth(file), 'SWAP-APPROVAL')).toHaveLength(1)
    }
  })

  it('needs the consent of the counterpart in person', () => {
    const approvals = [
      { by: 'a1', role: 'counterpart' as const },
      { by: 't1', role: 'teamLeader' as const },
      BY_SUPERVISOR,
    ]
    const file = withSwaps(
      [{ requester: 'a1', counterpart: 'a2', date: '2026-12-03', status: 'approved', approvals }],
      {
        roster: exchanged('a2', 3),
      },
    )
    expect(only(checkMonth(file), 'SWAP-APPROVAL')).toHaveLength(1)
  })

  it('does not report missing approvals of pending, rejected or cancelled swaps', () => {
    const file = withSwaps([
      { requester: 'a1', counterpart: 'a2', date: '2026-12-03', status: 'pending' },
      { requester: 'a1', counterpart: 'b1', date: '2026-12-10', status: 'rejected' },
      { requester: 'a1', counterpart: 'b1', date: '2026-12-20', status: 'cancelled' },
    ])
    expect(only(checkMonth(file), 'SWAP-APPROVAL')).toEqual([])
  })
})

describe('SWAP-MAX', () => {
  const swap = (counterpart: string, date: string, status: SwapSpec['status'] = 'pending'): SwapSpec => ({
    requester: 'a1',
    counterpart,
    date,
    status,
  })

  it('allows two swaps per agent in a month', () => {
    const file = withSwaps([swap('a2', '2026-12-03'), swap('b1', '2026-12-10')])
    expect(only(checkMonth(file), 'SWAP-MAX')).toEqual([])
  })

  it('reports the third swap of the month, dated the third swap’s date, for the agent over the limit', () => {
    const file = withSwaps([swap('a2', '2026-12-03'), swap('b1', '2026-12-10'), swap('a2', '2026-12-20')])
    expect(only(checkMonth(file), 'SWAP-MAX')).toEqual([
      { rule: 'SWAP-MAX', severity: 'hard', agentId: 'a1', date: '2026-12-20', requestId: 's3' },
    ])
  })

  it('counts pending and approved swaps alike', () => {
    const file = withSwaps(
      [
        { ...swap('a2', '2026-12-03', 'approved'), approvals: swapApprovals('a2', ['t1']) },
        swap('b1', '2026-12-10'),
        swap('b1', '2026-12-20'),
      ],
      { roster: exchanged('a2', 3) },
    )
    expect(only(checkMonth(file), 'SWAP-MAX').map(v => [v.agentId, v.date])).toEqual([['a1', '2026-12-20']])
  })

  it('does not count rejected or cancelled swaps', () => {
    const file = withSwaps([
      swap('a2', '2026-12-03', 'rejected'),
      swap('b1', '2026-12-10', 'cancelled'),
      swap('a2', '2026-12-15'),
      swap('b1', '2026-12-20'),
    ])
    expect(only(checkMonth(file), 'SWAP-MAX')).toEqual([])
  })

  it('counts a swap in the month of its date: one in another month does not count', () => {
    const file = withSwaps([swap('a2', '2026-11-28'), swap('b1', '2026-12-10'), swap('a2', '2026-12-20')])
    expect(only(checkMonth(file), 'SWAP-MAX')).toEqual([])
  })

  it('counts for both parties: the counterpart of three swaps goes over too', () => {
    const file = withSwaps([
      { requester: 'a1', counterpart: 'a2', date: '2026-12-03' },
      { requester: 'b1', counterpart: 'a2', date: '2026-12-10' },
      { requester: 'a1', counterpart: 'a2', date: '2026-12-20' },
    ])
    expect(only(checkMonth(file), 'SWAP-MAX')).toEqual([
      { rule: 'SWAP-MAX', severity: 'hard', agentId: 'a2', date: '2026-12-20', requestId: 's3' },
    ])
  })

  it('orders swaps by date, not by their place in the file, and reports once however far over', () => {
    const file = withSwaps([
      swap('a2', '2026-12-25'),
      swap('b1', '2026-12-03'),
      swap('a2', '2026-12-10'),
      swap('b1', '2026-12-15'),
    ])
    expect(only(checkMonth(file), 'SWAP-MAX')).toEqual([
      { rule: 'SWAP-MAX', severity: 'hard', agentId: 'a1', date: '2026-12-15', requestId: 's4' },
    ])
  })

  it('follows policy.swap.maxPerMonth', () => {
    const swaps = [swap('a2', '2026-12-03'), swap('b1', '2026-12-10'), swap('a2', '2026-12-20')]
    expect(only(checkMonth(withSwaps(swaps, { policy: { swap: { maxPerMonth: 3 } } })), 'SWAP-MAX')).toEqual(
      [],
    )
  })
})

describe('SWAP-CONSEC', () => {
  it('allows swaps two days apart', () => {
    const file = withSwaps([
      { requester: 'a1', counterpart: 'a2', date: '2026-12-03' },
      { requester: 'a1', counterpart: 'b1', date: '2026-12-05' },
    ])
    expect(only(checkMonth(file), 'SWAP-CONSEC')).toEqual([])
  })

  it('flags swaps on adjacent dates, on the later swap and only for the agent in both', () => {
    const file = withSwaps([
      { requester: 'a1', counterpart: 'b1', date: '2026-12-04' },
      { requester: 'a1', counterpart: 'a2', date: '2026-12-03' },
    ])
    expect(only(checkMonth(file), 'SWAP-CONSEC')).toEqual([
      { rule: 'SWAP-CONSEC', severity: 'hard', agentId: 'a1', date: '2026-12-04', requestId: 's1' },
    ])
  })

  it('flags swapping again a shift obtained through a swap (same date)', () => {
    // a2 takes a1's day shift of the 3rd, then hands that shift on to b1.
    const file = withSwaps([
      { requester: 'a1', counterpart: 'a2', date: '2026-12-03' },
      { requester: 'a2', counterpart: 'b1', date: '2026-12-03', submittedAt: at('2026-11-22', '09:00') },
    ])
    expect(only(checkMonth(file), 'SWAP-CONSEC')).toEqual([
      { rule: 'SWAP-CONSEC', severity: 'hard', agentId: 'a2', date: '2026-12-03', requestId: 's2' },
    ])
  })

  it('looks at return dates too', () => {
    const file = withSwaps([
      { requester: 'a1', counterpart: 'a2', date: '2026-12-03', returnDate: '2026-12-10' },
      { requester: 'a1', counterpart: 'b1', date: '2026-12-11' },
    ])
    expect(only(checkMonth(file), 'SWAP-CONSEC')).toEqual([
      { rule: 'SWAP-CONSEC', severity: 'hard', agentId: 'a1', date: '2026-12-11', requestId: 's2' },
    ])
  })

  it('is off when policy.swap.forbidConsecutive is false', () => {
    const file = withSwaps(
      [
        { requester: 'a1', counterpart: 'a2', date: '2026-12-03' },
        { requester: 'a1', counterpart: 'b1', date: '2026-12-04' },
      ],
      { policy: { swap: { forbidConsecutive: false } } },
    )
    expect(only(checkMonth(file), 'SWAP-CONSEC')).toEqual([])
  })
})

describe('SWAP-PEER', () => {
  const pair = (a: Parameters<typeof agent>[1], b: Parameters<typeof agent>[1], policy = {}) =>
    month({
      agents: [agent('x', a), agent('y', b)],
      roster: { x: 'D'.repeat(31), y: 'N'.repeat(31) },
      swaps: [{ requester: 'x', counterpart: 'y', date: '2026-12-03' }],
      policy,
    })

  it('allows agents of one job whose levels are one step apart', () => {
    expect(only(checkMonth(pair({ level: 'junior' }, { level: 'intermediate' })), 'SWAP-PEER')).toEqual([])
  })

  it('flags agents of different jobs', () => {
    expect(only(checkMonth(pair({ job: 'phone' }, { job: 'chat' })), 'SWAP-PEER')).toEqual([
      { rule: 'SWAP-PEER', severity: 'hard', agentId: 'x', date: '2026-12-03', requestId: 's1' },
    ])
  })

  it('flags levels two steps apart', () => {
    expect(only(checkMonth(pair({ level: 'junior' }, { level: 'senior' })), 'SWAP-PEER')).toEqual([
      { rule: 'SWAP-PEER', severity: 'hard', agentId: 'x', date: '2026-12-03', requestId: 's1' },
    ])
    expect(only(checkMonth(pair({ level: 'reserve' }, { level: 'trainee' })), 'SWAP-PEER')).toHaveLength(1)
  })

  it('follows policy.swap.maxLevelGap', () => {
    const file = pair({ level: 'junior' }, { level: 'senior' }, { swap: { maxLevelGap: 2 } })
    expect(only(checkMonth(file), 'SWAP-PEER')).toEqual([])
  })
})

describe('SWAP-HOLIDAY', () => {
  /** October 2026: a1 on days, a2 on nights; National Day is 1–7, 10-10 a make-up Saturday. */
  const october = (swaps: SwapSpec[], more: MonthSpec = {}) =>
    month({
      month: '2026-10',
      agents: TEAM,
      roster: { a1: 'D'.repeat(31), a2: 'N'.repeat(31) },
      swaps,
      ...more,
    })

  it('flags a swap on a statutory holiday (National Day)', () => {
    const file = october([{ requester: 'a1', counterpart: 'a2', date: '2026-10-01' }])
    expect(only(checkMonth(file), 'SWAP-HOLIDAY')).toEqual([
      { rule: 'SWAP-HOLIDAY', severity: 'hard', agentId: 'a1', date: '2026-10-01', requestId: 's1' },
    ])
  })

  it('flags a return date on a statutory holiday, dated the return date', () => {
    const file = october([
      { requester: 'a1', counterpart: 'a2', date: '2026-10-12', returnDate: '2026-10-03' },
    ])
    expect(only(checkMonth(file), 'SWAP-HOLIDAY').map(v => v.date)).toEqual(['2026-10-03'])
  })

  it('allows the break days around a holiday by default; swap.holidayDays "break" bans them too', () => {
    // 2026-10-05 is a day off of the National Day break, not a statutory day (10-01…03).
    const swaps = [{ requester: 'a1', counterpart: 'a2', date: '2026-10-12', returnDate: '2026-10-05' }]
    expect(only(checkMonth(october(swaps)), 'SWAP-HOLIDAY')).toEqual([])
    const strict = october(swaps, { policy: { swap: { holidayDays: 'break' } } })
    expect(only(checkMonth(strict), 'SWAP-HOLIDAY').map(v => v.date)).toEqual(['2026-10-05'])
  })

  it('allows a swap on the 调休 make-up workday 2026-10-10 (a Saturday worked as a weekday)', () => {
    const file = october([{ requester: 'a1', counterpart: 'a2', date: '2026-10-10' }])
    expect(only(checkMonth(file), 'SWAP-HOLIDAY')).toEqual([])
  })

  it('allows a swap on the 调休 make-up workday 2026-09-20 (a Sunday)', () => {
    const file = month({
      month: '2026-09',
      agents: TEAM,
      roster: { a1: 'D'.repeat(30), a2: 'N'.repeat(30) },
      swaps: [{ requester: 'a1', counterpart: 'a2', date: '2026-09-20' }],
    })
    expect(only(checkMonth(file), 'SWAP-HOLIDAY')).toEqual([])
  })

  it('allows a swap on an ordinary weekend', () => {
    const file = october([{ requester: 'a1', counterpart: 'a2', date: '2026-10-17' }])
    expect(only(checkMonth(file), 'SWAP-HOLIDAY')).toEqual([])
  })

  it('flags New Year’s Day 2026', () => {
    const file = month({
      month: '2026-01',
      agents: TEAM,
      roster: { a1: 'D'.repeat(31), a2: 'N'.repeat(31) },
      swaps: [{ requester: 'a1', counterpart: 'a2', date: '2026-01-01' }],
    })
    expect(only(checkMonth(file), 'SWAP-HOLIDAY').map(v => v.date)).toEqual(['2026-01-01'])
  })

  it('follows the company calendar: a removed holiday can be swapped, a company day only under "all"', () => {
    const removed = october([{ requester: 'a1', counterpart: 'a2', date: '2026-10-02' }], {
      holidays: { remove: ['2026-10-02'] },
    })
    expect(only(checkMonth(removed), 'SWAP-HOLIDAY')).toEqual([])
    const swaps = [{ requester: 'a1', counterpart: 'a2', date: '2026-10-20' }]
    // A company day is not statutory: swaps stay allowed by default.
    expect(only(checkMonth(october(swaps, { holidays: { add: ['2026-10-20'] } })), 'SWAP-HOLIDAY')).toEqual(
      [],
    )
    const all = october(swaps, {
      holidays: { add: ['2026-10-20'] },
      policy: { swap: { holidayDays: 'all' } },
    })
    expect(only(checkMonth(all), 'SWAP-HOLIDAY').map(v => v.date)).toEqual(['2026-10-20'])
  })

  it('is off when policy.swap.forbidOnHolidays is false', () => {
    const file = october([{ requester: 'a1', counterpart: 'a2', date: '2026-10-01' }], {
      policy: { swap: { forbidOnHolidays: false } },
    })
    expect(only(checkMonth(file), 'SWAP-HOLIDAY')).toEqual([])
  })
})

describe('SWAP-LEAVE', () => {
  it('passes when neither party has leave on the swapped dates', () => {
    const file = withSwaps([{ requester: 'a1', counterpart: 'a2', date: '2026-12-03' }], {
      roster: { ...ROSTER, a2: row(31, 'N', { 4: 'L' }) },
      leaves: [{ agentId: 'a2', date: '2026-12-04', shift: 'N' }],
    })
    expect(only(checkMonth(file), 'SWAP-LEAVE')).toEqual([])
  })

  it('flags a swap of a date the counterpart already has leave on', () => {
    const file = withSwaps(
      [{ requester: 'a1', counterpart: 'a2', date: '2026-12-03', submittedAt: at('2026-11-25', '09:00') }],
      {
        roster: { ...ROSTER, a2: row(31, 'N', { 3: 'L' }) },
        leaves: [{ agentId: 'a2', date: '2026-12-03', shift: 'N', submittedAt: at('2026-11-20', '09:00') }],
      },
    )
    expect(only(checkMonth(file), 'SWAP-LEAVE')).toEqual([
      { rule: 'SWAP-LEAVE', severity: 'hard', agentId: 'a2', date: '2026-12-03', requestId: 's1' },
    ])
    expect(only(checkMonth(file), 'LEAVE-SWAPPED')).toEqual([])
  })

  it('flags a pending swap of a date the roster shows as leave', () => {
    const file = withSwaps(
      [{ requester: 'a1', counterpart: 'a2', date: '2026-12-03', returnDate: '2026-12-08' }],
      {
        roster: { ...ROSTER, a1: row(31, 'D', { 8: 'L' }) },
        leaves: [
          {
            agentId: 'a1',
            date: '2026-12-08',
            shift: 'D',
            status: 'approved',
            submittedAt: at('2026-11-01', '09:00'),
          },
        ],
      },
    )
    expect(only(checkMonth(file), 'SWAP-LEAVE')).toEqual([
      { rule: 'SWAP-LEAVE', severity: 'hard', agentId: 'a1', date: '2026-12-08', requestId: 's1' },
    ])
  })
})

describe('LEAVE-SWAPPED', () => {
  it('flags leave taken later on a shift obtained through a swap', () => {
    const file = withSwaps(
      [
        {
          requester: 'a1',
          counterpart: 'a2',
          date: '2026-12-03',
          status: 'approved',
          approvals: swapApprovals('a2', ['t1']),
          submittedAt: at('2026-11-20', '09:00'),
        },
      ],
      {
        roster: { ...ROSTER, a1: row(31, 'D', { 3: 'N' }), a2: row(31, 'N', { 3: 'L' }) },
        leaves: [
          { id: 'lv', agentId: 'a2', date: '2026-12-03', shift: 'D', submittedAt: at('2026-11-25', '09:00') },
        ],
      },
    )
    expect(only(checkMonth(file), 'LEAVE-SWAPPED')).toEqual([
      {
        rule: 'LEAVE-SWAPPED',
        severity: 'hard',
        agentId: 'a2',
        date: '2026-12-03',
        shift: 'D',
        requestId: 'lv',
      },
    ])
    expect(only(checkMonth(file), 'SWAP-LEAVE')).toEqual([])
  })

  it('flags leave taken later on the returned shift (还班)', () => {
    const file = withSwaps(
      [
        {
          requester: 'a1',
          counterpart: 'a2',
          date: '2026-12-03',
          returnDate: '2026-12-10',
          submittedAt: at('2026-11-20', '09:00'),
        },
      ],
      {
        leaves: [
          {
            agentId: 'a1',
            date: '2026-12-10',
            shift: 'D',
            status: 'pending',
            submittedAt: at('2026-11-26', '09:00'),
          },
        ],
      },
    )
    expect(only(checkMonth(file), 'LEAVE-SWAPPED')).toEqual([
      {
        rule: 'LEAVE-SWAPPED',
        severity: 'hard',
        agentId: 'a1',
        date: '2026-12-10',
        shift: 'D',
        requestId: 'l1',
      },
    ])
  })

  it('ignores rejected leave and leave on other dates', () => {
    const file = withSwaps(
      [{ requester: 'a1', counterpart: 'a2', date: '2026-12-03', submittedAt: at('2026-11-20', '09:00') }],
      {
        leaves: [
          {
            agentId: 'a1',
            date: '2026-12-03',
            shift: 'D',
            status: 'rejected',
            submittedAt: at('2026-11-26', '09:00'),
          },
          {
            agentId: 'a1',
            date: '2026-12-05',
            shift: 'D',
            status: 'pending',
            submittedAt: at('2026-11-26', '09:00'),
          },
        ],
      },
    )
    expect(only(checkMonth(file), 'LEAVE-SWAPPED')).toEqual([])
  })
})

describe('SWAP-CLEAR', () => {
  it('passes a pending day ↔ night exchange', () => {
    const file = withSwaps([
      { requester: 'a1', counterpart: 'a2', date: '2026-12-03', returnDate: '2026-12-06' },
    ])
    expect(only(checkMonth(file), 'SWAP-CLEAR')).toEqual([])
  })

  it('passes a pending swap where a resting counterpart takes the shift', () => {
    const file = withSwaps([{ requester: 'a1', counterpart: 't1', date: '2026-12-03' }])
    expect(only(checkMonth(file), 'SWAP-CLEAR')).toEqual([])
  })

  it('flags a requester who has no shift to give up', () => {
    const file = withSwaps([{ requester: 't1', counterpart: 'a1', date: '2026-12-03' }])
    expect(only(checkMonth(file), 'SWAP-CLEAR')).toEqual([
      { rule: 'SWAP-CLEAR', severity: 'hard', agentId: 't1', date: '2026-12-03', requestId: 's1' },
    ])
  })

  it('flags two agents holding the same shift (the swap would double-book)', () => {
    const file = withSwaps([{ requester: 'a2', counterpart: 'b1', date: '2026-12-03' }])
    expect(only(checkMonth(file), 'SWAP-CLEAR').map(v => v.date)).toEqual(['2026-12-03'])
  })

  it('flags a swap with oneself and a return date equal to the swap date', () => {
    const self = withSwaps([{ requester: 'a1', counterpart: 'a1', date: '2026-12-03' }])
    expect(only(checkMonth(self), 'SWAP-CLEAR').length).toBeGreaterThan(0)
    const sameDay = withSwaps([
      { requester: 'a1', counterpart: 'a2', date: '2026-12-03', returnDate: '2026-12-03' },
    ])
    expect(only(checkMonth(sameDay), 'SWAP-CLEAR')).toEqual([
      { rule: 'SWAP-CLEAR', severity: 'hard', agentId: 'a1', date: '2026-12-03', requestId: 's1' },
    ])
  })

  it('flags a return date on which the counterpart has no shift to return', () => {
    const file = withSwaps(
      [{ requester: 'a1', counterpart: 'a2', date: '2026-12-03', returnDate: '2026-12-08' }],
      {
        roster: { ...ROSTER, a2: row(31, 'N', { 8: '-' }) },
      },
    )
    expect(only(checkMonth(file), 'SWAP-CLEAR')).toEqual([
      { rule: 'SWAP-CLEAR', severity: 'hard', agentId: 'a1', date: '2026-12-08', requestId: 's1' },
    ])
  })

  it('flags an approved swap whose shift the roster leaves empty', () => {
    // Approved means applied: the counterpart should now hold the shift, but rests.
    const file = withSwaps(
      [
        {
          requester: 'a1',
          counterpart: 't1',
          date: '2026-12-03',
          status: 'approved',
          approvals: swapApprovals('t1', ['t1']),
        },
      ],
      { roster: { ...ROSTER, a1: row(31, 'D', { 3: '-' }) } },
    )
    expect(only(checkMonth(file), 'SWAP-CLEAR')).toEqual([
      { rule: 'SWAP-CLEAR', severity: 'hard', agentId: 'a1', date: '2026-12-03', requestId: 's1' },
    ])
  })

  it('passes an approved swap already applied to the roster', () => {
    const file = withSwaps(
      [
        {
          requester: 'a1',
          counterpart: 'a2',
          date: '2026-12-03',
          status: 'approved',
          approvals: swapApprovals('a2', ['t1']),
        },
      ],
      { roster: exchanged('a2', 3) },
    )
    expect(only(checkMonth(file), 'SWAP-CLEAR')).toEqual([])
  })
})
