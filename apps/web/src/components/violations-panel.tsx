import type { Job, Shift, Violation } from '@paiban/domain'
import { memo, useMemo } from 'react'
import { useI18n } from '../i18n/i18n'

/** Items drawn per rule before "n more…" (keeps a month with hundreds of remarks light). */
const PER_GROUP = 40

type Group = { rule: string; severity: 'hard' | 'soft'; items: Violation[] }

function groupByRule(violations: readonly Violation[]): { hard: Group[]; soft: Group[] } {
  const groups = new Map<string, Group>()
  for (const v of violations) {
    const key = `${v.severity}:${v.rule}`
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { rule: v.rule, severity: v.severity, items: [] }))
    g.items.push(v)
  }
  const all = [...groups.values()].sort((a, b) => a.rule.localeCompare(b.rule))
  return { hard: all.filter(g => g.severity === 'hard'), soft: all.filter(g => g.severity === 'soft') }
}

export type ViolationsPanelProps = {
  readonly violations: readonly Violation[]
  /** Moves the grid's focus to a violation's cell (or its date column). */
  readonly onJump: (v: Violation) => void
  /** For a coverage shortfall: opens "suggest a fix" (none in a read-only view). */
  readonly onSuggest?: (date: string, shift: Shift, job: Job) => void
}

/**
 * Every violation of the month at once, grouped by rule id: hard rules first (must fix, open), soft
 * ones after (could improve, folded). Each item jumps to its cell; a coverage shortfall also
 * offers "suggest a fix".
 */
export const ViolationsPanel = memo(function ViolationsPanel({
  violations,
  onJump,
  onSuggest,
}: ViolationsPanelProps) {
  const { t, say } = useI18n()
  const { hard, soft } = useMemo(() => groupByRule(violations), [violations])
  const hardCount = hard.reduce((n, g) => n + g.items.length, 0)
  const softCount = soft.reduce((n, g) => n + g.items.length, 0)

  const renderGroup = (g: Group) => (
    <details
      key={`${g.severity}:${g.rule}`}
      className={`rule-group ${g.severity}`}
      open={g.severity === 'hard'}
      data-rule={g.rule}
    >
      <summary>
        <span className={`sev-badge ${g.severity}`}>
          <span aria-hidden="true">{g.severity === 'hard' ? '✖' : '⚠'}</span> {t(g.severity)}
        </span>
        <span className="rule-id">{g.rule}</span>
        <span className="count">{g.items.length}</span>
      </summary>
      <ul>
        {g.items.slice(0, PER_GROUP).map((v, i) => (
          <li
            key={`${v.agentId ?? ''}:${v.date ?? ''}:${v.shift ?? ''}:${v.job ?? ''}:${v.requestId ?? ''}:${i}`}
            data-agent={v.agentId}
            data-date={v.date}
            data-shift={v.shift}
            data-job={v.job}
          >
            <button type="button" className="link" onClick={() => onJump(v)} title={t('jumpTo')}>
              {say(v.message)}
            </button>
            {onSuggest && v.rule === 'COVER-MIN' && v.date && v.shift && v.job && (
              <button
                type="button"
                className="small"
                onClick={() => v.date && v.shift && v.job && onSuggest(v.date, v.shift, v.job)}
              >
                {t('suggestFix')}
              </button>
            )}
          </li>
        ))}
        {g.items.length > PER_GROUP && (
          <li className="more">{t('moreItems', { n: g.items.length - PER_GROUP })}</li>
        )}
      </ul>
    </details>
  )

  return (
    <section className="violations" aria-labelledby="violations-title">
      <h2 id="violations-title">{t('violationsTitle')}</h2>
      <p className="summary" role="status" aria-live="polite">
        {violations.length === 0 ? (
          t('noViolations')
        ) : (
          <>
            <span className={`sev-badge hard${hardCount === 0 ? ' zero' : ''}`}>
              <span aria-hidden="true">✖</span> {t('hardCount', { n: hardCount })}
            </span>{' '}
            <span className="sev-badge soft">
              <span aria-hidden="true">⚠</span> {t('softCount', { n: softCount })}
            </span>
          </>
        )}
      </p>
      {hard.length > 0 && (
        <div className="sev-section">
          <h3>{t('hardRules')}</h3>
          {hard.map(renderGroup)}
        </div>
      )}
      {soft.length > 0 && (
        <div className="sev-section">
          <h3>{t('softRules')}</h3>
          {soft.map(renderGroup)}
        </div>
      )}
    </section>
  )
})
