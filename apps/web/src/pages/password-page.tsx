import { useState } from 'react'
import { api, ApiError } from '../api/client'
import { useI18n } from '../i18n/i18n'

/**
 * Change one's own password (`POST /api/me/password`). With `forced` it is the only page a person
 * with a first password sees until they have changed it; other sessions end either way.
 */
export function PasswordPage({ forced, onChanged }: { forced: boolean; onChanged: () => void }) {
  const { t } = useI18n()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [again, setAgain] = useState('')
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    if (next !== again) return setMessage({ ok: false, text: t('passwordMismatch') })
    if (next.length < 8) return setMessage({ ok: false, text: t('passwordTooShort') })
    setBusy(true)
    setMessage(null)
    try {
      await api.changePassword(current, next)
      setMessage({ ok: true, text: t('passwordChanged') })
      setCurrent('')
      setNext('')
      setAgain('')
      onChanged()
    } catch (e) {
      const wrong = e instanceof ApiError && e.issues.some(i => i.path === 'current')
      setMessage({
        ok: false,
        text: wrong ? t('passwordWrongCurrent') : t('errorPrefix', { message: (e as Error).message }),
      })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="page narrow" aria-labelledby="password-title">
      <h1 id="password-title">{t('passwordTitle')}</h1>
      {forced && <p className="unavailable">{t('passwordFirst')}</p>}
      <form className="card form-grid" onSubmit={e => void submit(e)}>
        <label>
          <span>{t('passwordCurrent')}</span>
          <input
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={e => setCurrent(e.target.value)}
            required
          />
        </label>
        <label>
          <span>{t('passwordNext')}</span>
          <input
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={e => setNext(e.target.value)}
            required
          />
        </label>
        <label>
          <span>{t('passwordAgain')}</span>
          <input
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={e => setAgain(e.target.value)}
            required
          />
        </label>
        <p className="help">{t('passwordHelp')}</p>
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {t('passwordSave')}
          </button>
        </div>
        {message && (
          <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
      </form>
    </section>
  )
}
