/** Types */
export type {
  Absence,
  AbsenceRule,
  LeaveDays,
  PayMultipliers,
  PayrollFigures,
  PayrollRow,
  PayrollTable,
} from './table'
export type { ColumnKind, PayrollColumn } from './columns'
export type { CsvOptions } from './csv'
export type { XlsxOptions } from './xlsx'
export type { CalendarOptions } from './ical'

/** The table */
export { LEAVE_KINDS, payrollTable } from './table'
export { LEAVE_NAME, LEVEL_NAME, PAYROLL_COLUMNS, headerOf, rowValues, totalValues } from './columns'

/** Renderings */
export { BOM, payrollCsv } from './csv'
export { complianceCsv, complianceRows } from './compliance-csv'
export { payrollXlsx } from './xlsx'
export { agentCalendar, eventUid } from './ical'

/** The time clock's CSV export read into attendance records (ATTEND-RECORD) */
export { readClockCsv } from './clock-import'
export type { ClockColumns, ClockImportResult } from './clock-import'
