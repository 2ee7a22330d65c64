import {
  addDays,
  monthCalendar,
  monthDates,
  parseMonthFile,
  type Agent,
  type DayInfo,
  type Job,
  type MonthFile,
} from '@paiban/domain'
import { JOB_NAME } from '@paiban/rules'
import { useEffect, useState } from 'react'
import { api, ApiError, download } from '../api/client'
import type { Me, MonthView } from '../api/types'
import { ImportDialog } from '../components/import-dialog'
import { MonthPicker, useMonthChoice } from '../components/month-picker'
import { monthLabel, weekdayShort } from '../i18n/format'
import { useI18n } from '../i18n/i18n'
import { navigateTo } from '../router'

const LETTER = {
  zh: { D: '白', N: '夜', '-': '休', L: '假', '?': '?' },
  en: { D: 'D', N: 'N', '-': '-', L: 'L', '?': '?' },
}
const JOBS: readonly Job[] = ['phone', 'chat', 'email']

/** Agents by job, then team leader (leader first), as the roster sheet groups them. */
function groups(file: MonthFile): Array<{ job: Job; leader?: Agent; agents: Agent[] }> {
  const leaders = [...new Set(file.agents.map(a => a.teamLeaderId ?? ''))]
  return JOBS.flatMap(job =>
    leaders.flatMap(id => {
      const agents = file.agents
        .filter(a => a.job === job && (a.teamLeaderId ?? '') === id)
        .sort((a, b) => Number(b.id === id) - Number(a.id === id))
      return agents.length === 0 ? [] : [{ job, leader: file.agents.find(a => a.id === id), agents }]
    }),
  )
}

function dayClass(day: DayInfo | undefined): string {
  if (!day) return ''
  if (day.isHoliday) return 'holiday'
  if (day.isMakeupWorkday) return 'makeup'
  return day.isRestDay ? 'weekend' : ''
}

function mark(day: DayInfo | undefined, lang: 'zh' | 'en'): string {
  if (!day) return ''
  if (day.isHoliday) return day.isStatutory ? (lang === 'zh' ? '节' : 'H') : lang === 'zh' ? '休' : 'off'
  return day.isMakeupWorkday ? (lang === 'zh' ? '班' : 'W') : ''
}

/** CSV text to rows (quoted fields, doubled quotes, CRLF), for printing a register. */
function csvRows(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const s = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length > 0) rows.push([...row, field])
  return rows.filter(r => r.some(f => f !== '')).map(r => r.map(f => f.replace(/^'(?=[=+\-@])/, '')))
}

/**
 * The roster on paper (issue 23): the whole team one A4 landscape page wide (header and names
 * repeated on every page, the counts per shift and job, the legend), one agent's month on one page,
 * or a register; with the XLSX download and, for the supervisor, the sheet import.
 */
export function PrintPage({
  me,
  month: requested,
  query,
}: {
  me: Me
  month: string | null
  query: URLSearchParams
}) {
  const { t, lang } = useI18n()
  const choice = useMonthChoice(me, requested, 'latest')
  const [view, setView] = useState<MonthView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [importing, setImporting] = useState(false)
  const [register, setRegister] = useState<string[][] | null>(null)
  const [reload, setReload] = useState(0)
  const agentId = query.get('agent')
  const kind =
    query.get('register') === 'swaps' || query.get('register') === 'leaves' ? query.get('register') : null
  const team = choice.state === 'ready' ? choice.team : null
  const month = choice.state === 'ready' ? choice.month : null

  useEffect(() => {
    if (!team || !month) return
    setError(null)
    api.month(team.id, month).then(setView, (e: unknown) => setError((e as Error).message))
  }, [team?.id, month, reload])
  useEffect(() => {
    setRegister(null)
    if (!team || !month || !kind) return
    fetch(api.registerUrl(team.id, month, kind as 'swaps' | 'leaves', 'csv', lang), {
      credentials: 'same-origin',
    })
      .then(async r => (r.ok ? setRegister(csvRows(await r.text())) : setError(`${r.status}`)))
      .catch((e: unknown) => setError((e as Error).message))
  }, [team?.id, month, kind, lang])

  if (choice.state === 'loading') return <p role="status">{t('loading')}</p>
  if (choice.state === 'error') return <p role="alert">{t('errorPrefix', { message: choice.message })}</p>
  if (!team || !month) return <p>{t('noMonths')}</p>
  if (error) return <p role="alert">{t('errorPrefix', { message: error })}</p>
  if (!view) return <p role="status">{t('loading')}</p>
  const parsed = parseMonthFile(view.file)
  if (!parsed.ok) return <p role="alert">{t('errorPrefix', { message: parsed.issues[0]?.message ?? '' })}</p>
  const file = parsed.value
  const canRegisters = me.role !== 'teamLeader'
  const go = (params: Record<string, string>) =>
    navigateTo(`/print?${new URLSearchParams({ month, ...params }).toString()}`)

  const get = async (url: string, name: string) => {
    try {
      await download(url, name)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : (e as Error).message)
    }
  }

  const state = view.state === 'published' ? t('statePublished') : t('stateDraft')
  return (
    <section className="page print-page" aria-labelledby="print-title">
      <div className="no-print print-toolbar">
        <p className="help">{t('printHelp')}</p>
        <div className="row">
          <MonthPicker team={team} month={month} path="/print" />
          <label className="inline-field">
            <span>{t('printAgent')}</span>
            <select value={agentId ?? ''} onChange={e => go(e.target.value ? { agent: e.target.value } : {})}>
              <option value="">{t('printWholeTeam')}</option>
              {file.agents.map(a => (
                <option key={a.id} value={a.id}>
                  {a.id} {a.name}
                </option>
              ))}
            </select>
          </label>
          {canRegisters && (
            <label className="inline-field">
              <span>{t('printRegister')}</span>
              <select
                value={kind ?? ''}
                onChange={e => go(e.target.value ? { register: e.target.value } : {})}
              >
                <option value="">{t('registerNone')}</option>
                <option value="swaps">{t('registerSwaps')}</option>
                <option value="leaves">{t('registerLeaves')}</option>
              </select>
            </label>
          )}
        </div>
        <div className="row">
          <button type="button" className="primary" onClick={() => window.print()}>
            {t('printButton')}
          </button>
          <button
            type="button"
            onClick={() =>
              void get(api.rosterXlsxUrl(team.id, month, lang), `roster-${team.id}-${month}.xlsx`)
            }
          >
            {t('downloadRosterXlsx')}
          </button>
          {kind && (
            <>
              <button
                type="button"
                onClick={() =>
                  void get(api.registerUrl(team.id, month, kind as 'swaps', 'csv', lang), `${kind}.csv`)
                }
              >
                {t('downloadRegisterCsv')}
              </button>
              <button
                type="button"
                onClick={() =>
                  void get(api.registerUrl(team.id, month, kind as 'swaps', 'xlsx', lang), `${kind}.xlsx`)
                }
              >
                {t('downloadRegisterXlsx')}
              </button>
            </>
          )}
          {me.role === 'supervisor' && (
            <button type="button" onClick={() => setImporting(true)}>
              {t('importSheet')}
            </button>
          )}
        </div>
      </div>
      {importing && (
        <ImportDialog
          team={team.id}
          month={month}
          version={view.latestVersion}
          onStored={() => setReload(n => n + 1)}
          onClose={() => setImporting(false)}
        />
      )}
      {kind && register ? (
        <RegisterSheet
          title={kind === 'swaps' ? t('registerSwaps') : t('registerLeaves')}
          rows={register}
          team={team.name}
          month={month}
        />
      ) : agentId && file.agents.some(a => a.id === agentId) ? (
        <AgentMonth file={file} agentId={agentId} />
      ) : (
        <>
          <h1 id="print-title" className="print-title">
            {t('printTitle', { team: team.name, month: monthLabel(month, lang) })}{' '}
            <small>{t('printedAt', { version: String(view.version), state })}</small>
          </h1>
          <TeamSheet file={file} />
        </>
      )}
    </section>
  )
}

function TeamSheet({ file }: { file: MonthFile }) {
  const { t, lang } = useI18n()
  const dates = monthDates(file.month)
  const calendar = monthCalendar(file.month, file.holidays)
  const days = dates.map(d => calendar.byDate.get(d))
  const letters = LETTER[lang]
  const jobs = JOBS.filter(j => file.agents.some(a => a.job === j))
  const width = 3 + dates.length
  return (
    <>
      <table className="print-roster">
        <colgroup>
          <col className="c-id" />
          <col className="c-name" />
          <col className="c-job" />
          {dates.map(d => (
            <col key={d} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th rowSpan={2}>{t('colId')}</th>
            <th rowSpan={2}>{t('colName')}</th>
            <th rowSpan={2}>{t('colJob')}</th>
            {dates.map((d, i) => (
              <th key={d} className={dayClass(days[i])}>
                {i + 1}
              </th>
            ))}
          </tr>
          <tr>
            {dates.map((d, i) => (
              <th
                key={d}
                className={`wd ${dayClass(days[i])}`}
                title={days[i]?.name ? days[i]?.name?.[lang] : undefined}
              >
                {mark(days[i], lang) || weekdayShort(d, lang)}
              </th>
            ))}
          </tr>
        </thead>
        {groups(file).map(g => (
          <tbody key={`${g.job}-${g.leader?.id ?? ''}`}>
            <tr className="group">
              <th colSpan={width} scope="colgroup">
                {JOB_NAME[g.job][lang]}
                {g.leader ? ` · ${g.leader.name}${lang === 'zh' ? '组' : ''}` : ''}
              </th>
            </tr>
            {g.agents.map(a => (
              <tr key={a.id}>
                <td className="id">{a.id}</td>
                <th scope="row" className="name">
                  {a.name}
                </th>
                <td className="job">{JOB_NAME[a.job][lang]}</td>
                {[...(file.roster?.[a.id] ?? '')].map((c, i) => (
                  <td
                    key={i}
                    className={`pc c-${c === '-' ? 'rest' : c === '?' ? 'open' : c} ${dayClass(days[i])}`}
                  >
                    {letters[c as keyof typeof letters] ?? c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        ))}
        <tbody className="counts">
          <tr className="group">
            <th colSpan={width} scope="colgroup">
              {t('onShift')}
            </th>
          </tr>
          {(['D', 'N'] as const).flatMap(shift =>
            jobs.map(job => (
              <tr key={`${shift}-${job}`}>
                <td className="id">{letters[shift]}</td>
                <th scope="row" className="name" colSpan={2}>
                  {JOB_NAME[job][lang]}
                </th>
                {dates.map((d, i) => (
                  <td key={d} className={dayClass(days[i])}>
                    {file.agents.filter(a => a.job === job && file.roster?.[a.id]?.[i] === shift).length}
                  </td>
                ))}
              </tr>
            )),
          )}
        </tbody>
      </table>
      <Legend file={file} />
    </>
  )
}

function Legend({ file }: { file: MonthFile }) {
  const { t } = useI18n()
  const { D, N } = file.policy.shifts
  return (
    <ul className="print-legend" aria-label={t('legendTitle')}>
      <li>
        <span className="swatch c-D" /> {t('legendD', { time: `${D.start}–${D.end}` })}
      </li>
      <li>
        <span className="swatch c-N" /> {t('legendN', { time: `${N.start}–${N.end}` })}
      </li>
      <li>
        <span className="swatch" /> {t('legendRest')}
      </li>
      <li>
        <span className="swatch c-L" /> {t('legendLeave')}
      </li>
      <li>
        <span className="swatch holiday" /> {t('legendHoliday')}
      </li>
    </ul>
  )
}

/** One agent's month on one page: a calendar of weeks, the shift in each day, the totals. */
function AgentMonth({ file, agentId }: { file: MonthFile; agentId: string }) {
  const { t, lang } = useI18n()
  const agent = file.agents.find(a => a.id === agentId)
  const dates = monthDates(file.month)
  const calendar = monthCalendar(file.month, file.holidays)
  const row = file.roster?.[agentId] ?? ''
  const lead = (calendar.byDate.get(dates[0] ?? '')?.weekday ?? 1) - 1
  const cells: Array<string | null> = [...Array<null>(lead).fill(null), ...dates]
  while (cells.length % 7 !== 0) cells.push(null)
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7))
  const { D, N } = file.policy.shifts
  const count = (c: string) => [...row].filter(x => x === c).length
  const word = {
    D: `${t('cellNameD')} ${D.start}–${D.end}`,
    N: `${t('cellNameN')} ${N.start}–${N.end}`,
    '-': t('cellNameRest'),
    L: t('cellNameL'),
  }
  // 2026-11-30 is a Monday: the seven weekday names from there.
  const names = Array.from({ length: 7 }, (_, i) => weekdayShort(addDays('2026-11-30', i), lang))
  return (
    <div className="agent-month">
      <h1 id="print-title">
        {t('agentMonthTitle', {
          name: `${agent?.name ?? agentId} (${agentId})`,
          month: monthLabel(file.month, lang),
        })}
      </h1>
      <table className="agent-calendar">
        <thead>
          <tr>
            {names.map((n, i) => (
              <th key={i}>{n}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={w}>
              {week.map((date, i) => {
                if (!date) return <td key={i} className="empty" />
                const day = calendar.byDate.get(date)
                const c = row[dates.indexOf(date)] ?? '?'
                return (
                  <td key={i} className={`${dayClass(day)} c-${c === '-' ? 'rest' : c}`}>
                    <span className="date">
                      {Number(date.slice(8))} {mark(day, lang)}
                    </span>
                    <strong>{LETTER[lang][c as 'D'] ?? c}</strong>
                    <span className="word">{word[c as 'D'] ?? ''}</span>
                    {day?.isHoliday && day.name && <span className="holiday-name">{day.name[lang]}</span>}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {t('agentTotals', {
          d: String(count('D')),
          n: String(count('N')),
          rest: String(count('-')),
          leave: String(count('L')),
        })}
      </p>
      <Legend file={file} />
    </div>
  )
}

function RegisterSheet({
  title,
  rows,
  team,
  month,
}: {
  title: string
  rows: string[][]
  team: string
  month: string
}) {
  const { t, lang } = useI18n()
  const [head, ...body] = rows
  return (
    <div className="register-sheet">
      <h1 id="print-title">
        {title} · {team} {monthLabel(month, lang)}
      </h1>
      {body.length === 0 ? (
        <p>{t('registerEmpty')}</p>
      ) : (
        <table className="print-register">
          <thead>
            <tr>
              {head?.map((h, i) => (
                <th key={i}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.map((r, i) => (
              <tr key={i}>
                {r.map((f, j) => (
                  <td key={j}>{f}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
