import type { Me } from '../api/types'
import { InboxList } from '../components/inbox-list'
import { useI18n } from '../i18n/i18n'

/** Team leaders, supervisors and managers: every request waiting for their approval. */
export function InboxPage({ me }: { me: Me }) {
  const { t } = useI18n()
  return (
    <section className="page narrow" aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('inboxTitle')}</h1>
      <InboxList me={me} />
    </section>
  )
}
