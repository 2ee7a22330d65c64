import { checkMonth } from '@paiban/rules'
import { describe, expect, it } from 'vitest'
import { agent, agents, cycle, month, only, row } from './helpers/month'

/** A December row (31 days) resting everywhere except the given days. */
const dec = (days: Record<number, string>) => row(31, '-', days)
/** Days `from … to` (1-based, inclusive) all set to `cell`. */
const span = (from: number, to: number, cell = 'D'): Record<number, string> =>
  Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [from + i, cell]))

describe('REST-6-1', () => {
  it('passes six worked days followed by a rest day, all month long', () => {
    const file = month({ roster: { a1: cycle('DDDDDD-', 31) } })
    expect(only(checkMonth(file), 'REST-6-1')).toEqual([])
  })

  it('flags the seventh consecutive worked day', () => {
    const file = month({ roster: { a1: dec(span(1, 7)) } })
    expect(only(checkMonth(file), 'REST-6-1')).toEqual([
      { rule: 'REST-6-1', severity: 'hard', agentId: 'a1', date: '2026-12-07' },
    ])
  })

  it('reports a run of eight once, dated its seventh day', () => {
    const file = month({ roster: { a1: dec(span(3, 10)) } })
    expect(only(checkMonth(file), 'REST-6-1')).toEqual([
      { rule: 'REST-6-1', severity: 'hard', agentId: 'a1', date: '2026-12-09' },
    ])
  })

  it('reports a run of thirty-one days once', () => {
    const file = month({ roster: { a1: 'D'.repeat(31) } })
    expect(only(checkMonth(file), 'REST-6-1')).toHaveLength(1)
  })

  it('reports two separate runs as two violations', () => {
    const file = month({ roster: { a1: dec({ ...span(1, 7), ...span(10, 17, 'N') }) } })
    expect(only(checkMonth(file), 'REST-6-1')).toEqual([
      { rule: 'REST-6-1', severity: 'hard', agentId: 'a1', date: '2026-12-07' },
      { rule: 'REST-6-1', severity: 'hard', agentId: 'a1', date: '2026-12-16' },
    ])
  })

  it('reports each agent of a broken run separately', () => {
    const file = month({ agents: agents(2), roster: { a1: dec(span(1, 7)), a2: dec(span(2, 8)) } })
    expect(only(checkMonth(file), 'REST-6-1').map(v => [v.agentId, v.date])).toEqual([
      ['a1', '2026-12-07'],
      ['a2', '2026-12-08'],
    ])
  })

  it('counts day and night shifts alike', () => {
    const file = month({ roster: { a1: 'DNDNDNN' + '-'.repeat(24) } })
    expect(only(checkMonth(file), 'REST-6-1')).toHaveLength(1)
  })

  it('treats leave and rest as breaks in a run', () => {
    const file = month({
      roster: { a1: 'DDDDDDLDDDDDD-DDDDDD' + '-'.repeat(11) },
      leaves: [{ agentId: 'a1', date: '2026-12-07', shift: 'D' }],
    })
    expect(only(checkMonth(file), 'REST-6-1')).toEqual([])
  })

  it('flags the seventh consecutive worked day across a month boundary using previous', () => {
    const file = month({ previous: { a1: 'DDDDDD' }, roster: { a1: dec({ 1: 'D' }) } })
    expect(only(checkMonth(file), 'REST-6-1')).toEqual([
      { rule: 'REST-6-1', severity: 'hard', agentId: 'a1', date: '2026-12-01' },
    ])
  })

  it('dates a run that starts in the previous month at its seventh day inside this month', () => {
    const file = month({ previous: { a1: '---DDD' }, roster: { a1: dec(span(1, 5)) } })
    expect(only(checkMonth(file), 'REST-6-1')).toEqual([
      { rule: 'REST-6-1', severity: 'hard', agentId: 'a1', date: '2026-12-04' },
    ])
  })

  it('passes six in a row split across the month boundary', () => {
    const file = month({ previous: { a1: 'D-DDDD' }, roster: { a1: dec(span(1, 2)) } })
    expect(only(checkMonth(file), 'REST-6-1')).toEqual([])
  })

  it('does not report a run that ended in the previous month', () => {
    const file = month({ previous: { a1: 'DDDDDDD' }, roster: { a1: dec(span(2, 4)) } })
    expect(only(checkMonth(file), 'REST-6-1')).toEqual([])
  })

  it('flags a run that reaches the last day of the month', () => {
    const file = month({ roster: { a1: dec(span(25, 31)) } })
    expect(only(checkMonth(file), 'REST-6-1')).toEqual([
      { rule: 'REST-6-1', severity: 'hard', agentId: 'a1', date: '2026-12-31' },
    ])
  })

  it('follows policy.rest.maxConsecutiveDays', () => {
    const file = month({ policy: { rest: { maxConsecutiveDays: 5 } }, roster: { a1: dec(span(1, 6)) } })
    expect(only(checkMonth(file), 'REST-6-1')).toEqual([
      { rule: 'REST-6-1', severity: 'hard', agentId: 'a1', date: '2026-12-06' },
    ])
  })
})

describe('REST-GAP', () => {
  it('allows a night shift followed by a day shift: 24:00 to 08:50 is 8 h 50 min of rest', () => {
    const file = month({ roster: { a1: dec({ 1: 'N', 2: 'D' }) } })
    expect(only(checkMonth(file), 'REST-GAP')).toEqual([])
  })

  it('flags night then day when policy.rest.minRestHours is 9', () => {
    const file = month({ policy: { rest: { minRestHours: 9 } }, roster: { a1: dec({ 1: 'N', 2: 'D' }) } })
    expect(only(checkMonth(file), 'REST-GAP')).toEqual([
      { rule: 'REST-GAP', severity: 'hard', agentId: 'a1', date: '2026-12-02', shift: 'D' },
    ])
  })

  it('allows day→day, day→night and night→night on consecutive days even with 14 h minimum rest', () => {
    const file = month({
      policy: { rest: { minRestHours: 14 } },
      roster: { a1: dec({ 1: 'D', 2: 'D', 3: 'N', 4: 'N' }) },
    })
    expect(only(checkMonth(file), 'REST-GAP')).toEqual([])
  })

  it('measures the rest from the end of the night shift when policy moves it to 02:00', () => {
    const file = month({
      policy: { shifts: { N: { start: '18:00', end: '02:00' } } },
      roster: { a1: dec({ 1: 'N', 2: 'D' }) },
    })
    expect(only(checkMonth(file), 'REST-GAP')).toEqual([
      { rule: 'REST-GAP', severity: 'hard', agentId: 'a1', date: '2026-12-02', shift: 'D' },
    ])
  })

  it('measures the rest to the report time, so a longer handover shortens it', () => {
    const file = month({ policy: { handoverMinutes: 60 }, roster: { a1: dec({ 1: 'N', 2: 'D' }) } })
    // 24:00 → 08:00 is exactly 8 h: enough.
    expect(only(checkMonth(file), 'REST-GAP')).toEqual([])
    const longer = month({ policy: { handoverMinutes: 61 }, roster: { a1: dec({ 1: 'N', 2: 'D' }) } })
    expect(only(checkMonth(longer), 'REST-GAP')).toHaveLength(1)
  })

  it('flags shifts whose attendance windows overlap, whatever the minimum rest', () => {
    const file = month({
      policy: { rest: { minRestHours: 0 }, shifts: { N: { start: '18:00', end: '09:00' } } },
      roster: { a1: dec({ 1: 'N', 2: 'D' }) },
    })
    expect(only(checkMonth(file), 'REST-GAP')).toEqual([
      { rule: 'REST-GAP', severity: 'hard', agentId: 'a1', date: '2026-12-02', shift: 'D' },
    ])
  })

  it('flags shifts whose attendance windows touch (HANDOVER: one person cannot hold both)', () => {
    const file = month({
      policy: { rest: { minRestHours: 0 }, shifts: { N: { start: '18:00', end: '08:50' } } },
      roster: { a1: dec({ 1: 'N', 2: 'D' }) },
    })
    expect(only(checkMonth(file), 'REST-GAP')).toEqual([
      { rule: 'REST-GAP', severity: 'hard', agentId: 'a1', date: '2026-12-02', shift: 'D' },
    ])
  })

  it('checks the first day of the month against the last day of previous', () => {
    const ok = month({ previous: { a1: 'DDDDN' }, roster: { a1: dec({ 1: 'D' }) } })
    expect(only(checkMonth(ok), 'REST-GAP')).toEqual([])
    const tight = month({
      policy: { rest: { minRestHours: 9 } },
      previous: { a1: 'DDDDN' },
      roster: { a1: dec({ 1: 'D' }) },
    })
    expect(only(checkMonth(tight), 'REST-GAP')).toEqual([
      { rule: 'REST-GAP', severity: 'hard', agentId: 'a1', date: '2026-12-01', shift: 'D' },
    ])
  })

  it('does not look at previous when its last day is a rest day', () => {
    const file = month({
      policy: { rest: { minRestHours: 9 } },
      previous: { a1: 'NNNN-' },
      roster: { a1: dec({ 1: 'D' }) },
    })
    expect(only(checkMonth(file), 'REST-GAP')).toEqual([])
  })

  it('measures real elapsed time in the team zone, across a DST change', () => {
    // America/New_York falls back on 2026-11-01: 24:00 EDT → 08:50 EST is 9 h 50 min.
    const input = {
      month: '2026-11',
      policy: { rest: { minRestHours: 9.5 } },
      previous: { a1: 'N' },
      roster: { a1: row(30, '-', { 1: 'D' }) },
    }
    expect(only(checkMonth(month({ ...input, timeZone: 'America/New_York' })), 'REST-GAP')).toEqual([])
    expect(only(checkMonth(month(input)), 'REST-GAP')).toEqual([
      { rule: 'REST-GAP', severity: 'hard', agentId: 'a1', date: '2026-11-01', shift: 'D' },
    ])
  })
})

describe('REST-ROTATE', () => {
  // December 2026 weekends: 5-6, 12-13, 19-20, 26-27.
  const allWeekends = dec({ 5: 'D', 6: 'D', 12: 'D', 13: 'D', 19: 'D', 20: 'D', 26: 'N', 27: 'N' })

  it('is a soft violation for an agent who works every weekend day of the month', () => {
    const result = checkMonth(month({ roster: { a1: allWeekends } }))
    expect(only(result, 'REST-ROTATE')).toEqual([{ rule: 'REST-ROTATE', severity: 'soft', agentId: 'a1' }])
    expect(result.ok).toBe(true)
    expect(result.violations.find(v => v.rule === 'REST-ROTATE')?.penalty).toBe(2)
  })

  it('passes when the agent rests on one weekend day', () => {
    const file = month({ roster: { a1: allWeekends.slice(0, 26) + '-' + allWeekends.slice(27) } })
    expect(only(checkMonth(file), 'REST-ROTATE')).toEqual([])
  })

  it('does not count a 调休 make-up Saturday (2026-10-10) as a weekend rest day', () => {
    // October 2026 weekends: 3-4 (National Day), 10 (make-up workday), 11, 17-18, 24-25, 31.
    const weekends = [3, 4, 11, 17, 18, 24, 25, 31]
    const worksWeekends = row(31, '-', Object.fromEntries(weekends.map(d => [d, 'D'])))
    expect(worksWeekends[9]).toBe('-')
    const file = month({ month: '2026-10', roster: { a1: worksWeekends } })
    expect(only(checkMonth(file), 'REST-ROTATE')).toEqual([
      { rule: 'REST-ROTATE', severity: 'soft', agentId: 'a1' },
    ])
  })

  it('counts rest on an ordinary Sunday of October', () => {
    const days = Object.fromEntries([3, 4, 10, 17, 18, 24, 25, 31].map(d => [d, 'D']))
    const file = month({ month: '2026-10', roster: { a1: row(31, '-', days) } })
    expect(only(checkMonth(file), 'REST-ROTATE')).toEqual([])
  })

  it('checks every agent on its own', () => {
    const file = month({ agents: [agent('a1'), agent('a2')], roster: { a1: allWeekends, a2: allWeekends } })
    expect(only(checkMonth(file), 'REST-ROTATE').map(v => v.agentId)).toEqual(['a1', 'a2'])
  })
})
