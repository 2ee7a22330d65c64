import { useI18n } from '../i18n/i18n'
import { Link } from '../router'

/** A page the signed-in role may not open (or a role with no page at all): says so plainly. */
export function NoAccess({ role, page }: { role: string; page: string | null }) {
  const { t } = useI18n()
  return (
    <section className="page narrow" aria-labelledby="no-access-title">
      <h1 id="no-access-title">{t('noAccessTitle')}</h1>
      <p role="alert">{page === null ? t('noPagesBody', { role }) : t('noAccessBody', { role, page })}</p>
      {page !== null && <Link to="/">{t('goHome')}</Link>}
    </section>
  )
}

export function NotFound() {
  const { t } = useI18n()
  return (
    <section className="page narrow" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('notFoundTitle')}</h1>
      <Link to="/">{t('goHome')}</Link>
    </section>
  )
}
