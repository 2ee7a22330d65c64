import { z } from 'zod'

/** Every rule id of spec/rules.md, in catalogue order. Code, tests, errors and the UI use these. */
export const RULE_IDS = [
  'CAL-TZ',
  'CAL-HOLIDAY',
  'SHIFT-DAY',
  'SHIFT-NIGHT',
  'HANDOVER',
  'REST-6-1',
  'REST-GAP',
  'REST-ROTATE',
  'COVER-MIN',
  'COVER-LEAD',
  'COVER-DEMAND',
  'SWAP-APPROVAL',
  'SWAP-MAX',
  'SWAP-CONSEC',
  'SWAP-REST',
  'SWAP-PEER',
  'SWAP-HOLIDAY',
  'SWAP-LEAVE',
  'SWAP-CLEAR',
  'LEAVE-NIGHT',
  'LEAVE-HOLIDAY',
  'LEAVE-NOTICE',
  'LEAVE-APPROVER',
  'LEAVE-SELF',
  'LEAVE-SICK-CERT',
  'LEAVE-SWAPPED',
  'ATTEND-LATE',
  'ATTEND-RECORD',
  'ATTEND-EARLY',
  'ATTEND-NOSHOW',
  'ATTEND-DISCIPLINE',
  'OT-EXTEND',
  'LEAVE-EMERGENCY',
  'SWAP-NOTICE',
  'HANDOVER-LOG',
  'FAIR-NIGHT',
  'FAIR-WEEKEND',
  'WISH-OFF',
  'WISH-SHIFT',
  'CONTRACT',
] as const

export const RuleIdSchema = z.enum(RULE_IDS)
/** A rule id of spec/rules.md, e.g. `'REST-6-1'`. */
export type RuleId = z.infer<typeof RuleIdSchema>
