import { parseMonthFile } from '@paiban/domain'
import type { MonthFile, MonthFileInput } from '@paiban/domain'
import { describe, expect, it } from 'vitest'
import { compileMonth } from '../../src/callcentre/compile'
import { minimumShortfall } from '../../src/exact/highs-engine'

/**
 * Six phone agents, four of them seniors (leads); every day needs two on the day shift and one on
 * the night shift, with a lead on each. `allAwayOn`: everyone has approved leave that date.
 */
function smallMonth(allAwayOn?: string): MonthFile {
  const agents = Array.from({ length: 6 }, (_, k) => ({
    id: `a${k + 1}`,
    name: `客服${k + 1}`,
    job: 'phone' as const,
    level: k < 4 ? ('senior' as const) : ('junior' as const),
  }))
  const input: MonthFileInput = {
    format: 'paiban.month/1',
    team: { id: 't', name: '小组', timeZone: 'Asia/Shanghai' },
    month: '2026-12',
    policy: {},
    agents,
    coverage: { default: { D: { phone: 2 }, N: { phone: 1 } } },
    leaves: allAwayOn
      ? agents.map(a => ({
          id: `leave-${a.id}`,
          agentId: a.id,
          date: allAwayOn,
          shift: 'D' as const,
          kind: 'annual' as const,
          submittedAt: '2026-11-01T09:00:00+08:00',
          by: a.id,
          status: 'approved' as const,
        }))
      : [],
  }
  const parsed = parseMonthFile(input)
  if (!parsed.ok) throw new Error(parsed.issues.map(i => `${i.path}: ${i.message}`).join('\n'))
  return parsed.value
}

describe('minimumShortfall: the fewest uncovered agent-shifts of a month', () => {
  it('is 0 when the hard cover lines can all be met', async () => {
    const result = await minimumShortfall(compileMonth(smallMonth()).model, { seconds: 30 })
    expect(result.status).toBe('optimal')
    expect(result.missing).toBe(0)
    expect(result.lines).toEqual([])
    expect(result.verified).toBe(true)
  })

  it('proves the minimum when everyone is on leave one day: that day, and only that day, is short', async () => {
    const { model } = compileMonth(smallMonth('2026-12-10'))
    const result = await minimumShortfall(model, { seconds: 30 })
    expect(result.status).toBe('optimal')
    expect(result.verified).toBe(true)
    // Day shift 2 + night shift 1 phone agents, and a lead on each of the two shifts.
    expect(result.missing).toBe(5)
    expect(result.bound).toBeCloseTo(5, 6)
    expect(new Set(result.lines.map(l => l.day))).toEqual(new Set([9]))
    expect(result.lines.reduce((sum, l) => sum + l.missing, 0)).toBe(5)
  })
})
