import type { Violation } from '@paiban/domain'
import { useI18n } from '../i18n/i18n'

/**
 * A what-if's verdict: allowed, or the hard rules it breaks (by rule id), then soft notes. Worded
 * for the person sending the request, or (`approver`) for the one deciding it.
 */
export function CheckResultView({
  violations,
  testId,
  approver = false,
}: {
  violations: readonly Violation[]
  testId?: string
  approver?: boolean
}) {
  const { t, say } = useI18n()
  const hard = violations.filter(v => v.severity === 'hard')
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
        {hard.length === 0
          ? t(approver ? 'approvalAllowed' : 'wouldBeAllowed')
          : t(approver ? 'approvalRefused' : 'wouldBeRefused')}
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
