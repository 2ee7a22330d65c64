import {
  monthCalendar,
  parseHolidayArrangement,
  parseMonthFile,
  statutoryDates,
  statutoryDays,
  withArrangement,
  type HolidayArrangementInput,
} from '@paiban/domain'
import chineseDays from 'chinese-days'
import data from 'chinese-days/dist/chinese-days.json'
import { CalendarChinese } from 'date-chinese'
import { describe, expect, it } from 'vitest'

const iso = (g: { year: number; month: number; day: number }) =>
  `${g.year}-${String(g.month).padStart(2, '0')}-${String(g.day).padStart(2, '0')}`

/**
 * The independent source: `date-chinese` 2.1.4 computes the Chinese calendar astronomically
 * (new moons and solar longitudes from VSOP87 via `astronomia`), while `chinese-days` reads lunar
 * month tables. The 2027 dates below agree with both: 春节 2027-02-06 (丁未年正月初一), 清明
 * 2027-04-05, 端午 2027-06-09, 中秋 2027-09-15.
 */
function independent(year: number): {
  newYear: string
  dragonBoat: string
  midAutumn: string
  qingming: string
} {
  const cal = new CalendarChinese()
  cal.fromGregorian(year, 7, 1)
  const [cycle, lunarYear] = cal.get()
  const lunar = (month: number, day: number) => {
    cal.set(cycle, lunarYear, month, false, day)
    return iso(cal.toGregorian())
  }
  const newYear = lunar(1, 1)
  const dragonBoat = lunar(5, 5)
  const midAutumn = lunar(8, 15)
  cal.fromJDE(cal.qingming(year))
  return { newYear, dragonBoat, midAutumn, qingming: iso(cal.toGregorian()) }
}

describe('CAL-HOLIDAY statutory days from the law', () => {
  it('for every year 2004–2026 the computed statutory days are holidays in chinese-days’ own data', () => {
    const listed = new Set(Object.keys(data.holidays))
    const unlisted: string[] = []
    for (let year = 2004; year <= 2026; year++) {
      const days = [...statutoryDates(year)]
      expect(days.length, String(year)).toBeGreaterThanOrEqual(year >= 2025 ? 13 : year >= 2008 ? 10 : 7)
      for (const date of days) {
        // chinese-days' own reading: a listed holiday, or a weekend day that is no 调休 workday.
        expect(chineseDays.isHoliday(date), `${year}: ${date}`).toBe(true)
        expect(date in data.workdays, `${year}: ${date}`).toBe(false)
        if (!listed.has(date)) unlisted.push(date)
      }
    }
    // The one statutory day its table leaves out is a Saturday inside the 2012 端午 break (6-22…24).
    expect(unlisted).toEqual(['2012-06-23'])
  })

  it('follows the order in force: 除夕…初二 (2008–13), 初一…初三 (2014–24), 除夕+初一…初三 and 5-2 (2025–)', () => {
    // 2013: 除夕 2013-02-09, 初一 02-10; 2014: 初一 2014-01-31; 2025: 除夕 2025-01-28.
    expect(statutoryDates(2013).has('2013-02-09')).toBe(true)
    expect(statutoryDates(2013).has('2013-02-12')).toBe(false)
    expect(statutoryDates(2014).has('2014-01-30')).toBe(false)
    expect(statutoryDates(2014).has('2014-02-02')).toBe(true)
    expect(statutoryDates(2025).has('2025-01-28')).toBe(true)
    expect(statutoryDates(2025).has('2025-01-31')).toBe(true)
    expect(statutoryDates(2025).has('2025-05-02')).toBe(true)
    expect(statutoryDates(2024).has('2024-05-02')).toBe(false)
    // Before 2008: 劳动节 5-1…5-3, no 清明.
    expect(statutoryDates(2007).has('2007-05-03')).toBe(true)
    expect([...statutoryDates(2007)].some(d => d.startsWith('2007-04'))).toBe(false)
  })

  it('computes 2027 (no data in chinese-days) and agrees with the independent astronomical calendar', () => {
    const y2027 = statutoryDays(2027)
    const other = independent(2027)
    expect(other).toEqual({
      newYear: '2027-02-06',
      qingming: '2027-04-05',
      dragonBoat: '2027-06-09',
      midAutumn: '2027-09-15',
    })
    expect([...y2027.keys()]).toEqual([
      '2027-01-01',
      '2027-02-05', // 除夕
      other.newYear,
      '2027-02-07',
      '2027-02-08',
      other.qingming,
      '2027-05-01',
      '2027-05-02',
      other.dragonBoat,
      other.midAutumn,
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ])
    expect(y2027.get(other.midAutumn)).toEqual({ zh: '中秋', en: 'Mid-autumn Festival' })
  })

  it('agrees with the independent calendar on 春节, 清明, 端午 and 中秋 for 2027–2032', () => {
    for (let year = 2027; year <= 2032; year++) {
      const other = independent(year)
      const days = statutoryDates(year)
      for (const date of Object.values(other)) expect(days.has(date), `${year}: ${date}`).toBe(true)
    }
  })

  it('gives one date when two festivals meet (中秋 on 国庆 2028-10-03)', () => {
    expect(statutoryDays(2028).get('2028-10-03')).toEqual({ zh: '中秋', en: 'Mid-autumn Festival' })
    expect(statutoryDates(2028).size).toBe(12)
  })
})

const ARRANGEMENT: HolidayArrangementInput = {
  format: 'paiban.holidays/1',
  year: 2027,
  // Made up for the tests: not the State Council's 2027 notice.
  breaks: ['2027-01-02', '2027-01-03', '2027-02-09', '2027-02-10'],
  workdays: ['2027-02-20'],
  source: 'test arrangement (made up)',
}

describe('paiban.holidays/1', () => {
  it('accepts an arrangement, with or without the statutory list', () => {
    expect(parseHolidayArrangement(ARRANGEMENT).ok).toBe(true)
    const statutory = [...statutoryDates(2027)]
    expect(parseHolidayArrangement({ ...ARRANGEMENT, statutory }).ok).toBe(true)
  })

  it('refuses a statutory list that disagrees with the computation, naming the date', () => {
    const statutory = [...statutoryDates(2027)].filter(d => d !== '2027-02-05').concat('2027-02-09')
    const parsed = parseHolidayArrangement({ ...ARRANGEMENT, breaks: [], statutory })
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.issues.map(i => i.path)).toEqual(['statutory[12]', 'statutory'])
    expect(parsed.issues[0]?.message).toContain('2027-02-09')
    expect(parsed.issues[1]?.message).toContain('2027-02-05')
  })

  it('refuses an unknown format, a date outside its year, a date in two lists and a weekday 调休', () => {
    const issues = (input: unknown) => {
      const parsed = parseHolidayArrangement(input)
      return parsed.ok ? [] : parsed.issues.map(i => i.path)
    }
    expect(issues({ ...ARRANGEMENT, format: 'paiban.holidays/2' })).toEqual(['format'])
    expect(issues({ ...ARRANGEMENT, breaks: ['2026-12-31'] })).toEqual(['breaks[0]'])
    expect(issues({ ...ARRANGEMENT, workdays: ['2027-01-02'] })).toEqual(['workdays[0]'])
    expect(issues({ ...ARRANGEMENT, workdays: ['2027-02-17'] })).toEqual(['workdays[0]'])
    expect(issues({ ...ARRANGEMENT, breaks: ['2027-01-01'] })).toEqual(['breaks[0]'])
    expect(issues({ ...ARRANGEMENT, source: undefined })).toEqual(['source'])
  })
})

describe('CAL-HOLIDAY calendar of a year without data', () => {
  const month = (arrangement?: HolidayArrangementInput) => {
    const parsed = parseMonthFile({
      format: 'paiban.month/1',
      team: { id: 't', name: 'T' },
      month: '2027-01',
      policy: {},
      agents: [{ id: 'a', name: 'A', job: 'phone', level: 'senior' }],
      holidays: { add: ['2027-01-15'], ...(arrangement ? { arrangement } : {}) },
    })
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
    return parsed.value
  }

  it('without an import: 2027-01-01 is statutory, one notice names the missing arrangement', () => {
    const cal = monthCalendar('2027-01', month().holidays)
    expect(cal.arrangement).toBe('missing')
    expect(cal.byDate.get('2027-01-01')).toMatchObject({
      isStatutory: true,
      holiday: 'statutory',
      isRestDay: true,
    })
    expect(cal.byDate.get('2027-01-02')).toMatchObject({ isHoliday: false, isBreak: false })
    expect(cal.warnings).toHaveLength(1)
    expect(cal.warnings[0]?.en).toContain('2027-01-01')
    expect(cal.warnings[0]?.en).toContain('not imported')
    expect(cal.warnings[0]?.zh).toContain('尚未导入')
  })

  it('company days stay company days: not statutory, rest-day-like', () => {
    const cal = monthCalendar('2027-01', month().holidays)
    expect(cal.byDate.get('2027-01-15')).toMatchObject({
      isHoliday: true,
      isCompany: true,
      isStatutory: false,
      holiday: 'company',
      isRestDay: true,
    })
  })

  it('with an import: break days and 调休 take effect and the notice goes', () => {
    const jan = monthCalendar('2027-01', month(ARRANGEMENT).holidays)
    expect(jan.arrangement).toBe('imported')
    expect(jan.warnings).toEqual([])
    expect(jan.byDate.get('2027-01-02')).toMatchObject({
      isBreak: true,
      holiday: 'break',
      isStatutory: false,
    })
    expect(jan.byDate.get('2027-01-02')?.name).toEqual({ zh: '元旦', en: "New Year's Day" })
    const feb = monthCalendar('2027-02', {
      add: [],
      remove: [],
      workdays: [],
      arrangement: parseOk(ARRANGEMENT),
    })
    expect(feb.byDate.get('2027-02-20')).toMatchObject({ isMakeupWorkday: true, isRestDay: false })
    expect(feb.byDate.get('2027-02-05')).toMatchObject({ isStatutory: true })
  })

  it('refuses an arrangement of another year in the month file and in withArrangement', () => {
    const parsed = parseMonthFile({
      ...month(),
      holidays: { arrangement: { ...ARRANGEMENT, year: 2026, breaks: [], workdays: [] } },
    })
    expect(parsed.ok ? [] : parsed.issues.map(i => i.path)).toEqual(['holidays.arrangement.year'])
    const other = withArrangement(month(), parseOk({ ...ARRANGEMENT, year: 2028, breaks: [], workdays: [] }))
    expect(other.ok ? [] : other.issues.map(i => i.path)).toEqual(['year'])
  })
})

function parseOk(input: HolidayArrangementInput) {
  const parsed = parseHolidayArrangement(input)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  return parsed.value
}
