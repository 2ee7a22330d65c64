import { useState } from 'react'
import { api, ApiError, download } from '../api/client'
import type { Me } from '../api/types'
import { MonthPicker, useMonthChoice } from '../components/month-picker'
import { useI18n } from '../i18n/i18n'

/** HR (and supervisors): the payroll table of a team and month as CSV or XLSX. */
export function PayrollPage({ me, month: requested }: { me: Me; month: string | null }) {
  const { t } = useI18n()
  const choice = useMonthChoice(me, requested, 'current')
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  if (choice.state === 'loading') return <p role="status">{t('loading')}</p>
  if (choice.state === 'error') return <p role="alert">{t('errorPrefix', { message: choice.message })}</p>
  const { team, month } = choice

  const get = async (format: 'csv' | 'xlsx') => {
    if (!month) return
    setBusy(true)
    setMessage(null)
    try {
      await download(api.payrollUrl(team.id, month, format), `payroll-${team.id}-${month}.${format}`)
      setMessage({ ok: true, text: t('downloaded') })
    } catch (e) {
      setMessage({
        ok: false,
        text:
          e instanceof ApiError && e.isMissingRoute
            ? t('notAvailable', { route: 'GET …/payroll?format=csv|xlsx' })
            : t('errorPrefix', { message: (e as Error).message }),
      })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="page narrow" aria-labelledby="payroll-title">
      <h1 id="payroll-title">{t('payrollTitle')}</h1>
      <p className="help">{t('payrollHelp')}</p>
      <div className="row">
        <span className="inline-field">
          <span>{t('team')}</span>
          <strong>{team.name}</strong>
        </span>
        {month ? <MonthPicker team={team} month={month} path="/payroll" /> : <p>{t('noMonths')}</p>}
      </div>
      <div className="row">
        <button type="button" className="primary" disabled={!month || busy} onClick={() => void get('csv')}>
          {t('downloadCsv')}
        </button>
        <button type="button" disabled={!month || busy} onClick={() => void get('xlsx')}>
          {t('downloadXlsx')}
        </button>
      </div>
      {message && (
        <p className={message.ok ? 'ok' : 'unavailable'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  )
}
