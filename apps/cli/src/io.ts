import { readFileSync } from 'node:fs'
import {
  parseHolidayArrangement,
  parseMonthFile,
  parseWith,
  rosterIssues,
  withArrangement,
  type InputIssue,
  type MonthFile,
} from '@paiban/domain'
import type { z } from 'zod'

/** Bad input or usage: the CLI prints the issues and exits 2. */
export class InputError extends Error {
  constructor(readonly issues: InputIssue[]) {
    super(issues.map(i => `${i.path}: ${i.message}`).join('\n'))
  }
}

/**
 * Reads a month file that must hold a roster row for every agent (`decided`: and no `?` day), as
 * check and export need; the issues name the file and the row.
 */
export function readRosteredMonth(
  path: string,
  options: { readonly decided?: boolean; readonly holidays?: unknown } = {},
): MonthFile {
  const file = readMonthFile(path, options.holidays)
  const issues = rosterIssues(file, options)
  if (issues.length > 0)
    throw new InputError(issues.map(i => ({ path: `${path}: ${i.path}`, message: i.message })))
  return file
}

/** Reads and parses a JSON file; a missing file or bad JSON is an {@link InputError} naming it. */
export function readJson(path: string): unknown {
  let raw: string
  try {
    raw = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError([
      { path, message: code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})` },
    ])
  }
  try {
    return JSON.parse(raw.replace(/^\uFEFF/, '')) as unknown
  } catch (error) {
    throw new InputError([{ path, message: `not valid JSON: ${(error as Error).message}` }])
  }
}

/**
 * Reads a month file and validates it whole (spec/formats.md §1); with `holidays` (the value of
 * `--holidays FILE`), reads that year's arrangement `paiban.holidays/1` (§3) into the month.
 */
export function readMonthFile(path: string, holidays?: unknown): MonthFile {
  const parsed = parseMonthFile(readJson(path))
  if (!parsed.ok)
    throw new InputError(parsed.issues.map(i => ({ path: `${path}: ${i.path}`, message: i.message })))
  if (holidays === undefined) return parsed.value
  if (typeof holidays !== 'string') throw new InputError([{ path: '--holidays', message: 'expected a file' }])
  const arrangement = parseHolidayArrangement(readJson(holidays))
  if (!arrangement.ok)
    throw new InputError(
      arrangement.issues.map(i => ({ path: `${holidays}: ${i.path}`, message: i.message })),
    )
  const merged = withArrangement(parsed.value, arrangement.value)
  if (!merged.ok)
    throw new InputError(merged.issues.map(i => ({ path: `${holidays}: ${i.path}`, message: i.message })))
  return merged.value
}

/** Reads a request file with its schema; issues are named `request.<field>`. */
export function readRequest<TSchema extends z.ZodType>(path: string, schema: TSchema): z.output<TSchema> {
  const parsed = parseWith(schema, readJson(path), ['request'])
  if (!parsed.ok) throw new InputError(parsed.issues)
  return parsed.value
}
