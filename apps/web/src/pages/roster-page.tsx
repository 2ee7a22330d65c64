import type { Cell, Job, Shift, Violation } from '@paiban/domain'
import { lazy, Suspense, useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react'
import { api, ApiError } from '../api/client'
import type { Me, MonthView } from '../api/types'
import { CELL_LOOK } from '../components/cells'
import { GeneratePanel } from '../components/generate-panel'
import { MonthPicker, useMonthChoice } from '../components/month-picker'
import { RosterGrid } from '../components/roster-grid'
import type { SuggestTarget } from '../components/suggest-dialog'
import { ViolationsPanel } from '../components/violations-panel'
import { coverageLines } from '../grid/coverage'
import { changeCount, changedCells } from '../grid/diff'
import {
  cellAt,
  editorReducer,
  focused,
  initEditor,
  pinKey,
  type EditorAction,
  type EditorState,
} from '../grid/editor-state'
import { groupAgents } from '../grid/layout'
import { indexMarks } from '../grid/marks'
import type { TextKey } from '../i18n/dict'
import { dateLabel, monthLabel, type Vars } from '../i18n/format'
import { useI18n } from '../i18n/i18n'
import { markEditShown, markEditStart, markGridData, markGridRendered } from '../perf'

// Its own chunk: fillHole brings javascript-lp-solver, which the grid's first load does not need.
const SuggestDialog = lazy(() =>
  import('../components/suggest-dialog').then(m => ({ default: m.SuggestDialog })),
)

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

type Notice =
  { kind: 'stale'; mine: number; current: number } | { kind: 'error' | 'info'; key: TextKey; vars?: Vars }

type Compare =
  | { state: 'off' }
  | { state: 'loading' }
  | { state: 'on'; version: number; roster: Record<string, string> }
  | { state: 'unavailable'; reason: string }

/**
 * The supervisor's page: pick a month, then edit, check, generate, compare and publish it; or, read
 * only, the manager's view of the published month with its rule check.
 */
export function RosterPage({
  me,
  month: requested,
  readOnly = false,
}: {
  me: Me
  month: string | null
  /** The manager's view: the published roster to look at, with its rule check; no edits. */
  readOnly?: boolean
}) {
  const { t, lang } = useI18n()
  const choice = useMonthChoice(me, requested, 'latest')
  if (choice.state === 'loading') return <p role="status">{t('loading')}</p>
  if (choice.state === 'error') return <p role="alert">{t('errorPrefix', { message: choice.message })}</p>
  if (choice.month === null) return <p>{t('noMonths')}</p>
  return (
    <RosterEditor
      key={`${choice.team.id}/${choice.month}`}
      team={choice.team.id}
      month={choice.month}
      picker={
        <MonthPicker team={choice.team} month={choice.month} path={readOnly ? '/overview' : '/roster'} />
      }
      title={`${choice.team.name} · ${monthLabel(choice.month, lang)}`}
      readOnly={readOnly}
    />
  )
}

function RosterEditor({
  team,
  month,
  picker,
  title,
  readOnly,
}: {
  team: string
  month: string
  picker: React.ReactNode
  title: string
  readOnly: boolean
}) {
  const { t, lang } = useI18n()
  const [state, dispatch] = useReducer(pageReducer, null)
  const [view, setView] = useState<Omit<MonthView, 'file'> | null>(null)
  const [loadError, setLoadError] = useState<{ notPublished: boolean; message: string } | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)
  const [saving, setSaving] = useState(false)
  const [generating, setGenerating] = useState(false)
  const [compare, setCompare] = useState<Compare>({ state: 'off' })
  const [suggest, setSuggest] = useState<SuggestTarget | null>(null)
  const gridRef = useRef<HTMLDivElement>(null)

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
          v ? { ...v, version: info.version, latestVersion: info.version, state: info.state } : v,
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

  const layout = useMemo(() => (state ? groupAgents(state.file) : null), [state?.file])
  const live = state?.live
  const marks = useMemo(() => (live ? indexMarks(live.all, live.ctx.dateIndex) : null), [live])
  const coverage = useMemo(() => (live ? coverageLines(live.ctx) : []), [live])
  const changes = useMemo(
    () => (compare.state === 'on' && live ? changedCells(live.ctx.rows, compare.roster) : null),
    [compare, live],
  )

  useEffect(() => {
    if (live) markEditShown()
  }, [live])
  useEffect(() => {
    if (state) markGridRendered()
  }, [state !== null])

  const stableDispatch = useCallback(
    (action: EditorAction) => {
      if (!readOnly || MOVES.has(action.type)) dispatch(action)
    },
    [readOnly],
  )
  const focusGrid = () => gridRef.current?.querySelector<HTMLElement>('[role="grid"]')?.focus()

  const onJump = useCallback(
    (v: Violation) => {
      if (!live) return
      const index = v.date === undefined ? undefined : live.ctx.dateIndex.get(v.date)
      if (v.agentId !== undefined)
        dispatch({ type: 'focusCell', agentId: v.agentId, index: index ?? state?.focus.col ?? 0 })
      else if (index !== undefined) dispatch({ type: 'moveTo', col: index })
      requestAnimationFrame(focusGrid)
    },
    [live, state?.focus.col],
  )
  const onSuggestDate = useCallback(
    (date: string, shift: Shift, job: Job) => {
      const index = live?.ctx.dateIndex.get(date)
      if (index !== undefined) setSuggest({ index, shift, job })
    },
    [live],
  )
  const onSuggestIndex = useCallback(
    (index: number, shift: Shift, job: Job) => setSuggest({ index, shift, job }),
    [],
  )

  const toggleCompare = async () => {
    if (compare.state !== 'off') {
      setCompare({ state: 'off' })
      return
    }
    const teams = await api.teams()
    const published =
      teams.find(x => x.id === team)?.months.find(m => m.month === month)?.publishedVersion ?? null
    if (published === null) {
      setCompare({ state: 'unavailable', reason: t('compareNone') })
      return
    }
    setCompare({ state: 'loading' })
    try {
      const v = await api.version(team, month, published)
      setCompare({ state: 'on', version: published, roster: v.file.roster ?? {} })
    } catch (e) {
      const seen = publishedSeen.get(`${team}/${month}/${published}`)
      if (seen) setCompare({ state: 'on', version: published, roster: seen })
      else if (e instanceof ApiError && e.isMissingRoute)
        setCompare({
          state: 'unavailable',
          reason: t('notAvailable', { route: `GET …/versions/${published}` }),
        })
      else setCompare({ state: 'unavailable', reason: (e as Error).message })
    }
  }

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

  if (loadError)
    return (
      <p role="alert">
        {loadError.notPublished ? t('notPublished') : t('errorPrefix', { message: loadError.message })}
      </p>
    )
  if (!state || !layout || !marks || !view) return <p role="status">{t('loading')}</p>

  const at = focused(state)
  const atAgent = at ? state.live.ctx.agentById.get(at.agentId) : undefined
  const atDate = at ? state.live.ctx.dates[at.index] : undefined
  const atCell: Cell | undefined = at ? cellAt(state, at.agentId, at.index) : undefined
  const atPinned = at ? state.pins.has(pinKey(at.agentId, at.index)) : false
  const tool = (action: EditorAction) => {
    if (action.type === 'set' || action.type === 'undo' || action.type === 'redo') markEditStart()
    dispatch(action)
    focusGrid()
  }
  const stateLabel = view.state === 'published' ? t('statePublished') : t('stateDraft')
  const locked = generating

  return (
    <div className="roster-page">
      <div className="page-head">
        <h1>{title}</h1>
        {picker}
        <span className="version" aria-live="polite">
          {t('versionLine', { version: state.version, state: stateLabel })}
          {saving ? ` · ${t('saving')}` : ''}
        </span>
        <span className="spacer" />
        {!readOnly && (
          <>
            <button type="button" onClick={() => void toggleCompare()} aria-pressed={compare.state === 'on'}>
              {compare.state === 'off' ? t('compare') : t('compareOff')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={locked || (view.state === 'published' && state.outbox.length === 0)}
              onClick={() => void publish()}
              title={view.state === 'published' ? t('alreadyPublished') : undefined}
            >
              {t('publish')}
            </button>
          </>
        )}
      </div>
      {readOnly && (
        <p className="notice info" role="note">
          {t('readOnlyNotice')}
        </p>
      )}
      {notice && (
        <div className={`notice ${notice.kind}`} role={notice.kind === 'info' ? 'status' : 'alert'}>
          {notice.kind === 'stale' ? (
            <>
              <strong>{t('staleTitle')}</strong>{' '}
              {t('staleBody', { mine: notice.mine, current: notice.current })}
            </>
          ) : (
            t(notice.key, notice.vars)
          )}
          <button type="button" className="small" onClick={() => setNotice(null)}>
            {t('close')}
          </button>
        </div>
      )}
      {compare.state === 'on' && changes && (
        <p className="notice info" role="status">
          <span className="diff-swatch" aria-hidden="true" />{' '}
          {t('compareCount', { n: changeCount(changes), version: compare.version })}
        </p>
      )}
      {compare.state === 'unavailable' && (
        <p className="notice error" role="status">
          {compare.reason}
        </p>
      )}
      {!readOnly && (
        <GeneratePanel state={state} team={team} month={month} onReload={reload} onBusy={setGenerating} />
      )}
      <div
        className="cell-tools"
        role={readOnly ? undefined : 'toolbar'}
        aria-label={readOnly ? undefined : t('cellTools')}
      >
        <span className="selected">
          {atAgent && atDate ? t('selectedCell', { agent: atAgent.name, date: dateLabel(atDate, lang) }) : ''}
          {atCell && (
            <span className={`chip ${CELL_LOOK[atCell].className}`}>{t(CELL_LOOK[atCell].name)}</span>
          )}
        </span>
        {!readOnly && (
          <>
            <button type="button" disabled={locked} onClick={() => tool({ type: 'set', cell: 'D' })}>
              {t('setDay')}
            </button>
            <button type="button" disabled={locked} onClick={() => tool({ type: 'set', cell: 'N' })}>
              {t('setNight')}
            </button>
            <button type="button" disabled={locked} onClick={() => tool({ type: 'set', cell: '-' })}>
              {t('setRest')}
            </button>
            <button
              type="button"
              disabled={locked}
              aria-pressed={atPinned}
              onClick={() => tool({ type: 'togglePin' })}
            >
              {atPinned ? t('unpin') : t('pin')}
            </button>
            <button
              type="button"
              disabled={locked || state.undo.length === 0}
              onClick={() => tool({ type: 'undo' })}
            >
              {t('undo')}
            </button>
            <button
              type="button"
              disabled={locked || state.redo.length === 0}
              onClick={() => tool({ type: 'redo' })}
            >
              {t('redo')}
            </button>
          </>
        )}
        {state.refused === 'leave' && (
          <span className="error" role="alert">
            {t('leaveLocked')}
          </span>
        )}
      </div>
      <p id="grid-help" className="help">
        {t(readOnly ? 'keyboardHelpReadOnly' : 'keyboardHelp')}
      </p>
      {state.live.ctx.calendar.warnings.map((w, i) => (
        <p key={i} className="calendar-notice" role="note">
          {w[lang]}
        </p>
      ))}
      <div className="roster-body">
        <div className={`grid-area${locked ? ' locked' : ''}`} ref={gridRef} aria-busy={locked}>
          <RosterGrid
            state={state}
            dispatch={locked ? noop : stableDispatch}
            rows={layout.rows}
            days={state.live.ctx.calendar.days}
            marks={marks}
            coverage={coverage}
            changes={changes}
            onSuggest={readOnly ? undefined : onSuggestIndex}
            monthLabel={monthLabel(month, lang)}
          />
        </div>
        <aside className="side">
          <ViolationsPanel
            violations={state.live.all}
            onJump={onJump}
            onSuggest={readOnly ? undefined : onSuggestDate}
          />
        </aside>
      </div>
      {suggest && (
        <Suspense fallback={<p role="status">{t('loading')}</p>}>
          <SuggestDialog
            file={state.file}
            live={state.live}
            target={suggest}
            onClose={() => setSuggest(null)}
            onApply={agentIds => {
              const first = agentIds[0]
              if (first === undefined || locked) return
              markEditStart()
              dispatch({
                type: 'apply',
                changes: agentIds.map(agentId => ({ agentId, index: suggest.index, cell: suggest.shift })),
              })
              dispatch({ type: 'focusCell', agentId: first, index: suggest.index })
              setSuggest(null)
              requestAnimationFrame(focusGrid)
            }}
          />
        </Suspense>
      )}
    </div>
  )
}

const noop = () => undefined

/** What a read-only view lets through: moving the focus. */
const MOVES: ReadonlySet<EditorAction['type']> = new Set(['move', 'moveTo', 'focusCell'])
