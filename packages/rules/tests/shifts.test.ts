import { attendanceMinutes, shiftTimes, type Policy } from '@paiban/domain'
import { checkMonth, ruleById } from '@paiban/rules'
import { describe, expect, it } from 'vitest'
import { agent, month, only, row } from './helpers/month'

const dec = (days: Record<number, string>) => row(31, '-', days)
const policyOf = (input: Parameters<typeof month>[0] = {}): Policy => month(input).policy

describe('SHIFT-DAY', () => {
  it('is a definition (shift times), not a check of its own', () => {
    expect(ruleById('SHIFT-DAY')).toBeUndefined()
  })

  it('runs 09:00–18:00 in Asia/Shanghai, reporting at 08:50', () => {
    const t = shiftTimes('2026-12-10', 'D', policyOf(), 'Asia/Shanghai')
    expect(t.report.toISO()).toBe('2026-12-10T08:50:00.000+08:00')
    expect(t.start.toISO()).toBe('2026-12-10T09:00:00.000+08:00')
    expect(t.end.toISO()).toBe('2026-12-10T18:00:00.000+08:00')
    expect(attendanceMinutes('D', policyOf())).toBe(550)
  })

  it('follows the policy when a company moves the day shift', () => {
    const policy = policyOf({ policy: { shifts: { D: { start: '08:00', end: '17:30' } } } })
    const t = shiftTimes('2026-12-10', 'D', policy, 'Asia/Shanghai')
    expect(t.report.toISO()).toBe('2026-12-10T07:50:00.000+08:00')
    expect(attendanceMinutes('D', policy)).toBe(580)
  })
})

describe('SHIFT-NIGHT', () => {
  it('runs 18:00–24:00, reporting at 17:50 and ending at 00:00 of the next day', () => {
    const t = shiftTimes('2026-12-31', 'N', policyOf(), 'Asia/Shanghai')
    expect(t.report.toISO()).toBe('2026-12-31T17:50:00.000+08:00')
    expect(t.end.toISO()).toBe('2027-01-01T00:00:00.000+08:00')
    expect(attendanceMinutes('N', policyOf())).toBe(370)
  })

  it('passes when only night-eligible agents are on the night shift', () => {
    const file = month({
      agents: [agent('a1'), agent('a2', { nights: false })],
      roster: { a1: dec({ 1: 'N', 2: 'N' }), a2: dec({ 1: 'D', 2: 'D' }) },
    })
    expect(only(checkMonth(file), 'SHIFT-NIGHT')).toEqual([])
  })

  it('flags every night an agent with nights: false is rostered on', () => {
    const file = month({
      agents: [agent('a1', { nights: false })],
      roster: { a1: dec({ 3: 'N', 4: 'D', 9: 'N' }) },
    })
    expect(only(checkMonth(file), 'SHIFT-NIGHT')).toEqual([
      { rule: 'SHIFT-NIGHT', severity: 'hard', agentId: 'a1', date: '2026-12-03', shift: 'N' },
      { rule: 'SHIFT-NIGHT', severity: 'hard', agentId: 'a1', date: '2026-12-09', shift: 'N' },
    ])
  })
})

describe('HANDOVER', () => {
  const coverage = { default: { D: { phone: 1 }, N: { phone: 1 } } }

  it('reports at 10 minutes before the shift and counts those minutes as attendance', () => {
    expect(policyOf().handoverMinutes).toBe(10)
    const none = policyOf({ policy: { handoverMinutes: 0 } })
    expect(shiftTimes('2026-12-10', 'D', none, 'Asia/Shanghai').report.toISO()).toBe(
      '2026-12-10T09:00:00.000+08:00',
    )
    expect(attendanceMinutes('D', none)).toBe(540)
  })

  it('makes a day and a night shift of one date overlap, so one person cannot hold both', () => {
    const policy = policyOf()
    const day = shiftTimes('2026-12-10', 'D', policy, 'Asia/Shanghai')
    const night = shiftTimes('2026-12-10', 'N', policy, 'Asia/Shanghai')
    expect(night.report < day.end).toBe(true)
  })

  it('passes when the night shift is staffed after a staffed day shift', () => {
    const file = month({
      agents: [agent('a1'), agent('a2')],
      coverage,
      roster: { a1: dec({ 1: 'D' }), a2: dec({ 1: 'N' }) },
    })
    expect(only(checkMonth(file), 'HANDOVER')).toEqual([])
  })

  it('flags a night shift left unstaffed after a staffed day shift', () => {
    const file = month({ agents: [agent('a1')], coverage, roster: { a1: dec({ 1: 'D' }) } })
    const result = checkMonth(file)
    expect(only(result, 'HANDOVER')).toEqual([
      { rule: 'HANDOVER', severity: 'hard', date: '2026-12-01', shift: 'N' },
    ])
  })

  it('allows a shift to be unstaffed when the shift before it is unstaffed too', () => {
    const file = month({ agents: [agent('a1')], coverage, roster: { a1: dec({ 2: 'D' }) } })
    expect(only(checkMonth(file), 'HANDOVER').map(v => v.date)).toEqual(['2026-12-02'])
  })

  it('allows a night shift planned closed (nobody required) after a staffed day shift', () => {
    const file = month({
      agents: [agent('a1')],
      coverage: { default: { D: { phone: 1 } } },
      roster: { a1: dec({ 1: 'D' }) },
    })
    expect(only(checkMonth(file), 'HANDOVER')).toEqual([])
  })

  it('does not treat night 24:00 → day 09:00 as a handover (there is a gap between them)', () => {
    const file = month({ agents: [agent('a1')], coverage, roster: { a1: dec({ 1: 'N' }) } })
    expect(only(checkMonth(file), 'HANDOVER')).toEqual([])
  })

  it('flags an unstaffed day shift after an overnight night shift that runs into it', () => {
    const file = month({
      agents: [agent('a1')],
      policy: { shifts: { N: { start: '18:00', end: '09:00' } } },
      coverage,
      roster: { a1: dec({ 1: 'N' }) },
    })
    expect(only(checkMonth(file), 'HANDOVER')).toEqual([
      { rule: 'HANDOVER', severity: 'hard', date: '2026-12-02', shift: 'D' },
    ])
  })
})
