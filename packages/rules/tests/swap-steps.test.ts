import type { Approval } from '@paiban/domain'
import { checkSwap, swapApprovalSteps } from '@paiban/rules'
import { describe, expect, it } from 'vitest'
import { agent, BY_SUPERVISOR, month, only, row, swapApprovals, swapRequest } from './helpers/month'

/** t1 and t2 lead; a1 and t2 are led by t1, a2 by t2; loner has no team leader. */
const TEAM = [
  agent('t1', { role: 'teamLeader' }),
  agent('t2', { role: 'teamLeader', teamLeaderId: 't1' }),
  agent('a1', { teamLeaderId: 't1' }),
  agent('a2', { teamLeaderId: 't2' }),
  agent('loner'),
]
const ROSTER = {
  t1: row(31, '-'),
  t2: row(31, 'NNNNN--'),
  a1: row(31, 'DDDDD--'),
  a2: row(31, 'NNNNN--'),
  loner: row(31, 'NNNNN--'),
}
const file = (swapped: Record<string, string> = {}) =>
  month({ agents: TEAM, roster: { ...ROSTER, ...swapped } })

describe('swapApprovalSteps (SWAP-APPROVAL and the workflow read the same list)', () => {
  it('asks the counterpart, each party’s team leader once, then the supervisor', () => {
    expect(swapApprovalSteps(file().agents, { requester: 'a1', counterpart: 'a2' })).toEqual([
      { role: 'counterpart', by: 'a2' },
      { role: 'teamLeader', by: 't1' },
      { role: 'teamLeader', by: 't2' },
      { role: 'supervisor' },
    ])
  })

  it('never lets the counterpart approve as team leader: the other party’s leader approves instead', () => {
    // a1's leader t1 is not the counterpart here; t2 is the counterpart and a party: t2 gives consent only.
    expect(swapApprovalSteps(file().agents, { requester: 'a2', counterpart: 't2' })).toEqual([
      { role: 'counterpart', by: 't2' },
      { role: 'teamLeader', by: 't1' },
      { role: 'supervisor' },
    ])
  })

  it('falls back to the supervisor alone when the only team leader is the counterpart', () => {
    expect(swapApprovalSteps(file().agents, { requester: 'a1', counterpart: 't1' })).toEqual([
      { role: 'counterpart', by: 't1' },
      { role: 'supervisor' },
    ])
  })

  it('needs no leader step for an agent without a team leader, and the rule accepts that swap', () => {
    const steps = swapApprovalSteps(file().agents, { requester: 'loner', counterpart: 't2' })
    expect(steps).toEqual([
      { role: 'counterpart', by: 't2' },
      { role: 'teamLeader', by: 't1' },
      { role: 'supervisor' },
    ])
    const bothLoners = swapApprovalSteps([...file().agents, { id: 'x' }], {
      requester: 'loner',
      counterpart: 'x',
    })
    expect(bothLoners).toEqual([{ role: 'counterpart', by: 'x' }, { role: 'supervisor' }])
    const approvals: Approval[] = [{ by: 'x', role: 'counterpart' }, BY_SUPERVISOR]
    const loners = month({
      agents: [...TEAM, agent('x')],
      roster: { ...ROSTER, loner: row(31, 'NNNNN--', { 3: 'D' }), x: row(31, 'DDDDD--', { 3: 'N' }) },
    })
    const approved = swapRequest({
      requester: 'loner',
      counterpart: 'x',
      date: '2026-12-03',
      status: 'approved',
      approvals,
    })
    expect(only(checkSwap(loners, approved), 'SWAP-APPROVAL')).toEqual([])
    // The minimal failing case: without the supervisor's approval the rule still refuses it.
    const short = { ...approved, approvals: approvals.slice(0, 1) }
    expect(only(checkSwap(loners, short), 'SWAP-APPROVAL')).toHaveLength(1)
  })

  it('reports SWAP-APPROVAL when the counterpart leader approved as leader instead of the other leader', () => {
    const approved = swapRequest({
      requester: 'a2',
      counterpart: 't2',
      date: '2026-12-03',
      status: 'approved',
      approvals: swapApprovals('t2', ['t2']),
    })
    expect(only(checkSwap(file(), approved), 'SWAP-APPROVAL')).toHaveLength(1)
    const right = { ...approved, approvals: swapApprovals('t2', ['t1']) }
    expect(only(checkSwap(file(), right), 'SWAP-APPROVAL')).toEqual([])
  })
})

describe('SWAP-MAX on a new request (checkSwap)', () => {
  it('names the new request even when an approved swap of the month has a later date', () => {
    const f = month({
      agents: TEAM,
      roster: { ...ROSTER, a1: row(31, 'DDDDD--', { 24: 'N' }), a2: row(31, 'NNNNN--', { 24: 'D' }) },
      swaps: [
        { requester: 'a1', counterpart: 'a2', date: '2026-12-10' },
        {
          requester: 'a1',
          counterpart: 'a2',
          date: '2026-12-24',
          status: 'approved',
          approvals: swapApprovals('a2', ['t1', 't2']),
        },
      ],
    })
    const result = checkSwap(
      f,
      swapRequest({ id: 'new', requester: 'a1', counterpart: 'a2', date: '2026-12-03' }),
    )
    expect(only(result, 'SWAP-MAX')).toEqual([
      { rule: 'SWAP-MAX', severity: 'hard', agentId: 'a1', date: '2026-12-03', requestId: 'new' },
      { rule: 'SWAP-MAX', severity: 'hard', agentId: 'a2', date: '2026-12-03', requestId: 'new' },
    ])
    const zh = result.violations.find(v => v.rule === 'SWAP-MAX')?.message.zh ?? ''
    expect(zh).toContain('2026-12-03 的这次换班是第 3 次')
    expect(zh).not.toMatch(/\bs\d|new/)
  })

  it('passes the second swap of the month (the edge: exactly the maximum)', () => {
    const f = month({
      agents: TEAM,
      roster: ROSTER,
      swaps: [{ requester: 'a1', counterpart: 'a2', date: '2026-12-10' }],
    })
    const result = checkSwap(f, swapRequest({ requester: 'a1', counterpart: 'a2', date: '2026-12-03' }))
    expect(only(result, 'SWAP-MAX')).toEqual([])
  })
})
