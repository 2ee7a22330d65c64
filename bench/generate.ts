import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { JOBS, parseMonthFile } from '@paiban/domain'
import { generateMonth } from '@paiban/solver'
import { machineLine, table, writeSection } from './report'
import { generateTeam } from './team'

/** What one generate run measured. */
type Row = {
  size: number
  seconds: number
  firstFeasibleS: number | null
  elapsedS: number
  iterations: number
  status: string
  hard: number
  soft: number
  nightSpread: number
  peakMiB: number
}

/** Night spread: max − min nights per job among night-eligible agents (worst job). */
function nightSpread(file: ReturnType<typeof generateMonth>['file']): number {
  let worst = 0
  for (const job of JOBS) {
    const counts = file.agents
      .filter(a => a.job === job && a.nights)
      .map(a => [...(file.roster?.[a.id] ?? '')].filter(c => c === 'N').length)
    if (counts.length > 1) worst = Math.max(worst, Math.max(...counts) - Math.min(...counts))
  }
  return worst
}

/** One run in this process: prints a Row as JSON (run in a child so peak memory is its own). */
export function runOne(size: number, seconds: number): Row {
  const parsed = parseMonthFile(generateTeam({ size, seed: 3, blank: true, pinShare: 0.02, leaveShare: 0.1 }))
  if (!parsed.ok) throw new Error(parsed.issues.map(i => `${i.path}: ${i.message}`).join('\n'))
  let first: number | null = null
  const result = generateMonth(parsed.value, {
    seconds,
    seed: 1,
    onProgress: (best, ms) => {
      if (best.hard === 0 && first === null) first = ms / 1000
    },
  })
  return {
    size,
    seconds,
    firstFeasibleS: first,
    elapsedS: result.elapsedMs / 1000,
    iterations: result.iterations,
    status: result.status,
    hard: result.check.violations.filter(v => v.severity === 'hard').length,
    soft: result.soft,
    nightSpread: nightSpread(result.file),
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }
}

/**
 * `generate` on generated teams of 60, 300 and 1000 agents (three jobs, nights-ineligible agents,
 * 10 % with a day of leave, 2 % of cells pinned, `previous`): seconds to the first roster with zero
 * hard violations, final status and soft score by the rules, night spread, peak memory.
 * Targets (issue 4): zero hard and spread ≤ 1 within 5 s at 300 agents and 30 s at 1000.
 */
export function benchGenerate(): Promise<string> {
  const rows: Row[] = []
  for (const [size, seconds] of [
    [60, 5],
    [300, 5],
    [1000, 30],
  ] as const) {
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), String(size), String(seconds)],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    )
    rows.push(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Row)
  }
  const body = [
    '## Roster generation (`paiban generate`, `@paiban/solver`)',
    '',
    machineLine(),
    'Generated teams (`bench/team.ts`, seed 3): three jobs, a sixth never on nights, 10 % of agents with a day of approved leave, 2 % of cells pinned, `previous` from the rotation; seed 1, default options (a move budget of limit × `MOVES_PER_SECOND` = 40,000 moves, so the run is the same on any machine and normally ends before the limit). Hard violations and the soft score are counted by `@paiban/rules` on the returned roster. Targets: zero hard and night spread ≤ 1 within 5 s at 300 agents, 30 s at 1000.',
    '',
    table(
      [
        'agents',
        'limit s',
        'first zero-hard roster s',
        'search s',
        'moves',
        'status',
        'hard',
        'soft score',
        'night spread',
        'peak RSS MiB',
      ],
      rows.map(r => [
        r.size,
        r.seconds,
        r.firstFeasibleS?.toFixed(2) ?? 'never',
        r.elapsedS.toFixed(2),
        r.iterations,
        r.status,
        r.hard,
        r.soft,
        r.nightSpread,
        r.peakMiB,
      ]),
    ),
  ].join('\n')
  writeSection('generate', body)
  return Promise.resolve(body)
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) {
  process.stdout.write(`${JSON.stringify(runOne(Number(process.argv[2]), Number(process.argv[3] ?? 5)))}\n`)
}
