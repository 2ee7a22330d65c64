import type { Job, Shift, Violation } from '@paiban/domain'
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Me } from '../api/types'
import { CellTools } from '../components/cell-tools'
import { EmergencyLeaveButton, type EmergencyTarget, type Filed } from '../components/emergency-leave'
import { GeneratePanel } from '../components/generate-panel'
import { MonthPicker, useMonthChoice } from '../components/month-picker'
import { RosterGrid } from '../components/roster-grid'
import type { SuggestTarget } from '../components/suggest-dialog'
import { ViolationsPanel } from '../components/violations-panel'
import { coverageLines } from '../grid/coverage'
import { changeCount, changedCells } from '../grid/diff'
import { cellAt, focused, type EditorAction, type EditorState } from '../grid/editor-state'
import { gapTargets } from '../grid/gap'
import { groupAgents } from '../grid/layout'
import { indexMarks } from '../grid/marks'
import { monthLabel } from '../i18n/format'
import { useI18n } from '../i18n/i18n'
import { markEditShown, markEditStart, markGridRendered } from '../perf'
import { useRosterMonth } from '../roster/use-roster-month'

// Its own chunk: fillHole brings javascript-lp-solver, which the grid's first load does not need.
const SuggestDialog = lazy(() =>
  import('../components/suggest-dialog').then(m => ({ default: m.SuggestDialog })),
)

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
  const {
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
  } = useRosterMonth(team, month, readOnly, t)
  const [generating, setGenerating] = useState(false)
  const [suggest, setSuggest] = useState<SuggestTarget | null>(null)
  const gridRef = useRef<HTMLDivElement>(null)

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

  if (loadError)
    return (
      <p role="alert">
        {loadError.notPublished ? t('notPublished') : t('errorPrefix', { message: loadError.message })}
      </p>
    )
  if (!state || !layout || !marks || !view) return <p role="status">{t('loading')}</p>

  const tool = (action: EditorAction) => {
    if (action.type === 'set' || action.type === 'undo' || action.type === 'redo') markEditStart()
    dispatch(action)
    focusGrid()
  }
  const stateLabel = view.state === 'published' ? t('statePublished') : t('stateDraft')
  const locked = generating
  const emergency = readOnly ? undefined : emergencyTarget(state)
  // LEAVE-EMERGENCY from the grid: the month reloads with the cell `L`, then "suggest a fix" opens
  // on the first shift it left short, so the supervisor fills it in one step.
  const onFiled = async ({ target, result }: Filed) => {
    await reload()
    setNotice({ kind: 'info', key: 'emergencyFiled', vars: { name: target.name, version: result.version } })
    const first = gapTargets(result.gap, target.job)[0]
    const index = first ? Number(first.date.slice(8, 10)) - 1 : undefined
    if (first && index !== undefined) setSuggest({ index, shift: first.shift, job: first.job })
  }

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
      <CellTools state={state} readOnly={readOnly} locked={locked} onTool={tool}>
        {emergency && (
          <EmergencyLeaveButton
            team={team}
            target={emergency}
            disabled={locked || saving || state.outbox.length > 0}
            onFiled={onFiled}
          />
        )}
      </CellTools>
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

/** The focused cell as an emergency leave's target: a day or night shift of an agent, else none. */
function emergencyTarget(state: EditorState): EmergencyTarget | undefined {
  const at = focused(state)
  if (!at) return undefined
  const agent = state.live.ctx.agentById.get(at.agentId)
  const date = state.live.ctx.dates[at.index]
  const cell = cellAt(state, at.agentId, at.index)
  if (!agent || date === undefined || (cell !== 'D' && cell !== 'N')) return undefined
  return { agentId: agent.id, name: agent.name, job: agent.job, date, shift: cell }
}

/** What a read-only view lets through: moving the focus. */
const MOVES: ReadonlySet<EditorAction['type']> = new Set(['move', 'moveTo', 'focusCell'])
