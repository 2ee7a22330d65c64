import type { Cell, MonthFile, Violation } from '@paiban/domain'
import { useEffect, useState } from 'react'
import { api, errorText } from '../api/client'
import { dateLabel } from '../i18n/format'
import { useI18n } from '../i18n/i18n'
import { CELL_LOOK } from './cells'

type Found = { agentId: string; name: string; theirs: string; ok: boolean; violations: Violation[] }

/**
 * The swap finder: the agent picks a date and sees every colleague with whom a swap that day is
 * allowed, and, for the others, the rule that refuses it — checked on the server on the same state
 * as a sent request. "Choose" hands the colleague and date to the swap form.
 */
export function SwapFinder({
  file,
  agentId,
  team,
  onChoose,
}: {
  file: MonthFile
  agentId: string
  team: string
  onChoose: (counterpart: string, date: string) => void
}) {
  const { t, lang, say } = useI18n()
  const [date, setDate] = useState('')
  const [found, setFound] = useState<Found[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const row = file.roster?.[agentId] ?? ''
  useEffect(() => {
    setFound(null)
    setError(null)
    if (!date) return
    let live = true
    api.swapFinder(team, file.month, date).then(
      list => live && setFound(list),
      (e: unknown) => live && setError(t('errorPrefix', { message: errorText(e, lang) })),
    )
    return () => {
      live = false
    }
  }, [date, team, file.month, t, lang])
  const cellName = (c: string) => t(CELL_LOOK[(c in CELL_LOOK ? c : '?') as Cell].name)
  const allowed = found?.filter(f => f.ok) ?? []
  const refused = found?.filter(f => !f.ok) ?? []
  return (
    <section className="card swap-finder" aria-labelledby="finder-title" data-testid="swap-finder">
      <h2 id="finder-title">{t('swapFinder')}</h2>
      <p className="help">{t('swapFinderHelp')}</p>
      <label htmlFor="finder-date">{t('swapDate')}</label>
      <select id="finder-date" value={date} onChange={e => setDate(e.target.value)}>
        <option value="" />
        {[...row].map((cell, i) => {
          if (cell !== 'D' && cell !== 'N') return null
          const d = `${file.month}-${String(i + 1).padStart(2, '0')}`
          return (
            <option key={d} value={d}>
              {`${dateLabel(d, lang)} — ${cellName(cell)}`}
            </option>
          )
        })}
      </select>
      {error && <p role="alert">{error}</p>}
      {date && found === null && !error && <p role="status">{t('loading')}</p>}
      {found && (
        <>
          <p>{t('swapFinderAllowed')}</p>
          {allowed.length === 0 && <p className="note">{t('swapFinderNone')}</p>}
          <ul className="finder-ok" data-testid="finder-allowed">
            {allowed.map(f => (
              <li key={f.agentId} data-agent={f.agentId}>
                {f.name}（{cellName(f.theirs)}）{' '}
                <button type="button" className="small" onClick={() => onChoose(f.agentId, date)}>
                  {t('choose')}
                </button>
              </li>
            ))}
          </ul>
          {refused.length > 0 && (
            <details>
              <summary>
                {t('swapFinderRefused')} {refused.length}
              </summary>
              <ul className="finder-refused" data-testid="finder-refused">
                {refused.map(f => (
                  <li key={f.agentId} data-agent={f.agentId}>
                    <strong>{f.name}</strong>（{cellName(f.theirs)}）：
                    {f.violations.map(v => say(v.message)).join('；')}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  )
}
