import { readFileSync } from 'node:fs'
import { evaluateNrp, parseNrpInstance, solveNrp } from '@paiban/solver/lab'
import { scaleInstance, splitShifts } from './nrp-scale'
import { machineLine, table, writeSection } from './report'

const CURTOIS = new URL('../../shared/bench/curtois/', import.meta.url)

/**
 * Base instance, horizon repeats, staff copies, shift-type split: sizes like Instances 13–24 (to
 * 150 × 364 × 32; the last case is 150 × 364 × 30).
 */
const CASES = [
  { base: 'Instance10', repeat: 13, copies: 1, split: 1 },
  { base: 'Instance11', repeat: 2, copies: 3, split: 1 },
  { base: 'Instance12', repeat: 13, copies: 2, split: 1 },
  { base: 'Instance11', repeat: 13, copies: 3, split: 5 },
] as const

/**
 * The default engine on instances larger than the twelve public ones, built by `scaleInstance`:
 * does it stay feasible and keep improving at the sizes of Instances 13–24, which the product is
 * also measured on? Every roster is re-scored by `evaluateNrp`. 60 s each (`seconds`).
 */
export async function benchCurtoisScaled(seconds = 60): Promise<string> {
  const rows: Array<Array<string | number>> = []
  for (const { base, repeat, copies, split } of CASES) {
    const instance = splitShifts(
      scaleInstance(parseNrpInstance(readFileSync(new URL(`${base}.txt`, CURTOIS), 'utf8')), repeat, copies),
      split,
    )
    let peak = process.memoryUsage.rss()
    let firstFeasible: number | undefined
    const result = await solveNrp(instance, {
      seconds,
      seed: 1,
      onProgress: (best, ms) => {
        peak = Math.max(peak, process.memoryUsage.rss())
        if (best.hard === 0 && firstFeasible === undefined) firstFeasible = ms / 1000
      },
    })
    const evaluation = evaluateNrp(instance, result.roster)
    process.stderr.write(
      `  ${base} ×${repeat} days ×${copies} staff ×${split} shifts: ${evaluation.feasible ? evaluation.objective : 'infeasible'}\n`,
    )
    rows.push([
      `${base} × ${repeat} (days) × ${copies} (staff)${split > 1 ? ` × ${split} (shift types)` : ''}`,
      instance.staff.length,
      instance.horizon,
      instance.shifts.length,
      instance.cover.length,
      evaluation.feasible ? 'yes' : `no (${evaluation.hardViolations.length} broken)`,
      firstFeasible === undefined ? '–' : firstFeasible.toFixed(1),
      evaluation.feasible ? evaluation.objective : '–',
      (result.bestAtMs / 1000).toFixed(1),
      Math.round(peak / 2 ** 20),
    ])
  }
  const body = [
    '## Curtois-style instances beyond the public twelve',
    '',
    machineLine(),
    `The product is also measured on Curtois & Qu Instances 13–24 (to 150 employees × 364 days × 32 shift types), which this repository does not hold. These instances are built from the public ones by \`bench/nrp-scale.ts\` (horizon repeated, staff copied, limits and cover scaled; in the last, every shift type split into five with the cover shared out) to check that the engine stays feasible, within its time limit and memory at that size. Their optimum is unknown, so there is no gap column. \`solveNrp\`, seed 1, ${seconds} s each; every roster re-scored by \`evaluateNrp\`. Load average at the end: ${loadLine()}.`,
    '',
    table(
      [
        'instance',
        'employees',
        'days',
        'shift types',
        'cover lines',
        'feasible',
        'first feasible s',
        'objective',
        'seconds to best',
        'peak RSS MiB',
      ],
      rows,
    ),
  ].join('\n')
  writeSection('curtois-scaled', body)
  return body
}

function loadLine(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' / ')
  } catch {
    return 'unknown'
  }
}
