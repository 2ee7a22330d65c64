import type { Job, Shift } from '@paiban/domain'
import { JOB_NAME, SHIFT_NAME } from '@paiban/rules'
import { useEffect, useMemo, useRef } from 'react'
import { dateLabel } from '../i18n/format'
import { useI18n } from '../i18n/i18n'
import type { LiveCheck } from '../grid/live-check'
import { suggestCover } from '../grid/suggest'
import { CELL_LOOK } from './cells'

export type SuggestTarget = { readonly index: number; readonly shift: Shift; readonly job: Job }

/**
 * "Suggest a fix" for an uncovered shift: the agents who could take it without breaking a hard
 * rule (a what-if per candidate, in the browser), each with a button that puts them on it.
 */
export function SuggestDialog({
  live,
  target,
  onApply,
  onClose,
}: {
  live: LiveCheck
  target: SuggestTarget
  onApply: (agentId: string) => void
  onClose: () => void
}) {
  const { t, lang, say } = useI18n()
  const dialog = useRef<HTMLDialogElement>(null)
  const candidates = useMemo(() => suggestCover(live, target.index, target.shift, target.job), [live, target])
  useEffect(() => {
    const el = dialog.current
    if (el && !el.open) el.showModal()
  }, [])
  const date = live.ctx.dates[target.index] ?? ''
  return (
    <dialog ref={dialog} className="suggest" aria-labelledby="suggest-title" onClose={onClose}>
      <h2 id="suggest-title">
        {t('suggestTitle', {
          date: dateLabel(date, lang),
          shift: SHIFT_NAME[target.shift][lang],
          job: JOB_NAME[target.job][lang],
        })}
      </h2>
      {candidates.length === 0 ? (
        <p>{t('suggestNone')}</p>
      ) : (
        <ul className="candidates">
          {candidates.slice(0, 12).map(c => (
            <li key={c.agentId}>
              <button type="button" onClick={() => onApply(c.agentId)}>
                {t('suggestApply', { name: c.name })}
              </button>{' '}
              <span className="note">
                {t('suggestWas', { was: t(CELL_LOOK[c.before].name) })} ·{' '}
                {c.soft.length === 0 ? t('suggestClean') : t('suggestSoft', { n: c.soft.length })}
              </span>
              {c.soft.length > 0 && (
                <ul className="soft-notes">
                  {c.soft.slice(0, 3).map((v, i) => (
                    <li key={i}>
                      {v.rule}: {say(v.message)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="note">{t('suggestSource')}</p>
      <form method="dialog">
        <button type="submit">{t('close')}</button>
      </form>
    </dialog>
  )
}
