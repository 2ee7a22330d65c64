import { parseMonthFile, type MonthFile, type Swap } from '@paiban/domain'
import { checkMonth, checkSwap } from '@paiban/rules'
import { Bench } from 'tinybench'
import { machineLine, table, writeSection } from './report'
import { generateTeam } from './team'

function team(size: number): MonthFile {
  const parsed = parseMonthFile(generateTeam({ size, seed: 7 }))
  if (!parsed.ok) throw new Error(parsed.issues.map(i => `${i.path}: ${i.message}`).join('\n'))
  return parsed.value
}

/**
 * checkMonth and checkSwap on generated months. checkMonth gets a fresh copy of the file each run,
 * so its time includes building the month context (calendar, shift instants, rows); checkSwap
 * reuses the context of a month already checked, as the server and the editor do.
 */
export async function benchRules(): Promise<string> {
  const rows: Array<Array<string | number>> = []
  for (const size of [300, 1000]) {
    const file = team(size)
    const ids = file.agents.map(a => a.id)
    const swap: Swap = {
      id: 'bench',
      requester: ids[2] ?? '',
      counterpart: ids[8] ?? '',
      date: `${file.month}-10`,
      submittedAt: `${file.month}-01T09:00:00+08:00`,
      status: 'pending',
      approvals: [],
    }
    checkMonth(file)
    const bench = new Bench({ time: 2000, warmupTime: 300 })
    bench.add(`checkMonth ${size}`, () => void checkMonth({ ...file }))
    bench.add(`checkSwap ${size}`, () => void checkSwap(file, swap))
    await bench.run()
    for (const task of bench.tasks) {
      const r = task.result
      if (!r || r.state !== 'completed') throw new Error(`${task.name} did not complete`)
      rows.push([
        task.name,
        r.latency.samplesCount,
        r.latency.p50?.toFixed(2) ?? '',
        r.latency.p99?.toFixed(2) ?? '',
        r.latency.mean.toFixed(2),
      ])
    }
  }
  const body = [
    '## Rule engine (`@paiban/rules`)',
    '',
    machineLine(),
    'Generated teams (`bench/team.ts`, seed 7): three jobs, 1 team leader per 12 agents, rotation roster. Aims: checkMonth under 50 ms and checkSwap under 2 ms at 1000 agents.',
    '',
    table(['task', 'runs', 'p50 ms', 'p99 ms', 'mean ms'], rows),
  ].join('\n')
  writeSection('rules', body)
  return body
}
