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

/** The roster as a sheet: export, import, registers */
export type { RosterGroup, SheetCell } from './roster-cells'
export type { RosterXlsxOptions } from './roster-xlsx'
export {
  CELL_FILL,
  CELL_LETTER,
  CELL_MEANING,
  DAY_FILL,
  dayKind,
  dayMark,
  groupLabel,
  rosterGroups,
  weekdayLabel,
} from './roster-cells'
export { ROSTER_LAYOUT, columnLetter, rosterXlsx } from './roster-xlsx'
export type { SheetFormat, SheetGrid, SheetValue } from './sheet-grid'
export { decodeCsv, readSheetGrids, sheetFormat } from './sheet-grid'
export type {
  CellMapping,
  ImportOptions,
  RosterImport,
  SeenValue,
  SheetIssue,
  SheetIssueKind,
  SheetViolation,
} from './roster-import'
export { DEFAULT_MAPPING, cellKey, headerDay, importRoster } from './roster-import'
export type { Register } from './registers'
export { leaveRegister, registerCsv, registerXlsx, swapRegister } from './registers'
/** The time clock's CSV export read into attendance records (ATTEND-RECORD) */
export { readClockCsv } from './clock-import'
export type { ClockColumns, ClockImportResult } from './clock-import'
