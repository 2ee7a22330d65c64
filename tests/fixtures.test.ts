/**
 * The fixtures of fixtures/ against the rules and the CLI:
 * - every team month file (fixtures/teams/*.month.json) parsed and checked with `checkMonth`: `ok`
 *   and the set of hard violations must equal its `*.expected.json` exactly (only the fields an
 *   expected entry gives are compared);
 * - every scenario (fixtures/scenarios/<name>/) run through the CLI in-process with `--json`: the
 *   exit code, each `expect` entry present, each `absent` rule absent; bad input (exit 2) names the
 *   field on stderr, prints nothing on stdout and no stack trace.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { JOBS, monthCalendar, parseMonthFile, type MonthFile } from '@paiban/domain'
import { RULES, checkMonth } from '@paiban/rules'
import { run } from '../apps/cli/src/main'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TEAMS = join(ROOT, 'fixtures', 'teams')
const SCENARIOS = join(ROOT, 'fixtures', 'scenarios')

/** The fields a fixture may pin down about a violation. */
const FIELDS = ['rule', 'severity', 'agentId', 'date', 'shift', 'job'] as const
type Field = (typeof FIELDS)[number]
type Pin = { rule: string } & Partial<Record<Field, string>>
type Found = Partial<Record<Field, unknown>>

type TeamExpected = { ok: boolean; hard: Pin[] }
type Scenario = {
  title: { zh: string; en: string }
  command: 'check' | 'swap-check' | 'leave-check'
  exit: 0 | 1 | 2
  errorPath?: string
  expect: Pin[]
  absent: string[]
}
type JsonReport = { ok: boolean; violations: Array<Found & { message: unknown }> }

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T
}

/** True when `found` has every field `pin` gives. */
function matches(found: Found, pin: Pin): boolean {
  return FIELDS.every(f => pin[f] === undefined || found[f] === pin[f])
}

const show = (v: Found) =>
  FIELDS.filter(f => f !== 'severity' && v[f] !== undefined)
    .map(f => String(v[f]))
    .join(' ')

/**
 * Pairs each expected entry with a distinct violation (most specific entries first); what is left
 * on either side is the difference.
 */
function difference(found: readonly Found[], pins: readonly Pin[]) {
  const left = [...found]
  const missing: string[] = []
  const bySpecificity = [...pins].sort(
    (a, b) => Object.keys(b).length - Object.keys(a).length || show(a).localeCompare(show(b)),
  )
  for (const pin of bySpecificity) {
    const i = left.findIndex(v => matches(v, pin))
    if (i < 0) missing.push(show(pin))
    else left.splice(i, 1)
  }
  return { missing: missing.sort(), extra: left.map(show).sort() }
}

function parsed(path: string): MonthFile {
  const result = parseMonthFile(readJson<unknown>(path))
  if (!result.ok) throw new Error(`${path}: ${result.issues.map(i => `${i.path}: ${i.message}`).join('; ')}`)
  return result.value
}

const teamFiles = readdirSync(TEAMS)
  .filter(f => f.endsWith('.month.json'))
  .sort()

describe('team fixtures', () => {
  it('are there: the clean December and October months and the broken December', () => {
    expect(teamFiles).toEqual(
      expect.arrayContaining([
        'cs-2026-10.month.json',
        'cs-2026-12-broken.month.json',
        'cs-2026-12.month.json',
      ]),
    )
  })

  for (const name of teamFiles) {
    it(`${name}: checkMonth gives exactly the expected hard violations`, () => {
      const expectedPath = join(TEAMS, name.replace(/\.month\.json$/, '.expected.json'))
      expect(existsSync(expectedPath), `${expectedPath} is missing`).toBe(true)
      const expected = readJson<TeamExpected>(expectedPath)
      const result = checkMonth(parsed(join(TEAMS, name)))
      const hard = result.violations.filter(v => v.severity === 'hard')
      expect(difference(hard, expected.hard)).toEqual({ missing: [], extra: [] })
      expect(result.ok).toBe(expected.ok)
    })
  }

  it('cs-2026-12 is a realistic team: 42+ agents in three jobs, 3–4 team leaders, history, requests', () => {
    const file = parsed(join(TEAMS, 'cs-2026-12.month.json'))
    const count = (job: string) => file.agents.filter(a => a.job === job).length
    expect(file.agents.length).toBeGreaterThanOrEqual(42)
    expect(count('phone')).toBeGreaterThanOrEqual(18)
    expect(count('chat')).toBeGreaterThanOrEqual(12)
    expect(count('email')).toBeGreaterThanOrEqual(6)
    const leaders = file.agents.filter(a => a.role === 'teamLeader')
    expect(leaders.length).toBeGreaterThanOrEqual(3)
    expect(leaders.length).toBeLessThanOrEqual(4)
    for (const l of leaders) expect(['senior', 'reserve']).toContain(l.level)
    for (const a of file.agents) expect(leaders.map(l => l.id)).toContain(a.teamLeaderId)
    expect(new Set(file.agents.map(a => a.level))).toEqual(
      new Set(['trainee', 'junior', 'intermediate', 'senior', 'reserve']),
    )
    expect(file.agents.some(a => !a.nights)).toBe(true)
    expect(file.agents.some(a => a.contractDays !== undefined)).toBe(true)
    expect(file.coverage.weekday?.sat).toBeDefined()
    expect(Object.keys(file.coverage.dates ?? {})).not.toHaveLength(0)
    for (const a of file.agents) expect(file.previous[a.id]?.length).toBeGreaterThanOrEqual(6)
    expect(file.wishes).not.toHaveLength(0)
    expect(new Set(file.people.map(p => p.role))).toEqual(new Set(['supervisor', 'manager', 'hr']))
    const approved = file.swaps.filter(s => s.status === 'approved')
    expect(approved.some(s => s.approvals.length === 4)).toBe(true)
    expect(file.swaps.some(s => s.status === 'pending')).toBe(true)
    const leaves = file.leaves.filter(l => l.status === 'approved')
    expect(leaves.length).toBeGreaterThanOrEqual(3)
    const day = (date: string) => Number(date.slice(8, 10)) - 1
    for (const l of leaves) expect(file.roster?.[l.agentId]?.[day(l.date)]).toBe('L')
  })

  it('cs-2026-12 spreads the nights fairly: at most one apart within a job', () => {
    const file = parsed(join(TEAMS, 'cs-2026-12.month.json'))
    for (const job of JOBS) {
      const nights = file.agents
        .filter(a => a.job === job && a.nights)
        .map(a => [...(file.roster?.[a.id] ?? '')].filter(c => c === 'N').length)
      expect(Math.max(...nights) - Math.min(...nights), job).toBeLessThanOrEqual(1)
    }
  })

  it('cs-2026-10 has lower coverage on the National Day holidays and weekday coverage on the 10-10 调休 day', () => {
    const file = parsed(join(TEAMS, 'cs-2026-10.month.json'))
    const calendar = monthCalendar(file.month, file.holidays)
    const dates = file.coverage.dates ?? {}
    const total = (date: string) => Object.values(dates[date]?.D ?? {}).reduce((s, n) => s + (n ?? 0), 0)
    const weekday = Object.values(file.coverage.default.D ?? {}).reduce((s, n) => s + (n ?? 0), 0)
    for (let d = 1; d <= 7; d++) {
      const date = `2026-10-0${d}`
      expect(calendar.byDate.get(date)?.isHoliday, date).toBe(true)
      expect(total(date), date).toBeLessThan(weekday)
    }
    expect(calendar.byDate.get('2026-10-10')?.isMakeupWorkday).toBe(true)
    expect(total('2026-10-10')).toBe(weekday)
  })
})

// ---------------------------------------------------------------------------------------------

const scenarioNames = readdirSync(SCENARIOS, { withFileTypes: true })
  .filter(d => d.isDirectory())
  .map(d => d.name)
  .sort()

function scenario(name: string): Scenario {
  return readJson<Scenario>(join(SCENARIOS, name, 'scenario.json'))
}

/** Runs the CLI in-process; English messages whatever the machine's locale. */
async function cli(argv: string[]) {
  let out = ''
  let err = ''
  // Not annotated as Io, so an Io that gains members (a progress line) still accepts it.
  const io = {
    out: (text: string) => {
      out += `${text}\n`
    },
    err: (text: string) => {
      err += `${text}\n`
    },
    progress: () => {},
    env: {},
  }
  const code = await run(argv, io)
  return { code, out, err }
}

function argvOf(name: string, s: Scenario): string[] {
  const dir = join(SCENARIOS, name)
  const request = join(dir, 'request.json')
  return [
    s.command,
    join(dir, 'month.json'),
    ...(s.command === 'check' ? [] : ['--request', request]),
    '--json',
  ]
}

describe('scenarios', () => {
  it('are well formed', () => {
    expect(scenarioNames.length).toBeGreaterThan(0)
    for (const name of scenarioNames) {
      const s = scenario(name)
      const dir = join(SCENARIOS, name)
      expect(['check', 'swap-check', 'leave-check'], name).toContain(s.command)
      expect([0, 1, 2], name).toContain(s.exit)
      expect(s.title.zh && s.title.en, name).toBeTruthy()
      expect(Array.isArray(s.expect) && Array.isArray(s.absent), name).toBe(true)
      expect(existsSync(join(dir, 'month.json')), name).toBe(true)
      expect(existsSync(join(dir, 'request.json')), name).toBe(s.command !== 'check')
      expect(s.errorPath !== undefined, name).toBe(s.exit === 2)
      for (const pin of s.expect) {
        expect(['hard', 'soft'], name).toContain(pin.severity)
        expect(s.absent, name).not.toContain(pin.rule)
      }
      // An exit code that follows from what is expected: a hard violation means exit 1.
      if (s.expect.some(p => p.severity === 'hard')) expect(s.exit, name).toBe(1)
    }
  })

  it('show every rule that has a check, and SWAP-REST through swap-check, at least once', () => {
    const shown = new Set(scenarioNames.flatMap(name => scenario(name).expect.map(p => p.rule)))
    const wanted = [...RULES.map(r => r.id), 'SWAP-REST']
    expect(wanted.filter(id => !shown.has(id))).toEqual([])
  })

  for (const name of scenarioNames) {
    const s = scenario(name)
    it(`${name}: ${s.title.en}`, async () => {
      const { code, out, err } = await cli(argvOf(name, s))
      expect(code, `exit code; stderr: ${err}`).toBe(s.exit)
      if (s.exit === 2) {
        expect(out).toBe('')
        expect(err).toContain(s.errorPath)
        expect(err).not.toMatch(/^\s+at /m)
        return
      }
      expect(err).toBe('')
      const report = JSON.parse(out) as JsonReport
      expect(report.ok).toBe(s.exit === 0)
      for (const v of report.violations)
        expect(typeof v.message === 'string' && v.message.length > 0).toBe(true)
      const missing = s.expect.filter(pin => !report.violations.some(v => matches(v, pin))).map(show)
      expect(missing, `expected but not reported; got: ${report.violations.map(show).join('; ')}`).toEqual([])
      const present = s.absent.filter(rule => report.violations.some(v => v.rule === rule))
      expect(present, 'rules that must be absent').toEqual([])
    })
  }
})
