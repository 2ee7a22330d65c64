import type { Approval, Leave, MonthFile } from '@paiban/domain'
import { SHIFT_NAME } from '@paiban/rules'
import { useState } from 'react'
import { api, ApiError } from '../api/client'
import { dateLabel } from '../i18n/format'
import { useI18n } from '../i18n/i18n'

/** The agent's own swaps and leave requests in this month, with their state and approvals so far. */
export function MyRequests({
  file,
  agentId,
  team,
  onChanged,
}: {
  file: MonthFile
  agentId: string
  team: string
  onChanged: () => Promise<void>
}) {
  const { t, lang } = useI18n()
  const [message, setMessage] = useState<string | null>(null)
  const name = (id: string) => file.agents.find(a => a.id === id)?.name ?? id
  const swaps = file.swaps.filter(s => s.requester === agentId || s.counterpart === agentId)
  const leaveGroups = new Map<string, Leave[]>()
  for (const l of file.leaves.filter(x => x.agentId === agentId)) {
    const key = l.requestId ?? l.id
    leaveGroups.set(key, [...(leaveGroups.get(key) ?? []), l])
  }
  const cancel = async (kind: 'swaps' | 'leaves', id: string) => {
    try {
      await api.cancelRequest(team, file.month, kind, id)
      await onChanged()
    } catch (e) {
      setMessage(
        e instanceof ApiError && e.isMissingRoute
          ? t('notAvailable', { route: `DELETE …/${kind}/:id` })
          : t('errorPrefix', { message: (e as Error).message }),
      )
    }
  }
  const approvals = (list: readonly Approval[]) =>
    list.length === 0
      ? null
      : t('approvalsSoFar', {
          who: list.map(a => t(`approvalRole_${a.role}` as const)).join('、'),
        })
  const empty = swaps.length === 0 && leaveGroups.size === 0
  return (
    <section className="card" aria-labelledby="my-requests-title">
      <h2 id="my-requests-title">{t('myRequests')}</h2>
      {message && <p role="alert">{message}</p>}
      {empty ? (
        <p>{t('noRequests')}</p>
      ) : (
        <ul className="requests" data-testid="my-requests">
          {swaps.map(s => {
            const other = s.requester === agentId ? s.counterpart : s.requester
            return (
              <li key={s.id} data-status={s.status}>
                <span className={`status ${s.status}`}>{t(`status_${s.status}`)}</span>{' '}
                {t('swapWith', { name: name(other), date: dateLabel(s.date, lang) })}
                {s.returnDate ? t('swapReturn', { date: dateLabel(s.returnDate, lang) }) : ''}
                {approvals(s.approvals) && <span className="note"> · {approvals(s.approvals)}</span>}
                {s.status === 'pending' && s.requester === agentId && (
                  <button type="button" className="small" onClick={() => void cancel('swaps', s.id)}>
                    {t('cancel')}
                  </button>
                )}
              </li>
            )
          })}
          {[...leaveGroups].map(([key, records]) => {
            const first = records[0]
            if (!first) return null
            return (
              <li key={key} data-status={first.status}>
                <span className={`status ${first.status}`}>{t(`status_${first.status}`)}</span>{' '}
                {t('leaveOn', {
                  kind: t(`leave_${first.kind}`),
                  date: records.map(r => dateLabel(r.date, lang)).join('、'),
                  shift: SHIFT_NAME[first.shift][lang],
                })}
                {approvals(first.approvals) && <span className="note"> · {approvals(first.approvals)}</span>}
                {first.status === 'pending' && (
                  <button type="button" className="small" onClick={() => void cancel('leaves', key)}>
                    {t('cancel')}
                  </button>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
