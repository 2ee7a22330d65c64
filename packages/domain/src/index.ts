/** Types */
export type { Lang, Text } from './text'
export type { Policy, PolicyInput } from './policy'
export type {
  Agent,
  Approval,
  Attendance,
  Cell,
  Coverage,
  Handover,
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
/** The API's wire shapes (apps/api serves them, apps/web reads and sends them). */
export type {
  Certificate,
  CertificateResult,
  CheckResult,
  Decision,
  DecisionInput,
  DecisionResult,
  IcalLink,
  InboxItem,
  JobOutcome,
  JobProgress,
  JobStatus,
  LeaveDraft,
  LeaveDraftInput,
  Me,
  MonthView,
  Role,
  RuleCheck,
  SignIn,
  SolverJob,
  SwapDraft,
  SwapDraftInput,
  TeamSummary,
  VersionInfo,
  VersionSource,
  VersionState,
} from './api'

/** Schemas */
export {
  AgentSchema,
  ApprovalSchema,
  AttendanceSchema,
  CoverageSchema,
  HandoverSchema,
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
/**
 * The API's wire shapes: request bodies and responses of apps/api, read and sent by apps/web.
 * The API gives them their OpenAPI ids; `SolverJobSchema` is the API's `Job` (a solver run), not
 * `JobSchema` (an agent's job: phone, chat, email).
 */
export {
  CertificateResultSchema,
  CertificateSchema,
  CheckResultSchema,
  DecisionResultSchema,
  DecisionSchema,
  IcalLinkSchema,
  InboxItemSchema,
  JOB_STATUSES,
  JobOutcomeSchema,
  JobProgressSchema,
  LeaveDraftSchema,
  MeSchema,
  MonthViewSchema,
  ROLES,
  RuleCheckSchema,
  SignInSchema,
  SolverJobSchema,
  SwapDraftSchema,
  TeamSummarySchema,
  VERSION_SOURCES,
  VERSION_STATES,
  VersionInfoSchema,
} from './api'

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
/** The team's zone: this month, now as a month-file instant, an instant as a local label (luxon). */
export { instantIn, localTimeLabel, monthIn, nextMonth } from './zone-time'

/** Parsing and messages */
export { formatPath, parseMonthFile, parseWith, rosterIssues } from './parse'
export { say, text } from './text'

/** What an attendance record says was worked (ATTEND-RECORD) */
export { attendanceFacts, clockOnShift, minutesClock, shiftMinutes } from './attendance'
export type { AttendanceFacts } from './attendance'
/** The API's wire shapes of attendance, the time-clock import and emergency leave */
export {
  AttendanceDaySchema,
  AttendancePersonSchema,
  AttendanceWriteSchema,
  ClockImportResultSchema,
  ClockImportSchema,
  EmergencyLeaveResultSchema,
  EmergencyLeaveSchema,
} from './attendance-api'
export type {
  AttendanceDay,
  AttendanceWrite,
  ClockImport,
  EmergencyLeave,
  EmergencyLeaveResult,
} from './attendance-api'
