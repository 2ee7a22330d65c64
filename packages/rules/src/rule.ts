import type { Job, RuleId, Severity, Shift, Text, Violation } from '@paiban/domain'
import type { MonthContext } from './context'
import type { Scope } from './scope'

/**
 * One rule of spec/rules.md: its id, severity, what it looks at, and a pure check that returns
 * the violations (an empty array means the month passes it).
 * - `agent`: per agent's row (limited by `scope.agents`);
 * - `date`: per date's shifts (limited by `scope.dates`);
 * - `request`: per swap or leave record (limited to records of `scope.agents`);
 * - `team`: across a job's agents (fairness); always the whole team.
 */
export type Rule = {
  readonly id: RuleId
  readonly severity: Severity
  readonly kind: 'agent' | 'date' | 'request' | 'team'
  readonly check: (ctx: MonthContext, scope: Scope) => Violation[]
}

/** Where a violation is: the agent, date, shift, job and request it names. */
export type At = {
  agentId?: string
  date?: string
  shift?: Shift
  job?: Job
  requestId?: string
  penalty?: number
}

/** Builds a violation of `rule` with its bilingual message. */
export function violation(rule: RuleId, severity: Severity, at: At, message: Text): Violation {
  return { rule, severity, ...at, message }
}

/** 白班 / day shift. */
export const SHIFT_NAME: Record<Shift, Text> = {
  D: { zh: '白班', en: 'day shift' },
  N: { zh: '夜班', en: 'night shift' },
}

/** 电话 / phone. */
export const JOB_NAME: Record<Job, Text> = {
  phone: { zh: '电话', en: 'phone' },
  chat: { zh: '在线', en: 'chat' },
  email: { zh: '邮件', en: 'e-mail' },
}
