import { parseArgs } from 'node:util'
import type { Lang } from '@paiban/domain'
import { InputError } from './io'

/** Options every command understands. */
export const COMMON = {
  json: { type: 'boolean', default: false },
  lang: { type: 'string' },
} as const

/** `--holidays FILE.holidays.json`: the year's arrangement (formats.md §2, §3), on every month command. */
export const HOLIDAYS = { holidays: { type: 'string' } } as const

/** Parses a command's arguments; unknown options are usage errors (exit 2). */
export function parse(
  args: string[],
  options: Record<string, { type: 'string' | 'boolean' }>,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...COMMON, ...options },
      allowPositionals: true,
      strict: true,
    })
    return { values: values, positionals }
  } catch (error) {
    throw new InputError([{ path: 'arguments', message: (error as Error).message }])
  }
}

/** `--lang zh|en`, else the environment's language (zh for a zh_* locale), else English. */
export function langOf(value: unknown, env: NodeJS.ProcessEnv): Lang {
  if (value === 'zh' || value === 'en') return value
  if (value !== undefined) throw new InputError([{ path: '--lang', message: 'expected one of zh|en' }])
  return (env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '').startsWith('zh') ? 'zh' : 'en'
}

/** The single positional FILE argument of a command. */
export function fileArg(positionals: string[], usage: string): string {
  const [file, ...rest] = positionals
  if (file === undefined || rest.length > 0)
    throw new InputError([{ path: 'arguments', message: `usage: ${usage}` }])
  return file
}

/** A numeric option (`--seconds 5`). */
export function numberOption(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (typeof value !== 'string' || !Number.isFinite(n) || n < 0)
    throw new InputError([{ path: name, message: 'expected a non-negative number' }])
  return n
}
