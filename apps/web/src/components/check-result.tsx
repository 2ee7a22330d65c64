import type { Violation } from '@paiban/domain'
import { useI18n } from '../i18n/i18n'

/** Whom a verdict speaks to: the person sending a request, the one deciding it, or a report's reader. */
export type Wording = 'sender' | 'approver' | 'report'

const HEAD = {
  sender: { ok: 'wouldBeAllowed', refused: 'wouldBeRefused' },
  approver: { ok: 'approvalAllowed', refused: 'approvalRefused' },
  report: { ok: 'reportClean', refused: 'reportHard' },
} as const

/**
 * A what-if's verdict: allowed, or the hard rules it breaks (by rule id), then soft notes. Worded
 * for the person sending the request, the one deciding it (`approver`), or (`report`) a month's
 * compliance report, which states what is broken rather than what may be sent.
 */
export function CheckResultView({
  violations,
  testId,
  wording = 'sender',
  coverApart = false,
}: {
  violations: readonly Violation[]
  testId?: string
  wording?: Wording
  /**
   * Leave: a shift left short (COVER-*) is the supervisor's to solve, not a refusal; it is listed
   * apart as "needs cover".
   */
  coverApart?: boolean
}) {
  const { t, say } = useI18n()
  const isCover = (v: Violation) => coverApart && v.severity === 'hard' && v.rule.startsWith('COVER-')
  const hard = violations.filter(v => v.severity === 'hard' && !isCover(v))
  const cover = violations.filter(isCover)
  const soft = violations.filter(v => v.severity === 'soft')
  return (
    <div
      className={`verdict ${hard.length === 0 ? 'ok' : 'refused'}`}
      role="status"
      aria-live="polite"
      data-testid={testId}
    >
      <p className="verdict-head">
        <span aria-hidden="true">{hard.length === 0 ? '✔' : '✖'}</span>{' '}
        {t(HEAD[wording][hard.length === 0 ? 'ok' : 'refused'])}
      </p>
      {hard.length > 0 && (
        <ul>
          {hard.map((v, i) => (
            <li key={i} data-rule={v.rule}>
              <span className="rule-id">{v.rule}</span> {say(v.message)}
            </li>
          ))}
        </ul>
      )}
      {cover.length > 0 && (
        <div className="needs-cover" data-testid={testId ? `${testId}-cover` : undefined}>
          <p>
            <span className="status needs-cover-badge">{t('needsCover')}</span>{' '}
            {t(wording === 'approver' ? 'approverCoverNote' : 'needsCoverNote')}
          </p>
          <ul>
            {cover.map((v, i) => (
              <li key={i} data-rule={v.rule}>
                {/* The rule's message tells the supervisor whom to add; the sender only needs which shift. */}
                {wording === 'sender' && v.date && v.shift
                  ? `${v.date} ${t(v.shift === 'D' ? 'cellNameD' : 'cellNameN')}`
                  : say(v.message)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {soft.length > 0 && (
        <>
          <p>{t('softNotes')}</p>
          <ul className="soft-notes">
            {soft.map((v, i) => (
              <li key={i} data-rule={v.rule}>
                <span className="rule-id">{v.rule}</span> {say(v.message)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
