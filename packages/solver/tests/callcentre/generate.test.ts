import { parseMonthFile, type MonthFile } from '@paiban/domain'
import { checkMonth } from '@paiban/rules'
import { generateMonth } from '@paiban/solver'
import { describe, expect, it } from 'vitest'
import { blanked, feasibleMonth, prng } from './witness'

// A move budget makes every run the same on any machine; the time limit is only a safety net.
const FIXED = { seconds: 60, maxIterations: 400_000 } as const

function hardOf(file: MonthFile) {
  return checkMonth(file).violations.filter(v => v.severity === 'hard')
}

describe('generateMonth on months a witness proves feasible', () => {
  for (const seed of [11, 12, 13]) {
    it(`meets every hard rule when the whole roster is blank (month seed ${seed})`, () => {
      const { file } = feasibleMonth(36, seed)
      const result = generateMonth(blanked(file), { ...FIXED, seed: 1 })
      // Verified independently by the rules package, not by the solver's own score.
      expect(hardOf(result.file)).toEqual([])
      expect(result.check.ok).toBe(true)
      expect(['feasible', 'optimal']).toContain(result.status)
    })
  }

  it('never changes a pinned cell and fills every ?', () => {
    const { file } = feasibleMonth(30, 21)
    const random = prng(5)
    const mask = file.agents.map(() => Array.from({ length: 31 }, () => random() < 0.6))
    const input = blanked(file, (a, d) => mask[a]?.[d] ?? false)
    const result = generateMonth(input, { ...FIXED, seed: 3 })
    for (const agent of file.agents) {
      const before = input.roster?.[agent.id] ?? ''
      const after = result.file.roster?.[agent.id] ?? ''
      expect(after).not.toContain('?')
      for (let d = 0; d < before.length; d++) if (before[d] !== '?') expect(after[d]).toBe(before[d])
    }
    expect(result.check.ok).toBe(true)
  })

  it('fills a month that has no roster at all', () => {
    const { file } = feasibleMonth(24, 31)
    const { roster: _omit, ...rest } = file
    const result = generateMonth(rest, { ...FIXED, seed: 1 })
    expect(Object.keys(result.file.roster ?? {})).toHaveLength(24)
    expect(result.check.ok).toBe(true)
  })

  it('gives the same roster for the same seed', () => {
    const { file } = feasibleMonth(30, 41)
    const a = generateMonth(blanked(file), { ...FIXED, seed: 9 })
    const b = generateMonth(blanked(file), { ...FIXED, seed: 9 })
    expect(b.file.roster).toEqual(a.file.roster)
  })

  it('stays feasible when an agent is added', () => {
    const { file } = feasibleMonth(30, 51)
    const extra = { ...file.agents[10], id: 'extra', name: '新同事' } as MonthFile['agents'][number]
    const bigger: MonthFile = { ...file, agents: [...file.agents, extra] }
    const before = generateMonth(blanked(file), { ...FIXED, seed: 2 })
    const after = generateMonth(blanked(bigger), { ...FIXED, seed: 2 })
    expect(before.check.ok).toBe(true)
    expect(after.check.ok).toBe(true)
  })

  it('keeps approved leave as L and honours a wish for a day off when it can', () => {
    const { file } = feasibleMonth(30, 61)
    const agent = file.agents[12]?.id ?? ''
    const withRequests: MonthFile = {
      ...file,
      leaves: [
        {
          id: 'l1',
          agentId: agent,
          date: '2026-12-15',
          shift: 'D',
          kind: 'annual',
          urgent: false,
          certificate: false,
          submittedAt: '2026-11-20T10:00:00+08:00',
          by: agent,
          status: 'approved',
          approvals: [{ by: 's1', role: 'supervisor' }],
        },
      ],
      wishes: [{ agentId: agent, date: '2026-12-20', want: 'off', weight: 5 }],
    }
    const result = generateMonth(blanked(withRequests), { ...FIXED, seed: 1 })
    const row = result.file.roster?.[agent] ?? ''
    expect(row[14]).toBe('L')
    expect(row[19]).toBe('-')
    expect(result.check.ok).toBe(true)
  })
})

describe('generateMonth on an impossible month', () => {
  it('returns infeasible with the clashing rules and the date, in words', () => {
    const { file } = feasibleMonth(24, 71)
    // Everyone in phone is on approved leave on the 9th, yet the 9th needs phone agents.
    const phone = file.agents.filter(a => a.job === 'phone')
    const leaves = phone.map((a, i) => ({
      id: `l${i}`,
      agentId: a.id,
      date: '2026-12-09',
      shift: 'D' as const,
      kind: 'annual' as const,
      urgent: false,
      certificate: false,
      submittedAt: '2026-11-01T10:00:00+08:00',
      by: a.id,
      status: 'approved' as const,
      approvals: [{ by: 'm1', role: 'manager' as const }],
    }))
    const parsed = parseMonthFile({
      ...file,
      coverage: { default: { D: { phone: 2 } } },
      leaves,
      roster: undefined,
    })
    if (!parsed.ok) throw new Error(parsed.issues[0]?.message)
    const result = generateMonth(parsed.value, { ...FIXED, seed: 1 })
    expect(result.status).toBe('infeasible')
    expect(result.check.ok).toBe(false)
    const clash = result.clashes.find(c => c.date === '2026-12-09')
    expect(clash?.rules).toContain('COVER-MIN')
    expect(clash?.job).toBe('phone')
    expect(clash?.message.zh).toMatch(/请假/)
    expect(clash?.message.en).toMatch(/leave/)
    // The rest of the month is still rostered within the rules.
    expect(
      result.check.violations.filter(v => v.severity === 'hard').every(v => v.date === '2026-12-09'),
    ).toBe(true)
  })

  it('names a given cell that breaks a rule by itself, and keeps it', () => {
    const { file } = feasibleMonth(24, 73)
    const dayOnly = file.agents.find(a => !a.nights)
    if (dayOnly === undefined) throw new Error('the witness month has no agent without nights')
    // A night typed into the row of an agent who never works nights; everything else is open.
    const roster = Object.fromEntries(
      file.agents.map(a => [
        a.id,
        a.id === dayOnly.id ? `${'?'.repeat(4)}N${'?'.repeat(26)}` : '?'.repeat(31),
      ]),
    )
    const parsed = parseMonthFile({ ...file, roster })
    if (!parsed.ok) throw new Error(parsed.issues[0]?.message)
    const result = generateMonth(parsed.value, { ...FIXED, seed: 1 })
    expect(result.status).toBe('infeasible')
    expect(result.file.roster?.[dayOnly.id]?.[4]).toBe('N')
    const clash = result.clashes.find(c => c.agentId === dayOnly.id)
    expect(clash?.rules).toEqual(['SHIFT-NIGHT'])
    expect(clash?.date).toBe('2026-12-05')
    // Only that cell is wrong: every other hard rule is met around it.
    expect(hardOf(result.file).every(v => v.agentId === dayOnly.id && v.rule === 'SHIFT-NIGHT')).toBe(true)
  })
})
