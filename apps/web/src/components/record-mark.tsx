import { attendanceFacts, type MonthFile } from '@paiban/domain'
import { useI18n } from '../i18n/i18n'

/** What the record of the day (ATTEND-RECORD) says of one cell, for the supervisor's grid. */
export type RecordMark = {
  readonly kind: 'noshow' | 'late' | 'early' | 'overtime'
  readonly minutes: number
}

const LETTER = {
  noshow: { zh: '缺', en: 'X' },
  late: { zh: '迟', en: 'L' },
  early: { zh: '退', en: 'E' },
  overtime: { zh: '延', en: 'O' },
}
const WHAT = {
  noshow: 'recordNoShow',
  late: 'recordLate',
  early: 'recordEarly',
  overtime: 'recordOvertime',
} as const

/**
 * The record's marks by agent id → day index: a no-show, else lateness, else early leave, else
 * overtime (OT-EXTEND); cells recorded as worked to plan get none.
 */
export function recordMarks(file: MonthFile): Map<string, Map<number, RecordMark>> {
  const out = new Map<string, Map<number, RecordMark>>()
  for (const r of file.attendance) {
    if (!r.date.startsWith(`${file.month}-`)) continue
    const index = Number(r.date.slice(8, 10)) - 1
    const cell = file.roster?.[r.agentId]?.[index]
    const shift = r.shift ?? (cell === 'N' ? 'N' : 'D')
    const f = attendanceFacts(r, shift, file.policy)
    const mark: RecordMark | undefined = f.noShow
      ? { kind: 'noshow', minutes: 0 }
      : f.lateMinutes > 0
        ? { kind: 'late', minutes: f.lateMinutes }
        : f.earlyMinutes > 0
          ? { kind: 'early', minutes: f.earlyMinutes }
          : f.overtimeMinutes > 0
            ? { kind: 'overtime', minutes: f.overtimeMinutes }
            : undefined
    if (!mark) continue
    const row = out.get(r.agentId) ?? new Map<number, RecordMark>()
    row.set(index, mark)
    out.set(r.agentId, row)
  }
  return out
}

/** A signature of one agent's marks, so unchanged rows skip re-rendering. */
export const recordSignature = (row: ReadonlyMap<number, RecordMark> | undefined) =>
  row ? [...row].map(([i, m]) => `${i}${m.kind}${m.minutes}`).join(',') : ''

/** The corner mark of a recorded cell (迟 25 min late …), with its text for the cell's title. */
export function RecordCellMark({ mark }: { mark: RecordMark }) {
  const { t, lang } = useI18n()
  const label =
    mark.kind === 'noshow'
      ? t('recordNoShow')
      : t('recordCell', { what: t(WHAT[mark.kind]), minutes: mark.minutes })
  return (
    <span className={`record-mark ${mark.kind}`} title={label} aria-label={label} data-record={mark.kind}>
      {LETTER[mark.kind][lang]}
    </span>
  )
}

/** The legend of the record marks, shown when the month has any. */
export function RecordLegend() {
  const { t, lang } = useI18n()
  return (
    <p className="record-legend" aria-label={t('recordLegend')}>
      <strong>{t('recordLegend')}</strong>
      {(['late', 'early', 'noshow', 'overtime'] as const).map(k => (
        <span key={k}>
          <span className={`record-mark ${k}`} aria-hidden="true">
            {LETTER[k][lang]}
          </span>{' '}
          {t(WHAT[k])}
        </span>
      ))}
    </p>
  )
}
