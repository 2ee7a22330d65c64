import {
  CLOCK_FIELDS,
  clockHeaders,
  guessClockColumns,
  type ClockColumnMap,
  type ClockImportResult,
} from '@paiban/domain'
import { useState } from 'react'
import { api, ApiError, errorText } from '../api/client'
import { clockIssueText, type ClockIssueText } from '../grid/clock-issues'
import { useI18n } from '../i18n/i18n'
import type { TextKey } from '../i18n/dict'

const FIELD_LABEL: Record<keyof ClockColumnMap, TextKey> = {
  employee: 'clockFieldEmployee',
  date: 'clockFieldDate',
  in: 'clockFieldIn',
  out: 'clockFieldOut',
}

/** Preview rows listed before "more…". */
const SHOWN = 20

/** The file's text: UTF-8 (with or without BOM), else GB18030, which Chinese time clocks export. */
async function textOf(file: File): Promise<string> {
  const bytes = await file.arrayBuffer()
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

type Step =
  | { kind: 'map' }
  | { kind: 'bad'; issues: ClockIssueText[] }
  | { kind: 'preview'; result: ClockImportResult }
  | { kind: 'stored'; result: ClockImportResult }

/**
 * ATTEND-RECORD from the time clock: choose its CSV, map its columns (guessed from Chinese or
 * English headers), preview through the server's dry run with every bad row named by line, then
 * confirm. Nothing is stored before the confirm; `onStored` runs after it.
 */
export function ClockImportPanel({
  team,
  month,
  onStored,
}: {
  team: string
  month: string
  onStored: () => void
}) {
  const { t, lang } = useI18n()
  const [csv, setCsv] = useState<string | null>(null)
  const [headers, setHeaders] = useState<string[]>([])
  const [columns, setColumns] = useState<Partial<ClockColumnMap>>({})
  const [step, setStep] = useState<Step>({ kind: 'map' })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const choose = async (file: File | undefined) => {
    setStep({ kind: 'map' })
    setError(null)
    if (!file) return
    const text = await textOf(file)
    const found = clockHeaders(text)
    setCsv(text)
    setHeaders(found)
    setColumns(guessClockColumns(found))
  }
  const mapped = CLOCK_FIELDS.every(f => columns[f] !== undefined)
  const send = async (dryRun: boolean) => {
    if (!csv || !mapped) return
    setBusy(true)
    setError(null)
    try {
      const result = await api.importClock(team, month, {
        csv,
        columns,
        dryRun,
      })
      setStep({ kind: dryRun ? 'preview' : 'stored', result })
      if (!dryRun) onStored()
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.issues.length > 0)
        setStep({ kind: 'bad', issues: e.issues.map(clockIssueText) })
      else setError(t('errorPrefix', { message: errorText(e, lang) }))
    } finally {
      setBusy(false)
    }
  }
  const headerOf = (field: string | null) =>
    field && field in columns ? columns[field as keyof ClockColumnMap] : field

  return (
    <section className="clock-import" aria-labelledby="clock-title">
      <h2 id="clock-title">{t('clockTitle')}</h2>
      <p className="help">{t('clockHelp')}</p>
      <label className="inline-field">
        <span>{t('clockFile')}</span>
        <input type="file" accept=".csv,text/csv" onChange={e => void choose(e.target.files?.[0])} />
      </label>
      {csv !== null && (
        <div className="clock-map" role="group" aria-label={t('clockTitle')}>
          {CLOCK_FIELDS.map(f => (
            <label key={f} className="inline-field">
              <span>{t(FIELD_LABEL[f])}</span>
              <select
                aria-label={t(FIELD_LABEL[f])}
                value={columns[f] ?? ''}
                onChange={e => {
                  setStep({ kind: 'map' })
                  setColumns(c => ({ ...c, [f]: e.target.value || undefined }))
                }}
              >
                <option value="">{t('clockChoose')}</option>
                {headers.map(h => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <button type="button" disabled={busy || !mapped} onClick={() => void send(true)}>
            {t('clockPreview')}
          </button>
        </div>
      )}
      {step.kind === 'bad' && (
        <div className="notice error" role="alert">
          <p>{t('clockBad', { n: step.issues.length })}</p>
          <ul className="clock-issues">
            {step.issues.map((i, k) => (
              <li key={k} data-line={i.line ?? undefined}>
                {i.line !== null && <strong>{t('clockLine', { line: i.line })}</strong>}
                {i.field && ` ${headerOf(i.field) ?? ''}`}: {i[lang]}
              </li>
            ))}
          </ul>
        </div>
      )}
      {step.kind === 'preview' && (
        <div className="clock-preview">
          <p>{t('clockPreviewed', { n: step.result.preview?.length ?? 0, shifts: step.result.shifts })}</p>
          <table className="clock-table">
            <thead>
              <tr>
                <th scope="col">{t('clockAgent')}</th>
                <th scope="col">{t('clockFieldDate')}</th>
                <th scope="col">{t('clockShift')}</th>
                <th scope="col">{t('clockFieldIn')}</th>
                <th scope="col">{t('clockFieldOut')}</th>
              </tr>
            </thead>
            <tbody>
              {(step.result.preview ?? []).slice(0, SHOWN).map((r, k) => (
                <tr key={k}>
                  <td>{r.agentId}</td>
                  <td>{r.date}</td>
                  <td>{r.shift === 'N' ? t('attendanceNight') : t('attendanceDay')}</td>
                  <td>{r.arrivedAt}</td>
                  <td>{r.leftAt}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {(step.result.preview?.length ?? 0) > SHOWN && (
            <p className="note">{t('clockMore', { n: (step.result.preview?.length ?? 0) - SHOWN })}</p>
          )}
          <button type="button" className="primary" disabled={busy} onClick={() => void send(false)}>
            {t('clockConfirm', { n: step.result.preview?.length ?? 0 })}
          </button>
        </div>
      )}
      {step.kind === 'stored' && (
        <p className="ok" role="status">
          {t('clockStored', { n: step.result.stored, shifts: step.result.shifts })}
        </p>
      )}
      {error && (
        <p className="unavailable" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
