import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { agentCalendar, eventUid } from '@paiban/payroll'
import { OCTOBER_INPUT, october, octoberRow, parsed } from './helpers/october'

type Parsed = {
  calName: unknown
  events: Array<{
    uid: string
    summary: string
    description: string
    start: Date
    end: Date
    allDay: boolean
  }>
}

/** Reads iCalendar text with ical.js, an independent parser. */
function read(ics: string): Parsed {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[])
  return {
    calName: calendar.getFirstPropertyValue('x-wr-calname'),
    events: calendar.getAllSubcomponents('vevent').map(v => {
      const e = new ICAL.Event(v)
      return {
        uid: e.uid,
        summary: e.summary,
        description: e.description,
        start: e.startDate.toJSDate(),
        end: e.endDate.toJSDate(),
        allDay: e.startDate.isDate,
      }
    }),
  }
}

describe('agentCalendar', () => {
  it('has one event per worked shift from the report time (08:50, 17:50) to the end (Asia/Shanghai = UTC+8)', () => {
    const { events, calName } = read(agentCalendar(october(), 'a1'))
    expect(calName).toBe('客服九组 张伟 2026-10 排班 Shifts')
    // a1: D 01, D 03, N 05, D 10, D 11, N 12, D 14.
    // Day: report 08:50 local = 00:50Z, end 18:00 = 10:00Z.
    expect(events.map(e => [e.start.toISOString(), e.end.toISOString()])).toEqual([
      ['2026-10-01T00:50:00.000Z', '2026-10-01T10:00:00.000Z'],
      ['2026-10-03T00:50:00.000Z', '2026-10-03T10:00:00.000Z'],
      // Night on 10-05: report 17:50 = 09:50Z to 24:00 = 16:00Z (10-06 00:00 local).
      ['2026-10-05T09:50:00.000Z', '2026-10-05T16:00:00.000Z'],
      ['2026-10-10T00:50:00.000Z', '2026-10-10T10:00:00.000Z'],
      ['2026-10-11T00:50:00.000Z', '2026-10-11T10:00:00.000Z'],
      ['2026-10-12T09:50:00.000Z', '2026-10-12T16:00:00.000Z'],
      ['2026-10-14T00:50:00.000Z', '2026-10-14T10:00:00.000Z'],
    ])
  })

  it('says the shift in both languages and the report time (start − handover) in the description', () => {
    const { events } = read(agentCalendar(october(), 'a1'))
    // a1: [0] D 01 and [1] D 03 (Saturday) are statutory (国庆 10-01..03); [2] N 05 is an in-lieu rest
    // day of the break, not statutory; [3] D 10 is the 调休 make-up Saturday.
    const night = events[2]
    expect(night?.summary).toBe('夜班 Night shift 18:00–24:00')
    expect(night?.description).toContain('到岗交接 Report for handover: 17:50 (10 min)')
    expect(night?.description).toContain('国庆节 National Day · 假期休息日 Holiday-break rest day')
    expect(night?.description).not.toContain('Statutory holiday')
    expect(events[0]?.summary).toBe('白班 Day shift 09:00–18:00')
    expect(events[0]?.description).toContain('Report for handover: 08:50')
    expect(events[0]?.description).toContain('国庆节 National Day · 法定节假日 Statutory holiday')
    expect(events[1]?.description).toContain('国庆节 National Day · 法定节假日 Statutory holiday')
    expect(events[3]?.description).toContain('调休上班日 Make-up workday')
  })

  it('gives stable, unique UIDs from team, agent, date and shift', () => {
    const first = read(agentCalendar(october(), 'a1')).events.map(e => e.uid)
    expect(new Set(first).size).toBe(first.length)
    expect(first[2]).toBe(eventUid('cs-9', 'a1', '2026-10-05', 'N'))
    expect(first[2]).toBe('cs-9/a1/2026-10-05/N@paiban')
    // The same file gives the same UIDs; ids with "/" cannot collide with another team's.
    expect(read(agentCalendar(october(), 'a1')).events.map(e => e.uid)).toEqual(first)
    expect(eventUid('a/b', 'c', '2026-10-05', 'D')).not.toBe(eventUid('a', 'b/c', '2026-10-05', 'D'))
  })

  it('adds leave days as all-day events marked as leave, unless asked not to', () => {
    const file = october()
    const { events } = read(agentCalendar(file, 'a2'))
    const leave = events.filter(e => e.allDay)
    // a2: 7 day shifts + annual leave 13 + sick leave 16.
    expect(events).toHaveLength(9)
    expect(leave.map(e => [e.summary, e.uid])).toEqual([
      ['请假 Leave: 年假 annual leave', 'cs-9/a2/2026-10-13/L@paiban'],
      ['请假 Leave: 病假 sick leave', 'cs-9/a2/2026-10-16/L@paiban'],
    ])
    expect(agentCalendar(file, 'a2')).toContain('CATEGORIES:Leave')
    expect(read(agentCalendar(file, 'a2', { includeLeave: false })).events).toHaveLength(7)
  })

  it('is a pure function of the file: DTSTAMP from the option, else the start of the month', () => {
    const a = agentCalendar(october(), 'a4')
    expect(agentCalendar(october(), 'a4')).toBe(a)
    expect(a).toContain('DTSTAMP:20260930T160000Z')
    expect(agentCalendar(october(), 'a4', { generatedAt: '2026-10-20T08:30:00Z' })).toContain(
      'DTSTAMP:20261020T083000Z',
    )
  })

  it('folds lines at 75 octets, so Chinese text stays within RFC 5545 lines', () => {
    const ics = agentCalendar(october(), 'a1')
    for (const line of ics.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true)
  })

  it('converts wall-clock times of a zone with daylight saving (Europe/Berlin, 2026-10-25)', () => {
    const file = parsed({
      ...OCTOBER_INPUT,
      team: { ...OCTOBER_INPUT.team, timeZone: 'Europe/Berlin' },
      roster: { ...OCTOBER_INPUT.roster, a1: octoberRow({ 24: 'N', 26: 'D' }) },
    })
    const { events } = read(agentCalendar(file, 'a1'))
    // 10-24 report 17:50 CEST (UTC+2) = 15:50Z; 24:00 = 22:00Z. 10-26 report 08:50 CET (UTC+1) = 07:50Z.
    expect(events.map(e => [e.start.toISOString(), e.end.toISOString()])).toEqual([
      ['2026-10-24T15:50:00.000Z', '2026-10-24T22:00:00.000Z'],
      ['2026-10-26T07:50:00.000Z', '2026-10-26T17:00:00.000Z'],
    ])
  })

  it('gives an empty calendar for an agent with no shifts and throws for an unknown agent', () => {
    const file = parsed({ ...OCTOBER_INPUT, roster: { ...OCTOBER_INPUT.roster, a4: octoberRow({}) } })
    expect(read(agentCalendar(file, 'a4')).events).toEqual([])
    expect(() => agentCalendar(file, 'nobody')).toThrow(/unknown agent id nobody/)
  })
})
