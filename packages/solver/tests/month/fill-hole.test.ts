import { parseMonthFile, violationKey } from '@paiban/domain'
import type { Job, MonthFile, MonthFileInput, Shift, Violation } from '@paiban/domain'
import { checkMonth, requirement } from '@paiban/rules'
import { describe, expect, it } from 'vitest'
import { chooseWithLpSolver, fillHole } from '../../src/month/fill-hole'
import { feasibleMonth, prng } from './witness'

const HOLE = '2026-12-15'
const DAY = 14

/** A 31-day row: rest everywhere except the given cells. */
function row(cells: Record<number, string>): string {
  return Array.from({ length: 31 }, (_, d) => cells[d] ?? '-').join('')
}

/**
 * A hand-made month around one hole on 2026-12-15 (day shift, phone: 2 needed, 1 on duty): each
 * agent is there for one reason. REST-GAP is 11 h, so a night then a day shift breaks it.
 */
function handMadeMonth(): MonthFile {
  const agent = (id: string, extra: Partial<MonthFileInput['agents'][number]> = {}) => ({
    id,
    name: id,
    job: 'phone' as const,
    level: 'junior' as const,
    ...extra,
  })
  const input: MonthFileInput = {
    format: 'paiban.month/1',
    team: { id: 't', name: '小组', timeZone: 'Asia/Shanghai' },
    month: '2026-12',
    policy: { rest: { minRestHours: 11 } },
    agents: [
      agent('free', {}),
      agent('six-in-a-row'),
      agent('after-night'),
      agent('day-only', { nights: false }),
      agent('on-leave'),
      agent('on-nights'),
      agent('chat', { job: 'chat' }),
      agent('undecided'),
      agent('wishes-off'),
      agent('lead-on-duty', { level: 'senior' }),
      agent('lead-resting', { level: 'senior' }),
    ],
    coverage: { dates: { [HOLE]: { D: { phone: 2 }, N: { phone: 1 } } } },
    roster: {
      free: row({ 2: 'D', 3: 'D' }),
      'six-in-a-row': row({ 8: 'D', 9: 'D', 10: 'D', 11: 'D', 12: 'D', 13: 'D' }),
      'after-night': row({ 13: 'N' }),
      'day-only': row({ 1: 'D' }),
      'on-leave': row({ [DAY]: 'L' }),
      'on-nights': row({ [DAY]: 'N' }),
      chat: row({}),
      undecided: row({ 1: 'D', 2: 'D', 3: 'D', 4: 'D', [DAY]: '?' }),
      'wishes-off': row({}),
      'lead-on-duty': row({ [DAY]: 'D' }),
      'lead-resting': row({
        1: 'D',
        2: 'D',
        3: 'D',
        4: 'D',
        5: 'D',
        20: 'D',
        21: 'D',
        22: 'D',
        23: 'D',
        24: 'D',
      }),
    },
    wishes: [{ agentId: 'wishes-off', date: HOLE, want: 'off' }],
  }
  const parsed = parseMonthFile(input)
  if (!parsed.ok) throw new Error(parsed.issues.map(i => `${i.path}: ${i.message}`).join('\n'))
  return parsed.value
}

/** The month with one cell changed. */
function withCell(file: MonthFile, agentId: string, day: number, cell: string): MonthFile {
  const before = file.roster?.[agentId] ?? ''
  return {
    ...file,
    roster: { ...file.roster, [agentId]: before.slice(0, day) + cell + before.slice(day + 1) },
  }
}

/**
 * Hard violations a change causes, judged by a whole-month `checkMonth` before and after (not the
 * what-if fillHole runs): one not there before, or one about the agent that got worse (its numbers).
 */
function newHard(before: MonthFile, after: MonthFile, agentId: string): Violation[] {
  const old = new Map(
    checkMonth(before)
      .violations.filter(v => v.severity === 'hard')
      .map(v => [violationKey(v), v.message.en]),
  )
  return checkMonth(after).violations.filter(
    v =>
      v.severity === 'hard' &&
      (!old.has(violationKey(v)) || (v.agentId === agentId && old.get(violationKey(v)) !== v.message.en)),
  )
}

function expectVerified(file: MonthFile, date: string, shift: Shift, job: Job): ReturnType<typeof fillHole> {
  const result = fillHole(file, date, shift, job)
  const day = Number(date.slice(8)) - 1
  for (const c of result.candidates)
    expect(newHard(file, withCell(file, c.agentId, day, shift), c.agentId)).toEqual([])
  for (const r of result.rejected)
    expect(newHard(file, withCell(file, r.agentId, day, shift), r.agentId).length).toBeGreaterThan(0)
  return result
}

describe('fillHole: who can fill this hole?', () => {
  it('ranks only agents of the job who are off that day and break no hard rule by taking it', () => {
    const file = handMadeMonth()
    const result = expectVerified(file, HOLE, 'D', 'phone')
    expect(result.needed).toBe(1)
    expect(result.leadsNeeded).toBe(0)
    expect(result.filled).toBe(true)
    // Cheapest first: fewest days worked (0.01 each), and a wish for the day off costs its weight.
    expect(result.candidates.map(c => c.agentId)).toEqual([
      'day-only',
      'free',
      'undecided',
      'lead-resting',
      'wishes-off',
    ])
    expect(result.candidates.map(c => c.chosen)).toEqual([true, false, false, false, false])
    expect(result.candidates.find(c => c.agentId === 'undecided')?.from).toBe('?')
    expect(result.candidates.at(-1)?.soft.map(v => v.rule)).toEqual(['WISH-OFF'])
    const rejected = Object.fromEntries(result.rejected.map(r => [r.agentId, r.violations.map(v => v.rule)]))
    expect(rejected).toEqual({ 'six-in-a-row': ['REST-6-1'], 'after-night': ['REST-GAP'] })
  })

  it('rejects agents who may not work nights, and brings a lead when the shift has none', () => {
    const file = handMadeMonth()
    const result = expectVerified(file, HOLE, 'N', 'phone')
    expect(result.leadsNeeded).toBe(1)
    expect(result.rejected.find(r => r.agentId === 'day-only')?.violations.map(v => v.rule)).toEqual([
      'SHIFT-NIGHT',
    ])
    // The lead costs more than the others (more days worked) but is the only way to meet COVER-LEAD.
    expect(result.candidates[0]).toMatchObject({ agentId: 'lead-resting', chosen: true, lead: true })
    expect(result.filled).toBe(true)
  })

  it('on generated 40-agent months: every ranked candidate passes checkMonth, every rejected one does not', () => {
    for (const seed of [3, 4]) {
      const { file } = feasibleMonth(40, seed)
      const random = prng(seed)
      for (let k = 0; k < 4; k++) {
        const day = Math.floor(random() * 31)
        const date = `2026-12-${String(day + 1).padStart(2, '0')}`
        const shift: Shift = random() < 0.5 ? 'D' : 'N'
        const job = (['phone', 'chat', 'email'] as const)[k % 3] ?? 'phone'
        // Open a hole: take one agent of the job off that shift.
        const onDuty = file.agents.find(a => a.job === job && file.roster?.[a.id]?.[day] === shift)
        const month = onDuty ? withCell(file, onDuty.id, day, '-') : file
        const result = expectVerified(month, date, shift, job)
        expect(result.candidates.length + result.rejected.length).toBeGreaterThan(0)
        expect(result.needed).toBeGreaterThanOrEqual(1)
        if (onDuty && (requirement(file, date, shift)[job] ?? 0) > 0)
          expect(result.candidates.length).toBeGreaterThan(0)
      }
    }
  })
})

describe('the hole ILP (javascript-lp-solver)', () => {
  it('picks the cheapest set, with the leads it must have', () => {
    const choice = chooseWithLpSolver({
      costs: [1, 2, 3, 0.5],
      leads: [false, false, true, false],
      needed: 2,
      leadsNeeded: 1,
    })
    expect([...choice.chosen].sort()).toEqual([2, 3])
    expect(choice.missingLeads).toBe(0)
    expect(choice.objective).toBeCloseTo(3.5, 9)
  })

  it('takes everyone when there are fewer candidates than needed, and reports a missing lead', () => {
    const choice = chooseWithLpSolver({ costs: [4, -1], leads: [false, false], needed: 3, leadsNeeded: 1 })
    expect([...choice.chosen].sort()).toEqual([0, 1])
    expect(choice.missingLeads).toBe(1)
  })
})
