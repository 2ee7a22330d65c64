import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import {
  evaluateNrp,
  parseNrpInstance,
  readRosterJson,
  solveNrp,
  type NrpEvaluation,
  type NrpInstance,
  type NrpRoster,
} from '@paiban/solver/lab'
import { langOf, numberOption, parse } from '../args'
import { InputError } from '../io'
import type { Io } from '../main'

const SOLVE_USAGE = 'paiban nrp solve INSTANCE.txt [--seconds S] [--seed N] [--json]'
const EVAL_USAGE = 'paiban nrp eval INSTANCE.txt ROSTER.json [--json]'

/** `paiban nrp solve|eval …`: the Curtois & Qu benchmark (../shared/bench/curtois/FORMAT.md). */
export async function nrpCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args
  if (sub === 'solve') return nrpSolve(rest, io)
  if (sub === 'eval') return nrpEval(rest, io)
  throw new InputError([{ path: 'arguments', message: `usage: ${SOLVE_USAGE}\n       ${EVAL_USAGE}` }])
}

/**
 * `nrp solve INSTANCE.txt [--seconds S] [--seed N] [--json]`: solves with the default engine
 * (`--seconds` default 10, `--seed` default 1), re-scores the roster with the independent evaluator
 * and prints `{ instance, feasible, objective, seconds, roster }` (formats.md §2). Exit 0 when the
 * roster is feasible, 1 when not.
 */
async function nrpSolve(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { seconds: { type: 'string' }, seed: { type: 'string' } })
  const lang = langOf(values.lang, io.env)
  const [path, ...extra] = positionals
  if (path === undefined || extra.length > 0)
    throw new InputError([{ path: 'arguments', message: `usage: ${SOLVE_USAGE}` }])
  const seconds = numberOption(values.seconds, '--seconds', 10)
  const seed = Math.trunc(numberOption(values.seed, '--seed', 1))
  const instance = readInstance(path)
  const started = performance.now()
  const result = await solveNrp(instance, {
    seconds,
    seed,
    onProgress: (best, ms) =>
      io.progress(
        lang === 'zh'
          ? `求解中 ${(ms / 1000).toFixed(1)} 秒:目标值 ${Math.round(best.objective)}${best.hard > 0 ? `,硬性违规 ${best.hard}` : ''}`
          : `solving ${(ms / 1000).toFixed(1)} s: objective ${Math.round(best.objective)}${best.hard > 0 ? `, hard ${best.hard}` : ''}`,
      ),
  })
  const elapsed = Math.round(performance.now() - started) / 1000
  const evaluation = evaluateNrp(instance, result.roster)
  const summary = {
    instance: instanceName(path),
    feasible: evaluation.feasible,
    objective: evaluation.feasible ? evaluation.objective : null,
    seconds: elapsed,
    roster: rosterById(instance, result.roster),
  }
  if (values.json === true) io.out(JSON.stringify(summary))
  else io.out(rosterGrid(instance, result.roster))
  const proven = evaluation.feasible && result.status === 'optimal'
  io.err(evaluationReport(summary.instance, evaluation, lang, elapsed, proven))
  return evaluation.feasible ? 0 : 1
}

/**
 * `nrp eval INSTANCE.txt ROSTER.json [--json]`: scores a roster in the `nrp solve --json` shape;
 * prints the objective, its parts and every broken hard rule. Exit 0 when feasible, 1 when not.
 */
function nrpEval(args: string[], io: Io): number {
  const { values, positionals } = parse(args, {})
  const lang = langOf(values.lang, io.env)
  const [instancePath, rosterPath, ...extra] = positionals
  if (instancePath === undefined || rosterPath === undefined || extra.length > 0)
    throw new InputError([{ path: 'arguments', message: `usage: ${EVAL_USAGE}` }])
  const instance = readInstance(instancePath)
  const text = readText(rosterPath)
  let roster: NrpRoster
  try {
    roster = readRosterJson(instance, text).roster
  } catch (error) {
    throw new InputError([{ path: rosterPath, message: (error as Error).message }])
  }
  const evaluation = evaluateNrp(instance, roster)
  const name = instanceName(instancePath)
  if (values.json === true)
    io.out(
      JSON.stringify({
        instance: name,
        feasible: evaluation.feasible,
        objective: evaluation.feasible ? evaluation.objective : null,
        onRequests: evaluation.onRequestPenalty,
        offRequests: evaluation.offRequestPenalty,
        underCover: evaluation.underCover,
        overCover: evaluation.overCover,
        violations: evaluation.hardViolations,
      }),
    )
  io.err(evaluationReport(name, evaluation, lang))
  return evaluation.feasible ? 0 : 1
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError([
      { path, message: code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})` },
    ])
  }
}

function readInstance(path: string): NrpInstance {
  const text = readText(path)
  try {
    return parseNrpInstance(text)
  } catch (error) {
    throw new InputError([{ path, message: (error as Error).message }])
  }
}

function instanceName(path: string): string {
  return basename(path).replace(/\.txt$/i, '')
}

function rosterById(instance: NrpInstance, roster: NrpRoster): Record<string, Array<string | null>> {
  return Object.fromEntries(
    instance.staff.map((employee, e) => [
      employee.id,
      (roster[e] ?? []).map(s => (s < 0 ? null : (instance.shifts[s]?.id ?? null))),
    ]),
  )
}

/** One line per employee, one column per day, `.` for a day off: for people reading a terminal. */
function rosterGrid(instance: NrpInstance, roster: NrpRoster): string {
  const width = Math.max(1, ...instance.shifts.map(s => s.id.length))
  const idWidth = Math.max(...instance.staff.map(e => e.id.length))
  return instance.staff
    .map((employee, e) => {
      const cells = (roster[e] ?? []).map(s => (s < 0 ? '.' : (instance.shifts[s]?.id ?? '?')).padEnd(width))
      return `${employee.id.padEnd(idWidth)} ${cells.join(' ')}`
    })
    .join('\n')
}

function evaluationReport(
  name: string,
  evaluation: NrpEvaluation,
  lang: 'zh' | 'en',
  seconds?: number,
  proven = false,
): string {
  const time = seconds === undefined ? '' : lang === 'zh' ? `,用时 ${seconds} 秒` : `, ${seconds} s`
  const optimal = proven ? (lang === 'zh' ? '(已证明最优)' : ' (proven optimal)') : ''
  const head = evaluation.feasible
    ? lang === 'zh'
      ? `${name}:可行${optimal},目标值 ${evaluation.objective}(覆盖不足 ${evaluation.underCover},超员 ${evaluation.overCover},未满足的排班请求 ${evaluation.onRequestPenalty},违背的休息请求 ${evaluation.offRequestPenalty})${time}`
      : `${name}: feasible${optimal}, objective ${evaluation.objective} (under-cover ${evaluation.underCover}, over-cover ${evaluation.overCover}, on-requests ${evaluation.onRequestPenalty}, off-requests ${evaluation.offRequestPenalty})${time}`
    : lang === 'zh'
      ? `${name}:不可行,违反 ${evaluation.hardViolations.length} 条硬性规则${time}`
      : `${name}: infeasible, ${evaluation.hardViolations.length} hard rule(s) broken${time}`
  const lines = evaluation.hardViolations.map(
    v => `  ${v.rule} ${v.employee}${v.day === undefined ? '' : ` day ${v.day}`}: ${v.detail}`,
  )
  return [head, ...lines].join('\n')
}
