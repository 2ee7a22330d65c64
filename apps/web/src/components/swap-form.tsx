import {
  instantIn,
  JOBS,
  violationKey,
  type Cell,
  type MonthFile,
  type Swap,
  type Violation,
} from '@paiban/domain'
import { checkSwap, JOB_NAME, requestIssues } from '@paiban/rules'
import { useEffect, useMemo, useState, type FormEvent } from 'react'
import { api } from '../api/client'
import type { Me } from '../api/types'
import { dateLabel } from '../i18n/format'
import { useI18n } from '../i18n/i18n'
import { CELL_LOOK } from './cells'
import { CheckResultView } from './check-result'
import { SentMessage, useSend } from './send-state'

/**
 * Ask for a swap (换班, with an optional return 还班): choose the colleague and the dates, and the
 * page says at once whether it would be allowed, and why not, by running `checkSwap` in the
 * browser on the month as the agent sees it. The verdict that counts is the server's swap-check a
 * moment later: the same check on the same state as on submit and at every approval (the latest
 * version with every stored request), so a green verdict here is the verdict on send.
 */
export function SwapForm({
  file,
  me,
  team,
  onSent,
  preset,
}: {
  file: MonthFile
  me: Me
  team: string
  onSent: () => Promise<void>
  /** A colleague and date chosen in the swap finder (a new object each choice). */
  preset?: { counterpart: string; date: string } | undefined
}) {
  const { t, lang } = useI18n()
  const self = me.agentId ?? ''
  const mine = file.agents.find(a => a.id === self)
  const [counterpart, setCounterpart] = useState('')
  const [date, setDate] = useState('')
  const [returnDate, setReturnDate] = useState('')
  const [server, setServer] = useState<
    { key: string; violations: Violation[]; duplicate?: { zh: string; en: string } } | 'checking' | null
  >(null)
  const { sent, send } = useSend('POST …/swaps')
  useEffect(() => {
    if (!preset) return
    setCounterpart(preset.counterpart)
    setDate(preset.date)
    setReturnDate('')
  }, [preset])

  const dates = useMemo(
    () =>
      Array.from(
        { length: (file.roster?.[self] ?? '').length },
        (_, i) => `${file.month}-${String(i + 1).padStart(2, '0')}`,
      ),
    [file, self],
  )
  const colleagues = useMemo(
    () =>
      file.agents
        .filter(a => a.id !== self)
        .sort(
          (a, b) =>
            Number(b.job === mine?.job) - Number(a.job === mine?.job) ||
            JOBS.indexOf(a.job) - JOBS.indexOf(b.job),
        ),
    [file, self, mine?.job],
  )
  const cellOf = (id: string, d: string): Cell =>
    (file.roster?.[id]?.[Number(d.slice(8, 10)) - 1] ?? '?') as Cell

  const request = useMemo<Swap | null>(() => {
    if (!counterpart || !date) return null
    return {
      id: 'draft',
      requester: self,
      counterpart,
      date,
      ...(returnDate ? { returnDate } : {}),
      submittedAt: instantIn(file.team.timeZone),
      status: 'pending',
      approvals: [],
    }
  }, [counterpart, date, returnDate, self, file.team.timeZone])

  const local = useMemo(() => {
    if (!request) return null
    const issues = requestIssues(file, request)
    if (issues.length > 0) return { issues, violations: [] as Violation[] }
    return { issues: [], violations: checkSwap(file, request).violations }
  }, [file, request])

  // The server's check, a moment after the choice settles.
  const requestKey = request ? `${request.counterpart}|${request.date}|${request.returnDate ?? ''}` : ''
  useEffect(() => {
    setServer(null)
    if (!request || (local && local.issues.length > 0)) return
    const timer = setTimeout(() => {
      setServer('checking')
      const { submittedAt: _omit, ...body } = request
      api.swapCheck(team, file.month, body).then(
        result =>
          setServer({
            key: requestKey,
            violations: result.violations,
            ...(result.duplicate ? { duplicate: result.duplicate } : {}),
          }),
        () => setServer(null),
      )
    }, 250)
    return () => clearTimeout(timer)
  }, [request, local, requestKey, team, file.month])

  const localKeys = new Set((local?.violations ?? []).map(violationKey))
  const judged = server && server !== 'checking' && server.key === requestKey ? server : null
  const serverExtra = judged ? judged.violations.filter(v => !localKeys.has(violationKey(v))) : []
  // The server's verdict is the one that counts; until it answers, the browser's own shows.
  const shown = judged ? judged.violations : (local?.violations ?? [])
  const allowed =
    local !== null &&
    local.issues.length === 0 &&
    judged !== null &&
    judged.duplicate === undefined &&
    !judged.violations.some(v => v.severity === 'hard')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!request || !allowed) return
    await send(async () => {
      await api.requestSwap(team, file.month, { counterpart, date, ...(returnDate ? { returnDate } : {}) })
      setCounterpart('')
      setDate('')
      setReturnDate('')
    }, onSent)
  }

  const cellName = (c: Cell) => t(CELL_LOOK[c].name)
  const other = file.agents.find(a => a.id === counterpart)
  return (
    <form className="card swap-form" aria-labelledby="swap-title" onSubmit={e => void submit(e)}>
      <h2 id="swap-title">{t('askSwap')}</h2>
      <label htmlFor="swap-colleague">{t('colleague')}</label>
      <select id="swap-colleague" value={counterpart} onChange={e => setCounterpart(e.target.value)}>
        <option value="">{t('chooseColleague')}</option>
        {colleagues.map(a => (
          <option key={a.id} value={a.id}>
            {t('colleagueOption', { name: a.name, job: JOB_NAME[a.job][lang], level: t(`level_${a.level}`) })}
          </option>
        ))}
      </select>
      <label htmlFor="swap-date">{t('swapDate')}</label>
      <select id="swap-date" value={date} onChange={e => setDate(e.target.value)}>
        <option value="" />
        {dates.map(d => (
          <option key={d} value={d}>
            {counterpart
              ? t('dateOption', {
                  date: dateLabel(d, lang),
                  mine: cellName(cellOf(self, d)),
                  theirs: cellName(cellOf(counterpart, d)),
                })
              : `${dateLabel(d, lang)} — ${cellName(cellOf(self, d))}`}
          </option>
        ))}
      </select>
      <label htmlFor="swap-return">{t('returnDate')}</label>
      <select id="swap-return" value={returnDate} onChange={e => setReturnDate(e.target.value)}>
        <option value="">{t('noReturn')}</option>
        {dates.map(d => (
          <option key={d} value={d}>
            {counterpart
              ? t('dateOption', {
                  date: dateLabel(d, lang),
                  mine: cellName(cellOf(self, d)),
                  theirs: cellName(cellOf(counterpart, d)),
                })
              : dateLabel(d, lang)}
          </option>
        ))}
      </select>
      {request && other && (
        <p className="note">
          {t('whatChanges', {
            date: dateLabel(request.date, lang),
            mine: cellName(cellOf(self, request.date)),
            theirs: cellName(cellOf(counterpart, request.date)),
            name: other.name,
          })}
        </p>
      )}
      {local && local.issues.length > 0 && (
        <ul className="error" role="alert">
          {local.issues.map(i => (
            <li key={i.path}>
              {i.path}: {i.message}
            </li>
          ))}
        </ul>
      )}
      {local && local.issues.length === 0 && <CheckResultView violations={shown} testId="swap-check" />}
      {server === 'checking' && <p className="note">{t('checkingServer')}</p>}
      {serverExtra.length > 0 && (
        <p className="note" data-testid="swap-server-check">
          {t('serverCheck')}
        </p>
      )}
      {judged?.duplicate && (
        <p className="error" role="alert" data-testid="swap-duplicate">
          {t('duplicateRequest')} {judged.duplicate[lang]}
        </p>
      )}
      <button type="submit" className="primary" disabled={!allowed}>
        {t('send')}
      </button>
      <SentMessage sent={sent} />
    </form>
  )
}
