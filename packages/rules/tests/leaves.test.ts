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
  type LeaveSpec,
  type MonthSpec,
} from './helpers/month'

/** a1 works days, a2 nights, all December; t1 is their team leader. */
const TEAM = [
  agent('t1', { role: 'teamLeader', teamLeaderId: 't1' }),
  agent('a1', { teamLeaderId: 't1' }),
  agent('a2', { teamLeaderId: 't1' }),
]
const ROSTER = { a1: 'D'.repeat(31), a2: 'N'.repeat(31) }
const withLeaves = (leaves: LeaveSpec[], more: MonthSpec = {}) =>
  month({ agents: TEAM, roster: ROSTER, leaves, ...more })

describe('LEAVE-NIGHT', () => {
  /** Night leave of a2 on 2026-12-10. */
  const night = (more: Partial<LeaveSpec>): LeaveSpec => ({
    agentId: 'a2',
    date: '2026-12-10',
    shift: 'N',
    ...more,
  })

  it('allows night leave submitted before 12:00 that day and approved by a manager', () => {
    const file = withLeaves([night({ submittedAt: at('2026-12-10', '11:00'), approvals: [BY_MANAGER] })])
    expect(only(checkMonth(file), 'LEAVE-NIGHT')).toEqual([])
  })

  it('allows night leave submitted at 12:00 exactly, or days earlier', () => {
    const file = withLeaves([
      night({ submittedAt: at('2026-12-10', '12:00'), approvals: [BY_MANAGER] }),
      night({ date: '2026-12-14', submittedAt: at('2026-12-01', '16:00'), approvals: [BY_MANAGER] }),
    ])
    expect(only(checkMonth(file), 'LEAVE-NIGHT')).toEqual([])
  })

  it('flags approved night leave submitted after 12:00, even with a manager', () => {
    const file = withLeaves([night({ submittedAt: at('2026-12-10', '12:01'), approvals: [BY_MANAGER] })])
    expect(only(checkMonth(file), 'LEAVE-NIGHT')).toEqual([
      {
        rule: 'LEAVE-NIGHT',
        severity: 'hard',
        agentId: 'a2',
        date: '2026-12-10',
        shift: 'N',
        requestId: 'l1',
      },
    ])
  })

  it('flags night leave approved by a supervisor only', () => {
    const file = withLeaves([night({ submittedAt: at('2026-12-09', '09:00'), approvals: [BY_SUPERVISOR] })])
    expect(only(checkMonth(file), 'LEAVE-NIGHT')).toEqual([
      {
        rule: 'LEAVE-NIGHT',
        severity: 'hard',
        agentId: 'a2',
        date: '2026-12-10',
        shift: 'N',
        requestId: 'l1',
      },
    ])
  })

  it('does not yet flag a pending request submitted in time (it still needs the manager)', () => {
    const file = withLeaves([
      night({ status: 'pending', approvals: [], submittedAt: at('2026-12-10', '09:00') }),
    ])
    expect(only(checkMonth(file), 'LEAVE-NIGHT')).toEqual([])
  })

  it('flags a pending request submitted after 12:00 that day', () => {
    const file = withLeaves([
      night({ status: 'pending', approvals: [], submittedAt: at('2026-12-10', '13:00') }),
    ])
    expect(only(checkMonth(file), 'LEAVE-NIGHT')).toEqual([
      {
        rule: 'LEAVE-NIGHT',
        severity: 'hard',
        agentId: 'a2',
        date: '2026-12-10',
        shift: 'N',
        requestId: 'l1',
      },
    ])
  })

  it('ignores rejected requests and day-shift leave', () => {
    const file = withLeaves([
      night({ status: 'rejected', submittedAt: at('2026-12-10', '15:00') }),
      { agentId: 'a1', date: '2026-12-10', shift: 'D', submittedAt: at('2026-12-10', '06:00') },
    ])
    expect(only(checkMonth(file), 'LEAVE-NIGHT')).toEqual([])
  })

  it('reads the cutoff in the team zone whatever offset the submission is written with', () => {
    const inTime = withLeaves([night({ submittedAt: '2026-12-10T04:00:00Z', approvals: [BY_MANAGER] })])
    expect(only(checkMonth(inTime), 'LEAVE-NIGHT')).toEqual([])
    const late = withLeaves([night({ submittedAt: '2026-12-10T04:30:00Z', approvals: [BY_MANAGER] })])
    expect(only(checkMonth(late), 'LEAVE-NIGHT')).toHaveLength(1)
  })

  it('follows policy.leave.nightCutoff', () => {
    const file = withLeaves([night({ submittedAt: at('2026-12-10', '11:00'), approvals: [BY_MANAGER] })], {
      policy: { leave: { nightCutoff: '10:00' } },
    })
    expect(only(checkMonth(file), 'LEAVE-NIGHT')).toHaveLength(1)
  })
})

describe('LEAVE-HOLIDAY', () => {
  /** October 2026: a1 on days, a2 on nights. Day leave of a1 on 2026-10-02 (National Day). */
  const october = (leaves: LeaveSpec[], more: MonthSpec = {}) =>
    month({
      month: '2026-10',
      agents: TEAM,
      roster: { a1: 'D'.repeat(31), a2: 'N'.repeat(31) },
      leaves,
      ...more,
    })
  const holiday = (more: Partial<LeaveSpec>): LeaveSpec => ({
    agentId: 'a1',
    date: '2026-10-02',
    shift: 'D',
    ...more,
  })

  it('allows holiday leave asked 2 days before the report time and approved by a manager', () => {
    // Report 2026-10-02 08:50, so the deadline is 2026-09-30 08:50.
    const file = october([holiday({ submittedAt: at('2026-09-30', '08:50'), approvals: [BY_MANAGER] })])
    expect(only(checkMonth(file), 'LEAVE-HOLIDAY')).toEqual([])
  })

  it('flags holiday leave asked too late, even with a manager', () => {
    const file = october([holiday({ submittedAt: at('2026-09-30', '08:51'), approvals: [BY_MANAGER] })])
    expect(only(checkMonth(file), 'LEAVE-HOLIDAY')).toEqual([
      {
        rule: 'LEAVE-HOLIDAY',
        severity: 'hard',
        agentId: 'a1',
        date: '2026-10-02',
        shift: 'D',
        requestId: 'l1',
      },
    ])
  })

  it('flags holiday leave approved without a manager', () => {
    const file = october([holiday({ submittedAt: at('2026-09-20', '09:00'), approvals: [BY_SUPERVISOR] })])
    expect(only(checkMonth(file), 'LEAVE-HOLIDAY')).toHaveLength(1)
  })

  it('does not yet flag a pending request in time, but flags a pending one too late', () => {
    const inTime = october([
      holiday({ status: 'pending', approvals: [], submittedAt: at('2026-09-25', '09:00') }),
    ])
    expect(only(checkMonth(inTime), 'LEAVE-HOLIDAY')).toEqual([])
    const late = october([
      holiday({ status: 'pending', approvals: [], submittedAt: at('2026-10-01', '09:00') }),
    ])
    expect(only(checkMonth(late), 'LEAVE-HOLIDAY')).toEqual([
      {
        rule: 'LEAVE-HOLIDAY',
        severity: 'hard',
        agentId: 'a1',
        date: '2026-10-02',
        shift: 'D',
        requestId: 'l1',
      },
    ])
  })

  it('measures the notice of a night shift from its 17:50 report time', () => {
    const night = { agentId: 'a2', date: '2026-10-03', shift: 'N' as const, approvals: [BY_MANAGER] }
    const ok = october([{ ...night, submittedAt: at('2026-10-01', '17:50') }])
    expect(only(checkMonth(ok), 'LEAVE-HOLIDAY')).toEqual([])
    const late = october([{ ...night, submittedAt: at('2026-10-01', '18:00') }])
    expect(only(checkMonth(late), 'LEAVE-HOLIDAY').map(v => v.shift)).toEqual(['N'])
  })

  it('does not apply on the 调休 make-up workdays 2026-10-10 and 2026-09-20', () => {
    const oct = october([holiday({ date: '2026-10-10', submittedAt: at('2026-10-09', '09:00') })])
    expect(only(checkMonth(oct), 'LEAVE-HOLIDAY')).toEqual([])
    const sep = month({
      month: '2026-09',
      agents: TEAM,
      roster: { a1: 'D'.repeat(30) },
      leaves: [holiday({ date: '2026-09-20', submittedAt: at('2026-09-19', '09:00') })],
    })
    expect(only(checkMonth(sep), 'LEAVE-HOLIDAY')).toEqual([])
  })

  it('does not apply on ordinary weekends', () => {
    const file = october([holiday({ date: '2026-10-17', submittedAt: at('2026-10-16', '09:00') })])
    expect(only(checkMonth(file), 'LEAVE-HOLIDAY')).toEqual([])
  })

  it('applies on New Year’s Day 2026', () => {
    const file = month({
      month: '2026-01',
      agents: TEAM,
      roster: { a1: 'D'.repeat(31) },
      leaves: [{ agentId: 'a1', date: '2026-01-01', shift: 'D', submittedAt: at('2025-12-31', '09:00') }],
    })
    expect(only(checkMonth(file), 'LEAVE-HOLIDAY').map(v => v.date)).toEqual(['2026-01-01'])
  })

  it('follows the company calendar (holidays.add only under leave.holidayDays "all", holidays.remove)', () => {
    const late = { submittedAt: at('2026-10-19', '09:00') }
    const leaves = [holiday({ date: '2026-10-20', ...late })]
    const added = october(leaves, { holidays: { add: ['2026-10-20'] } })
    expect(only(checkMonth(added), 'LEAVE-HOLIDAY')).toEqual([])
    const all = october(leaves, {
      holidays: { add: ['2026-10-20'] },
      policy: { leave: { holidayDays: 'all' } },
    })
    expect(only(checkMonth(all), 'LEAVE-HOLIDAY').map(v => v.date)).toEqual(['2026-10-20'])
    const removed = october([holiday({ date: '2026-10-02', submittedAt: at('2026-10-01', '09:00') })], {
      holidays: { remove: ['2026-10-02'] },
    })
    expect(only(checkMonth(removed), 'LEAVE-HOLIDAY')).toEqual([])
  })

  it('restricts the statutory days only by default, not the break days around them', () => {
    const late = { submittedAt: at('2026-10-04', '09:00') }
    // 2026-10-05 is a break day of National Day (statutory: 10-01…03).
    expect(only(checkMonth(october([holiday({ date: '2026-10-05', ...late })])), 'LEAVE-HOLIDAY')).toEqual([])
    const strict = october([holiday({ date: '2026-10-05', ...late })], {
      policy: { leave: { holidayDays: 'break' } },
    })
    expect(only(checkMonth(strict), 'LEAVE-HOLIDAY').map(v => v.date)).toEqual(['2026-10-05'])
  })

  it('follows policy.leave.holidayNoticeDays', () => {
    const file = october([holiday({ submittedAt: at('2026-09-30', '08:50'), approvals: [BY_MANAGER] })], {
      policy: { leave: { holidayNoticeDays: 3 } },
    })
    expect(only(checkMonth(file), 'LEAVE-HOLIDAY')).toHaveLength(1)
  })
})

describe('LEAVE-NOTICE', () => {
  /** Personal day leave of a1 on 2026-12-10 (report 08:50). */
  const personal = (more: Partial<LeaveSpec>): LeaveSpec => ({
    agentId: 'a1',
    date: '2026-12-10',
    shift: 'D',
    kind: 'personal',
    ...more,
  })

  it('allows ordinary personal leave asked 24 h before the report time', () => {
    const file = withLeaves([personal({ submittedAt: at('2026-12-09', '08:50') })])
    expect(only(checkMonth(file), 'LEAVE-NOTICE')).toEqual([])
  })

  it('flags approved personal leave asked later without a manager (absence)', () => {
    const file = withLeaves([personal({ submittedAt: at('2026-12-09', '09:00') })])
    expect(only(checkMonth(file), 'LEAVE-NOTICE')).toEqual([
      {
        rule: 'LEAVE-NOTICE',
        severity: 'hard',
        agentId: 'a1',
        date: '2026-12-10',
        shift: 'D',
        requestId: 'l1',
      },
    ])
  })

  it('accepts late personal leave approved by a manager', () => {
    const file = withLeaves([personal({ submittedAt: at('2026-12-10', '08:00'), approvals: [BY_MANAGER] })])
    expect(only(checkMonth(file), 'LEAVE-NOTICE')).toEqual([])
  })

  it('reminds (soft) on a late pending request: it still needs the manager', () => {
    const result = checkMonth(
      withLeaves([personal({ status: 'pending', approvals: [], submittedAt: at('2026-12-09', '20:00') })]),
    )
    expect(only(result, 'LEAVE-NOTICE')).toEqual([
      {
        rule: 'LEAVE-NOTICE',
        severity: 'soft',
        agentId: 'a1',
        date: '2026-12-10',
        shift: 'D',
        requestId: 'l1',
      },
    ])
  })

  it('allows urgent personal leave asked 2 h before the report time, not later', () => {
    const ok = withLeaves([personal({ urgent: true, submittedAt: at('2026-12-10', '06:50') })])
    expect(only(checkMonth(ok), 'LEAVE-NOTICE')).toEqual([])
    const late = withLeaves([personal({ urgent: true, submittedAt: at('2026-12-10', '07:00') })])
    expect(only(checkMonth(late), 'LEAVE-NOTICE')).toHaveLength(1)
  })

  it('follows the 1 h variant of policy.leave.urgentNoticeHours', () => {
    const file = withLeaves([personal({ urgent: true, submittedAt: at('2026-12-10', '07:50') })], {
      policy: { leave: { urgentNoticeHours: 1 } },
    })
    expect(only(checkMonth(file), 'LEAVE-NOTICE')).toEqual([])
  })

  it('measures the notice of night leave from its 17:50 report time', () => {
    const night = { agentId: 'a2', date: '2026-12-10', shift: 'N' as const, kind: 'personal' as const }
    expect(
      only(checkMonth(withLeaves([{ ...night, submittedAt: at('2026-12-09', '17:50') }])), 'LEAVE-NOTICE'),
    ).toEqual([])
    expect(
      only(checkMonth(withLeaves([{ ...night, submittedAt: at('2026-12-09', '18:00') }])), 'LEAVE-NOTICE'),
    ).toHaveLength(1)
  })

  it('applies to personal leave only', () => {
    const file = withLeaves([
      personal({ kind: 'annual', submittedAt: at('2026-12-10', '08:00') }),
      personal({
        kind: 'sick',
        date: '2026-12-11',
        by: 't1',
        certificate: true,
        submittedAt: at('2026-12-11', '08:00'),
      }),
    ])
    expect(only(checkMonth(file), 'LEAVE-NOTICE')).toEqual([])
  })

  it('measures the report time in the team zone (CAL-TZ)', () => {
    // 16:00 in Shanghai on 12-09 is 08:00 in London: 24 h 50 min before a London report at 08:50.
    const leaves = [personal({ submittedAt: at('2026-12-09', '16:00') })]
    expect(only(checkMonth(withLeaves(leaves)), 'LEAVE-NOTICE')).toHaveLength(1)
    expect(only(checkMonth(withLeaves(leaves, { timeZone: 'Europe/London' })), 'LEAVE-NOTICE')).toEqual([])
  })
})

describe('LEAVE-APPROVER', () => {
  /** One request `r1` of a1 covering the given December days, approved with `approvals`. */
  const request = (days: number[], approvals = [BY_SUPERVISOR], requestId: string | null = 'r1') => {
    const leaves: LeaveSpec[] = days.map(d => ({
      agentId: 'a1',
      date: `2026-12-${String(d).padStart(2, '0')}`,
      shift: 'D',
      approvals,
      ...(requestId === null ? {} : { requestId }),
    }))
    const cells = Object.fromEntries(days.map(d => [d, 'L']))
    return withLeaves(leaves, { roster: { ...ROSTER, a1: row(31, 'D', cells) } })
  }

  it('accepts a supervisor’s approval for up to 3 days', () => {
    expect(only(checkMonth(request([8, 9, 10])), 'LEAVE-APPROVER')).toEqual([])
  })

  it('needs a manager for a request of more than 3 days, reported once per request', () => {
    expect(only(checkMonth(request([8, 9, 10, 11])), 'LEAVE-APPROVER')).toEqual([
      { rule: 'LEAVE-APPROVER', severity: 'hard', agentId: 'a1', date: '2026-12-08', requestId: 'r1' },
    ])
    expect(only(checkMonth(request([8, 9, 10, 11], [BY_MANAGER])), 'LEAVE-APPROVER')).toEqual([])
  })

  it('counts a request’s days per agent when two agents reuse a requestId', () => {
    const file = withLeaves(
      [8, 9, 10, 11].map(d => ({
        agentId: d < 10 ? 'a1' : 'a2',
        date: `2026-12-${String(d).padStart(2, '0')}`,
        shift: 'D' as const,
        approvals: [BY_SUPERVISOR],
        requestId: 'r1',
      })),
      { roster: { ...ROSTER, a1: row(31, 'D', { 8: 'L', 9: 'L' }), a2: row(31, 'D', { 10: 'L', 11: 'L' }) } },
    )
    expect(only(checkMonth(file), 'LEAVE-APPROVER')).toEqual([])
  })

  it('counts a record without requestId as a one-day request', () => {
    expect(only(checkMonth(request([8, 9, 10, 11], [BY_SUPERVISOR], null)), 'LEAVE-APPROVER')).toEqual([])
  })

  it('does not count rejected days of the request', () => {
    const file = withLeaves(
      [8, 9, 10, 11].map((d): LeaveSpec => ({
        agentId: 'a1',
        date: `2026-12-${d.toString().padStart(2, '0')}`,
        shift: 'D',
        requestId: 'r1',
        status: d === 11 ? 'rejected' : 'approved',
      })),
      { roster: { ...ROSTER, a1: row(31, 'D', { 8: 'L', 9: 'L', 10: 'L' }) } },
    )
    expect(only(checkMonth(file), 'LEAVE-APPROVER')).toEqual([])
  })

  it('flags approved leave with no approval at all', () => {
    expect(only(checkMonth(request([8], [])), 'LEAVE-APPROVER')).toEqual([
      { rule: 'LEAVE-APPROVER', severity: 'hard', agentId: 'a1', date: '2026-12-08', requestId: 'r1' },
    ])
  })

  it('does not take a manager approval from someone listed as a supervisor', () => {
    const file = request([8, 9, 10, 11], [{ by: 's1', role: 'manager' }])
    expect(only(checkMonth(file), 'LEAVE-APPROVER')).toHaveLength(1)
  })

  it('does not count a manager’s approval recorded by an import until the manager confirms it', () => {
    const imported = { ...BY_MANAGER, recordedBy: 'supervisor' }
    expect(only(checkMonth(request([8, 9, 10, 11], [imported])), 'LEAVE-APPROVER')).toEqual([
      { rule: 'LEAVE-APPROVER', severity: 'hard', agentId: 'a1', date: '2026-12-08', requestId: 'r1' },
    ])
    // Edge: a short request it would have covered as the supervisor's step is missing too.
    expect(only(checkMonth(request([8], [imported])), 'LEAVE-APPROVER')).toHaveLength(1)
    const confirmed = { ...imported, confirmedAt: '2026-12-05T10:00:00+08:00' }
    expect(only(checkMonth(request([8, 9, 10, 11], [confirmed])), 'LEAVE-APPROVER')).toEqual([])
    // A supervisor's approval recorded by import is missing the same way.
    const bySupervisor = { ...BY_SUPERVISOR, recordedBy: 'hr' }
    expect(only(checkMonth(request([8, 9], [bySupervisor])), 'LEAVE-APPROVER')).toHaveLength(1)
  })

  it('follows the 1-day variant of policy.leave.supervisorMaxDays', () => {
    const leaves: LeaveSpec[] = [
      { agentId: 'a1', date: '2026-12-08', shift: 'D', requestId: 'r1' },
      { agentId: 'a1', date: '2026-12-09', shift: 'D', requestId: 'r1' },
    ]
    const file = withLeaves(leaves, {
      policy: { leave: { supervisorMaxDays: 1 } },
      roster: { ...ROSTER, a1: row(31, 'D', { 8: 'L', 9: 'L' }) },
    })
    expect(only(checkMonth(file), 'LEAVE-APPROVER').map(v => v.requestId)).toEqual(['r1'])
  })

  it('flags an L in the roster with no approved leave record', () => {
    const file = withLeaves(
      [{ agentId: 'a1', date: '2026-12-09', shift: 'D', status: 'pending', approvals: [] }],
      {
        roster: { ...ROSTER, a1: row(31, 'D', { 5: 'L', 9: 'L' }) },
      },
    )
    expect(only(checkMonth(file), 'LEAVE-APPROVER')).toEqual([
      { rule: 'LEAVE-APPROVER', severity: 'hard', agentId: 'a1', date: '2026-12-05' },
      { rule: 'LEAVE-APPROVER', severity: 'hard', agentId: 'a1', date: '2026-12-09' },
    ])
  })
})

describe('LEAVE-SELF', () => {
  it('passes personal leave filed by the agent', () => {
    const file = withLeaves([{ agentId: 'a1', date: '2026-12-10', shift: 'D', kind: 'personal', by: 'a1' }])
    expect(only(checkMonth(file), 'LEAVE-SELF')).toEqual([])
  })

  it('passes sick leave filed by the team leader', () => {
    const file = withLeaves([
      { agentId: 'a1', date: '2026-12-10', shift: 'D', kind: 'sick', certificate: true, by: 't1' },
    ])
    expect(only(checkMonth(file), 'LEAVE-SELF')).toEqual([])
  })

  it('flags personal leave filed by someone else', () => {
    const file = withLeaves([{ agentId: 'a1', date: '2026-12-10', shift: 'D', kind: 'personal', by: 't1' }])
    expect(only(checkMonth(file), 'LEAVE-SELF')).toEqual([
      {
        rule: 'LEAVE-SELF',
        severity: 'hard',
        agentId: 'a1',
        date: '2026-12-10',
        shift: 'D',
        requestId: 'l1',
      },
    ])
  })

  it('flags every kind but sick leave filed by someone else', () => {
    const file = withLeaves([
      { agentId: 'a1', date: '2026-12-10', shift: 'D', kind: 'annual', by: 't1' },
      {
        agentId: 'a2',
        date: '2026-12-11',
        shift: 'N',
        kind: 'marriage',
        by: 's1',
        status: 'pending',
        approvals: [],
      },
    ])
    expect(only(checkMonth(file), 'LEAVE-SELF').map(v => v.agentId)).toEqual(['a1', 'a2'])
  })
})

describe('LEAVE-SICK-CERT', () => {
  const sick = (more: Partial<LeaveSpec>): LeaveSpec => ({
    agentId: 'a1',
    date: '2026-12-10',
    shift: 'D',
    kind: 'sick',
    ...more,
  })

  it('passes sick leave with a medical certificate', () => {
    expect(only(checkMonth(withLeaves([sick({ certificate: true })])), 'LEAVE-SICK-CERT')).toEqual([])
  })

  it('flags approved sick leave without a certificate', () => {
    expect(only(checkMonth(withLeaves([sick({})])), 'LEAVE-SICK-CERT')).toEqual([
      {
        rule: 'LEAVE-SICK-CERT',
        severity: 'hard',
        agentId: 'a1',
        date: '2026-12-10',
        shift: 'D',
        requestId: 'l1',
      },
    ])
  })

  it('reminds (soft) on a pending request without a certificate', () => {
    const result = checkMonth(withLeaves([sick({ status: 'pending', approvals: [] })]))
    expect(only(result, 'LEAVE-SICK-CERT').map(v => v.severity)).toEqual(['soft'])
  })

  it('excepts emergencies until the first day back (urgent: a soft reminder, no penalty)', () => {
    const found = only(checkMonth(withLeaves([sick({ urgent: true })])), 'LEAVE-SICK-CERT')
    expect(found.map(v => v.severity)).toEqual(['soft'])
  })

  it('does not apply to other kinds of leave', () => {
    expect(only(checkMonth(withLeaves([sick({ kind: 'annual' })])), 'LEAVE-SICK-CERT')).toEqual([])
  })
})

describe('ATTEND-LATE', () => {
  const withAttendance = (attendance: MonthSpec['attendance']) =>
    month({ agents: TEAM, roster: { a1: '--D' + '-'.repeat(28), a2: '---D' + '-'.repeat(27) }, attendance })

  it('does not count 19 minutes late or away', () => {
    const result = checkMonth(
      withAttendance([{ agentId: 'a1', date: '2026-12-03', lateMinutes: 19, awayMinutes: 19 }]),
    )
    expect(only(result, 'ATTEND-LATE')).toEqual([])
  })

  it('counts 20 minutes late as absence (soft: a payroll fact)', () => {
    const result = checkMonth(withAttendance([{ agentId: 'a1', date: '2026-12-03', lateMinutes: 20 }]))
    expect(only(result, 'ATTEND-LATE')).toEqual([
      { rule: 'ATTEND-LATE', severity: 'soft', agentId: 'a1', date: '2026-12-03' },
    ])
    expect(result.ok).toBe(true)
  })

  it('counts leaving the post for 20 minutes or more', () => {
    const result = checkMonth(withAttendance([{ agentId: 'a2', date: '2026-12-04', awayMinutes: 45 }]))
    expect(only(result, 'ATTEND-LATE').map(v => [v.agentId, v.date])).toEqual([['a2', '2026-12-04']])
  })

  it('follows policy.attendance.absentAfterMinutes', () => {
    const file = month({
      agents: TEAM,
      roster: ROSTER,
      policy: { attendance: { absentAfterMinutes: 30 } },
      attendance: [{ agentId: 'a1', date: '2026-12-03', lateMinutes: 25 }],
    })
    expect(only(checkMonth(file), 'ATTEND-LATE')).toEqual([])
  })
})
