import {
  leaveApprovalSteps,
  leaveTurn,
  missingLeaveSteps,
  monthContext,
  swapApprovalSteps,
  swapTurn,
} from '@paiban/rules'
import { describe, expect, it } from 'vitest'
import { agent, at, BY_MANAGER, BY_SUPERVISOR, leaveRequest, month, row, swapRequest } from './helpers/month'

const TEAM = [
  agent('t1', { role: 'teamLeader' }),
  agent('a1', { teamLeaderId: 't1' }),
  agent('a2', { teamLeaderId: 't1' }),
  agent('loner'),
  agent('led-by-agent', { teamLeaderId: 'a1' }),
]
const FILE = month({
  agents: TEAM,
  roster: {
    t1: row(31, 'DDDDD--'),
    a1: row(31, 'DDDDD--'),
    a2: row(31, 'NNNNN--'),
    loner: row(31, 'NNNNN--'),
  },
})
const ctx = monthContext(FILE)

describe('swapApprovalSteps: an agent without a team leader', () => {
  it('adds no leader step for a party whose teamLeaderId names an agent who is not a team leader', () => {
    expect(swapApprovalSteps(FILE.agents, { requester: 'led-by-agent', counterpart: 'loner' })).toEqual([
      { role: 'counterpart', by: 'loner' },
      { role: 'supervisor' },
    ])
  })
})

describe('swapTurn (whose turn it is)', () => {
  const swap = swapRequest({ requester: 'loner', counterpart: 'a2', date: '2026-12-01' })
  it('is the counterpart’s first, and nobody else’s', () => {
    expect(swapTurn(ctx, swap, { role: 'agent', agentId: 'a2' })).toBe('counterpart')
    expect(swapTurn(ctx, swap, { role: 'teamLeader', agentId: 't1' })).toBeUndefined()
    expect(swapTurn(ctx, swap, { role: 'supervisor', agentId: null })).toBeUndefined()
  })
  it('then the counterpart’s leader, then the supervisor (no step for the loner’s missing leader)', () => {
    const consented = { ...swap, approvals: [{ by: 'a2', role: 'counterpart' as const }] }
    expect(swapTurn(ctx, consented, { role: 'teamLeader', agentId: 't1' })).toBe('teamLeader')
    const led = {
      ...consented,
      approvals: [...consented.approvals, { by: 't1', role: 'teamLeader' as const }],
    }
    expect(swapTurn(ctx, led, { role: 'supervisor', agentId: null })).toBe('supervisor')
    expect(swapTurn(ctx, led, { role: 'manager', agentId: null })).toBeUndefined()
  })
  it('is nobody’s once the swap is no longer pending', () => {
    expect(swapTurn(ctx, { ...swap, status: 'rejected' }, { role: 'agent', agentId: 'a2' })).toBeUndefined()
  })
})

describe('leaveApprovalSteps (LEAVE-APPROVER, LEAVE-NIGHT, LEAVE-HOLIDAY, LEAVE-NOTICE)', () => {
  const pending = { status: 'pending' as const, approvals: [] }
  const day = (date: string, more = {}) =>
    leaveRequest({ agentId: 'a1', date, shift: 'D', requestId: 'r', ...pending, ...more })

  it('asks only the supervisor for a short day-shift leave asked in time', () => {
    expect(leaveApprovalSteps(ctx, [day('2026-12-01')])).toEqual([{ role: 'supervisor' }])
  })
  it('adds the manager after the supervisor for more than 3 days; exactly 3 is the supervisor’s (the edge)', () => {
    const three = ['2026-12-01', '2026-12-02', '2026-12-03'].map(d => day(d))
    expect(leaveApprovalSteps(ctx, three)).toEqual([{ role: 'supervisor' }])
    expect(leaveApprovalSteps(ctx, [...three, day('2026-12-04')])).toEqual([
      { role: 'supervisor' },
      { role: 'manager', because: ['LEAVE-APPROVER'] },
    ])
  })
  it('adds the manager for a night shift, but not for an emergency sick leave', () => {
    const night = leaveRequest({ agentId: 'a2', date: '2026-12-01', shift: 'N', ...pending })
    expect(leaveApprovalSteps(ctx, [night])).toEqual([
      { role: 'supervisor' },
      { role: 'manager', because: ['LEAVE-NIGHT'] },
    ])
    const emergency = {
      ...night,
      kind: 'sick' as const,
      urgent: true,
      submittedAt: at('2026-12-01', '10:00'),
    }
    expect(leaveApprovalSteps(ctx, [emergency])).toEqual([{ role: 'supervisor' }])
  })
  it('adds the manager for personal leave asked less than 24 h ahead', () => {
    const late = day('2026-12-01', { kind: 'personal', submittedAt: at('2026-11-30', '20:00') })
    expect(leaveApprovalSteps(ctx, [late])).toEqual([
      { role: 'supervisor' },
      { role: 'manager', because: ['LEAVE-NOTICE'] },
    ])
  })
  it('takes turns: the supervisor, then the manager, then nobody', () => {
    const four = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'].map(d => day(d))
    expect(leaveTurn(ctx, four, { role: 'manager', agentId: null })).toBeUndefined()
    expect(leaveTurn(ctx, four, { role: 'supervisor', agentId: null })).toBe('supervisor')
    const bySupervisor = four.map(r => ({ ...r, approvals: [BY_SUPERVISOR] }))
    expect(leaveTurn(ctx, bySupervisor, { role: 'manager', agentId: null })).toBe('manager')
    const both = four.map(r => ({ ...r, approvals: [BY_SUPERVISOR, BY_MANAGER] }))
    expect(missingLeaveSteps(ctx, both)).toEqual([])
    expect(leaveTurn(ctx, both, { role: 'manager', agentId: null })).toBeUndefined()
  })
})
