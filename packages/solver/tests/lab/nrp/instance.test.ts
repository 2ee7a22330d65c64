import { describe, expect, it } from 'vitest'
import { parseNrpInstance } from '../../../src/lab/nrp/instance'
import { bestKnown, hasCurtois, loadInstance } from '../../helpers/curtois'

const TINY = [
  '# A comment line',
  'SECTION_HORIZON',
  '# days',
  '14',
  '',
  'SECTION_SHIFTS',
  '# ID, minutes, forbidden next',
  'N,480,D|N',
  'D,600,',
  '',
  'SECTION_STAFF',
  '# ID, MaxShifts, ...',
  'A,D=14|N=3,4320,3360,5,2,2,1',
  'B,D=10,4320,0,5,1,1,2',
  '',
  'SECTION_DAYS_OFF',
  'A,0,13',
  'B',
  '',
  'SECTION_SHIFT_ON_REQUESTS',
  'A,2,D,2',
  '',
  'SECTION_SHIFT_OFF_REQUESTS',
  'B,3,N,3',
  '',
  'SECTION_COVER',
  '# Day, ShiftID, Requirement, Weight for under, Weight for over',
  '0,D,2,100,1',
  '1,N,1,50,2',
].join('\n')

describe('parseNrpInstance', () => {
  it.runIf(hasCurtois).each(hasCurtois ? bestKnown() : [])(
    'reads $instance with its employee, day and shift counts',
    row => {
      const instance = loadInstance(Number(row.instance.replace('Instance', '')))
      expect(instance.staff).toHaveLength(row.employees)
      expect(instance.horizon).toBe(row.days)
      expect(instance.shifts).toHaveLength(row.shiftTypes)
      expect(instance.cover).toHaveLength(row.days * row.shiftTypes)
    },
  )

  it('reads every section of a small file', () => {
    const instance = parseNrpInstance(TINY)
    expect(instance.horizon).toBe(14)
    expect(instance.shifts).toEqual([
      { id: 'N', minutes: 480, forbiddenNext: [1, 0] },
      { id: 'D', minutes: 600, forbiddenNext: [] },
    ])
    expect(instance.staff[0]).toEqual({
      id: 'A',
      maxShifts: [3, 14],
      maxTotalMinutes: 4320,
      minTotalMinutes: 3360,
      maxConsecutiveShifts: 5,
      minConsecutiveShifts: 2,
      minConsecutiveDaysOff: 2,
      maxWeekends: 1,
      daysOff: [0, 13],
    })
    expect(instance.staff[1]?.daysOff).toEqual([])
    expect(instance.onRequests).toEqual([{ employee: 0, day: 2, shift: 1, weight: 2 }])
    expect(instance.offRequests).toEqual([{ employee: 1, day: 3, shift: 0, weight: 3 }])
  })

  it('resolves forbidden-next IDs declared on later lines', () => {
    // N names D, which the file declares after N.
    expect(parseNrpInstance(TINY).shifts[0]?.forbiddenNext).toContain(1)
  })

  it('treats a shift missing from MaxShifts as unlimited (the horizon)', () => {
    expect(parseNrpInstance(TINY).staff[1]?.maxShifts).toEqual([14, 10])
  })

  it('fills (day, shift) pairs without a cover line with requirement 0 and weights 0', () => {
    const { cover } = parseNrpInstance(TINY)
    expect(cover).toHaveLength(28)
    expect(cover[0 * 2 + 1]).toEqual({ day: 0, shift: 1, requirement: 2, weightUnder: 100, weightOver: 1 })
    expect(cover[1 * 2 + 0]).toEqual({ day: 1, shift: 0, requirement: 1, weightUnder: 50, weightOver: 2 })
    expect(cover[5 * 2 + 1]).toEqual({ day: 5, shift: 1, requirement: 0, weightUnder: 0, weightOver: 0 })
  })

  it('reads a requirement written as -0 (the public Instance15 does) as 0', () => {
    const { cover } = parseNrpInstance(TINY.replace('0,D,2,100,1', '0,D,-0,100,1'))
    expect(Object.is(cover[0 * 2 + 1]?.requirement, 0)).toBe(true)
  })

  it.runIf(hasCurtois)('reads Instance15 line 858 (41,D,-0,100,1) as requirement 0 of day 41', () => {
    const instance = loadInstance(15)
    const d = instance.shifts.findIndex(s => s.id === 'D')
    const cell = instance.cover.find(c => c.day === 41 && c.shift === d)
    expect(cell).toEqual({ day: 41, shift: d, requirement: 0, weightUnder: 100, weightOver: 1 })
  })

  it('reads CRLF and LF files alike', () => {
    expect(parseNrpInstance(TINY.replaceAll('\n', '\r\n'))).toEqual(parseNrpInstance(TINY))
  })

  it.each([
    [
      'an unknown shift in a forbidden list',
      TINY.replace('N,480,D|N', 'N,480,D|X'),
      "line 8: unknown shift ID 'X'",
    ],
    [
      'a wrong staff field count',
      TINY.replace('B,D=10,4320,0,5,1,1,2', 'B,D=10,4320'),
      'line 14: expected 8 fields',
    ],
    [
      'a negative number',
      TINY.replace('0,D,2,100,1', '0,D,-2,100,1'),
      "line 28: expected a non-negative integer for requirement, got '-2'",
    ],
    [
      'a negative number with leading zeros',
      TINY.replace('0,D,2,100,1', '0,D,-01,100,1'),
      "line 28: expected a non-negative integer for requirement, got '-01'",
    ],
    [
      'a day outside the horizon',
      TINY.replace('A,2,D,2', 'A,14,D,2'),
      'line 21: day 14 is outside the horizon 0…13',
    ],
    ['an unknown employee', TINY.replace('B,3,N,3', 'Z,3,N,3'), "line 24: unknown employee ID 'Z'"],
    [
      'an unknown section',
      TINY.replace('SECTION_COVER', 'SECTION_COVERS'),
      "line 26: unknown section 'SECTION_COVERS'",
    ],
    ['data before any section', `14\n${TINY}`, 'line 1: data before the first SECTION_ header'],
    [
      'a second cover line for a pair',
      `${TINY}\n0,D,1,100,1`,
      "line 30: second cover line for day 0, shift 'D'",
    ],
    [
      'a bad MaxShifts pair',
      TINY.replace('A,D=14|N=3', 'A,D14|N=3'),
      "line 13: expected 'ShiftID=N' in MaxShifts",
    ],
  ])('rejects %s, naming the line', (_, text, message) => {
    expect(() => parseNrpInstance(text)).toThrow(message)
  })

  it('rejects a file without SECTION_STAFF', () => {
    const text = TINY.slice(0, TINY.indexOf('SECTION_STAFF'))
    expect(() => parseNrpInstance(text)).toThrow('missing SECTION_STAFF')
  })
})
