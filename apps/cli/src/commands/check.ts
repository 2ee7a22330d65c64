import { LeaveSchema, monthCalendar, say, SwapSchema, type Lang, type MonthFile } from '@paiban/domain'
import { checkLeave, checkMonth, checkSwap, requestIssues, type CheckResult } from '@paiban/rules'
import { fileArg, HOLIDAYS, langOf, parse } from '../args'
import { InputError, readMonthFile, readRequest, readRosteredMonth } from '../io'
import { humanReport, printable } from '../output'
import type { Io } from '../main'

function report(
  result: CheckResult,
  json: boolean,
  lang: Lang,
  io: Io,
  notices: readonly string[] = [],
): number {
  if (json)
    io.out(
      JSON.stringify({
        ok: result.ok,
        violations: result.violations.map(v => printable(v, lang)),
        ...(notices.length > 0 ? { notices } : {}),
      }),
    )
  else io.err([...notices.map(n => `! ${n}`), humanReport(result.violations, lang)].join('\n'))
  return result.ok ? 0 : 1
}

/**
 * CAL-HOLIDAY notices of the month's calendar for a what-if check, whose violations are only the
 * ones the request causes: a year without an arrangement is still said (`notices`, stderr).
 */
function calendarNotices(file: MonthFile, lang: Lang): string[] {
  return monthCalendar(file.month, file.holidays).warnings.map(w => say(w, lang))
}

/** `paiban check FILE [--json] [--lang zh|en]`: every rule against the month. */
export function checkCommand(args: string[], io: Io): number {
  const { values, positionals } = parse(args, HOLIDAYS)
  const lang = langOf(values.lang, io.env)
  const path = fileArg(positionals, 'paiban check FILE.month.json [--json] [--lang zh|en] [--holidays FILE]')
  const file = readRosteredMonth(path, { holidays: values.holidays })
  return report(checkMonth(file), values.json === true, lang, io)
}

/** `paiban swap-check FILE --request REQ.json`: would this swap be allowed once approved? */
export function swapCheckCommand(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { request: { type: 'string' }, ...HOLIDAYS })
  const lang = langOf(values.lang, io.env)
  const path = fileArg(positionals, 'paiban swap-check FILE.month.json --request REQ.json [--json]')
  if (typeof values.request !== 'string') throw new InputError([{ path: '--request', message: 'required' }])
  const file = readMonthFile(path, values.holidays)
  const request = readRequest(values.request, SwapSchema)
  const issues = requestIssues(file, request)
  if (issues.length > 0) throw new InputError(issues)
  return report(checkSwap(file, request), values.json === true, lang, io, calendarNotices(file, lang))
}

/** `paiban leave-check FILE --request REQ.json`: would this leave be allowed once approved? */
export function leaveCheckCommand(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { request: { type: 'string' }, ...HOLIDAYS })
  const lang = langOf(values.lang, io.env)
  const path = fileArg(positionals, 'paiban leave-check FILE.month.json --request REQ.json [--json]')
  if (typeof values.request !== 'string') throw new InputError([{ path: '--request', message: 'required' }])
  const file = readMonthFile(path, values.holidays)
  const request = readRequest(values.request, LeaveSchema)
  const issues = requestIssues(file, request)
  if (issues.length > 0) throw new InputError(issues)
  return report(checkLeave(file, request), values.json === true, lang, io, calendarNotices(file, lang))
}
