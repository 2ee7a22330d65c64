import {
  parseHolidayArrangement,
  type HolidayArrangement,
  type HolidayYear,
  type InputIssue,
} from '@paiban/domain'
import { useCallback, useEffect, useState } from 'react'
import { api, ApiError } from '../api/client'
import { useI18n } from '../i18n/i18n'

/** A year's days in date order: statutory, break and 调休 days. */
function rowsOf(
  y: HolidayYear,
): Array<{ date: string; kind: 'statutory' | 'break' | 'makeup'; name?: { zh: string; en: string } }> {
  return [
    ...y.statutory.map(s => ({ date: s.date, kind: 'statutory' as const, name: s.name })),
    ...(y.arrangement?.breaks ?? []).map(date => ({ date, kind: 'break' as const })),
    ...(y.arrangement?.workdays ?? []).map(date => ({ date, kind: 'makeup' as const })),
  ].sort((a, b) => a.date.localeCompare(b.date))
}

type Preview =
  | { ok: true; name: string; arrangement: HolidayArrangement }
  | { ok: false; name: string; issues: InputIssue[] }

/**
 * CAL-HOLIDAY (supervisor, manager): the centre's holiday calendar per year: the statutory days
 * computed from the law, and the year's arrangement (`paiban.holidays/1`) uploaded once for every
 * team. A chosen file is checked in the browser with the very schema the server uses, so its errors
 * are listed before anything is sent.
 */
export function HolidaysPage() {
  const { t, lang } = useI18n()
  const [years, setYears] = useState<HolidayYear[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    try {
      setYears(await api.holidays())
    } catch (e) {
      setError((e as Error).message)
    }
  }, [])
  useEffect(() => void load(), [load])

  const choose = async (file: File | undefined) => {
    setMessage(null)
    if (!file) return setPreview(null)
    let input: unknown
    try {
      input = JSON.parse((await file.text()).replace(/^\uFEFF/, ''))
    } catch (e) {
      return setPreview({
        ok: false,
        name: file.name,
        issues: [{ path: '(file)', message: (e as Error).message }],
      })
    }
    const parsed = parseHolidayArrangement(input)
    setPreview(
      parsed.ok
        ? { ok: true, name: file.name, arrangement: parsed.value }
        : { ok: false, name: file.name, issues: parsed.issues },
    )
  }

  const upload = async (arrangement: HolidayArrangement) => {
    setBusy(true)
    setMessage(null)
    try {
      const current = await api.holidayYear(arrangement.year)
      const saved = await api.putHolidays(arrangement, current.version)
      setMessage({
        ok: true,
        text: t('holidaysSaved', { year: String(saved.year), version: String(saved.version) }),
      })
      setPreview(null)
      await load()
    } catch (e) {
      setMessage({
        ok: false,
        text:
          e instanceof ApiError && e.isStale
            ? t('holidaysStale')
            : t('errorPrefix', { message: (e as Error).message }),
      })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="page narrow holidays-page" aria-labelledby="holidays-title">
      <h1 id="holidays-title">{t('holidaysTitle')}</h1>
      <p className="help">{t('holidaysHelp')}</p>
      <div className="row">
        <label className="inline-field">
          <span>{t('holidaysFile')}</span>
          <input
            type="file"
            accept=".json,application/json"
            onChange={event => void choose(event.currentTarget.files?.[0])}
          />
        </label>
      </div>
      {preview && !preview.ok && (
        <div role="alert" className="holiday-issues">
          <p className="error">{t('holidaysRefused', { file: preview.name })}</p>
          <ul>
            {preview.issues.map((issue, i) => (
              <li key={i}>
                <code>{issue.path}</code>: {issue.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview?.ok && (
        <div className="holiday-preview" aria-label={t('holidaysPreview')}>
          <h2>{t('holidaysPreviewOf', { year: String(preview.arrangement.year) })}</h2>
          <p className="help">{preview.arrangement.source}</p>
          <dl>
            <dt>{t('holidaysBreaks')}</dt>
            <dd>{preview.arrangement.breaks.join(', ') || t('complianceNone')}</dd>
            <dt>{t('holidaysWorkdays')}</dt>
            <dd>{preview.arrangement.workdays.join(', ') || t('complianceNone')}</dd>
          </dl>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void upload(preview.arrangement)}
          >
            {t('holidaysUpload', { year: String(preview.arrangement.year) })}
          </button>
        </div>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {error && <p role="alert">{t('errorPrefix', { message: error })}</p>}
      {!years && !error && <p role="status">{t('loading')}</p>}
      {years?.map(y => (
        <article key={y.year} className="holiday-year">
          <h2>
            {y.year}{' '}
            <span className={`arrangement ${y.arrangementSource}`}>
              {t(
                `holidaysSource_${y.arrangementSource === 'built-in' ? 'built' : y.arrangementSource}` as const,
              )}
              {y.version > 0 ? ` · v${y.version}` : ''}
            </span>
          </h2>
          {y.arrangement && <p className="help">{y.arrangement.source}</p>}
          <table className="holiday-table">
            <caption className="sr-only">{t('holidaysStatutory', { year: String(y.year) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('holidaysDate')}</th>
                <th scope="col">{t('holidaysFestival')}</th>
                <th scope="col">{t('holidaysKind')}</th>
              </tr>
            </thead>
            <tbody>
              {rowsOf(y).map(r => (
                <tr key={r.date} className={r.kind}>
                  <td>{r.date}</td>
                  <td>{r.name?.[lang] ?? ''}</td>
                  <td>
                    {t(
                      r.kind === 'statutory'
                        ? 'statutoryHoliday'
                        : r.kind === 'break'
                          ? 'breakDay'
                          : 'makeup',
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      ))}
    </section>
  )
}
