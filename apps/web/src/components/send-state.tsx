import { useState } from 'react'
import { ApiError, errorText } from '../api/client'
import { useI18n } from '../i18n/i18n'

/** What happened to the last request a form sent: the line under its send button. */
export type Sent = { ok: boolean; message: string } | null

/**
 * Sends a form's request and keeps the outcome: `action` (the API call), then `after` (e.g. reload
 * the month). `route` names the API route in the "not available yet" message.
 */
export function useSend(route: string) {
  const { t, lang } = useI18n()
  const [sent, setSent] = useState<Sent>(null)
  const send = async (action: () => Promise<void>, after: () => Promise<void>) => {
    try {
      await action()
      setSent({ ok: true, message: t('requestSent') })
      await after()
    } catch (e) {
      setSent({
        ok: false,
        message:
          e instanceof ApiError && e.isMissingRoute
            ? t('notAvailable', { route })
            : t('errorPrefix', { message: errorText(e, lang) }),
      })
    }
  }
  return { sent, send }
}

/** The outcome line of {@link useSend}. */
export function SentMessage({ sent }: { sent: Sent }) {
  if (!sent) return null
  return (
    <p className={sent.ok ? 'ok' : 'unavailable'} role={sent.ok ? 'status' : 'alert'}>
      {sent.message}
    </p>
  )
}
