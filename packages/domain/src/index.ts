/** Types */
export type { Lang, Text } from './text'
export type { HolidaySet, Policy, PolicyInput } from './policy'
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
  Neighbours,
  MonthFileInput,
  Person,
  Shift,
  Swap,
  Wish,
} from './month-file'
export type { RuleId } from './rule-ids'
export type { Severity, Violation } from './violation'
export type { ArrangementSource, CalendarData, DayInfo, HolidayKind, MonthCalendar } from './calendar'
export type { HolidayArrangement, HolidayArrangementInput } from './holidays'
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
  HolidayYear,
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
  RosterImportInput,
  RosterImportResult,
  SheetIssue,
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
  NeighboursSchema,
  PersonSchema,
  SHIFTS,
  ShiftSchema,
  SwapSchema,
  WishSchema,
} from './month-file'
export { HolidaySetSchema, PolicySchema, SEED_POLICY, clockMinutes } from './policy'
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
  HolidayYearSchema,
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
  RosterImportResultSchema,
  RosterImportSchema,
  SheetCellSchema,
  SheetIssueSchema,
} from './api'

/** Requests as people follow them (issue 20): where a request waits, escalations, cover, own requests. */
export type { ApproverRole, CoverGap, Escalation, LeaveCheck, MyRequest, Waiting } from './api'
export {
  ApproverRoleSchema,
  CoverGapSchema,
  EscalationSchema,
  LeaveCheckSchema,
  MyRequestSchema,
  WaitingSchema,
} from './api'

/** Calendar, dates and times */
export { calendarYears, inHolidaySet, missingArrangementNotice, monthCalendar } from './calendar'
export {
  FESTIVALS,
  HOLIDAYS_FORMAT,
  HolidayArrangementSchema,
  statutoryDates,
  statutoryDays,
} from './holidays'
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
export {
  formatPath,
  parseHolidayArrangement,
  parseMonthFile,
  parseWith,
  rosterIssues,
  withArrangement,
} from './parse'
export { say, text } from './text'

/** The centre: teams, staff, sign-ins, settings, starting the next month (issue 18) */
export {
  ImportErrorSchema,
  ImportResultSchema,
  ImportRowSchema,
  PasswordChangeSchema,
  PasswordResetSchema,
  PreviousSourceSchema,
  SettingsSchema,
  SettingsUpdateSchema,
  SignInCreateSchema,
  SignInInfoSchema,
  StaffPatchSchema,
  StaffSchema,
  StartMonthResultSchema,
  TeamCreateSchema,
  TeamIdSchema,
  TeamInfoSchema,
  TeamPatchSchema,
  TimeZoneSchema,
} from './centre'
export type {
  ImportError,
  ImportResult,
  PasswordChange,
  Settings,
  SettingsUpdate,
  SignInCreate,
  SignInInfo,
  Staff,
  StaffInput,
  StaffPatch,
  StartMonthResult,
  TeamCreate,
  TeamInfo,
  TeamPatch,
} from './centre'
export { leavesOfRequests, neighboursOf, swapsNextTo } from './neighbours'
export { PREVIOUS_DAYS, lastDays, nextMonthFile, onTeam, previousMonth, startMonth } from './start-month'
export type { StartMonthInput } from './start-month'
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
  HandoverAckSchema,
  HandoverDaySchema,
  HandoverWriteSchema,
  PayrollSheetSchema,
} from './attendance-api'
export type {
  AttendanceDay,
  AttendanceWrite,
  ClockImport,
  EmergencyLeave,
  EmergencyLeaveResult,
  ClockImportResult,
  HandoverAck,
  HandoverDay,
  HandoverWrite,
  PayrollSheet,
} from './attendance-api'
/** The time-clock import's mapping step: its headers and the columns guessed from them */
export { CLOCK_FIELDS, clockHeaders, guessClockColumns } from './clock-columns'
export type { ClockColumnMap } from './clock-columns'
