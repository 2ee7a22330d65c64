import { parseMonthFile } from '@paiban/domain'
import { checkMonth, contextOf, ruleById } from '@paiban/rules'
import { describe, expect, it } from 'vitest'
import { agent, month, monthInput, only, row } from './helpers/month'

describe('CAL-TZ', () => {
  it('is a definition (the team zone, validated on parse), not a check of its own', () => {
    expect(ruleById('CAL-TZ')).toBeUndefined()
  })

  it('defaults the team zone to Asia/Shanghai', () => {
    const input = monthInput()
    const parsed = parseMonthFile({ ...input, team: { id: 'cs-1', name: '客服一组' } })
    expect(parsed.ok && parsed.value.team.timeZone).toBe('Asia/Shanghai')
  })

  it('rejects a time zone that does not exist, naming team.timeZone', () => {
    const parsed = parseMonthFile(monthInput({ timeZone: 'Asia/Beijing' }))
    expect(parsed.ok).toBe(false)
    expect(parsed.ok ? [] : parsed.issues.map(i => i.path)).toEqual(['team.timeZone'])
  })

  it('places shifts at the wall-clock time of the team zone', () => {
    const shanghai = contextOf(month()).times(0, 'D')
    const london = contextOf(month({ timeZone: 'Europe/London' })).times(0, 'D')
    expect(new Date(shanghai.report).toISOString()).toBe('2026-12-01T00:50:00.000Z')
    expect(new Date(london.report).toISOString()).toBe('2026-12-01T08:50:00.000Z')
    expect(london.report - shanghai.report).toBe(8 * 3_600_000)
  })

  it('keeps the wall-clock shift times on the day a DST change happens', () => {
    // America/New_York falls back on 2026-11-01: the day shift still reports at 08:50 local (EST).
    const ctx = contextOf(month({ month: '2026-11', timeZone: 'America/New_York' }))
    expect(new Date(ctx.times(0, 'D').report).toISOString()).toBe('2026-11-01T13:50:00.000Z')
    expect(new Date(ctx.times(0, 'N').end).toISOString()).toBe('2026-11-02T05:00:00.000Z')
  })
})

describe('CAL-HOLIDAY', () => {
  it('warns (soft, no penalty) about a month of a year the calendar has no data for', () => {
    const result = checkMonth(month({ month: '2027-01' }))
    expect(only(result, 'CAL-HOLIDAY')).toEqual([
      { rule: 'CAL-HOLIDAY', severity: 'soft', date: '2027-01-01' },
    ])
    expect(result.violations.find(v => v.rule === 'CAL-HOLIDAY')?.penalty).toBe(0)
    expect(result.ok).toBe(true)
  })

  it('does not warn about a month of 2026', () => {
    expect(only(checkMonth(month({ month: '2026-10' })), 'CAL-HOLIDAY')).toEqual([])
    expect(only(checkMonth(month({ month: '2026-12' })), 'CAL-HOLIDAY')).toEqual([])
  })

  it('knows National Day 2026-10-01 … 07 and New Year’s Day 2026-01-01 as holidays', () => {
    const october = contextOf(month({ month: '2026-10' }))
    const holidays = october.calendar.days.filter(d => d.isHoliday).map(d => d.date)
    expect(holidays).toEqual(['01', '02', '03', '04', '05', '06', '07'].map(d => `2026-10-${d}`))
    expect(october.calendar.byDate.get('2026-10-01')?.name).toEqual({ zh: '国庆节', en: 'National Day' })
    expect(contextOf(month({ month: '2026-01' })).day('2026-01-01')?.isHoliday).toBe(true)
  })

  it('treats the 调休 make-up days 2026-10-10 (Saturday) and 2026-09-20 (Sunday) as workdays', () => {
    const ctx = contextOf(month({ month: '2026-10' }))
    for (const date of ['2026-10-10', '2026-09-20']) {
      const day = ctx.day(date)
      expect(day).toMatchObject({
        isWeekend: true,
        isHoliday: false,
        isMakeupWorkday: true,
        isRestDay: false,
      })
    }
  })

  it('applies the company changes: holidays.add, holidays.remove and holidays.workdays', () => {
    const ctx = contextOf(
      month({
        month: '2026-10',
        holidays: { add: ['2026-10-20'], remove: ['2026-10-07'], workdays: ['2026-10-17'] },
      }),
    )
    expect(ctx.day('2026-10-20')).toMatchObject({ isHoliday: true, isRestDay: true })
    expect(ctx.day('2026-10-07')).toMatchObject({ isHoliday: false, isRestDay: false })
    expect(ctx.day('2026-10-17')).toMatchObject({ isHoliday: false, isMakeupWorkday: true, isRestDay: false })
  })

  it('lets the rules see the company changes (a company workday is no weekend duty)', () => {
    const roster = { a1: row(31, '-', { 17: 'D', 18: 'D' }) }
    const agents = [agent('a1'), agent('a2')]
    expect(only(checkMonth(month({ month: '2026-10', agents, roster })), 'FAIR-WEEKEND')).toHaveLength(1)
    const changed = month({ month: '2026-10', agents, roster, holidays: { workdays: ['2026-10-17'] } })
    expect(only(checkMonth(changed), 'FAIR-WEEKEND')).toEqual([])
  })
})
