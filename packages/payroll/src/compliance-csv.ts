import type { ComplianceReport, Lang, Text } from '@paiban/domain'
import Papa from 'papaparse'
import { BOM, type CsvOptions } from './csv'

/** The columns of the compliance CSV, headed in both languages. */
const HEADERS: readonly Text[] = [
  { zh: '类别', en: 'Section' },
  { zh: '规则', en: 'Rule' },
  { zh: '严重性', en: 'Severity' },
  { zh: '工号', en: 'Agent' },
  { zh: '日期', en: 'Date' },
  { zh: '班次', en: 'Shift' },
  { zh: '申请', en: 'Request' },
  { zh: '期限', en: 'Deadline' },
  { zh: '时间', en: 'At' },
  { zh: '批准人', en: 'By' },
  { zh: '说明', en: 'Details' },
]

const SECTION: Record<'violation' | 'exception' | 'approvedAfterShift' | 'lateNotice', Text> = {
  violation: { zh: '违规', en: 'violation' },
  exception: { zh: '特批', en: 'exception' },
  approvedAfterShift: { zh: '逾期批准', en: 'late approval' },
  lateNotice: { zh: '逾期请假', en: 'late notice' },
}

const SEVERITY: Record<'hard' | 'soft', Text> = {
  hard: { zh: '硬性', en: 'hard' },
  soft: { zh: '软性', en: 'soft' },
}

/** The report's rows, one per violation, exception and late item, in that order. */
export function complianceRows(report: ComplianceReport, lang: Lang): string[][] {
  return [
    ...report.violations.map(v => [
      SECTION.violation[lang],
      v.rule,
      SEVERITY[v.severity][lang],
      v.agentId ?? '',
      v.date ?? '',
      v.shift ?? '',
      v.requestId ?? '',
      '',
      '',
      '',
      v.message[lang],
    ]),
    ...report.exceptions.map(e => [
      SECTION.exception[lang],
      e.rule,
      '',
      e.agentId,
      e.date,
      e.shift,
      e.requestId,
      '',
      e.approvedAt ?? '',
      e.approvedBy,
      e.message[lang],
    ]),
    ...report.late.map(l => [
      SECTION[l.reason][lang],
      l.reason === 'lateNotice' ? 'LEAVE-NOTICE' : '',
      '',
      l.agentId,
      l.date,
      l.shift ?? '',
      l.id,
      l.deadline,
      l.at,
      l.by ?? '',
      l.message[lang],
    ]),
  ]
}

/**
 * The compliance report as CSV like the payroll export: a BOM (Excel reads the Chinese), one
 * header row in `lang`, then one row per violation, exception and late item; formula-like text
 * is escaped.
 * @example complianceCsv(report, 'zh').startsWith('\uFEFF类别,规则,严重性') // true
 */
export function complianceCsv(report: ComplianceReport, lang: Lang, options: CsvOptions = {}): string {
  const newline = options.newline ?? '\r\n'
  const csv = Papa.unparse(
    { fields: HEADERS.map(h => h[lang]), data: complianceRows(report, lang) },
    { newline, escapeFormulae: true },
  )
  return `${BOM}${csv}${newline}`
}
