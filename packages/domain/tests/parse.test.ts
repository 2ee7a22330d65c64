import { formatPath, parseMonthFile, SEED_POLICY } from '@paiban/domain'
import { describe, expect, it } from 'vitest'
import { input, issuesOf, pathsOf } from './helpers/input'

const leave = (more: Record<string, unknown> = {}) => ({
  agentId: 'a02',
  date: '2026-02-10',
  shift: 'N',
  kind: 'personal',
  submittedAt: '2026-02-01T09:00:00+08:00',
  by: 'a02',
  ...more,
})
const swap = (more: Record<string, unknown> = {}) => ({
  requester: 'a01',
  counterpart: 'a02',
  date: '2026-02-10',
  submittedAt: '2026-02-01T09:00:00+08:00',
  ...more,
})

describe('parseMonthFile', () => {
  it('accepts a valid month file and fills every default', () => {
    const parsed = parseMonthFile(input())
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    const file = parsed.value
    expect(file.policy).toEqual(SEED_POLICY)
    expect(file.agents[1]).toMatchObject({ role: 'agent', nights: true })
    expect(file.coverage).toEqual({ default: {} })
    expect(file.holidays).toEqual({ add: [], remove: [], workdays: [] })
    expect([file.previous, file.wishes, file.leaves, file.swaps, file.people]).toEqual([{}, [], [], [], []])
  })

  it('fills the defaults of leave and swap records', () => {
    const parsed = parseMonthFile({ ...input(), leaves: [leave()], swaps: [swap()] })
    expect(parsed.ok && parsed.value.leaves[0]).toMatchObject({
      urgent: false,
      certificate: false,
      status: 'pending',
      approvals: [],
    })
    expect(parsed.ok && parsed.value.swaps[0]).toMatchObject({ status: 'pending', approvals: [] })
  })

  it('rejects a roster row of the wrong length, naming roster.<id>', () => {
    const value = input()
    const issues = issuesOf({ ...value, roster: { a01: 'D'.repeat(29), a02: 'N'.repeat(28) } })
    expect(issues.map(i => i.path)).toEqual(['roster.a01'])
    expect(issues[0]?.message).toContain('28')
  })

  it('rejects roster characters other than D, N, -, L and ?', () => {
    expect(pathsOf({ ...input(), roster: { a01: 'X'.repeat(28) } })).toEqual(['roster.a01'])
    expect(pathsOf({ ...input(), previous: { a01: 'DD?' } })).toEqual(['previous.a01'])
  })

  it('rejects unknown agent ids in roster, previous, wishes, leaves, swaps and team leaders', () => {
    expect(pathsOf({ ...input(), roster: { zz: '-'.repeat(28) } })).toEqual(['roster.zz'])
    expect(pathsOf({ ...input(), previous: { zz: 'DD' } })).toEqual(['previous.zz'])
    expect(pathsOf({ ...input(), wishes: [{ agentId: 'zz', date: '2026-02-03', want: 'off' }] })).toEqual([
      'wishes[0].agentId',
    ])
    expect(pathsOf({ ...input(), leaves: [leave({ agentId: 'zz' })] })).toEqual(['leaves[0].agentId'])
    expect(pathsOf({ ...input(), swaps: [swap(), swap({ requester: 'zz', counterpart: 'yy' })] })).toEqual([
      'swaps[1].requester',
      'swaps[1].counterpart',
    ])
    const agents = input().agents.map(a => ({ ...a, teamLeaderId: 'zz' }))
    expect(pathsOf({ ...input(), agents })).toEqual(['agents[0].teamLeaderId', 'agents[1].teamLeaderId'])
  })

  it('rejects duplicate agent ids', () => {
    const value = input()
    expect(pathsOf({ ...value, agents: [...value.agents, { ...value.agents[1] }] })).toEqual(['agents[2].id'])
  })

  it('rejects an impossible date such as 2026-02-30', () => {
    const issues = issuesOf({ ...input(), wishes: [{ agentId: 'a02', date: '2026-02-30', want: 'off' }] })
    expect(issues.map(i => i.path)).toEqual(['wishes[0].date'])
    expect(pathsOf({ ...input(), leaves: [leave({ date: '2026-02-30' })] })).toEqual(['leaves[0].date'])
    expect(pathsOf({ ...input(), holidays: { add: ['2026-02-29'] } })).toEqual(['holidays.add[0]'])
  })

  it('rejects a wish dated outside the month', () => {
    expect(pathsOf({ ...input(), wishes: [{ agentId: 'a02', date: '2026-03-01', want: 'off' }] })).toEqual([
      'wishes[0].date',
    ])
  })

  it('names the allowed values of an unknown enum value', () => {
    const value = input()
    const agents = [{ ...value.agents[0], level: 'expert' }, value.agents[1]]
    expect(issuesOf({ ...value, agents })).toEqual([
      { path: 'agents[0].level', message: 'expected one of trainee|junior|intermediate|senior|reserve' },
    ])
    expect(issuesOf({ ...value, leaves: [leave({ kind: 'holiday' })] })).toEqual([
      { path: 'leaves[0].kind', message: 'expected one of personal|sick|annual|marriage|bereavement' },
    ])
    expect(issuesOf({ ...value, swaps: [swap({ status: 'done' })] })[0]?.message).toMatch(/^expected one of /)
  })

  it('names a missing required field', () => {
    const value = input()
    const { name: _name, ...nameless } = value.agents[0] ?? {}
    const issues = issuesOf({ ...value, agents: [nameless, value.agents[1]] })
    expect(issues.map(i => i.path)).toEqual(['agents[0].name'])
    expect(issues[0]?.message).toMatch(/^required/)
  })

  it('rejects a time zone that does not exist (CAL-TZ), naming team.timeZone', () => {
    expect(pathsOf({ ...input(), team: { id: 'cs-1', name: '客服一组', timeZone: 'Mars/Olympus' } })).toEqual(
      ['team.timeZone'],
    )
  })

  it('rejects a wrong format tag, a bad month and instants without an offset', () => {
    expect(pathsOf({ ...input(), format: 'paiban.month/2' })).toEqual(['format'])
    expect(pathsOf({ ...input(), month: '2026-13' })[0]).toBe('month')
    expect(pathsOf({ ...input(), leaves: [leave({ submittedAt: '2026-02-01T09:00:00' })] })).toEqual([
      'leaves[0].submittedAt',
    ])
  })

  it('rejects bad policy values with their path', () => {
    expect(pathsOf({ ...input(), policy: { rest: { maxConsecutiveDays: 0 } } })).toEqual([
      'policy.rest.maxConsecutiveDays',
    ])
    expect(pathsOf({ ...input(), policy: { shifts: { N: { start: '18:00', end: '25:00' } } } })).toEqual([
      'policy.shifts.N.end',
    ])
  })

  it('reports a value that is not an object as a whole-file issue', () => {
    expect(pathsOf('not a month')).toEqual(['(file)'])
  })
})

describe('formatPath', () => {
  it('writes zod paths the way a person reads them', () => {
    expect(formatPath(['agents', 3, 'level'])).toBe('agents[3].level')
    expect(formatPath(['roster', 'a01'])).toBe('roster.a01')
    expect(formatPath([])).toBe('')
  })
})
