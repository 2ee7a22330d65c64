import { calendarYears, monthCalendar, type CalendarData } from '@paiban/domain'
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

  it('tells statutory days proper from weekend and in-lieu rest days inside the break', () => {
    expect(october.byDate.get('2026-10-01')?.isStatutory).toBe(true)
    expect(october.byDate.get('2026-10-03')?.isStatutory).toBe(false)
    expect(october.byDate.get('2026-10-07')?.isStatutory).toBe(false)
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
