import { writeFileSync } from 'node:fs'
import { nextMonthFile } from '@paiban/domain'
import { fileArg, langOf, parse } from '../args'
import { InputError, readMonthFile } from '../io'
import type { Io } from '../main'

const USAGE = 'paiban month next FILE.month.json [--out F]'

/**
 * `paiban month next FILE [--out F]` (formats.md §2): the next month's file — the same team,
 * people, policy and coverage, the roster all `?`, `previous` = the last 6 days of FILE's roster —
 * to stdout or F.
 */
export function monthCommand(args: string[], io: Io): number {
  const [sub, ...rest] = args
  if (sub !== 'next') throw new InputError([{ path: 'month', message: `expected \`next\`; usage: ${USAGE}` }])
  const { values, positionals } = parse(rest, { out: { type: 'string' } })
  const lang = langOf(values.lang, io.env)
  const path = fileArg(positionals, USAGE)
  const file = readMonthFile(path)
  if (!file.roster)
    throw new InputError([{ path: `${path}: roster`, message: 'required: previous is taken from it' }])
  const next = nextMonthFile(file)
  if (!next.ok) throw new InputError(next.issues.map(i => ({ ...i, path: `${path}: ${i.path}` })))
  const text = JSON.stringify(next.value, null, 2)
  const out = typeof values.out === 'string' ? values.out : undefined
  if (out === undefined) {
    io.out(text)
    return 0
  }
  try {
    writeFileSync(out, `${text}\n`)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError([{ path: '--out', message: `cannot write ${out} (${code ?? 'error'})` }])
  }
  io.err(lang === 'zh' ? `已写入 ${out}（${next.value.month}）` : `written to ${out} (${next.value.month})`)
  return 0
}
