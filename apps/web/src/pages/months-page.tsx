import { nextMonth, type MonthFile, type TeamSummary } from '@paiban/domain'
import { useCallback, useEffect, useState } from 'react'
import { api, ApiError } from '../api/client'
import type { Me } from '../api/types'
import { thisMonth } from '../components/month-picker'
import { monthLabel } from '../i18n/format'
import { useI18n } from '../i18n/i18n'
import { Link } from '../router'

type Message = { ok: boolean; text: string } | null

/**
 * A team's months, month after month: start the next one from the team as it stands (its
 * `previous` from the month before), download a month as its file, upload one as a new draft
 * (every bad field shown with its path, nothing stored).
 */
export function MonthsPage({ me }: { me: Me }) {
  const { t, lang } = useI18n()
  const [team, setTeam] = useState<TeamSummary | null>(null)
  const [message, setMessage] = useState<Message>(null)
  const [busy, setBusy] = useState(false)
  const [chosen, setChosen] = useState<string | null>(null)
  const load = useCallback(() => {
    api.teams().then(
      teams => setTeam(teams.find(x => x.id === me.team) ?? teams[0] ?? null),
      (e: unknown) => setMessage({ ok: false, text: (e as Error).message }),
    )
  }, [me.team])
  useEffect(load, [load])
  if (!team) return <p role="status">{message?.text ?? t('loading')}</p>

  const last = team.months.at(-1)?.month
  // After the last month, the next; a team without months starts whichever month is chosen.
  const next = last ? nextMonth(last) : (chosen ?? nextMonth(thisMonth(team.timeZone)))

  const fail = (e: unknown) => {
    const text =
      e instanceof ApiError && e.issues.length > 0
        ? `${e.message}\n${e.issues.map(i => `${i.path}: ${i.message}`).join('\n')}`
        : t('errorPrefix', { message: (e as Error).message })
    setMessage({ ok: false, text })
  }

  const start = async () => {
    setBusy(true)
    setMessage(null)
    try {
      const result = await api.startMonth(team.id, next)
      const from = result.previousFrom
      setMessage({
        ok: true,
        text: from
          ? t(from.state === 'published' ? 'monthStartedFromPublished' : 'monthStartedFromDraft', {
              month: monthLabel(next, lang),
              agents: result.agents,
              from: monthLabel(from.month, lang),
              version: from.version,
            })
          : t('monthStartedFresh', { month: monthLabel(next, lang), agents: result.agents }),
      })
      load()
    } catch (e) {
      fail(e)
    } finally {
      setBusy(false)
    }
  }

  const downloadFile = async (month: string) => {
    try {
      const view = await api.month(team.id, month)
      const blob = new Blob([JSON.stringify(view.file, null, 2)], { type: 'application/json' })
      const link = document.createElement('a')
      link.href = URL.createObjectURL(blob)
      link.download = `${team.id}-${month}-v${view.version}.month.json`
      document.body.append(link)
      link.click()
      link.remove()
    } catch (e) {
      fail(e)
    }
  }

  const upload = async (file: File | undefined) => {
    if (!file) return
    setMessage(null)
    let parsed: unknown
    try {
      parsed = JSON.parse(await file.text())
    } catch {
      return setMessage({ ok: false, text: t('uploadNotJson', { name: file.name }) })
    }
    const month = (parsed as Partial<MonthFile>).month
    if (typeof month !== 'string') return setMessage({ ok: false, text: t('uploadNoMonth') })
    try {
      const info = await api.importMonth(team.id, month, parsed as MonthFile)
      setMessage({ ok: true, text: t('uploaded', { month: monthLabel(month, lang), version: info.version }) })
      load()
    } catch (e) {
      fail(e)
    }
  }

  return (
    <section className="page narrow" aria-labelledby="months-title">
      <h1 id="months-title">
        {t('monthsTitle')} · {team.name}
      </h1>
      <div className="card">
        <p className="help">{t('startHelp')}</p>
        <div className="row">
          {!last && (
            <label className="inline-field">
              <span>{t('month')}</span>
              <input type="month" value={next} onChange={e => e.target.value && setChosen(e.target.value)} />
            </label>
          )}
          <button type="button" className="primary" disabled={busy} onClick={() => void start()}>
            {t('startMonth', { month: monthLabel(next, lang) })}
          </button>
          <label className="button-like">
            {t('uploadMonth')}
            <input
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              onChange={e => {
                void upload(e.target.files?.[0])
                e.target.value = ''
              }}
            />
          </label>
        </div>
        {message && (
          <p className={message.ok ? 'ok' : 'error pre'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
      </div>
      {team.months.length === 0 ? (
        <p className="help">{t('noMonths')}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>{t('month')}</th>
              <th>{t('monthState')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {[...team.months].reverse().map(m => (
              <tr key={m.month}>
                <td>
                  <Link to={`/roster?month=${m.month}`}>{monthLabel(m.month, lang)}</Link>
                </td>
                <td>
                  {m.state === 'published' ? t('statePublished') : t('stateDraft')} · v{m.latestVersion}
                </td>
                <td>
                  <button type="button" onClick={() => void downloadFile(m.month)}>
                    {t('downloadMonth')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
