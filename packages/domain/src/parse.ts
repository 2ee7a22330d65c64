import type { z } from 'zod'
import { HolidayArrangementSchema, type HolidayArrangement } from './holidays'
import { MonthFileSchema, type MonthFile } from './month-file'

/** One problem with an input, at a field path such as `agents[3].level`. */
export type InputIssue = { readonly path: string; readonly message: string }

/** The outcome of parsing untrusted input: the value, or every issue found. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] }

/** `['agents', 3, 'level']` → `agents[3].level`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('')
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value' && issue.values.length > 1)
    return `expected one of ${issue.values.map(String).join('|')}`
  if (issue.code === 'invalid_type' && issue.input === undefined)
    return `required, expected ${issue.expected}`
  if (issue.code === 'unrecognized_keys') return `unknown field ${issue.keys.join(', ')}`
  return issue.message
}

/** Parses untrusted input with a zod schema and names every bad field. */
export function parseWith<TSchema extends z.ZodType>(
  schema: TSchema,
  input: unknown,
  prefix: readonly PropertyKey[] = [],
): ParseResult<z.output<TSchema>> {
  const result = schema.safeParse(input)
  if (result.success) return { ok: true, value: result.data }
  return {
    ok: false,
    issues: result.error.issues.map(issue => ({
      path: formatPath([...prefix, ...issue.path]) || '(file)',
      message: issueMessage(issue),
    })),
  }
}

/** Parses a month file (spec/formats.md §1). */
export function parseMonthFile(input: unknown): ParseResult<MonthFile> {
  return parseWith(MonthFileSchema, input)
}

/**
 * What a month's roster lacks before it can be checked or exported: the roster itself, or a row for
 * every agent; with `decided`, also any undecided (`?`) day. Paths are month-file paths
 * (`roster.a03`). Only `generate` accepts a missing roster or missing rows.
 * @example rosterIssues(file, { decided: true }) // [{ path: 'roster.a03', message: '2 undecided day(s) (?): …' }]
 */
export function rosterIssues(file: MonthFile, options: { readonly decided?: boolean } = {}): InputIssue[] {
  if (!file.roster) return [{ path: 'roster', message: 'required (only generate fills a missing roster)' }]
  return file.agents.flatMap(agent => {
    const row = file.roster?.[agent.id]
    if (row === undefined)
      return [{ path: `roster.${agent.id}`, message: 'required: every agent needs a row' }]
    const open = options.decided ? [...row].filter(c => c === '?').length : 0
    return open > 0
      ? [{ path: `roster.${agent.id}`, message: `${open} undecided day(s) (?): run generate first` }]
      : []
  })
}

/** Parses a holiday arrangement file `paiban.holidays/1` (spec/formats.md §3). */
export function parseHolidayArrangement(input: unknown): ParseResult<HolidayArrangement> {
  return parseWith(HolidayArrangementSchema, input)
}

/**
 * The month file with a year's arrangement in `holidays.arrangement` (CAL-HOLIDAY), as
 * `--holidays FILE` and the server's month download give it. An arrangement for another year than
 * the month's is refused on `year`.
 */
export function withArrangement(file: MonthFile, arrangement: HolidayArrangement): ParseResult<MonthFile> {
  const year = file.month.slice(0, 4)
  if (String(arrangement.year) !== year)
    return {
      ok: false,
      issues: [{ path: 'year', message: `expected ${year}, the year of month ${file.month}` }],
    }
  return { ok: true, value: { ...file, holidays: { ...file.holidays, arrangement } } }
}
