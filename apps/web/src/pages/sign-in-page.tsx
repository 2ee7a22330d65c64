import { useState, type FormEvent, type ReactNode } from 'react'
import { api, ApiError } from '../api/client'
import type { Me } from '../api/types'
import { useI18n } from '../i18n/i18n'

/** Sign-in with login and password (the API sets an HttpOnly session cookie). */
export function SignInPage({
  onSignedIn,
  langSwitch,
}: {
  onSignedIn: (me: Me) => void
  langSwitch: ReactNode
}) {
  const { t } = useI18n()
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      onSignedIn(await api.signIn(login.trim(), password))
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? t('wrongPassword')
          : t('errorPrefix', { message: (e as Error).message }),
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <main id="main" className="sign-in">
      <form onSubmit={e => void submit(e)} aria-labelledby="sign-in-title" noValidate>
        <div className="sign-in-head">
          <h1 id="sign-in-title">{t('signInTitle')}</h1>
          {langSwitch}
        </div>
        <label htmlFor="login">{t('login')}</label>
        <input
          id="login"
          name="login"
          autoComplete="username"
          required
          value={login}
          onChange={e => setLogin(e.target.value)}
          autoFocus
        />
        <label htmlFor="password">{t('password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={e => setPassword(e.target.value)}
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || login === '' || password === ''}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </main>
  )
}
