import { daysInMonth, parseMonthFile, type Leave, type Swap } from '@paiban/domain'
import { checkMonth } from '@paiban/rules'
import { describe, expect, it } from 'vitest'
import {
  agent,
  at,
  BY_MANAGER,
  BY_SUPERVISOR,
  month,
  monthInput,
  only,
  row,
  swapApprovals,
} from './helpers/month'

/**
 * The month boundary for the request rules (issue 18): `neighbours` carries the requests of the
 * months either side, as `previous` carries their roster. SWAP-CONSEC sees a swap on the 31st next
 * to one on the 1st; LEAVE-APPROVER counts a request that spans two months once.
 */

const TEAM = [
  agent('t1', { role: 'teamLeader', teamLeaderId: 't1' }),
  agent('a1', { teamLeaderId: 't1' }),
  agent('a2', { teamLeaderId: 't1' }),
  agent('b1', { teamLeaderId: 't1' }),
]

/** a1 on days, a2 and b1 on nights, the whole of `id`. */
const rosterOf = (id: string, a1Days: Record<number, string> = {}) => {
  const n = daysInMonth(id)
  return { a1: row(n, 'D', a1Days), a2: 'N'.repeat(n), b1: 'N'.repeat(n), t1: '-'.repeat(n) }
}

/** An approved a1 ↔ a2 exchange of another month (a neighbour). */
const otherSwap = (date: string, more: Partial<Swap> = {}): Swap => ({
  id: `x-${date}`,
  requester: 'a1',
  counterpart: 'a2',
  date,
  submittedAt: at('2026-10-01', '09:00'),
  status: 'approved',
  approvals: swapApprovals('a2', ['t1']),
  ...more,
})

/** One record of a1's request `r1` in another month (a neighbour), approved by the supervisor. */
const otherLeave = (date: string, more: Partial<Leave> = {}): Leave => ({
  id: `y-${date}`,
  agentId: 'a1',
  date,
  shift: 'D',
  kind: 'annual',
  urgent: false,
  certificate: false,
  requestId: 'r1',
  submittedAt: at('2026-10-01', '09:00'),
  by: 'a1',
  status: 'approved',
  approvals: [BY_SUPERVISOR],
  ...more,
})

describe('SWAP-CONSEC across the month boundary', () => {
  /** `id` with a pending a1 → b1 swap on `date` and the given neighbour swaps. */
  const file = (id: string, date: string, swaps: Swap[], holidays = {}) =>
    month({
      month: id,
      agents: TEAM,
      roster: rosterOf(id),
      holidays,
      swaps: [{ requester: 'a1', counterpart: 'b1', date }],
      neighbours: { swaps, leaves: [] },
    })

  it('allows a swap on the 1st when the month before last swapped two days earlier', () => {
    expect(only(checkMonth(file('2026-12', '2026-12-01', [otherSwap('2026-11-29')])), 'SWAP-CONSEC')).toEqual(
      [],
    )
  })

  it('flags a swap on the 1st next to one on the 31st of the month before', () => {
    expect(only(checkMonth(file('2027-01', '2027-01-01', [otherSwap('2026-12-31')])), 'SWAP-CONSEC')).toEqual(
      [{ rule: 'SWAP-CONSEC', severity: 'hard', agentId: 'a1', date: '2027-01-01', requestId: 's1' }],
    )
  })

  it('is blind to the month before without neighbours (the gap the server and month next fill)', () => {
    expect(only(checkMonth(file('2027-01', '2027-01-01', [])), 'SWAP-CONSEC')).toEqual([])
  })

  it('flags the month-end swap (a night ending 24:00) next to the next month’s swap on the 1st, on this month’s swap', () => {
    const f = file('2026-12', '2026-12-31', [otherSwap('2027-01-01', { counterpart: 'b1' })])
    expect(f.roster?.['b1']?.at(-1)).toBe('N')
    // Both parties swap on both days: each is flagged, on this month's swap.
    expect(only(checkMonth(f), 'SWAP-CONSEC')).toEqual([
      { rule: 'SWAP-CONSEC', severity: 'hard', agentId: 'a1', date: '2026-12-31', requestId: 's1' },
      { rule: 'SWAP-CONSEC', severity: 'hard', agentId: 'b1', date: '2026-12-31', requestId: 's1' },
    ])
  })

  it('counts a neighbour’s return date (还班) on the last day', () => {
    const back = otherSwap('2026-11-20', { returnDate: '2026-11-30' })
    expect(only(checkMonth(file('2026-12', '2026-12-01', [back])), 'SWAP-CONSEC')).toHaveLength(1)
  })

  it('ignores rejected and cancelled neighbours, and clashes between two neighbours', () => {
    const f = file('2026-12', '2026-12-05', [
      otherSwap('2026-11-30', { status: 'rejected' }),
      otherSwap('2027-01-01', { status: 'cancelled' }),
      otherSwap('2026-11-29', { id: 'n1' }),
      otherSwap('2026-11-30', { id: 'n2' }),
    ])
    expect(only(checkMonth(f), 'SWAP-CONSEC')).toEqual([])
  })

  it('flags it on a statutory holiday (元旦 2027-01-01) like any other day', () => {
    const result = checkMonth(file('2027-01', '2027-01-01', [otherSwap('2026-12-31')]))
    expect(only(result, 'SWAP-HOLIDAY').map(v => v.date)).toEqual(['2027-01-01'])
    expect(only(result, 'SWAP-CONSEC').map(v => v.date)).toEqual(['2027-01-01'])
  })

  it('flags a swap on a 调休 workday at month end next to the 1st of the month after', () => {
    const f = file('2026-02', '2026-02-28', [otherSwap('2026-03-01')], { workdays: ['2026-02-28'] })
    expect(only(checkMonth(f), 'SWAP-CONSEC')).toEqual([
      { rule: 'SWAP-CONSEC', severity: 'hard', agentId: 'a1', date: '2026-02-28', requestId: 's1' },
    ])
  })
})

describe('LEAVE-APPROVER for a request that spans two months', () => {
  /** a1's request r1 on `days` of `id` (approved with `approvals`), and its records elsewhere. */
  const file = (id: string, days: number[], elsewhere: Leave[], approvals = [BY_SUPERVISOR], holidays = {}) =>
    month({
      month: id,
      agents: TEAM,
      roster: rosterOf(id, Object.fromEntries(days.map(d => [d, 'L']))),
      holidays,
      leaves: days.map(d => ({
        agentId: 'a1',
        date: `${id}-${String(d).padStart(2, '0')}`,
        shift: 'D',
        requestId: 'r1',
        approvals,
      })),
      neighbours: { swaps: [], leaves: elsewhere },
    })
  const january = ['2027-01-28', '2027-01-29', '2027-01-30', '2027-01-31'].map(d => otherLeave(d))

  it('accepts a supervisor for 3 days of February alone', () => {
    expect(only(checkMonth(file('2027-02', [1, 2, 3], [])), 'LEAVE-APPROVER')).toEqual([])
  })

  it('counts 01-28 … 02-03 as one 7-day request: February’s records need a manager', () => {
    expect(only(checkMonth(file('2027-02', [1, 2, 3], january)), 'LEAVE-APPROVER')).toEqual([
      { rule: 'LEAVE-APPROVER', severity: 'hard', agentId: 'a1', date: '2027-02-01', requestId: 'r1' },
    ])
    expect(only(checkMonth(file('2027-02', [1, 2, 3], january, [BY_MANAGER])), 'LEAVE-APPROVER')).toEqual([])
  })

  it('goes over the limit with one day of the month before (3 + 1), not at it (2 + 1)', () => {
    const one = [otherLeave('2027-01-31')]
    expect(only(checkMonth(file('2027-02', [1, 2, 3], one)), 'LEAVE-APPROVER')).toHaveLength(1)
    expect(only(checkMonth(file('2027-02', [1, 2], one)), 'LEAVE-APPROVER')).toEqual([])
  })

  it('counts the month after’s days from the month-end side (12-29 … 01-01, 元旦)', () => {
    const f = file('2026-12', [29, 30, 31], [otherLeave('2027-01-01')])
    expect(only(checkMonth(f), 'LEAVE-APPROVER')).toEqual([
      { rule: 'LEAVE-APPROVER', severity: 'hard', agentId: 'a1', date: '2026-12-29', requestId: 'r1' },
    ])
  })

  it('counts a 调休 workday at month end (2026-02-28) as a day of the request', () => {
    const march = ['2026-03-01', '2026-03-02', '2026-03-03'].map(d => otherLeave(d))
    const f = file('2026-02', [28], march, [BY_SUPERVISOR], { workdays: ['2026-02-28'] })
    expect(only(checkMonth(f), 'LEAVE-APPROVER').map(v => v.date)).toEqual(['2026-02-28'])
  })

  it('does not count rejected days elsewhere, another agent’s records, or another request', () => {
    const others = [
      otherLeave('2027-01-29', { status: 'rejected' }),
      otherLeave('2027-01-30', { agentId: 'a2' }),
      otherLeave('2027-01-31', { requestId: 'r2' }),
    ]
    expect(only(checkMonth(file('2027-02', [1, 2, 3], others)), 'LEAVE-APPROVER')).toEqual([])
  })

  it('refuses a neighbour dated inside the month, naming its field', () => {
    const input = monthInput({ month: '2027-02', agents: TEAM, roster: rosterOf('2027-02') })
    const parsed = parseMonthFile({ ...input, neighbours: { leaves: [otherLeave('2027-02-05')] } })
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.issues.map(i => i.path)).toEqual(['neighbours.leaves[0].date'])
  })
})
