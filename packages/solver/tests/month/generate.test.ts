import { parseMonthFile, type MonthFile } from '@paiban/domain'
import { checkMonth } from '@paiban/rules'
import { changedCells, generateMonth, moveBudget } from '@paiban/solver'
import { describe, expect, it } from 'vitest'
import { givenCells } from '../../src/month/compile'
import { splitFindings } from '../../src/month/findings'
import { polishNights, softPenalty } from '../../src/month/polish'
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

  it('gives the same roster for the same seed with the default options (a move budget from seconds)', () => {
    const { file } = feasibleMonth(24, 42)
    const a = generateMonth(blanked(file), { seconds: 3, seed: 4 })
    const b = generateMonth(blanked(file), { seconds: 3, seed: 4 })
    expect(a.iterations).toBeLessThanOrEqual(moveBudget(3) + 1000)
    expect(b.iterations).toBe(a.iterations)
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

/** Max − min nights among the night-eligible agents of `job`. */
function nightSpread(file: MonthFile, job: string): number {
  const counts = file.agents
    .filter(a => a.job === job && a.nights)
    .map(a => [...(file.roster?.[a.id] ?? '')].filter(c => c === 'N').length)
  return Math.max(...counts) - Math.min(...counts)
}

/** Hands nights to the agent of `job` with the most, N↔D on one day at a time, keeping every hard rule. */
function skewed(file: MonthFile, job: string): MonthFile {
  const group = file.agents.filter(a => a.job === job && a.nights).map(a => a.id)
  const nights = (f: MonthFile, id: string) => [...(f.roster?.[id] ?? '')].filter(c => c === 'N').length
  const top = [...group].sort((x, y) => nights(file, y) - nights(file, x))[0] ?? ''
  let current = file
  for (const other of group) {
    if (other === top) continue
    for (let d = 0; d < 31 && nightSpread(current, job) < 2; d++) {
      const a = [...(current.roster?.[top] ?? '')]
      const b = [...(current.roster?.[other] ?? '')]
      if (a[d] !== 'D' || b[d] !== 'N') continue
      a[d] = 'N'
      b[d] = 'D'
      const next = { ...current, roster: { ...current.roster, [top]: a.join(''), [other]: b.join('') } }
      if (checkMonth(next).ok) current = next
    }
  }
  return current
}

describe('polishNights', () => {
  it('brings a job whose night spread is 2 back to 1, lowering the soft penalty by the rules', () => {
    const { file } = feasibleMonth(30, 41)
    const input = blanked(file)
    const unfair = skewed(generateMonth(input, { ...FIXED, seed: 9 }).file, 'phone')
    const before = checkMonth(unfair)
    expect(before.ok).toBe(true)
    expect(nightSpread(unfair, 'phone')).toBeGreaterThanOrEqual(2)
    const after = polishNights(unfair, givenCells(input), before)
    expect(after.exchanges).toBeGreaterThan(0)
    expect(nightSpread(after.file, 'phone')).toBeLessThanOrEqual(1)
    expect(after.check.ok).toBe(true)
    expect(softPenalty(after.check)).toBeLessThan(softPenalty(before))
  })

  it('leaves a roster alone when every spread is at most 1', () => {
    const { file } = feasibleMonth(30, 41)
    const input = blanked(file)
    const fair = generateMonth(input, { ...FIXED, seed: 9 })
    // This month has a night nobody needs: working it would need a lead (COVER-LEAD).
    expect(fair.check.ok).toBe(true)
    for (const job of ['phone', 'chat', 'email']) expect(nightSpread(fair.file, job)).toBeLessThanOrEqual(1)
    const after = polishNights(fair.file, givenCells(input), fair.check)
    expect(after.exchanges).toBe(0)
    expect(after.file).toBe(fair.file)
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

describe('generateMonth with a reference roster (minimal change)', () => {
  it('re-plans a published 300-agent month after a late leave on the 15th with at most 6 changed cells', () => {
    const { file } = feasibleMonth(300, 91)
    const published = generateMonth(blanked(file), { ...FIXED, seed: 1 })
    expect(hardOf(published.file)).toEqual([])
    const reference = published.file.roster ?? {}
    const away = file.agents.find(a => reference[a.id]?.[14] === 'D')
    if (away === undefined) throw new Error('nobody works a day shift on the 15th')
    const leave = {
      id: 'late-1',
      agentId: away.id,
      date: '2026-12-15',
      shift: 'D' as const,
      kind: 'annual' as const,
      urgent: false,
      certificate: false,
      submittedAt: '2026-12-10T09:00:00+08:00',
      by: away.id,
      status: 'approved' as const,
      approvals: [{ by: 's1', role: 'supervisor' as const, at: '2026-12-10T10:00:00+08:00' }],
    }
    // The 15th needs exactly the staff the published roster gives it, so the leave must be covered.
    const staffed = (shift: 'D' | 'N') =>
      Object.fromEntries(
        (['phone', 'chat', 'email'] as const).map(job => [
          job,
          file.agents.filter(a => a.job === job && reference[a.id]?.[14] === shift).length,
        ]),
      )
    const coverage = {
      ...published.file.coverage,
      dates: { ...published.file.coverage.dates, '2026-12-15': { D: staffed('D'), N: staffed('N') } },
    }
    expect(hardOf({ ...published.file, coverage })).toEqual([])
    const input = blanked({ ...published.file, coverage, leaves: [...published.file.leaves, leave] })
    const replan = generateMonth(input, { ...FIXED, seed: 1, keep: { roster: reference } })
    // Judged by the rules package: no hard violation, the leave is taken, few cells moved.
    expect(hardOf(replan.file)).toEqual([])
    expect(replan.file.roster?.[away.id]?.[14]).toBe('L')
    expect(replan.changed).toBeGreaterThanOrEqual(2) // the leave and at least one cover
    expect(replan.changed).toBeLessThanOrEqual(6)
    expect(replan.changed).toBe(changedCells(replan.file, reference))
    // A fresh solve of the same input moves far more of the published month.
    const fresh = generateMonth(input, { ...FIXED, seed: 1 })
    expect(hardOf(fresh.file)).toEqual([])
    expect(changedCells(fresh.file, reference)).toBeGreaterThan(10 * replan.changed)
  })

  it('never moves a given cell toward the reference: only ? cells are kept at a cost', () => {
    const { file } = feasibleMonth(30, 93)
    const published = generateMonth(blanked(file), { ...FIXED, seed: 2 })
    const reference = published.file.roster ?? {}
    // The first week is pinned to another roster; the reference must not move those cells.
    const pinnedWeek = blanked(file, (_, d) => d >= 7)
    const replan = generateMonth(pinnedWeek, { ...FIXED, seed: 2, keep: { roster: reference } })
    for (const agent of file.agents)
      expect(replan.file.roster?.[agent.id]?.slice(0, 7)).toBe(file.roster?.[agent.id]?.slice(0, 7))
    expect(hardOf(replan.file)).toEqual([])
  })
})

describe('splitFindings', () => {
  const sick = (agentId: string, date: string) => ({
    id: `sick-${agentId}`,
    agentId,
    date,
    shift: 'D' as const,
    kind: 'sick' as const,
    urgent: false,
    certificate: false,
    submittedAt: `${date}T07:00:00+08:00`,
    by: agentId,
    status: 'approved' as const,
    approvals: [{ by: 's1', role: 'supervisor' as const, at: `${date}T07:30:00+08:00` }],
  })

  it('puts an uncertified sick leave among the notices and leaves hard at 0', () => {
    const { file } = feasibleMonth(24, 95)
    const agent = file.agents[3]?.id ?? ''
    const input = blanked({ ...file, leaves: [sick(agent, '2026-12-12')] })
    const result = generateMonth(input, { ...FIXED, seed: 1 })
    expect(result.check.ok).toBe(false)
    expect(result.ok).toBe(true)
    expect(result.hard).toBe(0)
    expect(['feasible', 'optimal']).toContain(result.status)
    expect(result.clashes).toEqual([])
    expect(result.notices.map(v => `${v.rule} ${v.agentId} ${v.date}`)).toEqual([
      `LEAVE-SICK-CERT ${agent} 2026-12-12`,
    ])
    expect(result.violations.some(v => v.rule === 'LEAVE-SICK-CERT')).toBe(false)
  })

  it('counts a request rule that reads a cell the solver decided (SWAP-CLEAR on ?) as the roster', () => {
    const { file } = feasibleMonth(12, 97)
    const [a, b] = file.agents
    if (!a || !b) throw new Error('too few agents')
    // An approved swap whose counterpart is off on the swap date leaves the shift empty.
    const roster = { ...file.roster, [a.id]: '?'.repeat(31), [b.id]: '-'.repeat(31) }
    const swapped: MonthFile = {
      ...file,
      roster,
      swaps: [
        {
          id: 'sw1',
          requester: a.id,
          counterpart: b.id,
          date: '2026-12-05',
          submittedAt: '2026-12-01T09:00:00+08:00',
          status: 'approved',
          approvals: [],
        },
      ],
    }
    const check = checkMonth({ ...swapped, roster: { ...roster, [a.id]: '-'.repeat(31) } })
    const clear = check.violations.filter(v => v.rule === 'SWAP-CLEAR')
    expect(clear.length).toBeGreaterThan(0)
    const split = splitFindings(swapped, givenCells(swapped), check)
    expect(split.roster.filter(v => v.rule === 'SWAP-CLEAR')).toEqual(clear)
    expect(split.notices.some(v => v.rule === 'SWAP-APPROVAL')).toBe(true)
    // With every cell given, the same finding is paperwork.
    const decided = { ...swapped, roster: { ...roster, [a.id]: '-'.repeat(31) } }
    const given = splitFindings(decided, givenCells(decided), check)
    expect(given.notices.filter(v => v.rule === 'SWAP-CLEAR')).toEqual(clear)
    expect(given.hard).toBe(given.roster.filter(v => v.severity === 'hard').length)
  })
})
