/** Types */
export type { CheckResult } from './check'
export type { MonthContext } from './context'
export type { At, Rule } from './rule'
export type { Scope } from './scope'
export type { Staffing } from './staffing'

/** Checks */
export {
  checkLeave,
  checkMonth,
  checkSwap,
  contextOf,
  newViolations,
  runRules,
  sortViolations,
} from './check'
export { RULES, ruleById } from './catalogue'
export { complianceReport, lateItems, leaveExceptions } from './compliance'
export { requestIssues } from './validate'

/** The approval workflow (SWAP-APPROVAL, LEAVE-APPROVER): the server and the rules read the same steps */
export {
  isLongLeave,
  leaveApprovalSteps,
  leaveDays,
  leaveTurn,
  managerRulesOf,
  missingLeaveSteps,
  missingSwapSteps,
  swapApprovalSteps,
  swapTurn,
  type Approver,
  type LeaveStep,
  type ManagerRule,
  type SwapStep,
} from './approval'

/** Building blocks (the solver and the editor reuse them) */
export { leaveRows, rosterStrings, swapRows } from './apply'
export { isWorked, monthContext, requirement, withRows } from './context'
export { staffingOn } from './staffing'
export { JOB_NAME, SHIFT_NAME } from './rule'
export { WHOLE_MONTH } from './scope'
export { erlangC, agentsForServiceLevel } from './erlang'

/** Attendance on the day (ATTEND-*, OT-EXTEND) */
export { dayBucket, recordedShifts } from './attendance'
export type { RecordedShift } from './attendance'
export { breaches } from './rules/attend-discipline'
export type { Breach } from './rules/attend-discipline'
export { firstDayBack, isEmergency } from './rules/leave-times'
export { shiftBefore } from './rules/swap-notice'
/** The team leader's certificate reminder on the first day back (LEAVE-SICK-CERT) */
export { certificateReminder } from './certificate-reminder'
export type { CertificateReminder } from './certificate-reminder'
