import { useCallback, useEffect, useState } from 'react'
import { api, ApiError } from './api/client'
import type { Me } from './api/types'
import { useI18n } from './i18n/i18n'
import { homeOf, pageAt, pagesFor } from './pages'
import { InboxPage } from './pages/inbox-page'
import { MyMonthPage } from './pages/my-month-page'
import { NoAccess, NotFound } from './pages/no-access'
import { CompliancePage } from './pages/compliance-page'
import { AdminPage } from './pages/admin-page'
import { MonthsPage } from './pages/months-page'
import { PasswordPage } from './pages/password-page'
import { HolidaysPage } from './pages/holidays-page'
import { AttendancePage } from './pages/attendance-page'
import { PayrollPage } from './pages/payroll-page'
import { PrintPage } from './pages/print-page'
import { SettingsPage } from './pages/settings-page'
import { RosterPage } from './pages/roster-page'
import { SignInPage } from './pages/sign-in-page'
import { Link, navigateTo, useLocation } from './router'

type Session =
  | { state: 'loading' }
  | { state: 'signedOut' }
  | { state: 'signedIn'; me: Me }
  | { state: 'error'; message: string }

/** The app: who is signed in, the header with navigation, and the page for the path. */
export function App() {
  const { t, lang, setLang } = useI18n()
  const { path, query } = useLocation()
  const [session, setSession] = useState<Session>({ state: 'loading' })

  const load = useCallback(() => {
    setSession({ state: 'loading' })
    api.me().then(
      me => setSession({ state: 'signedIn', me }),
      (error: unknown) =>
        setSession(
          error instanceof ApiError && error.status === 401
            ? { state: 'signedOut' }
            : { state: 'error', message: (error as Error).message },
        ),
    )
  }, [])
  useEffect(load, [load])

  // Signed in at the root or the sign-in page: go to the role's start page.
  useEffect(() => {
    if (session.state !== 'signedIn') return
    if (path === '/' || path === '/signin') {
      const home = homeOf(session.me.role)
      if (home) navigateTo(home, true)
    }
  }, [session, path])

  const signOut = async () => {
    try {
      await api.signOut()
    } finally {
      setSession({ state: 'signedOut' })
      navigateTo('/signin', true)
    }
  }

  const langSwitch = (
    <button
      type="button"
      className="lang-switch"
      lang={lang === 'zh' ? 'en' : 'zh'}
      aria-label={t('languageLabel')}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
    >
      {t('language')}
    </button>
  )

  if (session.state === 'loading')
    return (
      <div className="center" role="status">
        {t('loading')}
      </div>
    )
  if (session.state === 'error')
    return (
      <div className="center" role="alert">
        <p>{t('errorPrefix', { message: session.message })}</p>
        <button type="button" onClick={load}>
          {t('retry')}
        </button>
      </div>
    )
  if (session.state === 'signedOut')
    return (
      <SignInPage
        langSwitch={langSwitch}
        onSignedIn={me => {
          setSession({ state: 'signedIn', me })
          navigateTo(homeOf(me.role) ?? '/', true)
        }}
      />
    )

  const { me } = session
  const pages = pagesFor(me.role)
  const page = pageAt(path)
  const roleName = t(`role_${me.role}` as const)
  let content: React.ReactNode
  if (me.mustChangePassword) content = <PasswordPage forced onChanged={load} />
  else if (path === '/' || path === '/signin')
    content = pages.length === 0 ? <NoAccess role={roleName} page={null} /> : null
  else if (!page) content = <NotFound />
  else if (!pages.includes(page)) content = <NoAccess role={roleName} page={t(page.label)} />
  else if (page.id === 'roster') content = <RosterPage me={me} month={query.get('month')} />
  else if (page.id === 'mine') content = <MyMonthPage me={me} month={query.get('month')} />
  else if (page.id === 'inbox') content = <InboxPage me={me} />
  else if (page.id === 'overview') content = <RosterPage me={me} month={query.get('month')} readOnly />
  else if (page.id === 'compliance') content = <CompliancePage me={me} month={query.get('month')} />
  else if (page.id === 'print') content = <PrintPage me={me} month={query.get('month')} query={query} />
  else if (page.id === 'admin' || page.id === 'people') content = <AdminPage me={me} />
  else if (page.id === 'months') content = <MonthsPage me={me} />
  else if (page.id === 'settings') content = <SettingsPage me={me} />
  else if (page.id === 'password') content = <PasswordPage forced={false} onChanged={() => undefined} />
  else if (page.id === 'holidays') content = <HolidaysPage />
  else if (page.id === 'attendance')
    content = <AttendancePage me={me} date={query.get('date')} shift={query.get('shift')} />
  else content = <PayrollPage me={me} month={query.get('month')} />

  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top-bar">
        <span className="brand">{t('appName')}</span>
        <nav aria-label={t('mainNav')}>
          <ul>
            {pages.map(p => (
              <li key={p.id}>
                <Link to={p.path} current={p === page}>
                  {t(p.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <span className="spacer" />
        <span className="who">{t('signedInAs', { name: me.name, role: roleName })}</span>
        {langSwitch}
        <button type="button" onClick={() => void signOut()}>
          {t('signOut')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {content}
      </main>
    </>
  )
}
