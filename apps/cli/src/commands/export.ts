import { writeFileSync } from 'node:fs'
import { say, type Lang, type MonthFile } from '@paiban/domain'
import {
  agentCalendar,
  leaveRegister,
  payrollCsv,
  payrollTable,
  payrollXlsx,
  registerCsv,
  registerXlsx,
  rosterXlsx,
  swapRegister,
} from '@paiban/payroll'
import { fileArg, HOLIDAYS, langOf, parse } from '../args'
import { InputError, readRosteredMonth } from '../io'
import type { Io } from '../main'

const PAYROLL_USAGE = 'paiban export payroll FILE.month.json [--format csv|xlsx] [--out F] [--lang zh|en]'
const ICAL_USAGE = 'paiban export ical FILE.month.json --agent ID [--out F]'
const ROSTER_USAGE = 'paiban export roster FILE.month.json --format xlsx --out F [--lang zh|en]'
const REGISTER_USAGE =
  'paiban export swaps|leaves FILE.month.json [--format csv|xlsx] [--out F] [--lang zh|en]'

/** A month to export: it needs a decided roster row for every agent. */
function readDecidedMonth(path: string, holidays: unknown): MonthFile {
  return readRosteredMonth(path, { decided: true, holidays })
}

/** Up to ten ids, then how many more. */
function known(ids: string[]): string {
  return ids.length <= 10 ? ids.join(', ') : `${ids.slice(0, 10).join(', ')} … (${ids.length} in all)`
}

function write(path: string, data: string | Buffer): void {
  try {
    writeFileSync(path, data)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError([{ path: '--out', message: `cannot write ${path} (${code ?? 'error'})` }])
  }
}

function noJson(values: Record<string, unknown>): void {
  if (values.json === true)
    throw new InputError([{ path: '--json', message: 'not an option of export (use --format / --out)' }])
}

/** `--format csv|xlsx` (default csv) and `--out`, which a binary workbook requires. */
function tableOutput(values: Record<string, unknown>): { format: 'csv' | 'xlsx'; out: string | undefined } {
  const format = values.format ?? 'csv'
  if (format !== 'csv' && format !== 'xlsx')
    throw new InputError([{ path: '--format', message: 'expected one of csv|xlsx' }])
  const out = typeof values.out === 'string' ? values.out : undefined
  if (format === 'xlsx' && out === undefined)
    throw new InputError([{ path: '--out', message: 'required for --format xlsx (the workbook is binary)' }])
  return { format, out }
}

function written(path: string, lang: Lang, io: Io): void {
  io.err(lang === 'zh' ? `已写入 ${path}` : `written to ${path}`)
}

/** `paiban export payroll FILE [--format csv|xlsx] [--out F] [--lang zh|en]` (rules.md §7). */
async function exportPayroll(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string' },
    out: { type: 'string' },
    ...HOLIDAYS,
  })
  noJson(values)
  const lang = langOf(values.lang, io.env)
  const path = fileArg(positionals, PAYROLL_USAGE)
  const { format, out } = tableOutput(values)
  const table = payrollTable(readDecidedMonth(path, values.holidays))
  for (const w of table.warnings) io.err(`! ${say(w, lang)}`)
  if (format === 'xlsx' && out !== undefined) {
    write(out, await payrollXlsx(table, lang, { generatedAt: new Date().toISOString() }))
    written(out, lang, io)
  } else if (out !== undefined) {
    write(out, payrollCsv(table, lang))
    written(out, lang, io)
  } else {
    // io.out ends the text with \n: LF records throughout, so the last one matches the others.
    io.out(payrollCsv(table, lang, { newline: '\n' }).slice(0, -1))
  }
  return 0
}

/** `paiban export ical FILE --agent ID [--out F]`: one agent's shifts as an iCalendar file. */
function exportIcal(args: string[], io: Io): number {
  const { values, positionals } = parse(args, {
    agent: { type: 'string' },
    out: { type: 'string' },
    ...HOLIDAYS,
  })
  noJson(values)
  const lang = langOf(values.lang, io.env)
  const path = fileArg(positionals, ICAL_USAGE)
  if (typeof values.agent !== 'string' || values.agent === '')
    throw new InputError([{ path: '--agent', message: 'required: the agent id' }])
  const file = readDecidedMonth(path, values.holidays)
  const agentId = values.agent
  if (!file.agents.some(a => a.id === agentId))
    throw new InputError([
      {
        path: '--agent',
        message: `unknown agent id ${agentId} (the file has ${known(file.agents.map(a => a.id))})`,
      },
    ])
  const ics = agentCalendar(file, agentId, { generatedAt: new Date().toISOString() })
  const out = typeof values.out === 'string' ? values.out : undefined
  if (out !== undefined) {
    write(out, ics)
    written(out, lang, io)
  } else io.out(ics.replace(/\r\n$/, ''))
  return 0
}

/** `paiban export roster FILE --format xlsx --out F [--lang zh|en]`: the roster as the sheet a centre keeps. */
async function exportRoster(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string' },
    out: { type: 'string' },
    ...HOLIDAYS,
  })
  noJson(values)
  const lang = langOf(values.lang, io.env)
  const path = fileArg(positionals, ROSTER_USAGE)
  const format = values.format ?? 'xlsx'
  if (format !== 'xlsx') throw new InputError([{ path: '--format', message: 'expected xlsx' }])
  const out = typeof values.out === 'string' ? values.out : undefined
  if (out === undefined)
    throw new InputError([{ path: '--out', message: 'required (the workbook is binary)' }])
  write(
    out,
    await rosterXlsx(readDecidedMonth(path, values.holidays), lang, {
      generatedAt: new Date().toISOString(),
    }),
  )
  written(out, lang, io)
  return 0
}

/** `paiban export swaps|leaves FILE [--format csv|xlsx] [--out F]`: the swap register (换班登记表) or the leave register. */
async function exportRegister(kind: 'swaps' | 'leaves', args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string' },
    out: { type: 'string' },
    ...HOLIDAYS,
  })
  noJson(values)
  const lang = langOf(values.lang, io.env)
  const path = fileArg(positionals, REGISTER_USAGE)
  const { format, out } = tableOutput(values)
  const file = readRosteredMonth(path, { holidays: values.holidays })
  const register = kind === 'swaps' ? swapRegister(file, lang) : leaveRegister(file, lang)
  if (out === undefined) {
    io.out(registerCsv(register, lang).replace(/\r\n$/, ''))
    return 0
  }
  write(
    out,
    format === 'xlsx'
      ? await registerXlsx(register, lang, { generatedAt: new Date().toISOString() })
      : registerCsv(register, lang),
  )
  written(out, lang, io)
  return 0
}

/**
 * `paiban export payroll|ical|roster|swaps|leaves …` (spec/formats.md §2). Exit 0 when written; 2 for bad input or
 * usage, naming the option or field. Export does not judge the roster (that is `check`); table
 * warnings (undecided calendar year, `L` without a record…) go to stderr.
 */
export async function exportCommand(args: string[], io: Io): Promise<number> {
  const [what, ...rest] = args
  if (what === 'payroll') return exportPayroll(rest, io)
  if (what === 'ical') return exportIcal(rest, io)
  if (what === 'roster') return exportRoster(rest, io)
  if (what === 'swaps' || what === 'leaves') return exportRegister(what, rest, io)
  throw new InputError([
    {
      path: 'arguments',
      message: `${what === undefined ? 'expected payroll, ical, roster, swaps or leaves' : `unknown export ${what}`}\nusage: ${PAYROLL_USAGE}\n       ${ICAL_USAGE}\n       ${ROSTER_USAGE}\n       ${REGISTER_USAGE}`,
    },
  ])
}
