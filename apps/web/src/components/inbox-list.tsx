import { SHIFT_NAME } from '@paiban/rules'
import { useCallback, useEffect, useState } from 'react'
import { api, ApiError } from '../api/client'
import type { InboxItem, Me } from '../api/types'
import { dateLabel, instantLabel } from '../i18n/format'
import { useI18n } from '../i18n/i18n'
import { CheckResultView } from './check-result'

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
  const refresh = useCallback(() => {
    api.inbox().then(
      items => setLoad({ state: 'ready', items }),
      (e: unknown) =>
        setLoad(
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
  const items = filter ? load.items.filter(filter) : load.items
  if (items.length === 0) return <p>{t('inboxEmpty')}</p>
  return (
    <ul className="inbox" data-testid="inbox">
      {items.map(item => (
        <InboxEntry
          key={`${item.kind}:${item.request.id}:${item.as}`}
          item={item}
          onDone={async () => {
            refresh()
            await onDecided?.()
          }}
        />
      ))}
    </ul>
  )
}

function InboxEntry({ item, onDone }: { item: InboxItem; onDone: () => Promise<void> }) {
  const { t, lang } = useI18n()
  const [reason, setReason] = useState('')
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const id = `reason-${item.kind}-${item.request.id}`
  const decide = async (decision: 'approve' | 'reject') => {
    if (decision === 'reject' && reason.trim() === '') {
      setMessage({ ok: false, text: t('reasonRequired') })
      return
    }
    try {
      await api.decide(item, decision, reason.trim())
      setMessage({ ok: true, text: t('decided') })
      await onDone()
    } catch (e) {
      setMessage({
        ok: false,
        text:
          e instanceof ApiError && e.isMissingRoute
            ? t('notAvailable', { route: 'POST …/decision' })
            : t('errorPrefix', { message: (e as Error).message }),
      })
    }
  }
  const certify = async () => {
    try {
      await api.certificate(item, true)
      setMessage({ ok: true, text: t('certificateRecorded') })
      await onDone()
    } catch (e) {
      setMessage({ ok: false, text: t('errorPrefix', { message: (e as Error).message }) })
    }
  }
  // Sick leave without its certificate: the team leader (or supervisor) records it handed in.
  const needsCertificate = item.kind === 'leave' && item.request.kind === 'sick' && !item.request.certificate
  // A team leader's leave item is a certificate to collect, not a decision.
  const decides = !(item.kind === 'leave' && item.as === 'teamLeader')
  const title =
    item.kind === 'swap'
      ? t('inboxSwap', {
          requester: item.requesterName ?? item.request.requester,
          counterpart: item.counterpartName ?? item.request.counterpart,
          date:
            dateLabel(item.request.date, lang) +
            (item.request.returnDate
              ? t('swapReturn', { date: dateLabel(item.request.returnDate, lang) })
              : ''),
        })
      : t('inboxLeave', {
          agent: item.agentName ?? item.request.agentId,
          date: dateLabel(item.request.date, lang),
          shift: SHIFT_NAME[item.request.shift][lang],
          kind: t(`leave_${item.request.kind}`),
        })
  return (
    <li className="card inbox-item" data-request={item.request.id}>
      <h3>{title}</h3>
      <p className="note">
        {t('inboxAs', { role: t(`approvalRole_${item.as}`) })} ·{' '}
        {t('submittedAt', { at: instantLabel(item.request.submittedAt, 'Asia/Shanghai') })}
      </p>
      <CheckResultView violations={item.check.violations} />
      {needsCertificate && (
        <div className="row">
          <span className="note">{t('certificatePending')}</span>
          <button type="button" onClick={() => void certify()}>
            {t('markCertificate')}
          </button>
        </div>
      )}
      {decides && (
        <>
          <label htmlFor={id}>{t('reason')}</label>
          <textarea id={id} rows={2} value={reason} onChange={e => setReason(e.target.value)} />
          <div className="row">
            <button type="button" className="primary" onClick={() => void decide('approve')}>
              {t('approve')}
            </button>
            <button type="button" onClick={() => void decide('reject')}>
              {t('reject')}
            </button>
          </div>
        </>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </li>
  )
}
