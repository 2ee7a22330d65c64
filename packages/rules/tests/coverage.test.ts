import { SEED_POLICY } from '@paiban/domain'
import { agentsForServiceLevel, checkMonth, erlangC, ruleById } from '@paiban/rules'
import { describe, expect, it } from 'vitest'
import { agent, month, only, row } from './helpers/month'

const dec = (days: Record<number, string>) => row(31, '-', days)
/** Every day of December on `cell`. */
const every = (cell: string) => cell.repeat(31)

describe('COVER-MIN', () => {
  const coverage = { default: { D: { phone: 2 }, N: { phone: 1 } } }

  it('passes when every shift has its required agents', () => {
    const file = month({
      agents: [agent('a1'), agent('a2'), agent('a3')],
      coverage,
      roster: { a1: every('D'), a2: every('D'), a3: every('N') },
    })
    expect(only(checkMonth(file), 'COVER-MIN')).toEqual([])
  })

  it('flags each date, shift and job that is short, once', () => {
    const file = month({
      agents: [agent('a1'), agent('a2'), agent('a3')],
      coverage,
      roster: { a1: every('D'), a2: row(31, 'D', { 4: '-' }), a3: row(31, 'N', { 4: '-', 9: '-' }) },
    })
    expect(only(checkMonth(file), 'COVER-MIN')).toEqual([
      { rule: 'COVER-MIN', severity: 'hard', date: '2026-12-04', shift: 'D', job: 'phone' },
      { rule: 'COVER-MIN', severity: 'hard', date: '2026-12-04', shift: 'N', job: 'phone' },
      { rule: 'COVER-MIN', severity: 'hard', date: '2026-12-09', shift: 'N', job: 'phone' },
    ])
  })

  it('counts an agent only for their own job', () => {
    const file = month({
      agents: [agent('p1'), agent('c1', { job: 'chat' })],
      coverage: { default: { D: { phone: 2 } } },
      roster: { p1: every('D'), c1: every('D') },
    })
    const short = only(checkMonth(file), 'COVER-MIN')
    expect(short).toHaveLength(31)
    expect(short[0]).toEqual({
      rule: 'COVER-MIN',
      severity: 'hard',
      date: '2026-12-01',
      shift: 'D',
      job: 'phone',
    })
  })

  it('does not count an agent on leave', () => {
    const file = month({
      agents: [agent('a1')],
      coverage: { default: { D: { phone: 1 } } },
      roster: { a1: row(31, 'D', { 10: 'L' }) },
      leaves: [{ agentId: 'a1', date: '2026-12-10', shift: 'D' }],
    })
    expect(only(checkMonth(file), 'COVER-MIN').map(v => v.date)).toEqual(['2026-12-10'])
  })

  it('uses a weekday entry over the default, for the shift it names', () => {
    // Saturdays of December 2026: 5, 12, 19, 26.
    const file = month({
      agents: [agent('a1'), agent('a2')],
      coverage: { default: { D: { phone: 1 }, N: { phone: 1 } }, weekday: { sat: { D: { phone: 2 } } } },
      roster: { a1: every('D'), a2: every('N') },
    })
    expect(only(checkMonth(file), 'COVER-MIN').map(v => `${v.date} ${v.shift}`)).toEqual([
      '2026-12-05 D',
      '2026-12-12 D',
      '2026-12-19 D',
      '2026-12-26 D',
    ])
  })

  it('uses a date entry over the weekday entry and the default', () => {
    const file = month({
      agents: [agent('a1'), agent('a2')],
      coverage: {
        default: { D: { phone: 1 } },
        weekday: { sat: { D: { phone: 2 } } },
        dates: { '2026-12-12': { D: { phone: 1 } }, '2026-12-15': { D: { phone: 2 } } },
      },
      roster: { a1: every('D'), a2: every('-') },
    })
    expect(only(checkMonth(file), 'COVER-MIN').map(v => v.date)).toEqual([
      '2026-12-05',
      '2026-12-15',
      '2026-12-19',
      '2026-12-26',
    ])
  })

  it('takes the entry found as the whole requirement: jobs it omits need nobody', () => {
    const file = month({
      agents: [agent('p1'), agent('c1', { job: 'chat' })],
      coverage: {
        default: { D: { phone: 1, chat: 1 } },
        dates: { '2026-12-10': { D: { phone: 1 } } },
      },
      roster: { p1: every('D'), c1: dec({ 9: 'D', 11: 'D' }) },
    })
    const short = only(checkMonth(file), 'COVER-MIN')
    expect(short.map(v => v.date)).not.toContain('2026-12-10')
    expect(short.map(v => v.date)).not.toContain('2026-12-09')
    expect(short.every(v => v.job === 'chat')).toBe(true)
    expect(short).toHaveLength(28)
  })

  it('keeps the default for a shift a date entry does not name', () => {
    const file = month({
      agents: [agent('a1')],
      coverage: { default: { N: { phone: 1 } }, dates: { '2026-12-10': { D: { phone: 1 } } } },
      roster: { a1: row(31, 'N', { 10: 'D', 11: '-' }) },
    })
    expect(only(checkMonth(file), 'COVER-MIN').map(v => `${v.date} ${v.shift}`)).toEqual([
      '2026-12-10 N',
      '2026-12-11 N',
    ])
  })
})

describe('COVER-LEAD', () => {
  it('passes when a senior agent of any job is on the shift', () => {
    const file = month({
      agents: [agent('j1', { level: 'junior' }), agent('sr1', { level: 'senior', job: 'email' })],
      roster: { j1: dec({ 1: 'D' }), sr1: dec({ 1: 'D' }) },
    })
    expect(only(checkMonth(file), 'COVER-LEAD')).toEqual([])
  })

  it('counts a team leader of any level and a reserve supervisor as leads', () => {
    const file = month({
      agents: [agent('t1', { level: 'junior', role: 'teamLeader' }), agent('r1', { level: 'reserve' })],
      roster: { t1: dec({ 1: 'D' }), r1: dec({ 1: 'N' }) },
    })
    expect(only(checkMonth(file), 'COVER-LEAD')).toEqual([])
  })

  it('flags a staffed shift with no lead on duty', () => {
    const file = month({
      agents: [agent('j1', { level: 'junior' }), agent('i1', { level: 'intermediate' })],
      roster: { j1: dec({ 1: 'D', 2: 'N' }), i1: dec({ 1: 'D' }) },
    })
    expect(only(checkMonth(file), 'COVER-LEAD')).toEqual([
      { rule: 'COVER-LEAD', severity: 'hard', date: '2026-12-01', shift: 'D' },
      { rule: 'COVER-LEAD', severity: 'hard', date: '2026-12-02', shift: 'N' },
    ])
  })

  it('does not ask for a lead on an unstaffed shift', () => {
    const file = month({ agents: [agent('j1', { level: 'junior' })] })
    expect(only(checkMonth(file), 'COVER-LEAD')).toEqual([])
  })

  it('follows policy.lead: the levels that lead and how many are needed', () => {
    const roster = { sr1: dec({ 1: 'D' }) }
    const agents = [agent('sr1', { level: 'senior' })]
    expect(
      only(checkMonth(month({ agents, roster, policy: { lead: { levels: ['reserve'] } } })), 'COVER-LEAD'),
    ).toEqual([{ rule: 'COVER-LEAD', severity: 'hard', date: '2026-12-01', shift: 'D' }])
    expect(
      only(checkMonth(month({ agents, roster, policy: { lead: { minPerShift: 2 } } })), 'COVER-LEAD'),
    ).toHaveLength(1)
    const juniors = [agent('j1', { level: 'junior' })]
    const off = month({
      agents: juniors,
      roster: { j1: dec({ 1: 'D' }) },
      policy: { lead: { minPerShift: 0 } },
    })
    expect(only(checkMonth(off), 'COVER-LEAD')).toEqual([])
  })
})

describe('COVER-DEMAND', () => {
  it('is a definition (requirements from forecasts), off by default, targeting 95 % within 30 s', () => {
    expect(ruleById('COVER-DEMAND')).toBeUndefined()
    expect(SEED_POLICY.coverDemand).toEqual({ enabled: false, serviceLevel: 0.95, answerSeconds: 30 })
  })

  it('gives the textbook Erlang C probability of waiting: 2 erlangs on 3 agents is 4/9', () => {
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12)
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 12)
  })

  it('matches the classic 10-erlang table (100 calls per 30 min, 180 s handling)', () => {
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4)
    expect(erlangC(12, 10)).toBeCloseTo(0.4494, 4)
    expect(erlangC(13, 10)).toBeCloseTo(0.2853, 4)
    expect(erlangC(14, 10)).toBeCloseTo(0.1741, 4)
  })

  it('says every contact waits when the agents cannot keep up', () => {
    expect(erlangC(10, 10)).toBe(1)
    expect(erlangC(3, 4.5)).toBe(1)
  })

  it('finds the fewest agents for a service level: 14 for 80 % in 20 s at 10 erlangs', () => {
    expect(agentsForServiceLevel(200, 180, 0.8, 20)).toBe(14)
    expect(agentsForServiceLevel(100, 180, 0.8, 20)).toBe(8)
  })

  it('needs more agents for the source KPI (95 % within 30 s) and none without contacts', () => {
    const { serviceLevel, answerSeconds } = SEED_POLICY.coverDemand
    expect(agentsForServiceLevel(200, 180, serviceLevel, answerSeconds)).toBe(15)
    expect(agentsForServiceLevel(0, 180, serviceLevel, answerSeconds)).toBe(0)
  })
})
