import type { EmergencyLeaveResult, Job, MonthFile, Shift } from '@paiban/domain'
import { JOB_NAME, SHIFT_NAME } from '@paiban/rules'
import { useEffect, useState } from 'react'
import { api, ApiError, errorText } from '../api/client'
import { gapTargets } from '../grid/gap'
import { dateLabel } from '../i18n/format'
import { useI18n } from '../i18n/i18n'

/** Who the leave is for, and which shift. */
export type EmergencyTarget = {
  readonly agentId: string
  readonly name: string
  readonly job: Job
  readonly date: string
  readonly shift: Shift
}

/** A filed emergency leave with the person it is for (the gap is named by their shift). */
export type Filed = { readonly target: EmergencyTarget; readonly result: EmergencyLeaveResult }

/** A refusal in words: the server's text, then the rules it names (LEAVE-EMERGENCY when too late). */
function refusal(e: unknown, lang: 'zh' | 'en'): string {
  const rules = e instanceof ApiError ? (e.violations ?? []).map(v => `${v.rule}: ${v.message[lang]}`) : []
  return [errorText(e, lang), ...rules].join(' · ')
}

/**
 * LEAVE-EMERGENCY, asked once and confirmed once: the team leader (phone page) or the supervisor
 * (cell tools) files emergency sick leave for `target`'s shift; `onFiled` gets the server's answer
 * (the new version and the gap it leaves). A refusal is shown in words with its rule.
 */
export function EmergencyLeaveButton({
  team,
  target,
  disabled = false,
  big = false,
  onFiled,
}: {
  team: string
  target: EmergencyTarget
  disabled?: boolean
  /** The phone page's 44-px targets. */
  big?: boolean
  onFiled: (filed: Filed) => void | Promise<void>
}) {
  const { t, lang } = useI18n()
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    setConfirming(false)
    setError(null)
  }, [target.agentId, target.date, target.shift])
  const file = async () => {
    setBusy(true)
    setError(null)
    try {
      const result = await api.emergencyLeave(team, target.date.slice(0, 7), {
        agentId: target.agentId,
        date: target.date,
      })
      setConfirming(false)
      await onFiled({ target, result })
    } catch (e) {
      setError(t('errorPrefix', { message: refusal(e, lang) }))
    } finally {
      setBusy(false)
    }
  }
  const size = big ? 'big' : undefined
  return (
    <span className="emergency">
      {!confirming ? (
        <button
          type="button"
          className={size}
          disabled={disabled}
          aria-label={t('emergencyLeaveFor', { name: target.name })}
          onClick={() => setConfirming(true)}
        >
          {t('emergencyLeave')}
        </button>
      ) : (
        <span
          className="emergency-confirm"
          role="group"
          aria-label={t('emergencyLeaveFor', { name: target.name })}
        >
          <span>
            {t('emergencyConfirm', {
              name: target.name,
              date: dateLabel(target.date, lang),
              shift: SHIFT_NAME[target.shift][lang],
            })}
          </span>
          <button
            type="button"
            className={`${size ?? ''} danger`.trim()}
            disabled={busy}
            onClick={() => void file()}
          >
            {t('emergencyFile')}
          </button>
          <button type="button" className={size} disabled={busy} onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </span>
      )}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </span>
  )
}

/**
 * What an emergency leave left, on the phone: the certificate's due date, each short shift in
 * words, and "suggest a fix" — fillHole's cheapest set on the month as filed, for the supervisor to
 * apply on the grid in one step (a team leader does not edit the roster).
 */
export function EmergencyGap({ team, filed }: { team: string; filed: Filed }) {
  const { t, lang, say } = useI18n()
  const { target, result } = filed
  const targets = gapTargets(result.gap, target.job)
  const [names, setNames] = useState<Record<string, string[] | null>>({})
  const [file, setFile] = useState<MonthFile | null>(null)
  const suggest = async () => {
    const [{ fillHole }, view] = await Promise.all([
      import('@paiban/solver/fill-hole'),
      file ? Promise.resolve({ file }) : api.month(team, target.date.slice(0, 7)),
    ])
    setFile(view.file)
    setNames(
      Object.fromEntries(
        targets.map(g => {
          const r = fillHole(view.file, g.date, g.shift, g.job)
          const chosen = r.candidates.filter(c => c.chosen).map(c => c.name)
          return [`${g.date}|${g.shift}|${g.job}`, chosen.length > 0 ? chosen : null]
        }),
      ),
    )
  }
  return (
    <div className="emergency-gap" role="status">
      <p>
        {t('emergencyFiled', { name: target.name, version: result.version })}{' '}
        {result.certificateDue &&
          t('emergencyCertificateDue', { date: dateLabel(result.certificateDue, lang) })}
      </p>
      {result.gap.length === 0 ? (
        <p>{t('emergencyNoGap')}</p>
      ) : (
        <>
          <p>
            <strong>{t('emergencyGap')}</strong>
          </p>
          <ul>
            {result.gap.map((v, i) => (
              <li key={i}>
                {v.rule}: {say(v.message)}
              </li>
            ))}
          </ul>
          {Object.keys(names).length === 0 ? (
            <button type="button" className="big" onClick={() => void suggest()}>
              {t('suggestFix')}
            </button>
          ) : (
            <ul className="gap-suggestions">
              {targets.map(g => {
                const chosen = names[`${g.date}|${g.shift}|${g.job}`]
                return (
                  <li key={`${g.date}|${g.shift}|${g.job}`}>
                    {dateLabel(g.date, lang)} {SHIFT_NAME[g.shift][lang]} {JOB_NAME[g.job][lang]}:{' '}
                    {chosen
                      ? t('emergencySupervisorApplies', { names: chosen.join(t('listSeparator')) })
                      : t('emergencyNoCandidate')}
                  </li>
                )
              })}
            </ul>
          )}
        </>
      )}
    </div>
  )
}
