import type { Job, MonthFile, Shift } from '@paiban/domain'
import { JOB_NAME, SHIFT_NAME } from '@paiban/rules'
import type { FillHoleResult, HoleCandidate } from '@paiban/solver/fill-hole'
import { useEffect, useMemo, useRef } from 'react'
import { dateLabel } from '../i18n/format'
import { useI18n } from '../i18n/i18n'
import type { LiveCheck } from '../grid/live-check'
import { suggestFill } from '../grid/suggest'
import { CELL_LOOK } from './cells'

export type SuggestTarget = { readonly index: number; readonly shift: Shift; readonly job: Job }

/** Candidates listed one by one below the suggested set. */
const SHOWN = 12

/**
 * "Suggest a fix" for an uncovered shift: the solver's fillHole on the roster as edited, its
 * suggested set first (one button puts them all on the shift), then every candidate with what it
 * would add, and who cannot take it and why.
 */
export function SuggestDialog({
  file,
  live,
  target,
  onApply,
  onClose,
}: {
  file: MonthFile
  live: LiveCheck
  target: SuggestTarget
  onApply: (agentIds: readonly string[]) => void
  onClose: () => void
}) {
  const { t, lang } = useI18n()
  const dialog = useRef<HTMLDialogElement>(null)
  // The target changes only by reopening; the roster does not change while the dialog is modal.
  const result = useMemo(
    () => suggestFill(file, live, target.index, target.shift, target.job),
    [file, live, target],
  )
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
      {!result || result.candidates.length === 0 ? (
        <p>{t('suggestNone')}</p>
      ) : (
        <>
          <SuggestedSet result={result} onApply={onApply} />
          <ul className="candidates">
            {result.candidates.slice(0, SHOWN).map(c => (
              <CandidateLine key={c.agentId} candidate={c} onApply={onApply} />
            ))}
          </ul>
        </>
      )}
      {result && result.rejected.length > 0 && <RejectedList result={result} live={live} />}
      <p className="note">{t('suggestSource')}</p>
      <form method="dialog">
        <button type="submit">{t('close')}</button>
      </form>
    </dialog>
  )
}

/** The cheapest set that fills the shortfall, with one button for all of them. */
function SuggestedSet({
  result,
  onApply,
}: {
  result: FillHoleResult
  onApply: (agentIds: readonly string[]) => void
}) {
  const { t } = useI18n()
  const chosen = result.candidates.filter(c => c.chosen)
  if (chosen.length === 0) return null
  return (
    <div className="suggestion" data-testid="suggestion">
      <p>
        {t('suggestNeeded', { n: result.needed })}
        {result.leadsNeeded > 0 ? ` ${t('suggestLeads', { n: result.leadsNeeded })}` : ''}
      </p>
      <p>
        <strong>{t('suggestBest', { names: chosen.map(c => c.name).join(t('listSeparator')) })}</strong>
      </p>
      {!result.filled && <p className="error">{t('suggestNotEnough')}</p>}
      <button type="button" className="primary" autoFocus onClick={() => onApply(chosen.map(c => c.agentId))}>
        {t('suggestApplyAll', { n: chosen.length })}
      </button>
    </div>
  )
}

function CandidateLine({
  candidate: c,
  onApply,
}: {
  candidate: HoleCandidate
  onApply: (agentIds: readonly string[]) => void
}) {
  const { t, say } = useI18n()
  return (
    <li data-agent={c.agentId} className={c.chosen ? 'chosen' : undefined}>
      <button type="button" onClick={() => onApply([c.agentId])}>
        {t('suggestApply', { name: c.name })}
      </button>{' '}
      <span className="note">
        {c.chosen && <span className="tag">{t('suggestChosen')}</span>}
        {c.lead && <span className="tag">{t('suggestLead')}</span>}
        {t('suggestWas', { was: t(CELL_LOOK[c.from].name) })} ·{' '}
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
  )
}

/** Agents off that day who would break a hard rule by working, folded. */
function RejectedList({ result, live }: { result: FillHoleResult; live: LiveCheck }) {
  const { t } = useI18n()
  return (
    <details className="rejected">
      <summary>{t('suggestRejected', { n: result.rejected.length })}</summary>
      <ul>
        {result.rejected.map(r => (
          <li key={r.agentId}>
            {live.ctx.agentById.get(r.agentId)?.name ?? r.agentId}:{' '}
            {[...new Set(r.violations.map(v => v.rule))].join(', ')}
          </li>
        ))}
      </ul>
    </details>
  )
}
