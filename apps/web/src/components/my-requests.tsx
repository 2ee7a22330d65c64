import type { MyRequest } from '@paiban/domain'
import { SHIFT_NAME } from '@paiban/rules'
import { useCallback, useEffect, useState } from 'react'
import { api, ApiError, errorText } from '../api/client'
import { dateLabel } from '../i18n/format'
import { useI18n } from '../i18n/i18n'

/**
 * The caller's own swaps and leave requests (`GET /api/me/requests`: stored requests, not the
 * published month, so pending ones show): state, where each waits and for whom, "needs cover" for
 * leave that leaves a shift short, and cancel for a pending one they asked for. `tick` reloads it.
 */
export function MyRequests({ tick, onChanged }: { tick: number; onChanged: () => Promise<void> }) {
  const { t, lang } = useI18n()
  const [list, setList] = useState<MyRequest[] | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const load = useCallback(() => {
    api
      .myRequests()
      .then(setList, (e: unknown) =>
        setMessage(
          e instanceof ApiError && e.isMissingRoute
            ? t('notAvailable', { route: 'GET /api/me/requests' })
            : t('errorPrefix', { message: errorText(e, lang) }),
        ),
      )
  }, [t, lang])
  useEffect(load, [load, tick])

  const cancel = async (r: MyRequest) => {
    const kind = r.kind === 'swap' ? 'swaps' : 'leaves'
    try {
      await api.cancelRequest(r.team, r.month, kind, r.id)
      setMessage(null)
      load()
      await onChanged()
    } catch (e) {
      setMessage(
        e instanceof ApiError && e.isMissingRoute
          ? t('notAvailable', { route: `DELETE …/${kind}/:id` })
          : t('errorPrefix', { message: errorText(e, lang) }),
      )
    }
  }
  const dates = (r: MyRequest) => r.dates.map(d => dateLabel(d, lang)).join('、')
  return (
    <section className="card" aria-labelledby="my-requests-title">
      <h2 id="my-requests-title">{t('myRequests')}</h2>
      {message && <p role="alert">{message}</p>}
      {list === null && !message && <p role="status">{t('loading')}</p>}
      {list !== null && list.length === 0 && <p>{t('noRequests')}</p>}
      {list !== null && list.length > 0 && (
        <ul className="requests" data-testid="my-requests">
          {list.map(r => (
            <li key={`${r.kind}:${r.id}`} data-status={r.status} data-request={r.id} data-kind={r.kind}>
              <span className={`status ${r.status}`}>{t(`status_${r.status}`)}</span>{' '}
              {r.needsCover && <span className="status needs-cover-badge">{t('needsCover')}</span>}{' '}
              {r.kind === 'swap'
                ? t('swapWith', { name: r.otherName ?? '', date: dates(r) })
                : t('leaveOn', {
                    kind: t(`leave_${r.leaveKind ?? 'personal'}`),
                    date: dates(r),
                    shift: r.shift ? SHIFT_NAME[r.shift][lang] : '',
                  })}
              {r.waiting && (
                <span className="note waits">
                  {' '}
                  ·{' '}
                  {t('waitsFor', {
                    role: t(`approvalRole_${r.waiting.role}`),
                    name: r.waiting.name ?? '',
                  })}
                </span>
              )}
              {r.approvals.length > 0 && (
                <span className="note">
                  {' '}
                  ·{' '}
                  {t('approvalsSoFar', {
                    who: r.approvals
                      .map(a => `${t(`approvalRole_${a.role}`)}${a.name ? ` ${a.name}` : ''}`)
                      .join('、'),
                  })}
                </span>
              )}
              {r.cancellable && (
                <button type="button" className="small" onClick={() => void cancel(r)}>
                  {t('cancel')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
