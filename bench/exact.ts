import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { loadavg } from 'node:os'
import { gzipSync } from 'node:zlib'
import { parseMonthFile, type MonthFile } from '@paiban/domain'
import { fillHole, generateMonth } from '@paiban/solver'
import { analyseHole, chooseWithLpSolver } from '@paiban/solver/fill-hole'
import {
  compileNrp,
  createHoleHighs,
  evaluateNrp,
  parseNrpInstance,
  solve,
  solveExact,
} from '@paiban/solver/lab'
import { Bench } from 'tinybench'
import { machineLine, table, writeSection } from './report'
import { generateTeam } from './team'

const CURTOIS = new URL('../../shared/bench/curtois/', import.meta.url)

/** Seconds per Curtois instance (`EXACT_SECONDS`, default 60) and which instances (`EXACT_INSTANCES`, default 1-12). */
function settings(): { seconds: number; instances: number[]; warm: boolean } {
  const seconds = Number(process.env['EXACT_SECONDS'] ?? 60)
  const [from, to] = (process.env['EXACT_INSTANCES'] ?? '1-12').split('-').map(Number)
  const instances = Array.from({ length: (to ?? from ?? 1) - (from ?? 1) + 1 }, (_, k) => (from ?? 1) + k)
  return { seconds, instances, warm: process.env['EXACT_WARM'] !== '0' }
}

function bestKnown(): Map<string, number> {
  const [, ...lines] = readFileSync(new URL('best-known.csv', CURTOIS), 'utf8').trim().split(/\r?\n/)
  return new Map(lines.map(line => [line.split(',')[0] ?? '', Number(line.split(',')[4])]))
}

const fixed = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits)
const pct = (v: number | null | undefined): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(1)} %`

/** (a) solveExact alone, and (a′) after a 5 s default-engine roster given as a MIP start. */
async function curtois(): Promise<string> {
  const { seconds, instances, warm } = settings()
  const best = bestKnown()
  const cold: Array<Array<string | number>> = []
  const warmRows: Array<Array<string | number>> = []
  for (const n of instances) {
    const name = `Instance${n}`
    const instance = parseNrpInstance(readFileSync(new URL(`${name}.txt`, CURTOIS), 'utf8'))
    const model = compileNrp(instance)
    const known = best.get(name) ?? NaN
    process.stderr.write(`exact: ${name} cold…\n`)
    const r = await solveExact(model, { seconds })
    const nrp = r.roster ? evaluateNrp(instance, r.roster) : undefined
    if (nrp && (!nrp.feasible || nrp.objective !== r.objective))
      throw new Error(`${name}: the NRP evaluator disagrees`)
    cold.push([
      name,
      `${instance.staff.length}×${instance.horizon}×${instance.shifts.length}`,
      `${r.size.columns} / ${r.size.rows}`,
      known,
      r.objective ?? 'none',
      r.status === 'optimal' ? 'yes' : 'no',
      r.objective === null ? '–' : pct((r.objective - known) / known),
      fixed(r.bound),
      pct(r.gap),
      fixed(r.bestAtMs === null ? null : r.bestAtMs / 1000),
      fixed(r.elapsedMs / 1000),
      r.memoryBytes === null ? '–' : Math.round(r.memoryBytes / 2 ** 20),
    ])
    if (!warm || r.status === 'optimal') continue
    process.stderr.write(`exact: ${name} warm…\n`)
    const started = performance.now()
    const local = solve(model, { seconds: 5, seed: 1 })
    const w = await solveExact(model, { seconds: seconds - 5, initial: local.roster })
    warmRows.push([
      name,
      known,
      local.score.hard === 0 ? local.score.objective : 'infeasible',
      w.objective ?? 'none',
      w.status === 'optimal' ? 'yes' : 'no',
      w.objective === null ? '–' : pct((w.objective - known) / known),
      fixed(w.bound),
      fixed((performance.now() - started) / 1000),
    ])
  }
  const parts = [
    `### Curtois & Qu instances, HiGHS alone, ${seconds} s each`,
    '',
    '`solveExact(compileNrp(instance), { seconds })`: the MILP of `packages/solver/src/lab/highs/milp.ts`, HiGHS in a worker thread, default options with `mip_rel_gap` 0. Every roster is checked by `checkRoster` and by the independent NRP evaluator (same objective). "bound" is HiGHS\'s MIP dual bound; "HiGHS gap" is (objective − bound) / objective; "total s" includes building the MILP, starting the worker and loading the Wasm (about 0.3 s), and the check.',
    '',
    table(
      [
        'instance',
        'E×H×S',
        'columns / rows',
        'best known',
        'objective',
        'proven optimal',
        'above best known',
        'bound',
        'HiGHS gap',
        'best found at s',
        'total s',
        'Wasm MiB',
      ],
      cold,
    ),
  ]
  if (warmRows.length > 0)
    parts.push(
      '',
      `### The same instances, HiGHS started from the default engine (5 s) for ${seconds - 5} s more`,
      '',
      'Where HiGHS did not prove the optimum above: the default engine (`solve`, seed 1, 5 s) gives its roster to `solveExact` as a MIP start (`initial`).',
      '',
      table(
        [
          'instance',
          'best known',
          'default engine 5 s',
          'after HiGHS',
          'proven optimal',
          'above best known',
          'bound',
          'total s',
        ],
        warmRows,
      ),
    )
  return parts.join('\n')
}

/**
 * A drafted month: a generated team (seed 7, a tenth with a day of leave) whose roster the default
 * engine wrote (seed 1, a fixed move budget so the draft is the same on every run), as the editor
 * would show it.
 */
function draftedMonth(size: number): MonthFile {
  const parsed = parseMonthFile(generateTeam({ size, seed: 7, blank: true, leaveShare: 0.1 }))
  if (!parsed.ok) throw new Error(parsed.issues.map(i => `${i.path}: ${i.message}`).join('\n'))
  return generateMonth(parsed.value, { seconds: 30, maxIterations: 200_000, seed: 1 }).file
}

/** The month with `count` phone agents taken off the day shift on the 15th: the hole. */
function withHole(file: MonthFile, count: number): { file: MonthFile; date: string } {
  const day = 14
  const date = `${file.month}-15`
  const agents = file.agents
    .filter(a => a.job === 'phone' && file.roster?.[a.id]?.[day] === 'D')
    .slice(0, count)
  if (agents.length < count) throw new Error('not enough phone agents on the day shift to take off')
  const roster = { ...file.roster }
  for (const agent of agents) {
    const row = roster[agent.id] ?? ''
    roster[agent.id] = `${row.slice(0, day)}-${row.slice(day + 1)}`
  }
  return { file: { ...file, roster }, date }
}

function gzipKiB(path: string): string {
  return (gzipSync(readFileSync(path)).length / 1024).toFixed(0)
}

/** (b) The "who can fill this hole?" ILP: javascript-lp-solver against HiGHS, and fillHole end to end. */
async function fillHoleBench(): Promise<string> {
  const highs = await createHoleHighs()
  const rows: Array<Array<string | number>> = []
  const sizes: Array<Array<string | number>> = []
  for (const size of [40, 300]) {
    process.stderr.write(`exact: fill-hole on ${size} agents…\n`)
    const { file, date } = withHole(draftedMonth(size), size < 100 ? 1 : 3)
    const hole = analyseHole(file, date, 'D', 'phone')
    const problem = hole.problem
    // All three solvers must agree on the optimum before their times mean anything.
    const js = chooseWithLpSolver(problem)
    for (const other of [highs.solveText(problem), highs.solveArrays(problem)])
      if (Math.abs(other.objective - js.objective) > 1e-6)
        throw new Error(`hole ${size}: HiGHS ${other.objective}, javascript-lp-solver ${js.objective}`)
    sizes.push([
      size,
      hole.candidates.length,
      hole.rejected.length,
      problem.needed,
      problem.leadsNeeded,
      fillHole(file, date, 'D', 'phone').candidates[0]?.agentId ?? '–',
    ])
    const bench = new Bench({ time: 2000, warmupTime: 300 })
    bench.add(`javascript-lp-solver, ${size} agents`, () => void chooseWithLpSolver(problem))
    bench.add(`HiGHS LP text (highs.solve), ${size} agents`, () => void highs.solveText(problem))
    bench.add(`HiGHS arrays (createModel/run/dispose), ${size} agents`, () => void highs.solveArrays(problem))
    bench.add(
      `fillHole end to end, month context reused (editor), ${size} agents`,
      () => void fillHole(file, date, 'D', 'phone'),
    )
    bench.add(
      `fillHole end to end, fresh month context, ${size} agents`,
      () => void fillHole({ ...file }, date, 'D', 'phone'),
    )
    await bench.run()
    for (const task of bench.tasks) {
      const r = task.result
      if (!r || r.state !== 'completed') throw new Error(`${task.name} did not complete`)
      rows.push([
        task.name,
        r.latency.samplesCount,
        r.latency.p50?.toFixed(3) ?? '',
        r.latency.p99?.toFixed(3) ?? '',
        r.latency.mean.toFixed(3),
      ])
    }
  }
  const require = createRequire(new URL('../packages/solver/package.json', import.meta.url))
  const jsLp = require.resolve('javascript-lp-solver').replace(/index\.cjs$/, 'index.browser.mjs')
  const highsDir = require.resolve('highs').replace(/highs\.js$/, '')
  return [
    '### "Who can fill this hole?" (`fillHole`): javascript-lp-solver against HiGHS',
    '',
    'Generated teams (`bench/team.ts`, seed 7, a tenth with a day of leave) drafted by the default engine (`generateMonth`, seed 1, 200 000 moves), then one phone agent (40 agents) or three (300 agents) taken off the day shift of the 15th. `fillHole` checks every phone agent who is off that day with a `@paiban/rules` what-if, then a tiny ILP chooses whom to call in (binary per candidate, "pick exactly the number needed", "at least the leads the shift lacks"). The ILP is solved three ways, each timed as model build + solve + reading the answer; all three agree on the optimum.',
    '',
    table(
      [
        'agents',
        'candidates (ILP binaries)',
        'rejected by the rules',
        'needed',
        'leads needed',
        'first choice',
      ],
      sizes,
    ),
    '',
    table(['task', 'runs', 'p50 ms', 'p99 ms', 'mean ms'], rows),
    '',
    `Payload for the browser (gzip): javascript-lp-solver ${gzipKiB(jsLp)} KiB (\`index.browser.mjs\`); HiGHS ${gzipKiB(`${highsDir}highs.wasm`)} KiB Wasm + ${gzipKiB(`${highsDir}highs.mjs`)} KiB JS. Loading and compiling HiGHS's Wasm in this process: ${highs.loadMs.toFixed(0)} ms (once).`,
  ].join('\n')
}

/**
 * The exact engine: solveExact on the Curtois instances (1–12 by default, 60 s each; set
 * `EXACT_INSTANCES=1-6`, `EXACT_SECONDS`, `EXACT_WARM=0` for a shorter run) and the fill-hole ILP
 * measurement. About 20 minutes with the defaults.
 */
export async function benchExact(): Promise<string> {
  const load = (): string =>
    loadavg()
      .map(v => v.toFixed(1))
      .join(' / ')
  const before = load()
  const holes = await fillHoleBench()
  const nrp = await curtois()
  const body = [
    '## Exact engine (`solveExact` on HiGHS, `fillHole` on javascript-lp-solver)',
    '',
    machineLine(),
    `Load average (1 / 5 / 15 min) at the start ${before}, at the end ${load()}: other work on the machine slows both the solver and the timings.`,
    `Peak RSS of the whole benchmark process (HiGHS runs in a worker thread of it): ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB.`,
    '',
    nrp,
    '',
    holes,
  ].join('\n')
  writeSection('exact', body)
  return body
}
