import { addDays, type HandoverDay, type Shift } from '@paiban/domain'
import { SHIFT_NAME } from '@paiban/rules'
import { useCallback, useEffect, useState } from 'react'
import { api, ApiError, errorText } from '../api/client'
import { dateLabel } from '../i18n/format'
import { useI18n } from '../i18n/i18n'

type Draft = { equipment: string; problems: string; swaps: string }

/** `HH:MM` of an instant in the browser's zone (the lead stands in the centre). */
function clockOf(iso: string | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

/** The day's swaps as the writer's pre-filled line: "A ⇄ B; …". */
function swapsText(day: HandoverDay): string {
  return day.swapsOfDay.map(s => `${s.givesName} ⇄ ${s.takesName}`).join('; ')
}

/**
 * HANDOVER-LOG for one shift on the phone page: the outgoing lead writes equipment, open problems
 * and the swaps of the day (pre-filled) and saves on the revision it read; the incoming lead reads
 * it and acknowledges it. A stale save or acknowledgement (409) is said in words and the latest
 * log is loaded, never overwritten.
 */
export function HandoverCard({
  team,
  date,
  shift,
  heading,
}: {
  team: string
  date: string
  shift: Shift
  heading: string
}) {
  const { t, lang } = useI18n()
  const [day, setDay] = useState<HandoverDay | null>(null)
  const [draft, setDraft] = useState<Draft>({ equipment: '', problems: '', swaps: '' })
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const month = date.slice(0, 7)

  const show = (d: HandoverDay) => {
    setDay(d)
    setDraft({
      equipment: d.log?.equipment ?? '',
      problems: d.log?.problems ?? '',
      swaps: d.log ? d.log.swaps : swapsText(d),
    })
  }
  const load = useCallback(async () => {
    try {
      show(await api.handover(team, month, date, shift))
    } catch (e) {
      setDay(null)
      // No roster for that month (the night before the 1st of the first month): nothing to hand over.
      if (e instanceof ApiError && e.status === 404) return
      setMessage({ ok: false, text: t('errorPrefix', { message: errorText(e, lang) }) })
    }
  }, [team, month, date, shift, t, lang])
  useEffect(() => {
    setMessage(null)
    void load()
  }, [load])

  const act = async (call: () => Promise<HandoverDay>, done: (d: HandoverDay) => string) => {
    setBusy(true)
    setMessage(null)
    try {
      const d = await call()
      show(d)
      setMessage({ ok: true, text: done(d) })
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        await load()
        setMessage({ ok: false, text: t('handoverStale') })
      } else setMessage({ ok: false, text: t('errorPrefix', { message: errorText(e, lang) }) })
    } finally {
      setBusy(false)
    }
  }
  if (!day) return message ? <p className="unavailable">{message.text}</p> : null
  const log = day.log
  const fields = [
    ['equipment', 'handoverEquipment'],
    ['problems', 'handoverProblems'],
    ['swaps', 'handoverSwaps'],
  ] as const

  return (
    <section className="handover" data-date={date} data-shift={shift} aria-label={heading}>
      <h3>{heading}</h3>
      {log ? (
        <p className="help">
          {t('handoverBy', { by: log.by, at: clockOf(log.writtenAt) })} ·{' '}
          {log.acknowledgedBy
            ? t('handoverAcknowledged', { by: log.acknowledgedBy, at: clockOf(log.acknowledgedAt) })
            : t('handoverNotYet')}
        </p>
      ) : (
        <p className="help">{t('handoverNone')}</p>
      )}
      {day.mayWrite ? (
        <form
          onSubmit={e => {
            e.preventDefault()
            void act(
              () => api.writeHandover(team, month, date, shift, { revision: day.revision, ...draft }),
              d => t('handoverSaved', { revision: d.revision }),
            )
          }}
        >
          {fields.map(([key, label]) => (
            <label key={key} className="handover-field">
              <span>{t(label)}</span>
              <textarea
                rows={2}
                value={draft[key]}
                onChange={e => setDraft(d => ({ ...d, [key]: e.target.value }))}
              />
            </label>
          ))}
          <button type="submit" className="big primary" disabled={busy}>
            {t('handoverSave')}
          </button>
        </form>
      ) : (
        log && (
          <dl className="handover-log">
            {fields.map(([key, label]) => (
              <div key={key}>
                <dt>{t(label)}</dt>
                <dd>{log[key] || '—'}</dd>
              </div>
            ))}
          </dl>
        )
      )}
      {day.mayAcknowledge && log && !log.acknowledgedBy && (
        <button
          type="button"
          className="big"
          disabled={busy}
          onClick={() =>
            void act(
              () => api.acknowledgeHandover(team, month, date, shift, day.revision),
              d =>
                t('handoverAcknowledged', {
                  by: d.log?.acknowledgedBy ?? '',
                  at: clockOf(d.log?.acknowledgedAt),
                }),
            )
          }
        >
          {t('handoverAcknowledge')}
        </button>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'unavailable'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  )
}

/** The shift before `shift` of `date`: the same date's day shift before a night, the night before a day. */
function previousShift(date: string, shift: Shift): { date: string; shift: Shift } {
  return shift === 'N' ? { date, shift: 'D' } : { date: addDays(date, -1), shift: 'N' }
}

/** The phone page's handover block: the shift before (to acknowledge) and this shift (to write). */
export function HandoverPanel({ team, date, shift }: { team: string; date: string; shift: Shift }) {
  const { t, lang } = useI18n()
  const before = previousShift(date, shift)
  return (
    <div className="handovers">
      <h2>{t('handoverTitle')}</h2>
      <HandoverCard
        key={`${before.date}|${before.shift}`}
        team={team}
        date={before.date}
        shift={before.shift}
        heading={t('handoverPrevious', {
          date: dateLabel(before.date, lang),
          shift: SHIFT_NAME[before.shift][lang],
        })}
      />
      <HandoverCard
        key={`${date}|${shift}`}
        team={team}
        date={date}
        shift={shift}
        heading={t('handoverThis', { date: dateLabel(date, lang), shift: SHIFT_NAME[shift][lang] })}
      />
    </div>
  )
}
