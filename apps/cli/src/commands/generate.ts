import { writeFileSync } from 'node:fs'
import { say, type Lang, type Violation } from '@paiban/domain'
import { generateMonth } from '@paiban/solver'
import { fileArg, HOLIDAYS, langOf, numberOption, parse } from '../args'
import { InputError, readMonthFile, readRosteredMonth } from '../io'
import type { Io } from '../main'
import { humanReport, printable } from '../output'

const USAGE =
  'paiban generate FILE.month.json [--seconds S] [--seed N] [--out OUT.month.json] [--keep REF.month.json] [--holidays F] [--json]'

/** The reference roster of `--keep`: a month file of the same month with a row for every agent. */
function keptRoster(path: string, month: string): Record<string, string> {
  let reference
  try {
    reference = readRosteredMonth(path)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    throw new InputError(error.issues.map(i => ({ ...i, path: `--keep ${i.path}` })))
  }
  if (reference.month !== month)
    throw new InputError([
      {
        path: `--keep ${path}: month`,
        message: `expected ${month} (the month generated), got ${reference.month}`,
      },
    ])
  return { ...reference.roster }
}

/**
 * `paiban generate FILE [--seconds S] [--seed N] [--out OUT] [--keep REF] [--json]`: fills every `?`
 * (or a missing roster), keeps every other cell, writes the month file and prints a summary.
 * `--keep REF` re-plans with as few changes as the rules allow against REF's roster (e.g. the
 * published month). `ok`, `hard` and the exit code are about the roster; findings on leave and swap
 * records go to `notices`. Progress for people goes to stderr.
 */
export function generateCommand(args: string[], io: Io): number {
  const { values, positionals } = parse(args, {
    seconds: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    keep: { type: 'string' },
    ...HOLIDAYS,
  })
  const lang = langOf(values.lang, io.env)
  const path = fileArg(positionals, USAGE)
  const seconds = numberOption(values.seconds, '--seconds', 10)
  const seed = Math.trunc(numberOption(values.seed, '--seed', 1))
  const file = readMonthFile(path, values.holidays)
  const keep = typeof values.keep === 'string' ? { roster: keptRoster(values.keep, file.month) } : undefined
  let shown = 0
  const result = generateMonth(file, {
    seconds,
    seed,
    ...(keep ? { keep } : {}),
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
  const hard = result.hard
  const summary = {
    ok: result.ok,
    status: result.status,
    hard,
    soft: result.soft,
    seconds: Math.round(result.elapsedMs) / 1000,
    violations: result.violations.map(v => printable(v, lang)),
    noticeCount: result.notices.length,
    notices: result.notices.map(v => printable(v, lang)),
    clashes: result.clashes.map(c => ({ ...c, message: c.message[lang] })),
    ...(keep ? { changed: result.changed } : {}),
    ...(out ? {} : { roster: result.file.roster }),
  }
  if (values.json === true) io.out(JSON.stringify(summary))
  else {
    if (!out) io.out(JSON.stringify(result.file, null, 2))
    const head =
      lang === 'zh'
        ? `${result.status}:${(result.elapsedMs / 1000).toFixed(1)} 秒,排班硬性违规 ${hard},软性分 ${result.soft}${keep ? `,改动 ${result.changed} 格` : ''}${out ? `,已写入 ${out}` : ''}`
        : `${result.status}: ${(result.elapsedMs / 1000).toFixed(1)} s, roster: ${hard} hard, soft ${result.soft}${keep ? `, ${result.changed} cells changed` : ''}${out ? `, written to ${out}` : ''}`
    io.err(
      [
        head,
        ...result.clashes.map(c => `! ${c.rules.join('/')} ${c.message[lang]}`),
        result.violations.length === 0 && result.notices.length > 0
          ? lang === 'zh'
            ? '排班没有违反任何规则。'
            : 'The roster breaks no rule.'
          : humanReport(result.violations, lang),
        ...noticeLines(result.notices, lang),
      ].join('\n'),
    )
  }
  return result.ok ? 0 : 1
}

/** Paperwork as notices for people: no roster can mend them, so they do not fail the run. */
function noticeLines(notices: readonly Violation[], lang: Lang): string[] {
  if (notices.length === 0) return []
  const head =
    lang === 'zh'
      ? `${notices.length} 条请假/换班记录提示(与排班无关,任何排班都无法消除,请补办手续):`
      : `${notices.length} notice(s) on leave and swap records (no roster can mend them; the paperwork needs attention):`
  return [head, ...notices.map(v => `! ${v.rule.padEnd(15)} ${say(v.message, lang)}`)]
}
