import { say, text, type Lang, type LeaveKind, type Level, type Text } from '@paiban/domain'
import { JOB_NAME } from '@paiban/rules'
import { LEAVE_KINDS, type PayrollFigures, type PayrollRow, type PayrollTable } from './table'

/** How a column's values are written: text, a count, hours (2 decimals), minutes, a multiplier. */
export type ColumnKind = 'text' | 'count' | 'hours' | 'minutes' | 'multiplier' | 'money' | 'percent'

/** One column of the payroll renderings (CSV, XLSX), with its bilingual header. */
export type PayrollColumn = {
  /** Stable key, e.g. `attendanceHours`. */
  readonly key: string
  readonly header: Text
  readonly kind: ColumnKind
  /** The value of an agent's row. */
  readonly row: (row: PayrollRow, table: PayrollTable, lang: Lang) => string | number
  /** The value of the team totals; `undefined` for columns that have no total (id, job…). */
  readonly total?: (totals: PayrollFigures, table: PayrollTable) => number
}

/** Level names (新客服 … 储备主管). */
export const LEVEL_NAME: Record<Level, Text> = {
  trainee: text('新客服(试用)', 'trainee'),
  junior: text('初级', 'junior'),
  intermediate: text('中级', 'intermediate'),
  senior: text('高级', 'senior'),
  reserve: text('储备主管', 'reserve supervisor'),
}

/** Leave kind names (事假, 病假 …). */
export const LEAVE_NAME: Record<LeaveKind, Text> = {
  personal: text('事假', 'personal leave'),
  sick: text('病假', 'sick leave'),
  annual: text('年假', 'annual leave'),
  marriage: text('婚假', 'marriage leave'),
  bereavement: text('丧假', 'bereavement leave'),
}

type FigureKey = {
  [K in keyof PayrollFigures]: PayrollFigures[K] extends number ? K : never
}[keyof PayrollFigures]

function figure(key: FigureKey, header: Text, kind: ColumnKind): PayrollColumn {
  return { key, header, kind, row: r => r[key], total: t => t[key] }
}

function multiplier(key: keyof PayrollTable['multipliers'], header: Text): PayrollColumn {
  return {
    key: `${key}Multiplier`,
    header,
    kind: 'multiplier',
    row: (_r, table) => table.multipliers[key],
    total: (_t, table) => table.multipliers[key],
  }
}

/**
 * The columns of the payroll table, in order. Hours are attendance hours (handover included) unless
 * the header says otherwise; multipliers are the policy's (`2` = 200 %). Leave columns count days.
 * @example PAYROLL_COLUMNS.map(c => c.header.zh) // ['工号', '姓名', '工种', …]
 */
export const PAYROLL_COLUMNS: readonly PayrollColumn[] = [
  { key: 'agentId', header: text('工号', 'Agent ID'), kind: 'text', row: r => r.agentId },
  { key: 'name', header: text('姓名', 'Name'), kind: 'text', row: r => r.name },
  { key: 'job', header: text('工种', 'Job'), kind: 'text', row: (r, _t, lang) => say(JOB_NAME[r.job], lang) },
  {
    key: 'level',
    header: text('级别', 'Level'),
    kind: 'text',
    row: (r, _t, lang) => say(LEVEL_NAME[r.level], lang),
  },
  figure('dayShifts', text('白班(班次)', 'Day shifts'), 'count'),
  figure('nightShifts', text('夜班(班次)', 'Night shifts'), 'count'),
  figure('attendanceMinutes', text('出勤(分钟,含交接班)', 'Attendance (min, incl. handover)'), 'minutes'),
  figure('attendanceHours', text('出勤(小时,含交接班)', 'Attendance (h, incl. handover)'), 'hours'),
  figure('nightHours', text('夜班工时(小时)', 'Night hours (h)'), 'hours'),
  figure('restDayShifts', text('休息日出勤(班次)', 'Rest-day shifts'), 'count'),
  figure('restDayHours', text('休息日出勤(小时)', 'Rest-day hours (h)'), 'hours'),
  multiplier('restDay', text('休息日倍率', 'Rest-day multiplier')),
  figure('holidayShifts', text('法定节假日出勤(班次)', 'Statutory-holiday shifts'), 'count'),
  figure('holidayHours', text('法定节假日出勤(小时)', 'Statutory-holiday hours (h)'), 'hours'),
  multiplier('holiday', text('法定节假日倍率', 'Statutory-holiday multiplier')),
  figure('overtimeMinutes', text('延时加班(分钟)', 'Overtime (min)'), 'minutes'),
  figure('overtimeHours', text('延时加班 150%(小时)', 'Overtime at 150 % (h)'), 'hours'),
  multiplier('overtime', text('延时加班倍率', 'Overtime multiplier')),
  ...LEAVE_KINDS.map((kind): PayrollColumn => ({
    key: `leave.${kind}`,
    header: text(`${LEAVE_NAME[kind].zh}(天)`, `${capital(LEAVE_NAME[kind].en)} (days)`),
    kind: 'count',
    row: r => r.leaveDays[kind],
    total: t => t.leaveDays[kind],
  })),
  figure('absenceDays', text('缺勤(天)', 'Absences (days)'), 'count'),
  {
    key: 'absences',
    header: text('缺勤日期(规则)', 'Absence dates (rule)'),
    kind: 'text',
    row: r => r.absences.map(a => `${a.date} ${a.rules.join('+')}`).join('; '),
  },
  figure('swaps', text('换班(次)', 'Swaps'), 'count'),
  figure('disciplineCount', text('违纪(次)', 'Breaches of discipline'), 'count'),
  {
    key: 'bonusDeductionShare',
    header: text('奖金扣除比例', 'Bonus deducted (share)'),
    kind: 'percent',
    row: r => r.bonusDeductionShare,
  },
  figure('bonusDeduction', text('奖金扣除(元)', 'Bonus deducted (CNY)'), 'money'),
  {
    key: 'warning',
    header: text('警告', 'Warning'),
    kind: 'text',
    row: (r, _t, lang) => (r.warning ? say(text('是', 'yes'), lang) : ''),
  },
  figure('basePay', text('基本工资(元)', 'Base pay (CNY)'), 'money'),
]

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** The header of a column in one language. */
export function headerOf(column: PayrollColumn, lang: Lang): string {
  return say(column.header, lang)
}

/**
 * The totals row as cell values, in {@link PAYROLL_COLUMNS} order: `合计` / `Totals` in the first
 * column, the team's sums where a column has a total, empty cells elsewhere.
 */
export function totalValues(table: PayrollTable, lang: Lang): Array<string | number> {
  return PAYROLL_COLUMNS.map((c, i) =>
    i === 0 ? say(text('合计', 'Totals'), lang) : c.total ? c.total(table.totals, table) : '',
  )
}

/** An agent's row as cell values, in {@link PAYROLL_COLUMNS} order. */
export function rowValues(table: PayrollTable, row: PayrollRow, lang: Lang): Array<string | number> {
  return PAYROLL_COLUMNS.map(c => c.row(row, table, lang))
}
