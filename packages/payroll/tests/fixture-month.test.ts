/**
 * The team fixture fixtures/teams/cs-2026-10.month.json (42 agents, National Day month) through
 * payrollTable: invariants that hold whatever the roster, checked against counts made here from the
 * raw roster strings and a hard-coded list of October's day types.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { LEAVE_KINDS, payrollCsv, payrollTable, type PayrollFigures } from '@paiban/payroll'
import { parsed } from './helpers/october'

const PATH = fileURLToPath(new URL('../../../fixtures/teams/cs-2026-10.month.json', import.meta.url))
const file = parsed(JSON.parse(readFileSync(PATH, 'utf8')) as never)
const table = payrollTable(file)

/**
 * Days of October 2026 by calendar type (monthCalendar('2026-10'), see payroll-table.test.ts):
 * statutory 国庆 10-01..03 (Saturday 03 included); rest days the break's Sunday 04 and in-lieu days
 * 05..07, and the weekends; 10 (调休 Saturday) is an ordinary day.
 */
const STATUTORY = new Set([1, 2, 3])
const REST = new Set([4, 5, 6, 7, 11, 17, 18, 24, 25, 31])

function cells(id: string): string[] {
  return [...(file.roster?.[id] ?? '')]
}

describe('payrollTable on fixtures/teams/cs-2026-10', () => {
  it('has a row per agent and no warnings', () => {
    expect(table.rows.map(r => r.agentId)).toEqual(file.agents.map(a => a.id))
    expect(table.warnings).toEqual([])
  })

  it('counts every D and N of the roster', () => {
    let shifts = 0
    for (const row of table.rows) {
      const c = cells(row.agentId)
      expect(row.dayShifts).toBe(c.filter(x => x === 'D').length)
      expect(row.nightShifts).toBe(c.filter(x => x === 'N').length)
      shifts += c.filter(x => x === 'D' || x === 'N').length
    }
    expect(table.totals.dayShifts + table.totals.nightShifts).toBe(shifts)
  })

  it('gives attendance = D × 550 + N × 370 min and night hours = N × 6', () => {
    for (const row of table.rows) {
      expect(row.attendanceMinutes).toBe(row.dayShifts * 550 + row.nightShifts * 370)
      expect(row.attendanceHours).toBeCloseTo((row.dayShifts * 550 + row.nightShifts * 370) / 60, 2)
      expect(row.nightHours).toBe(row.nightShifts * 6)
    }
  })

  it('puts shifts on 01, 02, 03 at the holiday rate and on weekend and break rest days at the rest-day rate', () => {
    for (const row of table.rows) {
      const c = cells(row.agentId)
      const worked = (days: Set<number>) => c.filter((x, i) => (x === 'D' || x === 'N') && days.has(i + 1))
      const minutes = (xs: string[]) => xs.reduce((m, x) => m + (x === 'D' ? 550 : 370), 0)
      expect(row.holidayShifts).toBe(worked(STATUTORY).length)
      expect(row.holidayMinutes).toBe(minutes(worked(STATUTORY)))
      expect(row.restDayShifts).toBe(worked(REST).length)
      expect(row.restDayMinutes).toBe(minutes(worked(REST)))
      // 10-10 (调休) is never premium, so premium shifts never exceed all shifts.
      expect(row.holidayShifts + row.restDayShifts).toBeLessThanOrEqual(row.dayShifts + row.nightShifts)
    }
  })

  it('finds the fixture leave (a19 annual, a27 personal), the swap s1 (a23, a27) and no absence', () => {
    expect(table.totals.leaveDays).toEqual({ personal: 1, sick: 0, annual: 1, marriage: 0, bereavement: 0 })
    expect(table.rows.find(r => r.agentId === 'a19')?.leaveDays.annual).toBe(1)
    expect(table.rows.find(r => r.agentId === 'a27')?.leaveDays.personal).toBe(1)
    expect(table.rows.filter(r => r.swaps > 0).map(r => [r.agentId, r.swaps])).toEqual([
      ['a23', 1],
      ['a27', 1],
    ])
    expect(table.totals.absenceDays).toBe(0)
  })

  it('has totals that are the sums of the rows', () => {
    const keys = [
      'dayShifts',
      'nightShifts',
      'attendanceMinutes',
      'nightMinutes',
      'restDayShifts',
      'restDayMinutes',
      'holidayShifts',
      'holidayMinutes',
      'absenceDays',
      'swaps',
    ] as const satisfies ReadonlyArray<keyof PayrollFigures>
    for (const key of keys) expect(table.totals[key]).toBe(table.rows.reduce((s, r) => s + r[key], 0))
    for (const kind of LEAVE_KINDS)
      expect(table.totals.leaveDays[kind]).toBe(table.rows.reduce((s, r) => s + r.leaveDays[kind], 0))
    expect(table.totals.attendanceHours).toBeCloseTo(table.totals.attendanceMinutes / 60, 2)
  })

  it('round-trips the whole team through CSV', () => {
    const rows = Papa.parse<Record<string, unknown>>(payrollCsv(table, 'en'), {
      header: true,
      dynamicTyping: true,
      skipEmptyLines: 'greedy',
    }).data
    expect(rows).toHaveLength(43)
    expect(rows.at(-1)?.['Agent ID']).toBe('Totals')
    expect(rows.slice(0, 42).map(r => r['Night hours (h)'])).toEqual(table.rows.map(r => r.nightHours))
    expect(rows.slice(0, 42).map(r => r['Statutory-holiday hours (h)'])).toEqual(
      table.rows.map(r => r.holidayHours),
    )
  })
})
