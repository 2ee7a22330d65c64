import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { JOBS, parseMonthFile } from '@paiban/domain'
import { changedCells, generateMonth } from '@paiban/solver'
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

/** What the minimal-change re-plan measured: cells changed against the published roster, with and without `keep`. */
type KeepRow = {
  size: number
  keptChanged: number
  keptHard: number
  keptS: number
  freshChanged: number
  freshHard: number
  freshS: number
}

/**
 * The re-plan of issue 22: a published 300-agent month (a `generate` run, 5 s, seed 1), then one
 * agent's approved leave on the 15th, with that day's coverage set to exactly what the published
 * roster staffs (so the leave must be covered). Re-planned with `keep` (the published roster) and
 * as a fresh solve of the same input; every cell not pinned in the original input is `?`. Hard
 * violations are `@paiban/rules`' verdict on each returned roster.
 */
export function runKeep(size: number, seconds: number): KeepRow {
  const parsed = parseMonthFile(generateTeam({ size, seed: 3, blank: true, pinShare: 0.02, leaveShare: 0.1 }))
  if (!parsed.ok) throw new Error(parsed.issues.map(i => `${i.path}: ${i.message}`).join('\n'))
  const open = parsed.value.roster ?? {}
  const published = generateMonth(parsed.value, { seconds, seed: 1 })
  const reference = published.file.roster ?? {}
  const day = 14
  const away = published.file.agents.find(a => reference[a.id]?.[day] === 'D' && open[a.id]?.[day] === '?')
  if (away === undefined) throw new Error('nobody free works a day shift on the 15th')
  const date = `${published.file.month}-15`
  const staffed = (shift: 'D' | 'N') =>
    Object.fromEntries(
      JOBS.map(job => [
        job,
        published.file.agents.filter(a => a.job === job && reference[a.id]?.[day] === shift).length,
      ]),
    )
  const input = {
    ...published.file,
    roster: open,
    coverage: {
      ...published.file.coverage,
      dates: { ...published.file.coverage.dates, [date]: { D: staffed('D'), N: staffed('N') } },
    },
    leaves: [
      ...published.file.leaves,
      {
        id: 'late-leave',
        agentId: away.id,
        date,
        shift: 'D' as const,
        kind: 'annual' as const,
        urgent: false,
        certificate: false,
        submittedAt: `${published.file.month}-10T09:00:00+08:00`,
        by: away.id,
        status: 'approved' as const,
        approvals: [
          { by: 'bench', role: 'supervisor' as const, at: `${published.file.month}-10T10:00:00+08:00` },
        ],
      },
    ],
  }
  const hard = (r: ReturnType<typeof generateMonth>) =>
    r.check.violations.filter(v => v.severity === 'hard').length
  const kept = generateMonth(input, { seconds, seed: 1, keep: { roster: reference } })
  const fresh = generateMonth(input, { seconds, seed: 1 })
  return {
    size,
    keptChanged: changedCells(kept.file, reference),
    keptHard: hard(kept),
    keptS: kept.elapsedMs / 1000,
    freshChanged: changedCells(fresh.file, reference),
    freshHard: hard(fresh),
    freshS: fresh.elapsedMs / 1000,
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
  const keepOut = execFileSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), 'keep', '300', '5'],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  )
  const keep = JSON.parse(keepOut.trim().split('\n').pop() ?? '{}') as KeepRow
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
    '',
    '### Minimal change (`keep`): a re-plan after a late leave',
    '',
    `A published ${keep.size}-agent month (the team above, 5 s, seed 1), then one agent's approved leave on the 15th with that day's coverage set to exactly what the published roster staffs, so the leave must be covered; every cell not pinned in the input is \`?\`. Re-planned with \`keep\` (the published roster, \`KEEP_WEIGHT\` 100 per changed cell) and as a fresh solve of the same input, both 5 s, seed 1. Cells changed are counted against the published roster (the leave's own cell included); hard violations by \`@paiban/rules\`. Target (issue 22): at most 6 cells, no hard violation.`,
    '',
    table(
      ['re-plan', 'cells changed', 'hard', 'search s'],
      [
        ['with keep', keep.keptChanged, keep.keptHard, keep.keptS.toFixed(2)],
        ['fresh solve', keep.freshChanged, keep.freshHard, keep.freshS.toFixed(2)],
      ],
    ),
  ].join('\n')
  writeSection('generate', body)
  return Promise.resolve(body)
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'keep') {
  process.stdout.write(
    `${JSON.stringify(runKeep(Number(process.argv[3] ?? 300), Number(process.argv[4] ?? 5)))}\n`,
  )
} else if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) {
  process.stdout.write(`${JSON.stringify(runOne(Number(process.argv[2]), Number(process.argv[3] ?? 5)))}\n`)
}
