import { writeFileSync } from 'node:fs'
import { generateMonth } from '@paiban/solver'
import { fileArg, HOLIDAYS, langOf, numberOption, parse } from '../args'
import { readMonthFile } from '../io'
import type { Io } from '../main'
import { humanReport, printable } from '../output'

/**
 * `paiban generate FILE [--seconds S] [--seed N] [--out OUT] [--json]`: fills every `?` (or a missing
 * roster), keeps every other cell, writes the month file and prints a summary. Progress for people
 * goes to stderr.
 */
export function generateCommand(args: string[], io: Io): number {
  const { values, positionals } = parse(args, {
    seconds: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    ...HOLIDAYS,
  })
  const lang = langOf(values.lang, io.env)
  const path = fileArg(
    positionals,
    'paiban generate FILE.month.json [--seconds S] [--seed N] [--out OUT.month.json] [--json]',
  )
  const seconds = numberOption(values.seconds, '--seconds', 10)
  const seed = Math.trunc(numberOption(values.seed, '--seed', 1))
  const file = readMonthFile(path, values.holidays)
  let shown = 0
  const result = generateMonth(file, {
    seconds,
    seed,
    onProgress: (best, ms) => {
      if (ms - shown < 250) return
      shown = ms
      io.progress(
        lang === 'zh'
          ? `生成中 ${(ms / 1000).toFixed(1)} 秒:硬性违规 ${best.hard},软性分 ${Math.round(best.objective)}`
          : `generating ${(ms / 1000).toFixed(1)} s: hard ${best.hard}, soft ${Math.round(best.objective)}`,
      )
    },
  })
  const out = typeof values.out === 'string' ? values.out : undefined
  if (out) writeFileSync(out, `${JSON.stringify(result.file, null, 2)}\n`)
  const hard = result.check.violations.filter(v => v.severity === 'hard').length
  const summary = {
    ok: result.check.ok,
    status: result.status,
    hard,
    soft: result.soft,
    seconds: Math.round(result.elapsedMs) / 1000,
    violations: result.check.violations.map(v => printable(v, lang)),
    clashes: result.clashes.map(c => ({ ...c, message: c.message[lang] })),
    ...(out ? {} : { roster: result.file.roster }),
  }
  if (values.json === true) io.out(JSON.stringify(summary))
  else {
    if (!out) io.out(JSON.stringify(result.file, null, 2))
    const head =
      lang === 'zh'
        ? `${result.status}:${(result.elapsedMs / 1000).toFixed(1)} 秒,硬性违规 ${hard},软性分 ${result.soft}${out ? `,已写入 ${out}` : ''}`
        : `${result.status}: ${(result.elapsedMs / 1000).toFixed(1)} s, ${hard} hard, soft ${result.soft}${out ? `, written to ${out}` : ''}`
    io.err(
      [
        head,
        ...result.clashes.map(c => `! ${c.rules.join('/')} ${c.message[lang]}`),
        humanReport(result.check.violations, lang),
      ].join('\n'),
    )
  }
  return result.check.ok ? 0 : 1
}
