import type { ComplianceReport } from '@paiban/domain'
import { useEffect, useState } from 'react'
import { api, ApiError, download } from '../api/client'
import type { Me } from '../api/types'
import { CheckResultView } from '../components/check-result'
import { MonthPicker, useMonthChoice } from '../components/month-picker'
import { useI18n } from '../i18n/i18n'

type Load =
  { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; report: ComplianceReport }

/** Supervisor, manager and hr: the team's monthly compliance report, on screen and as CSV. */
export function CompliancePage({ me, month: requested }: { me: Me; month: string | null }) {
  const { t, say, lang } = useI18n()
  const choice = useMonthChoice(me, requested, 'current')
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [message, setMessage] = useState<string | null>(null)
  const team = choice.state === 'ready' ? choice.team : null
  const month = choice.state === 'ready' ? choice.month : null
  useEffect(() => {
    if (!team || !month) return
    setLoad({ state: 'loading' })
    api.compliance(team.id, month).then(
      report => setLoad({ state: 'ready', report }),
      (e: unknown) =>
        setLoad({
          state: 'error',
          message:
            e instanceof ApiError && e.isMissingRoute
              ? t('notAvailable', { route: 'GET …/compliance' })
              : (e as Error).message,
        }),
    )
  }, [team, month, t])

  if (choice.state === 'loading') return <p role="status">{t('loading')}</p>
  if (choice.state === 'error') return <p role="alert">{t('errorPrefix', { message: choice.message })}</p>

  const csv = async () => {
    if (!team || !month) return
    setMessage(null)
    try {
      await download(api.complianceUrl(team.id, month, lang), `compliance-${team.id}-${month}.csv`)
      setMessage(t('downloaded'))
    } catch (e) {
      setMessage(t('errorPrefix', { message: (e as Error).message }))
    }
  }

  return (
    <section className="page narrow" aria-labelledby="compliance-title">
      <h1 id="compliance-title">{t('complianceTitle')}</h1>
      <p className="help">{t('complianceHelp')}</p>
      <div className="row">
        <span className="inline-field">
          <span>{t('team')}</span>
          <strong>{choice.team.name}</strong>
        </span>
        {month ? <MonthPicker team={choice.team} month={month} path="/compliance" /> : <p>{t('noMonths')}</p>}
        <button type="button" className="primary" disabled={!month} onClick={() => void csv()}>
          {t('downloadCsv')}
        </button>
      </div>
      {message && <p role="status">{message}</p>}
      {load.state === 'loading' && month && <p role="status">{t('loading')}</p>}
      {load.state === 'error' && <p role="alert">{t('errorPrefix', { message: load.message })}</p>}
      {load.state === 'ready' && (
        <div data-testid="compliance">
          <p>{t('complianceSummary', { ...load.report.summary })}</p>
          <CheckResultView violations={load.report.violations} wording="report" />
          <h2>{t('complianceExceptions')}</h2>
          {load.report.exceptions.length === 0 ? (
            <p>{t('complianceNone')}</p>
          ) : (
            <ul>
              {load.report.exceptions.map(e => (
                <li key={`${e.leaveId}:${e.rule}`} data-rule={e.rule}>
                  <span className="rule-id">{e.rule}</span> {say(e.message)}
                </li>
              ))}
            </ul>
          )}
          <h2>{t('complianceLate')}</h2>
          {load.report.late.length === 0 ? (
            <p>{t('complianceNone')}</p>
          ) : (
            <ul>
              {load.report.late.map((l, i) => (
                <li key={`${l.id}:${i}`}>{say(l.message)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  )
}
