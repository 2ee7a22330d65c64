/** Types */
export type { Lang, Text } from './text'
export type { Policy, PolicyInput } from './policy'
export type {
  Agent,
  Approval,
  Attendance,
  Cell,
  Coverage,
  HolidayChanges,
  Job,
  JobCount,
  Leave,
  LeaveKind,
  Level,
  MonthFile,
  MonthFileInput,
  Person,
  Shift,
  Swap,
  Wish,
} from './month-file'
export type { RuleId } from './rule-ids'
export type { Severity, Violation } from './violation'
export type { CalendarData, DayInfo, MonthCalendar } from './calendar'
export type { ShiftTimes } from './shift-times'
export type { InputIssue, ParseResult } from './parse'
export type { ComplianceException, ComplianceLate, ComplianceReport } from './compliance'

/** Schemas */
export {
  AgentSchema,
  ApprovalSchema,
  AttendanceSchema,
  CoverageSchema,
  InstantSchema,
  IsoDateSchema,
  JOBS,
  JobSchema,
  LEVELS,
  LeaveKindSchema,
  LeaveSchema,
  LevelSchema,
  MonthFileSchema,
  PersonSchema,
  SHIFTS,
  ShiftSchema,
  SwapSchema,
  WishSchema,
} from './month-file'
export { PolicySchema, SEED_POLICY, clockMinutes } from './policy'
export { RULE_IDS, RuleIdSchema } from './rule-ids'
export { ViolationSchema, violationKey } from './violation'
export {
  ComplianceExceptionSchema,
  ComplianceLateSchema,
  ComplianceReportSchema,
  EXCEPTION_RULES,
} from './compliance'

/** Calendar, dates and times */
export { calendarYears, monthCalendar, statutoryDates } from './calendar'
export {
  ISO_DATE,
  ISO_MONTH,
  WEEKDAY_KEYS,
  addDays,
  daysBetween,
  daysInMonth,
  isRealDate,
  isoWeekday,
  monthDates,
  monthOf,
  weekdayKey,
} from './dates'
export type { WeekdayKey } from './dates'
export { attendanceMinutes, localInstant, shiftTimes } from './shift-times'

/** Parsing and messages */
export { formatPath, parseMonthFile, parseWith, rosterIssues } from './parse'
export { say, text } from './text'
