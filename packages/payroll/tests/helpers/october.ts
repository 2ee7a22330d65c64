import { parseMonthFile, type MonthFile, type MonthFileInput } from '@paiban/domain'

/**
 * A small hand-built month, 2026-10, every payroll case in four agents. What the calendar says
 * (monthCalendar('2026-10'), chinese-days data):
 *
 *   10-01 Thu, 10-02 Fri, 10-03 Sat   National Day, statutory days proper (国庆 10-1..10-3),
 *                                      isStatutory                          → holiday rate (×3)
 *   10-04 Sun                          National Day break, weekend, not statutory → rest day (×2)
 *   10-05 Mon, 10-06 Tue, 10-07 Wed    National Day break, in-lieu days, not statutory → rest day (×2)
 *   10-10 Sat                          调休 make-up workday                  → ordinary day
 *   10-11, 17, 18, 24, 25, 31          weekends                              → rest day (×2)
 *
 * (Saturday 10-03 is statutory although it is a weekend; Monday 10-05 is only a rest day of the break.)
 * Seed policy: D 09:00–18:00 + 10 min handover = 550 min, N 18:00–24:00 + 10 min = 370 min,
 * night hours 360 min per N.
 *
 * - a1: D 01 (statutory), D 03 (statutory Saturday), N 05 (night on a break rest day), D 10 (调休),
 *   D 11 (Sunday), N 12, D 14. An attendance record of 2026-09-30 (outside the month) is ignored.
 * - a2: D 08 09 15 19 20 21 22; annual leave 13, sick leave 16; late 25 min on 20 (absence), late
 *   19 min on 21 (not), away 20 min on 22 (absence, exactly the limit); requester of swap s1 (23).
 * - a3: D 23 (got it from s1), D 24 (Saturday); personal leave 26 asked 12 h 50 min ahead with only
 *   the supervisor (LEAVE-NOTICE → absence), personal leave 28 in time (leave), annual leave 29 on
 *   the shift it got from swap s3 (LEAVE-SWAPPED → absence); counterpart of s1 and s3.
 * - a4 (chat): D 02 (statutory), N 07 (in-lieu day), N 31 (Saturday); requester of s3; a pending
 *   late personal leave on 31 (not absence yet) and a rejected sick leave on 02 (nothing).
 * - Swaps not counted: s2 pending, s4 approved but dated 2026-09-28, s5 cancelled.
 */

/** A 31-day row: `-` everywhere except the given days (`{ 1: 'D', 5: 'N' }`). */
export function octoberRow(cells: Record<number, 'D' | 'N' | 'L'>): string {
  return Array.from({ length: 31 }, (_, i) => cells[i + 1] ?? '-').join('')
}

const SUPERVISOR = { by: 's1', role: 'supervisor' as const }

/** The month as written in a file (JSON-ready). */
export const OCTOBER_INPUT: MonthFileInput = {
  format: 'paiban.month/1',
  team: { id: 'cs-9', name: '客服九组', timeZone: 'Asia/Shanghai' },
  month: '2026-10',
  policy: {},
  agents: [
    { id: 'a1', name: '张伟', job: 'phone', level: 'senior', role: 'teamLeader', teamLeaderId: 'a1' },
    { id: 'a2', name: '李娜', job: 'phone', level: 'intermediate', teamLeaderId: 'a1' },
    { id: 'a3', name: '王芳', job: 'phone', level: 'intermediate', teamLeaderId: 'a1' },
    { id: 'a4', name: 'Zoe Wu', job: 'chat', level: 'junior', teamLeaderId: 'a1' },
  ],
  roster: {
    a1: octoberRow({ 1: 'D', 3: 'D', 5: 'N', 10: 'D', 11: 'D', 12: 'N', 14: 'D' }),
    a2: octoberRow({ 8: 'D', 9: 'D', 13: 'L', 15: 'D', 16: 'L', 19: 'D', 20: 'D', 21: 'D', 22: 'D' }),
    a3: octoberRow({ 23: 'D', 24: 'D', 26: 'L', 28: 'L', 29: 'L' }),
    a4: octoberRow({ 2: 'D', 7: 'N', 31: 'N' }),
  },
  leaves: [
    {
      id: 'l1',
      agentId: 'a2',
      date: '2026-10-13',
      shift: 'D',
      kind: 'annual',
      submittedAt: '2026-09-20T10:00:00+08:00',
      by: 'a2',
      status: 'approved',
      approvals: [SUPERVISOR],
    },
    {
      id: 'l2',
      agentId: 'a2',
      date: '2026-10-16',
      shift: 'D',
      kind: 'sick',
      certificate: true,
      submittedAt: '2026-10-16T07:00:00+08:00',
      by: 'a2',
      status: 'approved',
      approvals: [SUPERVISOR],
    },
    {
      id: 'l3',
      agentId: 'a3',
      date: '2026-10-26',
      shift: 'D',
      kind: 'personal',
      // Report time 2026-10-26 08:50: 12 h 50 min ahead, 24 h needed, no manager → absence.
      submittedAt: '2026-10-25T20:00:00+08:00',
      by: 'a3',
      status: 'approved',
      approvals: [SUPERVISOR],
    },
    {
      id: 'l4',
      agentId: 'a3',
      date: '2026-10-28',
      shift: 'D',
      kind: 'personal',
      submittedAt: '2026-10-20T09:00:00+08:00',
      by: 'a3',
      status: 'approved',
      approvals: [SUPERVISOR],
    },
    {
      id: 'l5',
      agentId: 'a3',
      date: '2026-10-29',
      shift: 'D',
      kind: 'annual',
      // After swap s3 gave a3 this shift → LEAVE-SWAPPED → absence.
      submittedAt: '2026-10-20T10:00:00+08:00',
      by: 'a3',
      status: 'approved',
      approvals: [SUPERVISOR],
    },
    {
      id: 'l6',
      agentId: 'a4',
      date: '2026-10-31',
      shift: 'N',
      kind: 'personal',
      submittedAt: '2026-10-31T15:00:00+08:00',
      by: 'a4',
      status: 'pending',
    },
    {
      id: 'l7',
      agentId: 'a4',
      date: '2026-10-02',
      shift: 'D',
      kind: 'sick',
      submittedAt: '2026-10-01T15:00:00+08:00',
      by: 'a4',
      status: 'rejected',
    },
  ],
  swaps: [
    {
      id: 's1',
      requester: 'a2',
      counterpart: 'a3',
      date: '2026-10-23',
      submittedAt: '2026-10-15T10:00:00+08:00',
      status: 'approved',
    },
    {
      id: 's2',
      requester: 'a2',
      counterpart: 'a3',
      date: '2026-10-27',
      submittedAt: '2026-10-20T10:00:00+08:00',
      status: 'pending',
    },
    {
      id: 's3',
      requester: 'a4',
      counterpart: 'a3',
      date: '2026-10-29',
      submittedAt: '2026-10-15T11:00:00+08:00',
      status: 'approved',
    },
    {
      id: 's4',
      requester: 'a1',
      counterpart: 'a2',
      date: '2026-09-28',
      submittedAt: '2026-09-20T10:00:00+08:00',
      status: 'approved',
    },
    {
      id: 's5',
      requester: 'a1',
      counterpart: 'a2',
      date: '2026-10-14',
      submittedAt: '2026-10-01T10:00:00+08:00',
      status: 'cancelled',
    },
  ],
  attendance: [
    { agentId: 'a1', date: '2026-09-30', lateMinutes: 60 },
    { agentId: 'a2', date: '2026-10-20', lateMinutes: 25 },
    { agentId: 'a2', date: '2026-10-21', lateMinutes: 19 },
    { agentId: 'a2', date: '2026-10-22', awayMinutes: 20 },
  ],
  people: [
    { id: 's1', name: '李主管', role: 'supervisor' },
    { id: 'm1', name: '王经理', role: 'manager' },
  ],
}

/** Parses a month file input with the real parser; a broken test month fails loudly. */
export function parsed(input: MonthFileInput): MonthFile {
  const result = parseMonthFile(input)
  if (!result.ok) throw new Error(result.issues.map(i => `${i.path}: ${i.message}`).join('\n'))
  return result.value
}

/** The October month, parsed. */
export function october(): MonthFile {
  return parsed(OCTOBER_INPUT)
}
