import { JOBS, WEEKDAY_KEYS, type Coverage, type Settings } from '@paiban/domain'
import { useCallback, useEffect, useState } from 'react'
import { api, ApiError } from '../api/client'
import type { Me } from '../api/types'
import { useI18n } from '../i18n/i18n'

type Leaf = number | string | boolean | string[]
type Message = { ok: boolean; text: string } | null

/** Every setting of the seed policy as `path → value` (`rest.maxConsecutiveDays → 6`). */
function flatten(value: unknown, prefix = ''): Array<[string, Leaf]> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k))
  return [[prefix, value as Leaf]]
}

/** The overrides: only the settings that differ from the seed default, nested again. */
function overrides(values: Record<string, Leaf>, defaults: Record<string, Leaf>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [path, v] of Object.entries(values)) {
    if (JSON.stringify(v) === JSON.stringify(defaults[path])) continue
    const keys = path.split('.')
    let node = out
    for (const k of keys.slice(0, -1)) {
      const child = (node[k] ?? {}) as Record<string, unknown>
      node[k] = child
      node = child
    }
    node[keys.at(-1) ?? path] = v
  }
  return out
}

type Row = 'default' | (typeof WEEKDAY_KEYS)[number] | `date:${string}`
const ROWS = ['default', ...WEEKDAY_KEYS] as const
const dateRow = (date: string): Row => `date:${date}`
const SHIFTS = ['D', 'N'] as const
type Grid = Record<string, string>
const cellKey = (row: Row, shift: string, job: string) => `${row}.${shift}.${job}`

function gridOf(coverage: Coverage): Grid {
  const grid: Grid = {}
  const dated = Object.keys(coverage.dates ?? {}).map(dateRow)
  for (const row of [...ROWS, ...dated]) {
    const need =
      row === 'default'
        ? coverage.default
        : row.startsWith('date:')
          ? coverage.dates?.[row.slice(5)]
          : coverage.weekday?.[row as (typeof WEEKDAY_KEYS)[number]]
    for (const shift of SHIFTS)
      for (const job of JOBS) {
        const n = need?.[shift]?.[job]
        if (n !== undefined) grid[cellKey(row, shift, job)] = String(n)
      }
  }
  return grid
}

/** The grid as coverage: a weekday or date names a shift when any of its cells is filled. */
function coverageOf(grid: Grid, dateList: readonly string[]): Coverage {
  const needOf = (row: Row) => {
    const need: Record<string, Record<string, number>> = {}
    for (const shift of SHIFTS) {
      const counts: Record<string, number> = {}
      for (const job of JOBS) {
        const text = grid[cellKey(row, shift, job)]?.trim()
        if (text) counts[job] = Number(text)
      }
      if (Object.keys(counts).length > 0) need[shift] = counts
    }
    return need
  }
  const weekday: Record<string, Record<string, Record<string, number>>> = {}
  for (const d of WEEKDAY_KEYS) {
    const need = needOf(d)
    if (Object.keys(need).length > 0) weekday[d] = need
  }
  // Each shift of a date is its own: a shift with no cell filled keeps the weekday's or default.
  const dates = Object.fromEntries(dateList.map(d => [d, needOf(dateRow(d))]))
  return {
    default: needOf('default'),
    ...(Object.keys(weekday).length > 0 ? { weekday } : {}),
    ...(dates && Object.keys(dates).length > 0 ? { dates } : {}),
  }
}

/**
 * A team's settings: every policy setting with the seed default beside it, the shift times, and
 * the coverage as a grid (default and by weekday × shift × job). Each save is a new audited
 * version; a stale one is refused and reloaded.
 */
export function SettingsPage({ me }: { me: Me }) {
  const { t } = useI18n()
  const [team, setTeam] = useState<string | null>(me.team)
  const [settings, setSettings] = useState<Settings | null>(null)
  const [values, setValues] = useState<Record<string, Leaf>>({})
  const [grid, setGrid] = useState<Grid>({})
  const [dates, setDates] = useState<string[]>([])
  const [newDate, setNewDate] = useState('')
  const [message, setMessage] = useState<Message>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (team) return
    api.teams().then(
      teams => setTeam(teams[0]?.id ?? null),
      () => undefined,
    )
  }, [team])
  const load = useCallback(() => {
    if (!team) return
    api.settings(team).then(
      s => {
        setSettings(s)
        setValues(Object.fromEntries(flatten(s.effective)))
        setGrid(gridOf(s.coverage))
        setDates(Object.keys(s.coverage.dates ?? {}).sort())
      },
      (e: unknown) => setMessage({ ok: false, text: (e as Error).message }),
    )
  }, [team])
  useEffect(load, [load])
  if (!settings || !team) return <p role="status">{message?.text ?? t('loading')}</p>
  const defaults = Object.fromEntries(flatten(settings.defaults))

  const save = async () => {
    setBusy(true)
    setMessage(null)
    try {
      const saved = await api.saveSettings(team, {
        version: settings.version,
        policy: overrides(values, defaults),
        coverage: coverageOf(grid, dates),
      })
      setSettings(saved)
      setMessage({ ok: true, text: t('settingsSaved', { version: saved.version }) })
    } catch (e) {
      if (e instanceof ApiError && e.isStale) {
        setMessage({ ok: false, text: t('settingsStale') })
        load()
      } else
        setMessage({
          ok: false,
          text:
            e instanceof ApiError && e.issues.length > 0
              ? e.issues.map(i => `${i.path}: ${i.message}`).join('\n')
              : t('errorPrefix', { message: (e as Error).message }),
        })
    } finally {
      setBusy(false)
    }
  }

  const input = (path: string, v: Leaf) => {
    const label = `${t('settingsField')} ${path}`
    if (typeof v === 'boolean')
      return (
        <input
          type="checkbox"
          aria-label={label}
          checked={v}
          onChange={e => setValues({ ...values, [path]: e.target.checked })}
        />
      )
    if (Array.isArray(v))
      return (
        <input
          aria-label={label}
          value={v.join(',')}
          onChange={e =>
            setValues({
              ...values,
              [path]: e.target.value
                .split(',')
                .map(x => x.trim())
                .filter(Boolean),
            })
          }
        />
      )
    if (typeof v === 'number')
      return (
        <input
          type="number"
          aria-label={label}
          value={String(v)}
          step="any"
          onChange={e => setValues({ ...values, [path]: e.target.value === '' ? 0 : Number(e.target.value) })}
        />
      )
    return (
      <input
        aria-label={label}
        value={v}
        onChange={e => setValues({ ...values, [path]: e.target.value })}
        size={6}
      />
    )
  }

  return (
    <section className="page" aria-labelledby="settings-title">
      <div className="page-head">
        <h1 id="settings-title">
          {t('settingsTitle')} · {team}
        </h1>
        <span className="version">
          {t('settingsVersion', { version: settings.version, by: settings.createdBy ?? '—' })}
        </span>
        <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
          {t('settingsSave')}
        </button>
      </div>
      {message && (
        <p className={message.ok ? 'ok' : 'error pre'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <div className="card">
        <h2>{t('settingsCoverageTitle')}</h2>
        <p className="help">{t('coverageHelp')}</p>
        <div className="table-scroll">
          <table className="data coverage-grid">
            <thead>
              <tr>
                <th />
                {SHIFTS.map(shift =>
                  JOBS.map(job => (
                    <th key={`${shift}${job}`}>
                      {shift === 'D' ? t('shiftD') : t('shiftN')} · {t(`job_${job}` as const)}
                    </th>
                  )),
                )}
              </tr>
            </thead>
            <tbody>
              {ROWS.map(row => (
                <tr key={row}>
                  <th scope="row">
                    {row === 'default' ? t('coverageDefault') : t(`weekday_${row}` as const)}
                  </th>
                  {SHIFTS.map(shift =>
                    JOBS.map(job => (
                      <td key={`${shift}${job}`}>
                        <input
                          type="number"
                          min={0}
                          aria-label={`${row} ${shift} ${job}`}
                          value={grid[cellKey(row, shift, job)] ?? ''}
                          onChange={e => setGrid({ ...grid, [cellKey(row, shift, job)]: e.target.value })}
                        />
                      </td>
                    )),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="card">
        <h2>{t('coverageByDateTitle')}</h2>
        <p className="help">{t('coverageByDateHelp')}</p>
        {dates.length > 0 && (
          <div className="table-scroll">
            <table className="data coverage-grid">
              <thead>
                <tr>
                  <th>{t('coverageDate')}</th>
                  {SHIFTS.map(shift =>
                    JOBS.map(job => (
                      <th key={`${shift}${job}`}>
                        {shift === 'D' ? t('shiftD') : t('shiftN')} · {t(`job_${job}` as const)}
                      </th>
                    )),
                  )}
                  <th />
                </tr>
              </thead>
              <tbody>
                {dates.map(date => (
                  <tr key={date}>
                    <th scope="row">{date}</th>
                    {SHIFTS.map(shift =>
                      JOBS.map(job => {
                        const key = cellKey(dateRow(date), shift, job)
                        const filled = JOBS.some(j => grid[cellKey(dateRow(date), shift, j)]?.trim())
                        const usual = filled ? '0' : (grid[cellKey('default', shift, job)] ?? '0')
                        return (
                          <td key={`${shift}${job}`}>
                            <input
                              type="number"
                              min={0}
                              aria-label={`${date} ${shift} ${job}`}
                              placeholder={usual}
                              title={t('coverageUsual', { n: usual })}
                              value={grid[key] ?? ''}
                              onChange={e => setGrid({ ...grid, [key]: e.target.value })}
                            />
                          </td>
                        )
                      }),
                    )}
                    <td>
                      <button
                        type="button"
                        aria-label={t('coverageDateRemoveOf', { date })}
                        onClick={() => setDates(dates.filter(d => d !== date))}
                      >
                        {t('coverageDateRemove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="row">
          <label className="inline-field">
            <span>{t('coverageDate')}</span>
            <input type="date" value={newDate} onChange={e => setNewDate(e.target.value)} />
          </label>
          <button
            type="button"
            disabled={!newDate || dates.includes(newDate)}
            onClick={() => {
              setDates([...dates, newDate].sort())
              setNewDate('')
            }}
          >
            {t('coverageDateAdd')}
          </button>
        </div>
      </div>
      <div className="card">
        <h2>{t('policyTitle')}</h2>
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th>{t('settingsField')}</th>
                <th>{t('settingsValue')}</th>
                <th>{t('settingsDefault')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(values).map(([path, v]) => (
                <tr
                  key={path}
                  className={JSON.stringify(v) !== JSON.stringify(defaults[path]) ? 'changed' : undefined}
                >
                  <td>
                    <code>{path}</code>
                  </td>
                  <td>{input(path, v)}</td>
                  <td className="help">
                    {(() => {
                      const d = defaults[path]
                      return Array.isArray(d) ? d.join(',') : String(d)
                    })()}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  )
}
