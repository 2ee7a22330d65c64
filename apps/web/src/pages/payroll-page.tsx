import type { PayrollSheet } from '@paiban/domain'
import { useEffect, useState } from 'react'
import { api, ApiError, download } from '../api/client'
import type { Me } from '../api/types'
import { ClockImportPanel } from '../components/clock-import'
import { MonthPicker, useMonthChoice } from '../components/month-picker'
import { monthLabel } from '../i18n/format'
import { useI18n } from '../i18n/i18n'

/** HR (and supervisors): the payroll table of a team and month as CSV or XLSX. */
export function PayrollPage({ me, month: requested }: { me: Me; month: string | null }) {
  const { t } = useI18n()
  const choice = useMonthChoice(me, requested, 'current')
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  // Bumped after a clock import so the table shows the stored record.
  const [imports, setImports] = useState(0)
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
      {month && me.role === 'supervisor' && (
        <ClockImportPanel team={team.id} month={month} onStored={() => setImports(n => n + 1)} />
      )}
      {month && <PayrollTableView key={imports} team={team.id} month={month} />}
    </section>
  )
}

type Cell = PayrollSheet['totals'][number]

/** The month's payroll table as the export has it: one row per agent and the totals row. */
function PayrollTableView({ team, month }: { team: string; month: string }) {
  const { t, lang } = useI18n()
  const [sheet, setSheet] = useState<PayrollSheet | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    setSheet(null)
    api.payrollSheet(team, month).then(
      s => live && setSheet(s),
      (e: unknown) => live && setError((e as Error).message),
    )
    return () => {
      live = false
    }
  }, [team, month])
  if (error) return <p role="alert">{t('errorPrefix', { message: error })}</p>
  if (!sheet) return <p role="status">{t('loading')}</p>
  const show = (c: Cell) => (typeof c === 'object' ? c[lang] : String(c))
  return (
    <div className="payroll-table-wrap">
      {sheet.warnings.map((w, i) => (
        <p key={i} className="notice info" role="note">
          {w[lang]}
        </p>
      ))}
      <table className="payroll-table">
        <caption>
          {t('payrollTableCaption', { month: monthLabel(month, lang), version: sheet.version })}
        </caption>
        <thead>
          <tr>
            {sheet.columns.map(c => (
              <th key={c.key} scope="col" data-key={c.key}>
                {c.header[lang]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sheet.rows.map(r => (
            <tr key={r.agentId} data-agent={r.agentId}>
              {r.cells.map((c, i) => (
                <td key={sheet.columns[i]?.key ?? i} data-key={sheet.columns[i]?.key}>
                  {show(c)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            {sheet.totals.map((c, i) => (
              <th key={sheet.columns[i]?.key ?? i} scope={i === 0 ? 'row' : undefined}>
                {show(c)}
              </th>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  )
}
