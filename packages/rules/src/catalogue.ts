import type { RuleId } from '@paiban/domain'
import type { Rule } from './rule'
import { attendDiscipline } from './rules/attend-discipline'
import { attendEarly } from './rules/attend-early'
import { attendLate } from './rules/attend-late'
import { attendNoShow } from './rules/attend-noshow'
import { attendRecord } from './rules/attend-record'
import { handoverLog } from './rules/handover-log'
import { leaveEmergency } from './rules/leave-emergency'
import { otExtend } from './rules/ot-extend'
import { swapNotice } from './rules/swap-notice'
import { calHoliday } from './rules/cal-holiday'
import { contract } from './rules/contract'
import { coverLead } from './rules/cover-lead'
import { coverMin } from './rules/cover-min'
import { fairNight, fairWeekend, restRotate } from './rules/fairness'
import { handover } from './rules/handover'
import { leaveApprover, leaveSelf, leaveSickCert } from './rules/leave-approval'
import { leaveHoliday, leaveNight } from './rules/leave-exceptions'
import { leaveNotice } from './rules/leave-notice'
import { restGap } from './rules/rest-gap'
import { restSixOne } from './rules/rest-six-one'
import { shiftNight } from './rules/shift-night'
import { swapApproval } from './rules/swap-approval'
import { swapClear } from './rules/swap-clear'
import { swapConsec } from './rules/swap-consec'
import { swapHoliday } from './rules/swap-holiday'
import { leaveSwapped, swapLeave } from './rules/swap-leave'
import { swapMax } from './rules/swap-max'
import { swapPeer } from './rules/swap-peer'
import { wishOff, wishShift } from './rules/wishes'

/**
 * Every rule with a check, in catalogue order. Rules whose content is a definition rather than a
 * check live where they are used: CAL-TZ (the team's zone, validated when the file is parsed),
 * SHIFT-DAY (shift times in @paiban/domain), SWAP-REST (what-if in checkSwap), COVER-DEMAND
 * (requirements from forecasts, `erlangC`).
 */
export const RULES: readonly Rule[] = [
  calHoliday,
  shiftNight,
  handover,
  restSixOne,
  restGap,
  restRotate,
  coverMin,
  coverLead,
  swapApproval,
  swapMax,
  swapConsec,
  swapPeer,
  swapHoliday,
  swapLeave,
  swapClear,
  leaveNight,
  leaveHoliday,
  leaveNotice,
  leaveApprover,
  leaveSelf,
  leaveSickCert,
  leaveSwapped,
  attendLate,
  attendRecord,
  attendEarly,
  attendNoShow,
  attendDiscipline,
  otExtend,
  leaveEmergency,
  swapNotice,
  handoverLog,
  fairNight,
  fairWeekend,
  wishOff,
  wishShift,
  contract,
]

/** The rule with this id, if it has a check of its own. */
export function ruleById(id: RuleId): Rule | undefined {
  return RULES.find(r => r.id === id)
}
