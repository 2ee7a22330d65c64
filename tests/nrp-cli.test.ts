/**
 * `paiban nrp solve` and `paiban nrp eval` spawned as the outside benchmark runs them
 * (spec/formats.md §2). The solved roster is re-scored here with the independent evaluator.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { evaluateNrp, parseNrpInstance, readRosterJson } from '@paiban/solver/lab'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

function paiban(...args: string[]) {
  const result = spawnSync('pnpm', ['--silent', 'paiban', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en_US.UTF-8' },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

// A week, two shift types, three employees: small enough to reason about by hand.
// C may never work N; the cover asks for one D and one N each day (14 slots; the three can work
// at most 15 shifts), and both requests can be honoured by an optimal roster.
const INSTANCE = [
  '# tiny instance written for the CLI test',
  'SECTION_HORIZON',
  '# days',
  '7',
  '',
  'SECTION_SHIFTS',
  '# ShiftID, Length in mins, Shifts which cannot follow this shift | separated',
  'D,480,',
  'N,480,D',
  '',
  'SECTION_STAFF',
  '# ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends',
  'A,D=7|N=7,2400,1440,5,2,1,1',
  'B,D=7|N=7,2400,1440,5,2,1,1',
  'C,D=7|N=0,2400,1440,5,1,1,1',
  '',
  'SECTION_DAYS_OFF',
  '# EmployeeID, DayIndexes (start at zero)',
  'A,3',
  'B',
  'C,0',
  '',
  'SECTION_SHIFT_ON_REQUESTS',
  '# EmployeeID, Day, ShiftID, Weight',
  'B,1,N,2',
  '',
  'SECTION_SHIFT_OFF_REQUESTS',
  '# EmployeeID, Day, ShiftID, Weight',
  'C,4,D,3',
  '',
  'SECTION_COVER',
  '# Day, ShiftID, Requirement, Weight for under, Weight for over',
  ...Array.from({ length: 7 }, (_, d) => [`${d},D,1,100,1`, `${d},N,1,100,1`]).flat(),
  '',
].join('\r\n')

describe('pnpm --silent paiban nrp', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paiban-nrp-'))
  const instancePath = join(dir, 'Tiny.txt')
  writeFileSync(instancePath, INSTANCE)
  const instance = parseNrpInstance(INSTANCE)

  it('solve --json prints a feasible roster whose objective the evaluator confirms', () => {
    const { code, stdout, stderr } = paiban(
      'nrp',
      'solve',
      instancePath,
      '--seconds',
      '1',
      '--seed',
      '3',
      '--json',
    )
    expect(code, stderr).toBe(0)
    const printed = JSON.parse(stdout) as {
      instance: string
      feasible: boolean
      objective: number
      seconds: number
    }
    expect(printed.instance).toBe('Tiny')
    expect(printed.feasible).toBe(true)
    expect(printed.seconds).toBeGreaterThan(0)
    const { roster } = readRosterJson(instance, stdout)
    const evaluation = evaluateNrp(instance, roster)
    expect(evaluation.hardViolations).toEqual([])
    expect(printed.objective).toBe(evaluation.objective)
    // Honouring both requests costs nothing, so a solver that misses one is not optimising.
    expect(evaluation.offRequestPenalty).toBe(0)
    expect(evaluation.onRequestPenalty).toBe(0)
    // Employees in file order, one entry per day, null for a day off.
    expect(Object.keys((JSON.parse(stdout) as { roster: object }).roster)).toEqual(['A', 'B', 'C'])
  })

  it('solve tells people when branch and price has proved the roster optimal, in both languages', () => {
    const en = paiban('nrp', 'solve', instancePath, '--seconds', '30')
    expect(en.code, en.stderr).toBe(0)
    expect(en.stderr).toMatch(/Tiny: feasible \(proven optimal\), objective \d+/)
    const zh = paiban('nrp', 'solve', instancePath, '--seconds', '30', '--lang', 'zh')
    expect(zh.code, zh.stderr).toBe(0)
    expect(zh.stderr).toContain('Tiny:可行(已证明最优)')
  })

  it('eval scores a roster JSON and exits 1 with the broken rule when it is infeasible', () => {
    const rosterPath = join(dir, 'idle.json')
    // C works nothing: below MinTotalMinutes (1440), and A works on its day off (day 3).
    writeFileSync(
      rosterPath,
      JSON.stringify({
        instance: 'Tiny',
        feasible: true,
        objective: 0,
        seconds: 0,
        roster: {
          A: ['D', 'D', 'D', 'D', null, null, null],
          B: [null, 'N', 'N', 'N', 'N', null, null],
          C: [null, null, null, null, null, null, null],
        },
      }),
    )
    const { code, stdout, stderr } = paiban('nrp', 'eval', instancePath, rosterPath, '--json')
    expect(code, stderr).toBe(1)
    const printed = JSON.parse(stdout) as {
      feasible: boolean
      objective: number | null
      violations: Array<{ rule: string; employee: string }>
    }
    expect(printed.feasible).toBe(false)
    expect(printed.objective).toBeNull()
    expect(printed.violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'day-off', employee: 'A' }),
        expect.objectContaining({ rule: 'min-total-minutes', employee: 'C' }),
      ]),
    )
  })

  it('eval of a feasible roster prints the objective and its parts', () => {
    const rosterPath = join(dir, 'fine.json')
    const roster = {
      A: ['D', 'D', 'D', null, 'N', 'N', null],
      B: ['N', 'N', 'N', 'N', null, null, 'N'],
      C: [null, null, null, 'D', null, 'D', 'D'],
    }
    writeFileSync(
      rosterPath,
      JSON.stringify({ instance: 'Tiny', feasible: true, objective: 0, seconds: 0, roster }),
    )
    const { code, stdout, stderr } = paiban('nrp', 'eval', instancePath, rosterPath, '--json')
    expect(code, stderr).toBe(0)
    // Hand count: D uncovered on day 4 (100); N over-covered nowhere; D on day 3 and 5, 6 by C;
    // B's on-request (day 1 N) is met; C's off-request (day 4 D) is met (C is off).
    expect(JSON.parse(stdout)).toMatchObject({
      feasible: true,
      objective: 100,
      underCover: 100,
      overCover: 0,
      onRequests: 0,
      offRequests: 0,
    })
  })

  it('bad input exits 2 naming the file, with nothing on stdout', () => {
    const missing = paiban('nrp', 'solve', join(dir, 'nope.txt'), '--json')
    expect(missing.code).toBe(2)
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toContain('nope.txt')
    const broken = join(dir, 'broken.txt')
    writeFileSync(broken, INSTANCE.replace('A,D=7|N=7,2400', 'A,D=7|X=7,2400'))
    const bad = paiban('nrp', 'solve', broken)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/broken\.txt.*line \d+/)
    const badRoster = join(dir, 'bad-roster.json')
    writeFileSync(
      badRoster,
      JSON.stringify({ instance: 'Tiny', feasible: true, objective: 0, seconds: 0, roster: { A: ['Q'] } }),
    )
    const badEval = paiban('nrp', 'eval', instancePath, badRoster)
    expect(badEval.code).toBe(2)
    expect(badEval.stderr).toContain('bad-roster.json')
    expect(paiban('nrp', 'frobnicate').code).toBe(2)
  })
})
