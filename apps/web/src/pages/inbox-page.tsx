import { useState } from 'react'
import type { Me } from '../api/types'
import { InboxList } from '../components/inbox-list'
import { MyRequests } from '../components/my-requests'
import { useI18n } from '../i18n/i18n'

/**
 * Every request waiting for the signed-in person's approval; agents and team leaders also see
 * their own requests there, with the decisions taken on them.
 */
export function InboxPage({ me }: { me: Me }) {
  const { t } = useI18n()
  const [tick, setTick] = useState(0)
  const asks = me.role === 'agent' || me.role === 'teamLeader'
  const bump = () => {
    setTick(n => n + 1)
    return Promise.resolve()
  }
  return (
    <section className="page narrow" aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('inboxTitle')}</h1>
      <InboxList me={me} onDecided={bump} />
      {asks && <MyRequests tick={tick} onChanged={bump} />}
    </section>
  )
}
