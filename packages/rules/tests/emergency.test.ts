import { checkLeave, checkMonth } from '@paiban/rules'
import { describe, expect, it } from 'vitest'
import { agent, at, leaveRequest, month, only, row, rulesOf, type LeaveSpec } from './helpers/month'

// LEAVE-EMERGENCY (rules.md §5a) and the emergency's certificate (LEAVE-SICK-CERT).

const TEAM = [
  agent('t1', { role: 'teamLeader', teamLeaderId: 't1' }),
  agent('a1', { teamLeaderId: 't1' }),
  agent('a2', { teamLeaderId: 't1' }),
]
/** a1 on the night shift of 9 (on leave, L) and back on the day shift of 11. */
const emergency = (more: Partial<LeaveSpec> = {}): LeaveSpec => ({
  agentId: 'a1',
  date: '2026-12-09',
  shift: 'N',
  kind: 'sick',
  urgent: true,
  by: 't1',
  submittedAt: at('2026-12-09', '15:00'),
  approvals: [{ by: 't1', role: 'teamLeader' }],
  ...more,
})
const withLeave = (leave: LeaveSpec, more: Parameters<typeof month>[0] = {}) =>
  month({ agents: TEAM, roster: { a1: row(31, '-', { 9: 'L', 11: 'D' }) }, leaves: [leave], ...more })

describe('LEAVE-EMERGENCY', () => {
  it('lets a team leader file sick leave for tonight at 15:00 (no LEAVE-NIGHT, no approver needed)', () => {
    const result = checkMonth(withLeave(emergency()))
    expect(rulesOf({ violations: result.violations.filter(v => v.severity === 'hard') })).toEqual([])
  })

  it('is checked the same as a request before it is filed', () => {
    const file = month({ agents: TEAM, roster: { a1: row(31, '-', { 9: 'N', 11: 'D' }) } })
    const request = leaveRequest({ ...emergency(), status: 'pending', approvals: [] })
    expect(
      checkLeave(file, request)
        .violations.filter(v => v.severity === 'hard')
        .map(v => v.rule),
    ).toEqual([])
  })

  it('names an emergency phoned in after the report time (17:50) and it is no longer exempt', () => {
    const result = checkMonth(withLeave(emergency({ submittedAt: at('2026-12-09', '17:51') })))
    expect(only(result, 'LEAVE-EMERGENCY')).toEqual([
      {
        rule: 'LEAVE-EMERGENCY',
        severity: 'hard',
        agentId: 'a1',
        date: '2026-12-09',
        shift: 'N',
        requestId: 'l1',
      },
    ])
    expect(only(result, 'LEAVE-NIGHT').map(v => v.date)).toEqual(['2026-12-09'])
  })

  it('passes at exactly the report time', () => {
    expect(
      only(checkMonth(withLeave(emergency({ submittedAt: at('2026-12-09', '17:50') }))), 'LEAVE-EMERGENCY'),
    ).toEqual([])
  })

  it('names an emergency filed by another agent', () => {
    expect(
      only(checkMonth(withLeave(emergency({ by: 'a2' }))), 'LEAVE-EMERGENCY').map(v => v.agentId),
    ).toEqual(['a1'])
  })

  it('holds on a statutory holiday (2026-10-01) without the manager', () => {
    const file = month({
      month: '2026-10',
      agents: TEAM,
      roster: { a1: row(31, '-', { 1: 'L', 2: 'D' }) },
      leaves: [emergency({ date: '2026-10-01', shift: 'D', submittedAt: at('2026-10-01', '07:30') })],
    })
    const hard = checkMonth(file).violations.filter(v => v.severity === 'hard')
    expect(hard.map(v => v.rule)).toEqual([])
  })

  it('holds on a 调休 workday (Saturday 2026-10-10) filed at 06:00', () => {
    const file = month({
      month: '2026-10',
      agents: TEAM,
      roster: { a1: row(31, '-', { 10: 'L', 12: 'D' }) },
      leaves: [emergency({ date: '2026-10-10', shift: 'D', submittedAt: at('2026-10-10', '06:00') })],
    })
    expect(checkMonth(file).violations.filter(v => v.severity === 'hard')).toEqual([])
  })
})

describe('LEAVE-SICK-CERT for an emergency', () => {
  it('reminds (soft) that the certificate is due on the first day back', () => {
    expect(only(checkMonth(withLeave(emergency())), 'LEAVE-SICK-CERT')).toEqual([
      {
        rule: 'LEAVE-SICK-CERT',
        severity: 'soft',
        agentId: 'a1',
        date: '2026-12-09',
        shift: 'N',
        requestId: 'l1',
      },
    ])
  })

  it('is hard once the agent is recorded back (2026-12-11) without it', () => {
    const file = withLeave(emergency(), {
      attendance: [{ agentId: 'a1', date: '2026-12-11', arrivedAt: '08:50' }],
    })
    expect(only(checkMonth(file), 'LEAVE-SICK-CERT').map(v => v.severity)).toEqual(['hard'])
  })

  it('passes with the certificate handed in', () => {
    const file = withLeave(emergency({ certificate: true }), {
      attendance: [{ agentId: 'a1', date: '2026-12-11', arrivedAt: '08:50' }],
    })
    expect(only(checkMonth(file), 'LEAVE-SICK-CERT')).toEqual([])
  })

  it('waits for the next month when the last night of the month is the leave', () => {
    const file = month({
      agents: TEAM,
      roster: { a1: row(31, '-', { 31: 'L' }) },
      leaves: [emergency({ date: '2026-12-31', submittedAt: at('2026-12-31', '16:00') })],
      attendance: [{ agentId: 'a1', date: '2026-12-30', shift: 'D', noShow: true }],
    })
    expect(only(checkMonth(file), 'LEAVE-SICK-CERT').map(v => v.severity)).toEqual(['soft'])
  })
})
