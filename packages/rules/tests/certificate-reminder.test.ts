import { certificateReminder, monthContext } from '@paiban/rules'
import { describe, expect, it } from 'vitest'
import { agent, at, month, row, type LeaveSpec } from './helpers/month'

// The team leader's reminder to collect a sick leave's certificate on the first day back (LEAVE-SICK-CERT).

const TEAM = [agent('t1', { role: 'teamLeader', teamLeaderId: 't1' }), agent('a1', { teamLeaderId: 't1' })]
/** a1's emergency sick leave on the night of the 9th; back on the day shift of the 11th. */
const sick = (more: Partial<LeaveSpec> = {}): LeaveSpec => ({
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
function reminderOn(
  today: string,
  leave: LeaveSpec = sick(),
  cells: Record<number, string> = { 9: 'L', 11: 'D' },
) {
  const file = month({ agents: TEAM, roster: { a1: row(31, '-', cells) }, leaves: [leave] })
  const record = file.leaves[0]
  if (!record) throw new Error('no leave')
  return certificateReminder(monthContext(file), record, today)
}

describe('certificateReminder', () => {
  it('shows nothing before the first day back (the day after the night, a rest day)', () => {
    expect(reminderOn('2026-12-09')).toBeUndefined()
    expect(reminderOn('2026-12-10')).toBeUndefined()
  })

  it('reminds on the first day back, in both languages', () => {
    const r = reminderOn('2026-12-11')
    expect(r).toMatchObject({ due: '2026-12-11', state: 'due' })
    expect(r?.message.zh).toContain('今天(2026-12-11)返岗')
    expect(r?.message.en).toContain('collect the medical certificate for the sick leave of 2026-12-09')
  })

  it('is overdue after that date (LEAVE-SICK-CERT holds as absence)', () => {
    const r = reminderOn('2026-12-12')
    expect(r).toMatchObject({ due: '2026-12-11', state: 'overdue' })
    expect(r?.message.en).toContain('LEAVE-SICK-CERT')
  })

  it('shows nothing once the certificate is handed in, or for a refused leave', () => {
    expect(reminderOn('2026-12-11', sick({ certificate: true }))).toBeUndefined()
    expect(reminderOn('2026-12-11', sick({ status: 'rejected' }))).toBeUndefined()
  })

  it('also reminds for ordinary (not emergency) sick leave without its certificate', () => {
    const r = reminderOn('2026-12-11', sick({ urgent: false, submittedAt: at('2026-12-01', '10:00') }))
    expect(r).toMatchObject({ due: '2026-12-11', state: 'due' })
  })

  it('edge: the month’s last night (31st) runs into the 1st: back in the next month, no reminder here', () => {
    const r = reminderOn('2026-12-31', sick({ date: '2026-12-31', submittedAt: at('2026-12-31', '15:00') }), {
      31: 'L',
    })
    expect(r).toBeUndefined()
  })
})
