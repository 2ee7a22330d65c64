import {
  addDays,
  violationKey,
  type Leave,
  type MonthFile,
  type RuleId,
  type Swap,
  type Violation,
} from '@paiban/domain'
import { leaveRows, swapRows } from './apply'
import { RULES } from './catalogue'
import { monthContext, withRows, type MonthContext } from './context'
import type { Rule } from './rule'
import { WHOLE_MONTH, type Scope } from './scope'
import { violation } from './rule'
import { swapMaxFor } from './rules/swap-max'

/** The outcome of a check: `ok` when no hard violation remains (soft ones may). */
export type CheckResult = {
  readonly ok: boolean
  readonly violations: Violation[]
}

function result(violations: Violation[]): CheckResult {
  return { ok: !violations.some(v => v.severity === 'hard'), violations: sortViolations(violations) }
}

/** Stable order for people and diffs: hard first, then by date, rule, agent. */
export function sortViolations(violations: Violation[]): Violation[] {
  return [...violations].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'hard' ? -1 : 1) ||
      (a.date ?? '').localeCompare(b.date ?? '') ||
      a.rule.localeCompare(b.rule) ||
      (a.agentId ?? '').localeCompare(b.agentId ?? '') ||
      (a.shift ?? '').localeCompare(b.shift ?? '') ||
      (a.job ?? '').localeCompare(b.job ?? ''),
  )
}

/** Runs `rules` on a context within `scope`. */
export function runRules(ctx: MonthContext, rules: readonly Rule[], scope: Scope = WHOLE_MONTH): Violation[] {
  return rules.flatMap(rule => rule.check(ctx, scope))
}

const contexts = new WeakMap<MonthFile, MonthContext>()

/** The last context built on each agents list, with the file it was built from. */
const byAgents = new WeakMap<MonthFile['agents'], { file: MonthFile; ctx: MonthContext }>()

/**
 * True when two files agree on everything a context is built from (roster, agents, previous,
 * holidays, policy, coverage, month, team), by reference: they differ at most in their requests,
 * wishes and records, which the rules read from `ctx.file`.
 */
const sameBasis = (a: MonthFile, b: MonthFile) =>
  a.roster === b.roster &&
  a.agents === b.agents &&
  a.previous === b.previous &&
  a.holidays === b.holidays &&
  a.policy === b.policy &&
  a.coverage === b.coverage &&
  a.month === b.month &&
  a.team === b.team

/**
 * The context of a parsed file, built once per file object, and once per month for the variants
 * of one file that differ only in their requests (`{ ...file, leaves }`, as every check of one
 * request against the month without it makes): an inbox of many pending requests builds the
 * month's calendar, rows and shift times once, not once per request.
 */
export function contextOf(file: MonthFile): MonthContext {
  let ctx = contexts.get(file)
  if (!ctx) {
    const shared = byAgents.get(file.agents)
    if (shared && sameBasis(shared.file, file)) ctx = { ...shared.ctx, file }
    else {
      ctx = monthContext(file)
      byAgents.set(file.agents, { file, ctx })
    }
    contexts.set(file, ctx)
  }
  return ctx
}

/**
 * Checks a month against every rule of spec/rules.md: the roster (with approved swaps applied),
 * the leave and swap records, and the soft rules (fairness, wishes, contract days).
 * @example checkMonth(parseMonthFile(json).value) // { ok: true, violations: [] } for a clean month
 */
export function checkMonth(file: MonthFile): CheckResult {
  return result(runRules(contextOf(file), RULES))
}

/**
 * Violations in `after` that were not in `before`: what a change causes. One that got worse counts
 * as new too: a higher penalty (soft), or new numbers in its message (a shift one more short, a
 * longer run).
 */
export function newViolations(before: readonly Violation[], after: readonly Violation[]): Violation[] {
  const seen = new Map(before.map(v => [violationKey(v), v]))
  return after.filter(v => {
    const old = seen.get(violationKey(v))
    if (!old) return true
    if (v.penalty !== undefined && old.penalty !== undefined) return v.penalty > old.penalty
    return v.message.en !== old.message.en
  })
}

const byKind = (kind: Rule['kind']) => RULES.filter(r => r.kind === kind)
const SWAP_RULES = byKind('request').filter(r => r.id.startsWith('SWAP-') && r.id !== 'SWAP-APPROVAL')
const LEAVE_RULES = byKind('request').filter(r => r.id.startsWith('LEAVE-') || r.id === 'SWAP-LEAVE')
const ROSTER_RULES = RULES.filter(r => r.kind === 'agent' || r.kind === 'date')
const TEAM_RULES = byKind('team').filter(r => r.id !== 'CAL-HOLIDAY')
const DATE_RULES = byKind('date')
const SWAP_REST_CAUSES: ReadonlySet<RuleId> = new Set([
  'REST-6-1',
  'REST-GAP',
  'COVER-MIN',
  'COVER-LEAD',
  'HANDOVER',
])

/** The dates a change on `dates` can affect: the dates and the next day (handover, rest gap). */
function touched(dates: readonly string[]): Set<string> {
  return new Set(dates.flatMap(d => [d, addDays(d, 1)]))
}

const teamBefore = new WeakMap<MonthContext, Map<string, Violation[]>>()

/** Team rules on an unchanged month, memoised per context and job set: many what-ifs share them. */
function teamRulesBefore(ctx: MonthContext, agents: ReadonlySet<string>): Violation[] {
  const key = [...new Set([...agents].map(id => ctx.agentById.get(id)?.job))].sort().join(',')
  let byKey = teamBefore.get(ctx)
  if (!byKey) teamBefore.set(ctx, (byKey = new Map<string, Violation[]>()))
  let found = byKey.get(key)
  if (!found) byKey.set(key, (found = runRules(ctx, TEAM_RULES, { agents })))
  return found
}

/** What the roster rules say after a change that is not said before it. */
function rosterDiff(
  before: MonthContext,
  after: MonthContext,
  scope: Scope & { agents: ReadonlySet<string> },
): Violation[] {
  return [
    ...newViolations(runRules(before, ROSTER_RULES, scope), runRules(after, ROSTER_RULES, scope)),
    ...newViolations(
      teamRulesBefore(before, scope.agents),
      runRules(after, TEAM_RULES, { agents: scope.agents }),
    ),
  ]
}

/**
 * What-if for a swap request (`submittedAt` is "now"): the violations it would cause once approved,
 * against the month as it stands. Missing approvals of a pending request are not violations; the
 * roster rules it would break are reported, plus SWAP-REST for each party or shift they hit.
 */
export function checkSwap(file: MonthFile, request: Swap): CheckResult {
  const ctx = contextOf(file)
  const pending: Swap = { ...request, status: 'pending' }
  const withRequest: MonthContext = {
    ...ctx,
    file: { ...file, swaps: [...file.swaps.filter(s => s.id !== request.id), pending] },
  }
  const parties = new Set([request.requester, request.counterpart])
  const scope: Scope = { agents: parties }
  // SWAP-MAX is reported on the request itself, not on whichever swap of the month is dated last.
  const out = [
    ...newViolations(runRules(ctx, SWAP_RULES, scope), runRules(withRequest, SWAP_RULES, scope)).filter(
      v => v.rule !== 'SWAP-MAX',
    ),
    ...swapMaxFor(withRequest, pending),
  ]
  if (request.status === 'approved') {
    const approved = { ...withRequest, file: { ...withRequest.file, swaps: [request] } }
    out.push(
      ...runRules(
        approved,
        RULES.filter(r => r.id === 'SWAP-APPROVAL'),
      ),
    )
  }
  const after = withRows(withRequest, swapRows(ctx, request))
  const dates = request.returnDate === undefined ? [request.date] : [request.date, request.returnDate]
  const caused = rosterDiff(ctx, after, { agents: parties, dates: touched(dates) })
  out.push(...caused)
  for (const v of caused) {
    if (!SWAP_REST_CAUSES.has(v.rule) || v.severity !== 'hard') continue
    out.push(
      violation(
        'SWAP-REST',
        'hard',
        {
          ...(v.agentId ? { agentId: v.agentId } : {}),
          date: v.date,
          ...(v.shift ? { shift: v.shift } : {}),
          requestId: request.id,
        },
        {
          zh: `换班后违反 ${v.rule}:${v.message.zh}`,
          en: `After the swap, ${v.rule} breaks: ${v.message.en}`,
        },
      ),
    )
  }
  return result(out)
}

/**
 * What-if for a leave request (`submittedAt` is "now"): the leave rules it breaks, and the coverage
 * it leaves once approved (its date becomes `L`).
 */
export function checkLeave(file: MonthFile, request: Leave): CheckResult {
  const ctx = contextOf(file)
  const withRequest: MonthContext = {
    ...ctx,
    file: { ...file, leaves: [...file.leaves.filter(l => l.id !== request.id), request] },
  }
  const scope: Scope = { agents: new Set([request.agentId]) }
  const out = newViolations(runRules(ctx, LEAVE_RULES, scope), runRules(withRequest, LEAVE_RULES, scope))
  const after = withRows(withRequest, leaveRows(ctx, request))
  const dateScope: Scope = { dates: touched([request.date]) }
  out.push(...newViolations(runRules(ctx, DATE_RULES, dateScope), runRules(after, DATE_RULES, dateScope)))
  return result(out)
}
