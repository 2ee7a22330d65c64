import { SHIFT_NAME } from '@paiban/rules'
import { useCallback, useEffect, useRef, useState } from 'react'
import { api, ApiError, errorText } from '../api/client'
import type { DecisionResult, InboxItem, Me } from '../api/types'
import { dateLabel, instantLabel } from '../i18n/format'
import { useI18n } from '../i18n/i18n'
import { CheckResultView } from './check-result'

/** A decision made on this page, kept in view after the list refreshes without the item. */
type Decided = { key: string; item: InboxItem; result: DecisionResult }

/**
 * A sick leave whose certificate was recorded here: a team leader's item leaves the list with it
 * (nothing else waits for them), so the acknowledgement is kept in view like a decision's.
 */
type Certified = { key: string; item: InboxItem }

const keyOf = (item: InboxItem) => `${item.kind}:${item.request.id}:${item.as}`

type Load =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'error'; message: string }
  | { state: 'ready'; items: InboxItem[] }

/**
 * The requests waiting for the signed-in person (proposed route `GET /api/inbox`), newest first,
 * each with its rule check and approve / reject (a reason is required to reject).
 */
export function InboxList({
  me,
  filter,
  onDecided,
}: {
  me: Me
  filter?: (item: InboxItem) => boolean
  onDecided?: () => Promise<void>
}) {
  const { t } = useI18n()
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  // The refreshed list drops a decided item, or brings it back at its next step (a leader who is
  // also the counterpart decides twice): the acknowledgement must not live inside that item.
  const [decided, setDecided] = useState<Decided[]>([])
  const [certified, setCertified] = useState<Certified[]>([])
  // Loads can overlap (a decision refreshes while another load is on its way): only the latest
  // one may set the list, or an older answer could bring back a request already decided.
  const latest = useRef(0)
  const refresh = useCallback(() => {
    const ticket = ++latest.current
    const settle = (next: Load) => {
      if (ticket === latest.current) setLoad(next)
    }
    api.inbox().then(
      items => settle({ state: 'ready', items }),
      (e: unknown) =>
        settle(
          e instanceof ApiError && e.isMissingRoute
            ? { state: 'missing' }
            : { state: 'error', message: (e as Error).message },
        ),
    )
  }, [])
  useEffect(refresh, [refresh, me.login])

  if (load.state === 'loading') return <p role="status">{t('loading')}</p>
  if (load.state === 'missing')
    return <p className="unavailable">{t('notAvailable', { route: 'GET /api/inbox' })}</p>
  if (load.state === 'error') return <p role="alert">{t('errorPrefix', { message: load.message })}</p>
  // Until the refresh answers, the list still holds what was just decided.
  const done = new Set(decided.map(d => d.key))
  const items = load.items.filter(item => !done.has(keyOf(item)) && (filter?.(item) ?? true))
  // A recorded certificate whose item is still listed shows its note there; gone, it stays here.
  const listed = new Set(items.map(keyOf))
  const recorded = certified.filter(c => !listed.has(c.key) && !done.has(c.key))
  if (items.length === 0 && decided.length === 0 && recorded.length === 0) return <p>{t('inboxEmpty')}</p>
  return (
    <>
      {items.length === 0 && <p>{t('inboxEmpty')}</p>}
      <ul className="inbox" data-testid="inbox">
        {items.map(item => (
          <InboxEntry
            key={keyOf(item)}
            item={item}
            onDone={async result => {
              setDecided(list => [{ key: keyOf(item), item, result }, ...list])
              refresh()
              await onDecided?.()
            }}
            onCertified={() => {
              setCertified(list => [{ key: keyOf(item), item }, ...list.filter(c => c.key !== keyOf(item))])
              refresh()
            }}
          />
        ))}
        {decided.map(d => (
          <DecidedEntry key={`done:${d.key}`} decided={d} />
        ))}
        {recorded.map(c => (
          <CertifiedEntry key={`certified:${c.key}`} item={c.item} />
        ))}
      </ul>
    </>
  )
}

function DecidedEntry({ decided: { item, result } }: { decided: Decided }) {
  const { t, lang } = useI18n()
  const outcome =
    result.status === 'rejected'
      ? t('decidedRejected')
      : result.status === 'approved'
        ? result.version === undefined
          ? t('decidedApproved')
          : t('decidedApplied', { version: result.version })
        : t('decidedNextStep')
  return (
    <li className="card inbox-item decided" data-request={item.request.id} data-status={result.status}>
      <h3>{useItemTitle(item)}</h3>
      <p className="ok" role="status">
        {t('decided')}
        {lang === 'en' ? ' ' : ''}
        {outcome}
      </p>
    </li>
  )
}

function CertifiedEntry({ item }: { item: InboxItem }) {
  const { t } = useI18n()
  return (
    <li className="card inbox-item decided" data-request={item.request.id} data-status="certified">
      <h3>{useItemTitle(item)}</h3>
      <p className="ok" role="status">
        {t('certificateRecorded')}
      </p>
    </li>
  )
}

/** The one-line summary of a request: who swaps with whom on which day, or whose leave. */
function useItemTitle(item: InboxItem): string {
  const { t, lang } = useI18n()
  if (item.kind === 'swap')
    return t('inboxSwap', {
      requester: item.requesterName ?? item.request.requester,
      counterpart: item.counterpartName ?? item.request.counterpart,
      date:
        dateLabel(item.request.date, lang) +
        (item.request.returnDate ? t('swapReturn', { date: dateLabel(item.request.returnDate, lang) }) : ''),
    })
  return t('inboxLeave', {
    agent: item.agentName ?? item.request.agentId,
    date: dateLabel(item.request.date, lang),
    shift: SHIFT_NAME[item.request.shift][lang],
    kind: t(`leave_${item.request.kind}`),
  })
}

function InboxEntry({
  item,
  onDone,
  onCertified,
}: {
  item: InboxItem
  onDone: (result: DecisionResult) => Promise<void>
  /** The certificate was recorded (no decision): keep it acknowledged and reload the list. */
  onCertified: () => void
}) {
  const { t, lang } = useI18n()
  const title = useItemTitle(item)
  const [reason, setReason] = useState('')
  // Leave that leaves a shift short: the replacement picked per gap, or "approve it short".
  const [picked, setPicked] = useState<Record<string, string>>({})
  const [short, setShort] = useState(false)
  const [suggest, setSuggest] = useState(false)
  const gaps = item.kind === 'leave' ? (item.cover ?? []) : []
  const gapKey = (g: { date: string; shift: string }) => `${g.date}|${g.shift}`
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const id = `reason-${item.kind}-${item.request.id}`
  const decide = async (decision: 'approve' | 'reject') => {
    if (decision === 'reject' && reason.trim() === '') {
      setError(t('reasonRequired'))
      return
    }
    setBusy(true)
    try {
      const cover = gaps.flatMap(g => {
        const agentId = picked[gapKey(g)]
        return agentId ? [{ agentId, date: g.date, shift: g.shift }] : []
      })
      const result = await api.decide(
        item,
        decision,
        reason.trim(),
        decision === 'approve' && gaps.length > 0 ? { cover, leaveShort: short } : {},
      )
      await onDone(result)
    } catch (e) {
      setBusy(false)
      setError(
        e instanceof ApiError && e.isMissingRoute
          ? t('notAvailable', { route: 'POST …/decision' })
          : t('errorPrefix', { message: errorText(e, lang) }),
      )
    }
  }
  const certify = async () => {
    setBusy(true)
    try {
      await api.certificate(item, true)
      setError(null)
      setNote(t('certificateRecorded'))
      onCertified()
    } catch (e) {
      setError(t('errorPrefix', { message: (e as Error).message }))
    } finally {
      setBusy(false)
    }
  }
  // Sick leave without its certificate: the team leader (or supervisor) records it handed in.
  const needsCertificate = item.kind === 'leave' && item.request.kind === 'sick' && !item.request.certificate
  // A team leader's leave item is a certificate to collect, not a decision.
  const decides = !(item.kind === 'leave' && item.as === 'teamLeader')
  return (
    <li className="card inbox-item" data-request={item.request.id}>
      <h3>{title}</h3>
      <p className="note">
        {t('inboxAs', { role: t(`approvalRole_${item.as}`) })} ·{' '}
        {t('submittedAt', { at: instantLabel(item.request.submittedAt, 'Asia/Shanghai') })}
      </p>
      {item.escalated && (
        <p className="escalated" data-testid="escalated">
          {t(item.escalated.reason === 'overdue' ? 'escalatedOverdue' : 'escalatedNoSignIn', {
            hours: String(item.escalated.hours),
            role: t(`approvalRole_${item.escalated.waiting.role}`),
            name: item.escalated.waiting.name ?? '',
          })}
          <br />
          <span className="note">{t('escalatedHelp')}</span>
        </p>
      )}
      <CheckResultView
        violations={item.check.violations}
        wording="approver"
        coverApart={item.kind === 'leave'}
      />
      {!item.escalated && item.then && (
        <p className="note" data-testid="then-steps">
          {item.then.length === 0
            ? t('lastStep')
            : t('thenSteps', { steps: item.then.map(step => t(`approvalRole_${step}`)).join(' → ') })}
        </p>
      )}
      {gaps.length > 0 && !item.escalated && (
        <div className="cover-fix" data-testid="cover-fix">
          {!suggest ? (
            <button type="button" onClick={() => setSuggest(true)}>
              {t('suggestFix')}
            </button>
          ) : (
            gaps.map(g => (
              <fieldset key={gapKey(g)} className="cover-gap">
                <legend>
                  {t('coverCandidates', { date: dateLabel(g.date, lang), shift: SHIFT_NAME[g.shift][lang] })}
                </legend>
                {g.candidates.length === 0 && <p className="note">{t('noCandidates')}</p>}
                {g.candidates.map(c => (
                  <label key={c.agentId} className="check">
                    <input
                      type="radio"
                      name={`cover-${item.request.id}-${gapKey(g)}`}
                      value={c.agentId}
                      checked={picked[gapKey(g)] === c.agentId}
                      onChange={() => {
                        setPicked(p => ({ ...p, [gapKey(g)]: c.agentId }))
                        setShort(false)
                      }}
                    />{' '}
                    {c.name}
                  </label>
                ))}
              </fieldset>
            ))
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={short}
              onChange={e => {
                setShort(e.target.checked)
                if (e.target.checked) setPicked({})
              }}
            />{' '}
            {t('approveShort')}
          </label>
        </div>
      )}
      {item.kind === 'leave' && item.reminder && (
        <p
          className={`notice ${item.reminder.state === 'overdue' ? 'error' : 'info'}`}
          data-testid="cert-reminder"
        >
          {item.reminder.message[lang]}
        </p>
      )}
      {needsCertificate && (
        <div className="row">
          <span className="note">{t('certificatePending')}</span>
          <button type="button" disabled={busy} onClick={() => void certify()}>
            {t('markCertificate')}
          </button>
        </div>
      )}
      {decides && (
        <>
          <label htmlFor={id}>{t('reason')}</label>
          <textarea id={id} rows={2} value={reason} onChange={e => setReason(e.target.value)} />
          <div className="row">
            {!item.escalated && (
              <button
                type="button"
                className="primary"
                disabled={busy || (gaps.length > 0 && !short && gaps.some(g => !picked[gapKey(g)]))}
                onClick={() => void decide('approve')}
              >
                {gaps.length > 0 && !short && Object.keys(picked).length > 0
                  ? t('approveWithCover', {
                      name: gaps
                        .map(g => g.candidates.find(c => c.agentId === picked[gapKey(g)])?.name ?? '')
                        .filter(Boolean)
                        .join('、'),
                    })
                  : t('approve')}
              </button>
            )}
            <button type="button" disabled={busy} onClick={() => void decide('reject')}>
              {t('reject')}
            </button>
          </div>
        </>
      )}
      {note && !error && (
        <p className="ok" role="status">
          {note}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  )
}
