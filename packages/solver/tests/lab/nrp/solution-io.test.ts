import { describe, expect, it } from 'vitest'
import { evaluateNrp } from '../../../src/lab/nrp/evaluate'
import { readRosterJson, readStrandmarkRoster, writeRosterJson } from '../../../src/lab/nrp/solution-io'
import { hasCurtois, loadInstance, readCurtois } from '../../helpers/curtois'

describe.runIf(hasCurtois)('readStrandmarkRoster', () => {
  it('reads the first block only (Instance10 holds two rosters of different value)', () => {
    const instance = loadInstance(10)
    const roster = readStrandmarkRoster(instance, readCurtois('solutions/Instance10.strandmark.out'))
    expect(evaluateNrp(instance, roster).objective).toBe(4761)
  })

  it('reads ` .` as a day off and strips the `=` padding of one-letter shifts', () => {
    const instance = loadInstance(1)
    const [first] = readStrandmarkRoster(instance, readCurtois('solutions/Instance1.strandmark.out'))
    // "  A:  .D=D=D= . . .D=D=D= . .D=D="
    expect(first).toEqual([-1, 0, 0, 0, -1, -1, -1, 0, 0, 0, -1, -1, 0, 0])
  })

  it('reads two-letter shift IDs', () => {
    const instance = loadInstance(10)
    const [first] = readStrandmarkRoster(instance, readCurtois('solutions/Instance10.strandmark.out'))
    const ids = first?.map(s => (s < 0 ? '.' : instance.shifts[s]?.id))
    expect(ids?.slice(0, 10)).toEqual(['L', 'L', 'L', '.', '.', '.', '.', '.', 'd1', 'L'])
  })

  it('rejects an unknown employee or a short row, naming the line', () => {
    const instance = loadInstance(1)
    expect(() => readStrandmarkRoster(instance, '  Z: D=')).toThrow("line 1: unknown employee ID 'Z'")
    expect(() => readStrandmarkRoster(instance, '  A: D=')).toThrow('line 1: expected 28 characters')
    expect(() => readStrandmarkRoster(instance, 'Final solution (checked for feasibility): 1')).toThrow(
      "no row for employee 'A'",
    )
  })
})

describe.runIf(hasCurtois)('roster JSON', () => {
  it('round-trips a roster with shift IDs and null for days off', () => {
    const instance = loadInstance(2)
    const roster = readStrandmarkRoster(instance, readCurtois('solutions/Instance2.strandmark.out'))
    const text = writeRosterJson(instance, roster, {
      instance: 'Instance2',
      feasible: true,
      objective: 845,
      seconds: 1.5,
    })
    const json = JSON.parse(text) as { roster: Record<string, Array<string | null>> }
    expect(Object.keys(json.roster)).toEqual(instance.staff.map(e => e.id))
    expect(json.roster['A']?.every(cell => cell === null || instance.shifts.some(s => s.id === cell))).toBe(
      true,
    )
    expect(readRosterJson(instance, text)).toEqual({
      instance: 'Instance2',
      feasible: true,
      objective: 845,
      seconds: 1.5,
      roster,
    })
  })

  it('rejects unknown shifts, unknown employees and wrong lengths', () => {
    const instance = loadInstance(1)
    const base = { instance: 'Instance1', feasible: true, objective: 0, seconds: 0 }
    const days = (cell: string | null): Array<string | null> => new Array<string | null>(14).fill(cell)
    const withRoster = (roster: Record<string, unknown>): string =>
      JSON.stringify({
        ...base,
        roster: { ...Object.fromEntries(instance.staff.map(e => [e.id, days(null)])), ...roster },
      })
    expect(() => readRosterJson(instance, withRoster({ A: days('X') }))).toThrow(
      'employee \'A\', day 0: unknown shift "X"',
    )
    expect(() => readRosterJson(instance, withRoster({ ZZ: days(null) }))).toThrow("unknown employee ID 'ZZ'")
    expect(() => readRosterJson(instance, withRoster({ A: ['D'] }))).toThrow(
      "employee 'A' needs an array of 14 days",
    )
    expect(() => readRosterJson(instance, '{"instance": 1}')).toThrow("'instance' must be a string")
    expect(() => readRosterJson(instance, 'not json')).toThrow('roster JSON:')
  })
})
