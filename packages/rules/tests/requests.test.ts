import { checkLeave, checkMonth, checkSwap, requestIssues, ruleById } from '@paiban/rules'
import { describe, expect, it } from 'vitest'
import {
  agent,
  at,
  BY_MANAGER,
  leaveRequest,
  month,
  only,
  row,
  rulesOf,
  swapApprovals,
  swapRequest,
  type MonthSpec,
} from './helpers/month'

/**
 * t1 leads a1, a2 and b1 (phone, senior). a1 works days and a2 nights, five on and two off (rest on
 * the 6th and 7th, 13th and 14th, …); b1 works days 1–3 and 5–7 of each week and rests on the 4th, 8th, ….
 */
const TEAM = [
  agent('t1', { role: 'teamLeader', teamLeaderId: 't1' }),
  agent('a1', { teamLeaderId: 't1' }),
  agent('a2', { teamLeaderId: 't1' }),
  agent('b1', { teamLeaderId: 't1' }),
]
const ROSTER = { a1: row(31, 'DDDDD--'), a2: row(31, 'NNNNN--'), b1: row(31, 'DDD-DDD-') }
const team = (more: MonthSpec = {}) => month({ agents: TEAM, roster: ROSTER, ...more })

describe('SWAP-REST (checkSwap)', () => {
  it('is checked through checkSwap, not as a rule of its own', () => {
    expect(ruleById('SWAP-REST')).toBeUndefined()
  })

  it('passes a clean pending swap with no approvals yet: missing approvals are not violations', () => {
    const result = checkSwap(team(), swapRequest({ requester: 'a1', counterpart: 'a2', date: '2026-12-03' }))
    expect(result).toEqual({ ok: true, violations: [] })
  })

  it('reports SWAP-APPROVAL for a request marked approved without its approvals', () => {
    const request = swapRequest({
      requester: 'a1',
      counterpart: 'a2',
      date: '2026-12-03',
      status: 'approved',
    })
    expect(only(checkSwap(team(), request), 'SWAP-APPROVAL')).toEqual([
      { rule: 'SWAP-APPROVAL', severity: 'hard', agentId: 'a1', date: '2026-12-03', requestId: 'req' },
    ])
    const approved = { ...request, approvals: swapApprovals('a2', ['t1']) }
    expect(checkSwap(team(), approved)).toEqual({ ok: true, violations: [] })
  })

  it('reports an approved swap in the month file without approvals from checkMonth', () => {
    const file = team({
      roster: { ...ROSTER, a1: row(31, 'DDDDD--', { 3: 'N' }), a2: row(31, 'NNNNN--', { 3: 'D' }) },
      swaps: [{ requester: 'a1', counterpart: 'a2', date: '2026-12-03', status: 'approved' }],
    })
    expect(only(checkMonth(file), 'SWAP-APPROVAL').map(v => v.requestId)).toEqual(['s1'])
  })

  it('reports REST-6-1 and SWAP-REST for a swap that gives the counterpart 7 days in a row', () => {
    // b1 takes a1's day shift on the 4th, b1's only rest day of 1–7.
    const result = checkSwap(team(), swapRequest({ requester: 'a1', counterpart: 'b1', date: '2026-12-04' }))
    expect(result.ok).toBe(false)
    expect(only(result, 'REST-6-1')).toEqual([
      { rule: 'REST-6-1', severity: 'hard', agentId: 'b1', date: '2026-12-07' },
    ])
    expect(only(result, 'SWAP-REST')).toEqual([
      { rule: 'SWAP-REST', severity: 'hard', agentId: 'b1', date: '2026-12-07', requestId: 'req' },
    ])
  })

  it('reports REST-GAP and SWAP-REST for each party left with a day shift right after a night shift', () => {
    // On the 3rd a2 takes a1's day shift after their night of the 2nd, and a1 takes a2's night
    // before their day of the 4th: 8 h 50 min of rest each, less than 9 h.
    const file = team({ policy: { rest: { minRestHours: 9 } } })
    const result = checkSwap(file, swapRequest({ requester: 'a1', counterpart: 'a2', date: '2026-12-03' }))
    expect(only(result, 'REST-GAP')).toEqual([
      { rule: 'REST-GAP', severity: 'hard', agentId: 'a2', date: '2026-12-03', shift: 'D' },
      { rule: 'REST-GAP', severity: 'hard', agentId: 'a1', date: '2026-12-04', shift: 'D' },
    ])
    expect(only(result, 'SWAP-REST')).toEqual([
      {
        rule: 'SWAP-REST',
        severity: 'hard',
        agentId: 'a2',
        date: '2026-12-03',
        shift: 'D',
        requestId: 'req',
      },
      {
        rule: 'SWAP-REST',
        severity: 'hard',
        agentId: 'a1',
        date: '2026-12-04',
        shift: 'D',
        requestId: 'req',
      },
    ])
  })

  it('reports COVER-MIN and SWAP-REST for a swap that leaves a shift short of a job', () => {
    const file = month({
      agents: [agent('p1'), agent('c1', { job: 'chat' })],
      coverage: { default: { D: { phone: 1 } } },
      roster: { p1: row(31, 'DDDDD--'), c1: row(31, '-') },
    })
    const result = checkSwap(file, swapRequest({ requester: 'p1', counterpart: 'c1', date: '2026-12-03' }))
    expect(only(result, 'COVER-MIN')).toEqual([
      { rule: 'COVER-MIN', severity: 'hard', date: '2026-12-03', shift: 'D', job: 'phone' },
    ])
    expect(only(result, 'SWAP-REST')).toEqual([
      { rule: 'SWAP-REST', severity: 'hard', date: '2026-12-03', shift: 'D', requestId: 'req' },
    ])
    expect(rulesOf(result)).toEqual(['COVER-MIN', 'SWAP-PEER', 'SWAP-REST'])
  })

  it('reports COVER-LEAD and SWAP-REST for a swap that takes the only lead off a shift', () => {
    const file = month({
      agents: [
        agent('sr1', { level: 'senior' }),
        agent('i1', { level: 'intermediate' }),
        agent('i2', { level: 'intermediate' }),
      ],
      roster: { sr1: row(31, 'DDDDD--'), i1: row(31, 'DDDDD--'), i2: row(31, '-') },
    })
    const result = checkSwap(file, swapRequest({ requester: 'sr1', counterpart: 'i2', date: '2026-12-03' }))
    expect(only(result, 'COVER-LEAD')).toEqual([
      { rule: 'COVER-LEAD', severity: 'hard', date: '2026-12-03', shift: 'D' },
    ])
    expect(only(result, 'SWAP-REST')).toEqual([
      { rule: 'SWAP-REST', severity: 'hard', date: '2026-12-03', shift: 'D', requestId: 'req' },
    ])
  })

  it('reports SWAP-MAX for a third swap in the month', () => {
    const file = team({
      swaps: [
        { requester: 'a1', counterpart: 'a2', date: '2026-12-03' },
        {
          requester: 'a1',
          counterpart: 'a2',
          date: '2026-12-10',
          status: 'approved',
          approvals: swapApprovals('a2', ['t1']),
        },
      ],
      roster: { ...ROSTER, a1: row(31, 'DDDDD--', { 10: 'N' }), a2: row(31, 'NNNNN--', { 10: 'D' }) },
    })
    const result = checkSwap(file, swapRequest({ requester: 'a1', counterpart: 'a2', date: '2026-12-17' }))
    expect(only(result, 'SWAP-MAX')).toEqual([
      { rule: 'SWAP-MAX', severity: 'hard', agentId: 'a1', date: '2026-12-17', requestId: 'req' },
      { rule: 'SWAP-MAX', severity: 'hard', agentId: 'a2', date: '2026-12-17', requestId: 'req' },
    ])
  })

  it('reports the request rules a swap breaks (a holiday, a requester with no shift)', () => {
    const october = month({
      month: '2026-10',
      agents: TEAM,
      roster: { a1: 'D'.repeat(31), a2: 'N'.repeat(31) },
    })
    const holiday = checkSwap(
      october,
      swapRequest({ requester: 'a1', counterpart: 'a2', date: '2026-10-01' }, '2026-10'),
    )
    expect(rulesOf(holiday)).toEqual(['SWAP-HOLIDAY'])
    const restDay = checkSwap(team(), swapRequest({ requester: 'a1', counterpart: 'a2', date: '2026-12-06' }))
    expect(only(restDay, 'SWAP-CLEAR').map(v => v.date)).toEqual(['2026-12-06'])
  })

  it('does not repeat violations the month already has', () => {
    const file = team({
      coverage: { dates: { '2026-12-20': { D: { phone: 3 } } } },
      roster: { ...ROSTER, b1: 'D'.repeat(31) },
    })
    expect(checkMonth(file).ok).toBe(false)
    const result = checkSwap(file, swapRequest({ requester: 'a1', counterpart: 'a2', date: '2026-12-03' }))
    expect(result).toEqual({ ok: true, violations: [] })
  })
})

describe('checkLeave', () => {
  const coverage = { default: { D: { phone: 1 }, N: { phone: 1 } } }

  it('passes leave that keeps coverage and follows the leave rules', () => {
    const result = checkLeave(team(), leaveRequest({ agentId: 'b1', date: '2026-12-02', shift: 'D' }))
    expect(result).toEqual({ ok: true, violations: [] })
  })

  it('reports COVER-MIN when the leave drops a shift below its minimum', () => {
    const file = team({ coverage: { default: { D: { phone: 2 } } } })
    // a1 and b1 are the two day-shift agents of the 3rd.
    const result = checkLeave(file, leaveRequest({ agentId: 'a1', date: '2026-12-03', shift: 'D' }))
    expect(only(result, 'COVER-MIN')).toEqual([
      { rule: 'COVER-MIN', severity: 'hard', date: '2026-12-03', shift: 'D', job: 'phone' },
    ])
  })

  it('reports COVER-MIN when the leave makes an already short shift shorter', () => {
    // Regression: a what-if once compared violations by key only and missed a shift getting worse.
    const file = team({ coverage: { default: { D: { phone: 3 } } } })
    expect(only(checkMonth(file), 'COVER-MIN').filter(v => v.date === '2026-12-03')).toHaveLength(1)
    const result = checkLeave(file, leaveRequest({ agentId: 'a1', date: '2026-12-03', shift: 'D' }))
    expect(only(result, 'COVER-MIN')).toEqual([
      { rule: 'COVER-MIN', severity: 'hard', date: '2026-12-03', shift: 'D', job: 'phone' },
    ])
  })

  it('reports LEAVE-NIGHT for night leave asked after 12:00 that day', () => {
    const file = team({ coverage })
    const request = leaveRequest({
      agentId: 'a2',
      date: '2026-12-03',
      shift: 'N',
      status: 'pending',
      approvals: [],
      submittedAt: at('2026-12-03', '12:30'),
    })
    const result = checkLeave(file, request)
    expect(only(result, 'LEAVE-NIGHT')).toEqual([
      {
        rule: 'LEAVE-NIGHT',
        severity: 'hard',
        agentId: 'a2',
        date: '2026-12-03',
        shift: 'N',
        requestId: 'req',
      },
    ])
    // a2 is the only night agent: the night is short and the day shift has nobody to hand over to.
    expect(rulesOf(result)).toEqual(['COVER-MIN', 'HANDOVER', 'LEAVE-NIGHT'])
  })

  it('does not yet report pending night leave asked in time', () => {
    const request = leaveRequest({
      agentId: 'a2',
      date: '2026-12-03',
      shift: 'N',
      status: 'pending',
      approvals: [],
      submittedAt: at('2026-12-03', '09:00'),
    })
    expect(checkLeave(team(), request)).toEqual({ ok: true, violations: [] })
    expect(checkLeave(team(), { ...request, status: 'approved', approvals: [BY_MANAGER] }).ok).toBe(true)
  })

  it('reports LEAVE-SWAPPED for leave on a shift obtained through a swap', () => {
    const file = team({
      roster: { ...ROSTER, a1: row(31, 'DDDDD--', { 3: 'N' }), a2: row(31, 'NNNNN--', { 3: 'D' }) },
      swaps: [
        {
          requester: 'a1',
          counterpart: 'a2',
          date: '2026-12-03',
          status: 'approved',
          approvals: swapApprovals('a2', ['t1']),
        },
      ],
    })
    const result = checkLeave(
      file,
      leaveRequest({ agentId: 'a2', date: '2026-12-03', shift: 'D', submittedAt: at('2026-11-25', '09:00') }),
    )
    expect(only(result, 'LEAVE-SWAPPED')).toEqual([
      {
        rule: 'LEAVE-SWAPPED',
        severity: 'hard',
        agentId: 'a2',
        date: '2026-12-03',
        shift: 'D',
        requestId: 'req',
      },
    ])
  })

  it('does not repeat violations the month already has', () => {
    const file = team({ coverage: { dates: { '2026-12-20': { D: { phone: 3 } } } } })
    const result = checkLeave(file, leaveRequest({ agentId: 'b1', date: '2026-12-02', shift: 'D' }))
    expect(result).toEqual({ ok: true, violations: [] })
  })
})

describe('requestIssues', () => {
  const file = team()

  it('finds nothing wrong with requests that fit the month', () => {
    expect(
      requestIssues(
        file,
        swapRequest({ requester: 'a1', counterpart: 'a2', date: '2026-12-03', returnDate: '2026-12-10' }),
      ),
    ).toEqual([])
    expect(requestIssues(file, leaveRequest({ agentId: 'a2', date: '2026-12-03', shift: 'N' }))).toEqual([])
  })

  it('names unknown agent ids of a swap', () => {
    const issues = requestIssues(
      file,
      swapRequest({ requester: 'zz', counterpart: 'yy', date: '2026-12-03' }),
    )
    expect(issues.map(i => i.path)).toEqual(['request.requester', 'request.counterpart'])
  })

  it('names swap dates outside the month', () => {
    const issues = requestIssues(
      file,
      swapRequest({ requester: 'a1', counterpart: 'a2', date: '2026-11-30', returnDate: '2027-01-02' }),
    )
    expect(issues.map(i => i.path)).toEqual(['request.date', 'request.returnDate'])
  })

  it('names the unknown agent and the date outside the month of a leave request', () => {
    expect(
      requestIssues(file, leaveRequest({ agentId: 'zz', date: '2026-12-03', shift: 'D' })).map(i => i.path),
    ).toEqual(['request.agentId'])
    expect(
      requestIssues(file, leaveRequest({ agentId: 'a1', date: '2027-01-03', shift: 'D' })).map(i => i.path),
    ).toEqual(['request.date'])
  })

  it('names the shift of leave that does not match the roster, or a day already on leave', () => {
    expect(
      requestIssues(file, leaveRequest({ agentId: 'a1', date: '2026-12-03', shift: 'N' })).map(i => i.path),
    ).toEqual(['request.shift'])
    expect(
      requestIssues(file, leaveRequest({ agentId: 'a1', date: '2026-12-06', shift: 'D' })).map(i => i.path),
    ).toEqual(['request.shift'])
    const onLeave = team({ roster: { ...ROSTER, a1: row(31, 'DDDDD--', { 3: 'L' }) } })
    const issues = requestIssues(onLeave, leaveRequest({ agentId: 'a1', date: '2026-12-03', shift: 'D' }))
    expect(issues.map(i => i.path)).toEqual(['request.shift'])
    expect(issues[0]?.message.length).toBeGreaterThan(0)
  })

  it('uses the prefix it is given', () => {
    const issues = requestIssues(
      file,
      swapRequest({ requester: 'zz', counterpart: 'a2', date: '2026-12-03' }),
      'swap',
    )
    expect(issues.map(i => i.path)).toEqual(['swap.requester'])
  })
})
