import { monthIn } from '@paiban/domain'
import { useEffect, useState } from 'react'
import { api } from '../api/client'
import type { Me, TeamSummary } from '../api/types'
import { monthLabel } from '../i18n/format'
import { useI18n } from '../i18n/i18n'
import { navigateTo } from '../router'

export type MonthChoice =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; team: TeamSummary; month: string | null }

/** The month `YYYY-MM` of today in a time zone. */
export function thisMonth(timeZone: string, now = new Date()): string {
  return monthIn(timeZone, now)
}

/**
 * The caller's team and the month to show: the one in the URL when the team has it, else
 * `prefer` ('latest': the newest month, for planning; 'current': this month if there is one).
 */
export function useMonthChoice(me: Me, requested: string | null, prefer: 'latest' | 'current'): MonthChoice {
  const [teams, setTeams] = useState<TeamSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    api.teams().then(setTeams, (e: unknown) => setError((e as Error).message))
  }, [me.login])
  if (error) return { state: 'error', message: error }
  if (!teams) return { state: 'loading' }
  const team = teams.find(t => t.id === me.team) ?? teams[0]
  if (!team) return { state: 'error', message: 'no team' }
  const months = team.months.map(m => m.month)
  let month = requested !== null && months.includes(requested) ? requested : null
  if (month === null) {
    const now = thisMonth(team.timeZone)
    month = prefer === 'current' && months.includes(now) ? now : (months.at(-1) ?? null)
  }
  return { state: 'ready', team, month }
}

/** A month selector that puts the choice in the URL (`?month=`). */
export function MonthPicker({ team, month, path }: { team: TeamSummary; month: string; path: string }) {
  const { t, lang } = useI18n()
  return (
    <label className="inline-field">
      <span>{t('month')}</span>
      <select value={month} onChange={e => navigateTo(`${path}?month=${e.target.value}`)}>
        {team.months.map(m => (
          <option key={m.month} value={m.month}>
            {monthLabel(m.month, lang)} · {m.state === 'published' ? t('statePublished') : t('stateDraft')}
          </option>
        ))}
      </select>
    </label>
  )
}
