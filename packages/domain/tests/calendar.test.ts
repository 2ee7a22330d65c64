import { calendarYears, monthCalendar, statutoryDates, type CalendarData } from '@paiban/domain'
import { describe, expect, it } from 'vitest'

describe('CAL-HOLIDAY calendar', () => {
  const october = monthCalendar('2026-10')

  it('marks National Day 2026-10-01 … 07 as holidays and official rest days', () => {
    const holidays = october.days.filter(d => d.isHoliday).map(d => d.date)
    expect(holidays).toEqual(['01', '02', '03', '04', '05', '06', '07'].map(d => `2026-10-${d}`))
    expect(october.byDate.get('2026-10-01')).toMatchObject({
      weekday: 4,
      isHoliday: true,
      isRestDay: true,
      name: { zh: '国庆节', en: 'National Day' },
    })
  })

  it('tells statutory days proper (10-01..03, Saturday 03 too) from the other rest days of the break', () => {
    expect(october.byDate.get('2026-10-01')?.isStatutory).toBe(true)
    // 国庆 is 10-1 to 10-3 whatever the weekday: Saturday 10-03 is statutory.
    expect(october.byDate.get('2026-10-03')).toMatchObject({ isWeekend: true, isStatutory: true })
    // Sunday 10-04 and the in-lieu days 10-05 (Monday) … 10-07 are rest days of the break, not statutory.
    expect(october.byDate.get('2026-10-04')).toMatchObject({ isHoliday: true, isStatutory: false })
    expect(october.byDate.get('2026-10-05')).toMatchObject({ isHoliday: true, isStatutory: false })
    expect(october.byDate.get('2026-10-07')?.isStatutory).toBe(false)
    // The 调休 make-up Saturday is not statutory either.
    expect(october.byDate.get('2026-10-10')?.isStatutory).toBe(false)
  })

  it('lists the statutory days proper of a year, with 除夕 and 5-2 only from 2025', () => {
    const y2026 = statutoryDates(2026)
    for (const date of [
      '2026-01-01', // 元旦
      '2026-02-16', // 除夕 (statutory from 2025)
      '2026-02-17', // 春节 初一
      '2026-02-18', // 初二
      '2026-02-19', // 初三
      '2026-04-05', // 清明 (solar term)
      '2026-05-01', // 劳动节
      '2026-05-02', // 劳动节, second day from 2025
      '2026-06-19', // 端午 (五月初五)
      '2026-09-25', // 中秋 (八月十五)
      '2026-10-01', // 国庆
      '2026-10-02',
      '2026-10-03',
    ])
      expect(y2026.has(date), date).toBe(true)
    expect(y2026.has('2026-10-05')).toBe(false)
    expect(y2026.has('2026-02-20')).toBe(false)

    const y2024 = statutoryDates(2024)
    for (const date of ['2024-02-10', '2024-02-11', '2024-02-12', '2024-05-01'])
      expect(y2024.has(date), date).toBe(true)
    // Before 2025: 除夕 (2024-02-09) was not statutory, 劳动节 was 5-1 only.
    expect(y2024.has('2024-02-09')).toBe(false)
    expect(y2024.has('2024-05-02')).toBe(false)
  })

  it('marks the 调休 make-up Saturday 2026-10-10 as a workday, not a holiday or rest day', () => {
    expect(october.byDate.get('2026-10-10')).toMatchObject({
      weekday: 6,
      isWeekend: true,
      isHoliday: false,
      isMakeupWorkday: true,
      isRestDay: false,
    })
  })

  it('marks the 调休 make-up Sunday 2026-09-20 as a workday', () => {
    expect(monthCalendar('2026-09').byDate.get('2026-09-20')).toMatchObject({
      weekday: 7,
      isHoliday: false,
      isMakeupWorkday: true,
      isRestDay: false,
    })
  })

  it('marks New Year’s Day 2026-01-01 as a holiday and 2026-01-04 (Sunday) as a make-up workday', () => {
    const january = monthCalendar('2026-01')
    expect(january.byDate.get('2026-01-01')).toMatchObject({ isHoliday: true, isStatutory: true })
    expect(january.byDate.get('2026-01-04')).toMatchObject({ isHoliday: false, isMakeupWorkday: true })
  })

  it('treats ordinary weekends as rest days that are not holidays', () => {
    expect(october.byDate.get('2026-10-17')).toMatchObject({
      isWeekend: true,
      isHoliday: false,
      isRestDay: true,
    })
    expect(october.byDate.get('2026-10-19')).toMatchObject({ isWeekend: false, isRestDay: false })
  })

  it('warns about a year it has no data for (2027), not about 2026', () => {
    expect(calendarYears().has(2026)).toBe(true)
    expect(calendarYears().has(2027)).toBe(false)
    const warnings = monthCalendar('2027-10').warnings
    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.zh.length).toBeGreaterThan(0)
    expect(warnings[0]?.en.length).toBeGreaterThan(0)
    expect(october.warnings).toEqual([])
  })

  it('applies company changes: holidays.add, holidays.remove and holidays.workdays', () => {
    const cal = monthCalendar('2026-10', {
      add: ['2026-10-20'],
      remove: ['2026-10-05'],
      workdays: ['2026-10-24'],
    })
    expect(cal.byDate.get('2026-10-20')).toMatchObject({
      isHoliday: true,
      isRestDay: true,
      isStatutory: false,
      name: { zh: '公司假日', en: 'Company holiday' },
    })
    expect(cal.byDate.get('2026-10-05')).toMatchObject({ isHoliday: false, isRestDay: false })
    expect(cal.byDate.get('2026-10-24')).toMatchObject({ isMakeupWorkday: true, isRestDay: false })
  })

  it('takes imported data for a year the built-in calendar lacks', () => {
    const data: CalendarData = {
      holidays: { '2027-10-01': 'National Day,国庆节,3' },
      workdays: { '2027-10-09': 'National Day,国庆节,3' },
      inLieuDays: {},
    }
    const cal = monthCalendar('2027-10', undefined, data)
    expect(cal.warnings).toEqual([])
    expect(cal.byDate.get('2027-10-01')?.isHoliday).toBe(true)
    expect(cal.byDate.get('2027-10-09')?.isMakeupWorkday).toBe(true)
  })
})
