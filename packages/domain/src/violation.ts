import { z } from 'zod'
import { JobSchema, ShiftSchema } from './month-file'
import { RuleIdSchema } from './rule-ids'

/**
 * A broken rule as data (spec/rules.md "Reading a violation"). `message` is bilingual here; the
 * CLI and API pick one language when they print it.
 */
export const ViolationSchema = z.object({
  rule: RuleIdSchema,
  severity: z.enum(['hard', 'soft']),
  agentId: z.string().optional(),
  date: z.string().optional(),
  shift: ShiftSchema.optional(),
  /** For coverage rules: the job that is short. */
  job: JobSchema.optional(),
  /** Soft rules: the weighted penalty this violation adds to a roster's score. */
  penalty: z.number().optional(),
  /** The swap or leave record the violation is about. */
  requestId: z.string().optional(),
  message: z.object({ zh: z.string(), en: z.string() }),
})
export type Violation = z.infer<typeof ViolationSchema>
/** `'hard'` makes a roster invalid; `'soft'` only ranks rosters. */
export type Severity = Violation['severity']

/** Identity of a violation, for set differences (what-if) and de-duplication. */
export function violationKey(v: Violation): string {
  return [v.rule, v.agentId ?? '', v.date ?? '', v.shift ?? '', v.job ?? '', v.requestId ?? ''].join('|')
}
