import { parseMonthFile } from '@paiban/domain'
import { describe, expect, it } from 'vitest'
import { hashPassword, randomPassword, verifyPassword } from '../src/auth/passwords'
import { currentAndNextMonth, DEMO_PEOPLE, demoAgents, demoMonth, lastDays } from '../src/demo'

describe('the demo team', () => {
  const agents = demoAgents()

  it('has 42 agents in three jobs under four team leaders, with unique names', () => {
    expect(agents).toHaveLength(42)
    expect(new Set(agents.map(a => a.job))).toEqual(new Set(['phone', 'chat', 'email']))
    const leaders = agents.filter(a => a.role === 'teamLeader')
    expect(leaders).toHaveLength(4)
    expect(agents.every(a => leaders.some(l => l.id === a.teamLeaderId))).toBe(true)
    expect(new Set(agents.map(a => a.name)).size).toBe(42)
    expect(agents.every(a => /^[\u4e00-\u9fff]{2,3}$/.test(a.name))).toBe(true)
    expect(agents.filter(a => a.nights === false).length).toBeGreaterThanOrEqual(3)
  })

  it('is the same for the same seed', () => {
    expect(demoAgents(1)).toEqual(agents)
    expect(demoAgents(2).map(a => a.name)).not.toEqual(agents.map(a => a.name))
  })

  it('gives leader1 a team leader and agent1 an ordinary agent', () => {
    const byId = new Map(agents.map(a => [a.id, a]))
    const leader = DEMO_PEOPLE.find(p => p.login === 'leader1')
    const agent = DEMO_PEOPLE.find(p => p.login === 'agent1')
    expect(byId.get(leader?.agentId ?? '')?.role).toBe('teamLeader')
    expect(byId.get(agent?.agentId ?? '')?.role).toBe('agent')
  })

  it('builds a valid month file with an undecided roster', () => {
    const file = demoMonth('2027-02')
    expect(parseMonthFile(file).ok).toBe(true)
    expect(Object.values(file.roster ?? {}).every(row => row === '?'.repeat(28))).toBe(true)
  })

  it('knows the current and the next month in the team time zone, across a year end', () => {
    // 2026-12-31 17:00 UTC is already 2027-01-01 in Shanghai.
    expect(currentAndNextMonth(new Date('2026-12-31T17:00:00Z'), 'Asia/Shanghai')).toEqual([
      '2027-01',
      '2027-02',
    ])
    expect(currentAndNextMonth(new Date('2026-12-15T00:00:00Z'), 'Asia/Shanghai')).toEqual([
      '2026-12',
      '2027-01',
    ])
  })

  it('carries the last six days into the next month', () => {
    expect(lastDays({ a01: 'DDDDNN--DN??' })).toEqual({ a01: '--DN--' })
  })
})

describe('passwords', () => {
  it('hash with scrypt and a random salt, and verify', async () => {
    const a = await hashPassword('correct horse')
    const b = await hashPassword('correct horse')
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/)
    expect(a).not.toBe(b)
    expect(await verifyPassword('correct horse', a)).toBe(true)
    expect(await verifyPassword('correct horsE', a)).toBe(false)
    expect(await verifyPassword('correct horse', 'plain-text')).toBe(false)
  })

  it('makes random demo passwords', () => {
    expect(randomPassword()).toMatch(/^[\w-]{16}$/)
    expect(randomPassword()).not.toBe(randomPassword())
  })
})
