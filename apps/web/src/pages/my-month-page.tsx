import type { Cell, MonthFile } from '@paiban/domain'
import { monthCalendar } from '@paiban/domain'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { api, ApiError } from '../api/client'
import type { Me, MonthView } from '../api/types'
import { CELL_LOOK, dayClass } from '../components/cells'
import { InboxList } from '../components/inbox-list'
import { LeaveForm } from '../components/leave-form'
import { MonthPicker, useMonthChoice } from '../components/month-picker'
import { MyRequests } from '../components/my-requests'
import { SwapFinder } from '../components/swap-finder'
import { SwapForm } from '../components/swap-form'
import { isoWeekdayOf, monthLabel, weekdayNames } from '../i18n/format'
import { useI18n } from '../i18n/i18n'

/** An agent's (or team leader's) own month: calendar, requests, swap and leave forms, iCal link. */
export function MyMonthPage({ me, month: requested }: { me: Me; month: string | null }) {
  const { t, lang } = useI18n()
  const choice = useMonthChoice(me, requested, 'current')
  const [view, setView] = useState<MonthView | null>(null)
  const [error, setError] = useState<string | null>(null)
  // Bumped on every reload: the stored requests (my requests) reload with the month.
  const [tick, setTick] = useState(0)
  const [preset, setPreset] = useState<{ counterpart: string; date: string } | undefined>(undefined)
  const month = choice.state === 'ready' ? choice.month : null
  const teamId = choice.state === 'ready' ? choice.team.id : null

  const reload = useCallback(async () => {
    if (teamId === null || month === null) return
    try {
      setView(await api.month(teamId, month))
      setError(null)
      setTick(n => n + 1)
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? t('notPublished') : (e as Error).message)
    }
  }, [teamId, month, t])
  useEffect(() => {
    void reload()
  }, [reload])

  if (choice.state === 'loading') return <p role="status">{t('loading')}</p>
  if (choice.state === 'error') return <p role="alert">{t('errorPrefix', { message: choice.message })}</p>
  if (month === null) return <p>{t('noMonths')}</p>
  const agentId = me.agentId ?? ''
  const file = view?.month === month ? view.file : null
  return (
    <div className="page my-month">
      <div className="page-head">
        <h1>{t('myMonthTitle', { name: me.name, month: monthLabel(month, lang) })}</h1>
        <MonthPicker team={choice.team} month={month} path="/me" />
      </div>
      {error && <p role="alert">{error}</p>}
      {!file && !error && <p role="status">{t('loading')}</p>}
      {file && (
        <>
          <div className="two-col">
            <MonthCalendarView file={file} agentId={agentId} />
            <div className="stack">
              <MyRequests tick={tick} onChanged={reload} />
              <section aria-labelledby="waiting-title" className="card">
                <h2 id="waiting-title">{t('waitingForMe')}</h2>
                <InboxList me={me} filter={item => item.as === 'counterpart'} onDecided={reload} />
              </section>
              <IcalLink />
            </div>
          </div>
          <div className="two-col">
            <div className="stack">
              <SwapFinder
                file={file}
                agentId={agentId}
                team={choice.team.id}
                onChoose={(counterpart, date) => setPreset({ counterpart, date })}
              />
              <SwapForm file={file} me={me} team={choice.team.id} onSent={reload} preset={preset} />
            </div>
            <LeaveForm file={file} me={me} team={choice.team.id} onSent={reload} />
          </div>
        </>
      )}
    </div>
  )
}

/** The month as a wall calendar, Monday first: each day's shift with colour, letter and name. */
export function MonthCalendarView({ file, agentId }: { file: MonthFile; agentId: string }) {
  const { t, lang } = useI18n()
  const calendar = useMemo(() => monthCalendar(file.month, file.holidays), [file.month, file.holidays])
  const row = file.roster?.[agentId] ?? ''
  const lead = isoWeekdayOf(calendar.days[0]?.date ?? `${file.month}-01`) - 1
  const slots: Array<(typeof calendar.days)[number] | null> = [
    ...Array<null>(lead).fill(null),
    ...calendar.days,
  ]
  while (slots.length % 7 !== 0) slots.push(null)
  const weeks: Array<typeof slots> = []
  for (let i = 0; i < slots.length; i += 7) weeks.push(slots.slice(i, i + 7))
  const times = (cell: Cell) =>
    cell === 'D' || cell === 'N'
      ? t('shiftTimes', { start: file.policy.shifts[cell].start, end: file.policy.shifts[cell].end })
      : ''
  return (
    <table className="calendar" data-testid="my-calendar">
      <caption>{t('calendarLabel', { month: monthLabel(file.month, lang) })}</caption>
      <thead>
        <tr>
          {weekdayNames(lang).map(d => (
            <th key={d} scope="col">
              {d}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, w) => (
          <tr key={w}>
            {week.map((day, i) => {
              if (!day) return <td key={i} className="empty" />
              const index = Number(day.date.slice(8, 10)) - 1
              const cell = (row[index] ?? '?') as Cell
              const look = CELL_LOOK[cell]
              return (
                <td key={day.date} className={dayClass(day)} data-date={day.date} data-cell={cell}>
                  <div className="cal-day">
                    <span className="cal-num">{index + 1}</span>
                    {day.isHoliday && (
                      <span
                        className={`cal-note holiday${day.isStatutory ? ' statutory' : ''}`}
                        title={t(
                          day.isStatutory ? 'statutoryHoliday' : day.isCompany ? 'companyDay' : 'breakDay',
                        )}
                      >
                        {day.name?.[lang] ?? t('holiday')}
                        {day.isStatutory ? ` · ${t('statutoryShort')}` : ''}
                      </span>
                    )}
                    {day.isMakeupWorkday && <span className="cal-note makeup">{t('makeup')}</span>}
                  </div>
                  <div className={`cal-shift ${look.className}`}>
                    <span className="cell-letter" aria-hidden="true">
                      {t(look.letter)}
                    </span>{' '}
                    {t(look.name)}
                    <span className="cal-times">{times(cell)}</span>
                  </div>
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The agent's secret calendar feed (proposed route `GET /api/me/ical`). */
function IcalLink() {
  const { t } = useI18n()
  const [state, setState] = useState<{
    url?: string
    since?: string
    missing?: boolean
    error?: string
  }>({})
  const [copied, setCopied] = useState(false)
  // The server keeps only the token's hash: the address is shown once, when it is made.
  const shown = (link: { url: string | null; createdAt?: string }) =>
    setState(
      link.url === null
        ? { since: link.createdAt ?? '' }
        : { url: new URL(link.url, window.location.origin).href },
    )
  useEffect(() => {
    api
      .ical()
      .then(shown, (e: unknown) =>
        setState(
          e instanceof ApiError && e.isMissingRoute ? { missing: true } : { error: (e as Error).message },
        ),
      )
  }, [])
  return (
    <section className="card" aria-labelledby="ical-title">
      <h2 id="ical-title">{t('icalTitle')}</h2>
      {state.missing && <p className="unavailable">{t('notAvailable', { route: 'GET /api/me/ical' })}</p>}
      {state.error && <p role="alert">{state.error}</p>}
      {state.since !== undefined && (
        <>
          <p className="help">{t('icalMadeBefore', { date: state.since.slice(0, 10) })}</p>
          <button
            type="button"
            onClick={() => {
              api.newIcal().then(shown, (e: unknown) => setState({ error: (e as Error).message }))
            }}
          >
            {t('icalNew')}
          </button>
        </>
      )}
      {state.url && (
        <>
          <p className="help">{t('icalHelp')}</p>
          <div className="row">
            <input
              aria-label={t('icalTitle')}
              readOnly
              value={state.url}
              onFocus={e => e.currentTarget.select()}
            />
            <button
              type="button"
              onClick={() => {
                void navigator.clipboard?.writeText(state.url ?? '').then(() => setCopied(true))
              }}
            >
              {copied ? t('copied') : t('copy')}
            </button>
          </div>
        </>
      )}
    </section>
  )
}
