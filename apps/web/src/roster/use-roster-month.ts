import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import { api, ApiError } from '../api/client'
import type { MonthView } from '../api/types'
import { editorReducer, initEditor, type EditorAction, type EditorState } from '../grid/editor-state'
import { groupAgents } from '../grid/layout'
import type { TextKey } from '../i18n/dict'
import type { Vars } from '../i18n/format'
import { markGridData } from '../perf'

/** Published versions seen in this session, by `team/month/version`: the fallback for "compare". */
const publishedSeen = new Map<string, Record<string, string>>()

const pinStorageKey = (team: string, month: string) => `paiban.pins.${team}.${month}`

function loadPins(team: string, month: string): Set<string> {
  try {
    const raw = localStorage.getItem(pinStorageKey(team, month))
    return new Set(raw ? (JSON.parse(raw) as string[]) : [])
  } catch {
    return new Set()
  }
}

type PageState = EditorState | null
function pageReducer(state: PageState, action: EditorAction): PageState {
  if (action.type === 'load') return initEditor(action.file, action.version, action.order, action.pins)
  return state && editorReducer(state, action)
}

/** A message over the grid: a stale save (409), an error or a piece of news, kept as its text key. */
export type Notice =
  { kind: 'stale'; mine: number; current: number } | { kind: 'error' | 'info'; key: TextKey; vars?: Vars }

/** The "compare" overlay: another version's roster beside the one being edited. */
export type Compare =
  | { state: 'off' }
  | { state: 'loading' }
  | { state: 'on'; version: number; roster: Record<string, string> }
  | { state: 'unavailable'; reason: string }

/** What the month's page shows about the version, without its file (the editor state holds that). */
export type VersionView = Omit<MonthView, 'file'>

/**
 * One month of one team as the roster page works on it: loads the latest version the caller may
 * see, saves the editor's outbox one batch at a time on the version it was made on (a 409 drops
 * the local edits and reloads, never overwrites), keeps pins in this browser, and fetches another
 * version's roster for "compare". `t` gives the compare's messages in the page's language.
 */
export function useRosterMonth(
  team: string,
  month: string,
  readOnly: boolean,
  t: (key: TextKey, vars?: Vars) => string,
) {
  const [state, dispatch] = useReducer(pageReducer, null)
  const [view, setView] = useState<VersionView | null>(null)
  const [loadError, setLoadError] = useState<{ notPublished: boolean; message: string } | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)
  const [saving, setSaving] = useState(false)
  const [compare, setCompare] = useState<Compare>({ state: 'off' })

  const reload = useCallback(async () => {
    try {
      const fresh = await api.month(team, month)
      markGridData()
      if (fresh.state === 'published')
        publishedSeen.set(`${team}/${month}/${fresh.version}`, fresh.file.roster ?? {})
      const { file, ...info } = fresh
      setView(info)
      dispatch({
        type: 'load',
        file,
        version: fresh.version,
        order: groupAgents(file).order,
        pins: loadPins(team, month),
      })
      setLoadError(null)
    } catch (e) {
      setLoadError({
        // Only a read-only view asks for the published version; a supervisor's 404 is another error.
        notPublished: readOnly && e instanceof ApiError && e.status === 404,
        message: (e as Error).message,
      })
    }
  }, [team, month, readOnly])
  useEffect(() => {
    void reload()
  }, [reload])

  // Save the outbox one batch at a time, each with the version it was made on.
  const sending = useRef(false)
  useEffect(() => {
    if (!state || sending.current) return
    const next = state.outbox[0]
    if (!next) {
      setSaving(false)
      return
    }
    sending.current = true
    setSaving(true)
    api.editCells(team, month, state.version, next.edits).then(
      info => {
        sending.current = false
        setView(v =>
          v
            ? {
                ...v,
                ...info,
                latestVersion: info.version,
              }
            : v,
        )
        dispatch({ type: 'saved', id: next.id, version: info.version })
      },
      (e: unknown) => {
        sending.current = false
        if (e instanceof ApiError && e.isStale)
          setNotice({ kind: 'stale', mine: state.version, current: e.currentVersion ?? state.version })
        else setNotice({ kind: 'error', key: 'saveFailed', vars: { message: (e as Error).message } })
        // Never overwrite: drop the local edits and show the month as the server has it.
        void reload()
      },
    )
  }, [state, team, month, reload])

  // Pins live in this browser (the month file has no field for them).
  useEffect(() => {
    if (!state) return
    try {
      localStorage.setItem(pinStorageKey(team, month), JSON.stringify([...state.pins]))
    } catch {
      // Storage full or disabled: pins last for this page only.
    }
  }, [state?.pins, team, month])

  /** Shows `version`'s roster beside the grid (default: the published one); again: off. */
  const toggleCompare = async (version?: number) => {
    if (compare.state !== 'off' && version === undefined) {
      setCompare({ state: 'off' })
      return
    }
    let target = version ?? null
    if (target === null) {
      const teams = await api.teams()
      target = teams.find(x => x.id === team)?.months.find(m => m.month === month)?.publishedVersion ?? null
    }
    if (target === null) {
      setCompare({ state: 'unavailable', reason: t('compareNone') })
      return
    }
    setCompare({ state: 'loading' })
    try {
      const v = await api.version(team, month, target)
      setCompare({ state: 'on', version: target, roster: v.file.roster ?? {} })
    } catch (e) {
      const seen = publishedSeen.get(`${team}/${month}/${target}`)
      if (seen) setCompare({ state: 'on', version: target, roster: seen })
      else if (e instanceof ApiError && e.isMissingRoute)
        setCompare({
          state: 'unavailable',
          reason: t('notAvailable', { route: `GET …/versions/${target}` }),
        })
      else setCompare({ state: 'unavailable', reason: (e as Error).message })
    }
  }

  /** Publishes the version on screen once its edits are saved; asks first when hard violations remain. */
  const publish = async () => {
    if (!state) return
    if (state.outbox.length > 0) {
      setNotice({ kind: 'error', key: 'unsavedWait' })
      return
    }
    const hard = state.live.all.filter(v => v.severity === 'hard').length
    if (hard > 0 && !window.confirm(t('publishConfirm', { n: hard }))) return
    try {
      const info = await api.publish(team, month, state.version)
      setNotice({ kind: 'info', key: 'published', vars: { version: info.version } })
      await reload()
    } catch (e) {
      if (e instanceof ApiError && e.isStale) {
        setNotice({ kind: 'stale', mine: state.version, current: e.currentVersion ?? state.version })
        await reload()
      } else setNotice({ kind: 'error', key: 'errorPrefix', vars: { message: (e as Error).message } })
    }
  }

  return {
    state,
    dispatch,
    view,
    loadError,
    notice,
    setNotice,
    saving,
    compare,
    toggleCompare,
    publish,
    reload,
  }
}
