import { RULE_IDS, ViolationSchema } from '@paiban/domain'
import { checkMonth, RULES, ruleById } from '@paiban/rules'
import { describe, expect, it } from 'vitest'
import { agent, at, cycle, month, only, row, type MonthSpec } from './helpers/month'

/**
 * A clean December: three senior phone agents rotate DD-NN- two days apart, so every day has one
 * agent on each shift; with a granted wish, a met contract, a consistent previous month and a
 * pending swap and leave request that break nothing.
 */
const CLEAN: MonthSpec = {
  agents: [agent('a1', { contractDays: 21 }), agent('a2'), agent('a3')],
  coverage: { default: { D: { phone: 1 }, N: { phone: 1 } } },
  previous: { a1: '-DD-NN', a2: 'DD-NN-', a3: 'NN-DD-' },
  roster: { a1: cycle('DD-NN-', 31), a2: cycle('-NN-DD', 31), a3: cycle('N-DD-N', 31) },
  wishes: [{ agentId: 'a1', date: '2026-12-03', want: 'off' }],
  swaps: [{ requester: 'a1', counterpart: 'a2', date: '2026-12-08', submittedAt: at('2026-12-01', '09:00') }],
  leaves: [{ agentId: 'a3', date: '2026-12-22', shift: 'D', status: 'pending', approvals: [] }],
}

describe('checkMonth', () => {
  it('gives ok: true and no violation on a clean month', () => {
    expect(checkMonth(month(CLEAN))).toEqual({ ok: true, violations: [] })
  })

  it('gives ok: false as soon as one hard violation remains', () => {
    const file = month({ ...CLEAN, roster: { ...CLEAN.roster, a3: row(31, 'N-DD-N', { 3: '-' }) } })
    const result = checkMonth(file)
    expect(result.ok).toBe(false)
    expect(only(result, 'COVER-MIN')).toEqual([
      { rule: 'COVER-MIN', severity: 'hard', date: '2026-12-03', shift: 'D', job: 'phone' },
    ])
  })

  it('stays ok with soft violations only', () => {
    const file = month({ ...CLEAN, wishes: [{ agentId: 'a1', date: '2026-12-01', want: 'off' }] })
    const result = checkMonth(file)
    expect(result.ok).toBe(true)
    expect(result.violations.map(v => v.rule)).toEqual(['WISH-OFF'])
  })

  it('reports one violation per agent per broken run, not one per day', () => {
    const file = month({
      agents: [agent('a1'), agent('a2')],
      roster: { a1: row(31, '-', { ...daysOn(1, 9), ...daysOn(15, 24) }), a2: row(31, '-', daysOn(3, 12)) },
    })
    expect(only(checkMonth(file), 'REST-6-1').map(v => `${v.agentId} ${v.date}`)).toEqual([
      'a1 2026-12-07',
      'a2 2026-12-09',
      'a1 2026-12-21',
    ])
  })

  it('returns violations of the catalogue’s shape, hard ones first, in date order', () => {
    const file = month({
      agents: [agent('a1', { nights: false, level: 'junior' }), agent('a2')],
      coverage: { default: { D: { phone: 1 } } },
      roster: { a1: row(31, 'N'), a2: row(31, '-', { 5: 'D' }) },
      wishes: [{ agentId: 'a2', date: '2026-12-05', want: 'off' }],
    })
    const { violations } = checkMonth(file)
    for (const v of violations) expect(ViolationSchema.parse(v)).toEqual(v)
    const severities = violations.map(v => v.severity)
    expect(severities.indexOf('soft')).toBeGreaterThan(severities.lastIndexOf('hard'))
    const hardDates = violations.filter(v => v.severity === 'hard').map(v => v.date ?? '')
    expect(hardDates).toEqual([...hardDates].sort())
  })

  it('does not depend on the order of agents in the file', () => {
    const messy: MonthSpec = {
      ...CLEAN,
      roster: { a1: row(31, 'D'), a2: row(31, '-NN-DD', { 9: 'D' }), a3: row(31, 'N-DD-N', { 4: 'N' }) },
    }
    const forward = checkMonth(month(messy))
    expect(forward.violations.length).toBeGreaterThan(3)
    const backward = checkMonth(month({ ...messy, agents: [...(CLEAN.agents ?? [])].reverse() }))
    expect(backward).toEqual(forward)
  })
})

describe('catalogue', () => {
  it('has one check per rule id of rules.md, except the four that are definitions', () => {
    const definitions = ['CAL-TZ', 'SHIFT-DAY', 'COVER-DEMAND', 'SWAP-REST']
    const checked = RULES.map(r => r.id)
    expect(new Set(checked).size).toBe(checked.length)
    expect([...checked, ...definitions].sort()).toEqual([...RULE_IDS].sort())
    for (const id of definitions) expect(ruleById(id as (typeof RULE_IDS)[number])).toBeUndefined()
  })

  it('gives soft severity exactly to the fairness, wish, contract, calendar and attendance rules', () => {
    const soft = RULES.filter(r => r.severity === 'soft').map(r => r.id)
    expect(soft.sort()).toEqual(
      [
        'ATTEND-LATE',
        'ATTEND-EARLY',
        'ATTEND-NOSHOW',
        'ATTEND-DISCIPLINE',
        'OT-EXTEND',
        'HANDOVER-LOG',
        'CAL-HOLIDAY',
        'CONTRACT',
        'FAIR-NIGHT',
        'FAIR-WEEKEND',
        'REST-ROTATE',
        'WISH-OFF',
        'WISH-SHIFT',
      ].sort(),
    )
  })
})

/** Days `from … to` (1-based, inclusive) on the day shift. */
function daysOn(from: number, to: number): Record<number, string> {
  return Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [from + i, 'D']))
}
