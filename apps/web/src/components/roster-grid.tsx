import type { Agent, Cell, DayInfo, Job, Shift } from '@paiban/domain'
import { JOB_NAME, SHIFT_NAME } from '@paiban/rules'
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type Row } from '@tanstack/react-table'
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react'
import { dateLabel, weekdayShort } from '../i18n/format'
import { useI18n } from '../i18n/i18n'
import type { CoverageLine } from '../grid/coverage'
import { pinKey, type EditorAction, type EditorState } from '../grid/editor-state'
import { keyAction } from '../grid/keys'
import type { DisplayRow } from '../grid/layout'
import { coverageKey, type Mark, type Marks } from '../grid/marks'
import { markEditStart } from '../perf'
import { CELL_LOOK, dayClass } from './cells'
import { RecordCellMark, RecordLegend, recordMarks, recordSignature, type RecordMark } from './record-mark'

/** Pixel sizes the windowing relies on (styles.css uses the same). */
export const ROW_HEIGHT = 28
const HEADER_HEIGHT = 62
const NAME_WIDTH = 150
const DAY_WIDTH = 36
const OVERSCAN = 8

type ColumnMeta = { index: number; day?: DayInfo }

export type RosterGridProps = {
  readonly state: EditorState
  readonly dispatch: (action: EditorAction) => void
  readonly rows: readonly DisplayRow[]
  readonly days: readonly DayInfo[]
  readonly marks: Marks
  readonly coverage: readonly CoverageLine[]
  /** Cells that differ from the published version: agent id → day index → the published cell. */
  readonly changes: ReadonlyMap<string, ReadonlyMap<number, Cell>> | null
  /** Opens "suggest a fix" for a short shift (none in a read-only view). */
  readonly onSuggest?: (index: number, shift: Shift, job: Job) => void
  readonly monthLabel: string
}

/**
 * The month grid: agents down (grouped by job and team leader), days across, a coverage line per
 * shift and job underneath. An ARIA grid with one focus (aria-activedescendant) moved by the
 * keyboard map of grid/keys.ts or by clicking; only the rows in view are rendered (fixed-height
 * windowing), and each row re-renders only when its own cells, marks, pins or focus change.
 */
export function RosterGrid(props: RosterGridProps) {
  const { state, dispatch, rows, days, marks, coverage, changes, onSuggest } = props
  const { t, lang } = useI18n()
  const scroller = useRef<HTMLDivElement>(null)
  const [view, setView] = useState({ top: 0, height: 800 })

  const agents = useMemo(() => {
    const byId = new Map(state.file.agents.map(a => [a.id, a]))
    return state.order.map(id => byId.get(id)).filter((a): a is Agent => a !== undefined)
  }, [state.file, state.order])

  const columns = useMemo<Array<ColumnDef<Agent>>>(
    () => [
      { id: 'agent', header: () => t('agentColumn'), meta: { index: -1 } satisfies ColumnMeta },
      ...days.map((day, index): ColumnDef<Agent> => ({
        id: day.date,
        meta: { index, day } satisfies ColumnMeta,
        header: () => <DayHeader day={day} />,
      })),
    ],
    [days, t],
  )
  const table = useReactTable({
    data: agents,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: a => a.id,
  })
  const rowsById = table.getRowModel().rowsById
  const records = useMemo(() => recordMarks(state.file), [state.file])

  // Which display line each editor row sits on, to scroll the focus into view.
  const lineOfRow = useMemo(() => {
    const out: number[] = []
    rows.forEach((r, line) => {
      if (r.kind === 'agent') out[r.row] = line
    })
    return out
  }, [rows])

  const onScroll = useCallback(() => {
    const el = scroller.current
    if (el) setView({ top: el.scrollTop, height: el.clientHeight })
  }, [])
  useEffect(() => {
    const el = scroller.current
    if (!el) return
    onScroll()
    const observer = new ResizeObserver(onScroll)
    observer.observe(el)
    return () => observer.disconnect()
  }, [onScroll])

  // Keep the focused cell in view (keyboard moves, jumps from the violation list).
  const footerHeight = coverage.length * ROW_HEIGHT + ROW_HEIGHT
  useLayoutEffect(() => {
    const el = scroller.current
    const line = lineOfRow[state.focus.row]
    if (!el || line === undefined) return
    const y = line * ROW_HEIGHT
    const visible = el.clientHeight - HEADER_HEIGHT - footerHeight
    if (y < el.scrollTop) el.scrollTop = y
    else if (y + ROW_HEIGHT > el.scrollTop + visible) el.scrollTop = y + ROW_HEIGHT - visible
    const x = state.focus.col * DAY_WIDTH
    const width = el.clientWidth - NAME_WIDTH
    if (x < el.scrollLeft) el.scrollLeft = x
    else if (x + DAY_WIDTH > el.scrollLeft + width) el.scrollLeft = x + DAY_WIDTH - width
  }, [state.focus, lineOfRow, footerHeight])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const action = keyAction(event)
    if (!action) return
    event.preventDefault()
    if (action.type === 'set' || action.type === 'undo' || action.type === 'redo') markEditStart()
    dispatch(action)
  }

  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN)
  const last = Math.min(rows.length, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN)
  const focusAgent = state.order[state.focus.row]
  const width = NAME_WIDTH + days.length * DAY_WIDTH
  const headerGroup = table.getHeaderGroups()[0]

  return (
    <>
      {records.size > 0 && <RecordLegend />}
      <div className="grid-scroller" ref={scroller} onScroll={onScroll}>
        <div
          role="grid"
          className="roster-grid"
          tabIndex={0}
          aria-label={t('gridLabel', { month: props.monthLabel })}
          aria-rowcount={state.order.length + 1}
          aria-colcount={days.length + 1}
          aria-multiselectable={false}
          aria-activedescendant={
            focusAgent === undefined ? undefined : cellId(state.focus.row, state.focus.col)
          }
          aria-describedby="grid-help"
          onKeyDown={onKeyDown}
          style={{ width }}
        >
          <div role="rowgroup" className="grid-head">
            <HolidayBand days={days} />
            <div role="row" className="grid-row head" aria-rowindex={1}>
              {headerGroup?.headers.map(header => {
                const meta = header.column.columnDef.meta as ColumnMeta | undefined
                const index = meta?.index ?? -1
                return (
                  <div
                    key={header.id}
                    role="columnheader"
                    aria-colindex={index + 2}
                    className={
                      index < 0
                        ? 'name-cell'
                        : `day-head ${dayClass(meta?.day)}${index === state.focus.col ? ' focus-col' : ''}`
                    }
                  >
                    {flexRender(header.column.columnDef.header, header.getContext())}
                  </div>
                )
              })}
            </div>
          </div>
          <div role="rowgroup">
            <div style={{ height: first * ROW_HEIGHT }} aria-hidden="true" />
            {rows.slice(first, last).map(line => {
              if (line.kind === 'group')
                return (
                  <GroupLine
                    key={line.key}
                    job={line.job}
                    leader={
                      line.leaderId
                        ? (state.live.ctx.agentById.get(line.leaderId)?.name ?? line.leaderId)
                        : '—'
                    }
                    count={line.count}
                  />
                )
              const tableRow = rowsById[line.agentId]
              if (!tableRow) return null
              const cells = state.live.ctx.rows.get(line.agentId)?.join('') ?? ''
              return (
                <AgentLine
                  key={line.key}
                  row={tableRow}
                  rowIndex={line.row}
                  cells={cells}
                  focusCol={line.row === state.focus.row ? state.focus.col : -1}
                  marks={marks.cells.get(line.agentId)}
                  agentMark={marks.agents.get(line.agentId)}
                  signature={marks.rowSignature.get(line.agentId) ?? ''}
                  pins={pinSignature(state.pins, line.agentId, days.length)}
                  changed={changes?.get(line.agentId)}
                  changedSignature={changeSignature(changes?.get(line.agentId))}
                  record={records.get(line.agentId)}
                  recordSignature={recordSignature(records.get(line.agentId))}
                  days={days}
                  dispatch={dispatch}
                />
              )
            })}
            <div style={{ height: (rows.length - last) * ROW_HEIGHT }} aria-hidden="true" />
          </div>
          <div role="rowgroup" className="grid-foot">
            <div role="row" className="grid-row foot-title">
              <div role="rowheader" className="name-cell">
                {t('coverageTitle')}
              </div>
            </div>
            {coverage.map(line => (
              <div role="row" className="grid-row coverage" key={`${line.shift}:${line.job}`}>
                <div role="rowheader" className="name-cell">
                  {t('coverageRow', {
                    shift: say(SHIFT_NAME[line.shift], lang),
                    job: say(JOB_NAME[line.job], lang),
                  })}
                </div>
                {days.map((day, i) => {
                  const have = line.have[i] ?? 0
                  const need = line.need[i] ?? 0
                  const short = have < need
                  const mark = props.marks.coverage.get(coverageKey(line.shift, line.job, i))
                  const label = t('coverageLabel', {
                    date: dateLabel(day.date, lang),
                    shift: say(SHIFT_NAME[line.shift], lang),
                    job: say(JOB_NAME[line.job], lang),
                    have,
                    need,
                  })
                  return (
                    <div
                      role="gridcell"
                      key={day.date}
                      className={`cov ${dayClass(day)}${short ? ' short' : ''}${mark ? ' marked' : ''}`}
                      title={short ? `${label} — ${t('coverageShort', { n: need - have })}` : label}
                    >
                      {short && onSuggest ? (
                        <button
                          type="button"
                          aria-label={`${label}. ${t('suggestFix')}`}
                          onClick={() => onSuggest(i, line.shift, line.job)}
                        >
                          <span aria-hidden="true">▼</span>
                          {have}/{need}
                        </button>
                      ) : (
                        <span aria-label={label}>{need === 0 && have === 0 ? '' : `${have}/${need}`}</span>
                      )}
                    </div>
                  )
                })}
              </div>
            ))}
          </div>
        </div>
      </div>
    </>
  )
}

const say = (text: { zh: string; en: string }, lang: 'zh' | 'en') => text[lang]

/** The id of a grid cell (the grid's aria-activedescendant). */
export function cellId(row: number, col: number): string {
  return `cell-${row}-${col}`
}

function pinSignature(pins: ReadonlySet<string>, agentId: string, days: number): string {
  if (pins.size === 0) return ''
  let out = ''
  for (let i = 0; i < days; i++) if (pins.has(pinKey(agentId, i))) out += `${i},`
  return out
}

function changeSignature(changes: ReadonlyMap<number, Cell> | undefined): string {
  if (!changes) return ''
  return [...changes.keys()].join(',')
}

/** What kind of holiday a day is, for its label: statutory (300 %), break day, company day. */
function holidayKindKey(day: DayInfo): 'statutoryHoliday' | 'breakDay' | 'companyDay' | null {
  if (day.isStatutory) return 'statutoryHoliday'
  if (day.isBreak) return 'breakDay'
  if (day.isCompany) return 'companyDay'
  return null
}

/** A column header: the day of the month and its weekday (周六/周日 and holidays marked). */
function DayHeader({ day }: { day: DayInfo }) {
  const { t, lang } = useI18n()
  const kind = holidayKindKey(day)
  const notes = [
    kind ? `${t(kind)}${day.name ? ` ${day.name[lang]}` : ''}` : '',
    day.isMakeupWorkday ? t('makeup') : '',
    day.isWeekend && !day.isHoliday && !day.isMakeupWorkday ? t('weekend') : '',
  ].filter(Boolean)
  return (
    <span className="day-label" title={[dateLabel(day.date, lang), ...notes].join(' · ')}>
      <span className="day-num">{Number(day.date.slice(8, 10))}</span>
      <span className="day-week">{weekdayShort(day.date, lang)}</span>
      {day.isStatutory && <span className="day-badge statutory">{t('statutoryShort')}</span>}
      {day.isBreak && <span className="day-badge holiday">{t('holidayShort')}</span>}
      {day.isCompany && <span className="day-badge company">{t('companyShort')}</span>}
      {day.isMakeupWorkday && <span className="day-badge makeup">{t('makeupShort')}</span>}
      <span className="sr-only">{notes.join(', ')}</span>
    </span>
  )
}

/** The band above the day numbers: holiday names over their days, 调休 over make-up workdays. */
function HolidayBand({ days }: { days: readonly DayInfo[] }) {
  const { t, lang } = useI18n()
  const spans: Array<{ from: number; length: number; label: string; kind: string }> = []
  days.forEach((day, i) => {
    const label = day.isHoliday ? (day.name?.[lang] ?? t('holiday')) : day.isMakeupWorkday ? t('makeup') : ''
    const kind = day.isHoliday ? 'holiday' : day.isMakeupWorkday ? 'makeup' : ''
    // Statutory days (300 %) stand apart from the break days around them.
    const band = day.isStatutory ? `${kind} statutory` : day.isCompany ? `${kind} company` : kind
    const last = spans.at(-1)
    if (label && last && last.kind === band && last.label === label && last.from + last.length === i)
      last.length++
    else spans.push({ from: i, length: 1, label, kind: band })
  })
  return (
    <div className="grid-row band" aria-hidden="true">
      <div className="name-cell" />
      {spans.map(s => (
        <div
          key={s.from}
          className={`band-span ${s.kind}`}
          style={{ width: s.length * DAY_WIDTH }}
          title={s.label}
        >
          {s.label}
        </div>
      ))}
    </div>
  )
}

const GroupLine = memo(function GroupLine({
  job,
  leader,
  count,
}: {
  job: Job
  leader: string
  count: number
}) {
  const { t, lang } = useI18n()
  return (
    <div role="row" className="grid-row group">
      <div role="rowheader" className="group-label">
        {t('groupHeader', { job: JOB_NAME[job][lang], leader, count })}
      </div>
    </div>
  )
})

type AgentLineProps = {
  row: Row<Agent>
  rowIndex: number
  cells: string
  focusCol: number
  marks: ReadonlyMap<number, Mark> | undefined
  agentMark: Mark | undefined
  signature: string
  pins: string
  changed: ReadonlyMap<number, Cell> | undefined
  changedSignature: string
  record: ReadonlyMap<number, RecordMark> | undefined
  recordSignature: string
  days: readonly DayInfo[]
  dispatch: (action: EditorAction) => void
}

/** One agent's row; re-renders only when its cells, marks, pins, changes or focus change. */
const AgentLine = memo(
  function AgentLine(props: AgentLineProps) {
    const { row, rowIndex, cells, focusCol, marks, agentMark, pins, changed, days, dispatch, record } = props
    const { t, lang } = useI18n()
    const agent = row.original
    const pinned = pins === '' ? null : new Set(pins.split(',').filter(Boolean).map(Number))
    return (
      <div role="row" className="grid-row agent" aria-rowindex={rowIndex + 2}>
        <div
          role="rowheader"
          className={`name-cell${agentMark ? (agentMark.hard ? ' marked-hard' : ' marked-soft') : ''}`}
          title={agentMark ? t('cellHasViolations', { rules: agentMark.rules.join(', ') }) : undefined}
        >
          {agent.role === 'teamLeader' && (
            <span className="lead-badge" aria-label={t('role_teamLeader')}>
              ★
            </span>
          )}
          <span className="agent-name">{agent.name}</span>
          {agentMark && (
            <span className="mark-glyph" aria-hidden="true">
              {agentMark.hard ? '!' : '·'}
            </span>
          )}
        </div>
        {row.getVisibleCells().map(cell => {
          const index = (cell.column.columnDef.meta as ColumnMeta | undefined)?.index ?? -1
          if (index < 0) return null
          const value = (cells[index] ?? '?') as Cell
          const mark = marks?.get(index)
          const look = CELL_LOOK[value]
          const isFocus = index === focusCol
          const isPinned = pinned?.has(index) ?? false
          const was = changed?.get(index)
          const day = days[index]
          const classes = [
            'cell',
            look.className,
            dayClass(day),
            isFocus ? 'focus' : '',
            mark ? (mark.hard ? 'marked-hard' : 'marked-soft') : '',
            isPinned ? 'pinned' : '',
            was !== undefined ? 'changed' : '',
          ]
          const label = isFocus
            ? [
                agent.name,
                day ? dateLabel(day.date, lang) : '',
                t(look.name),
                mark ? t('cellHasViolations', { rules: mark.rules.join(', ') }) : '',
                isPinned ? t('pinned') : '',
                was !== undefined ? t('changedFromPublished', { was: t(CELL_LOOK[was].name) }) : '',
              ]
                .filter(Boolean)
                .join(', ')
            : undefined
          return (
            <div
              key={cell.id}
              id={cellId(rowIndex, index)}
              role="gridcell"
              aria-colindex={index + 2}
              aria-selected={isFocus}
              aria-label={label}
              data-agent={agent.id}
              data-date={day?.date}
              data-rules={mark?.rules.join(' ')}
              className={classes.filter(Boolean).join(' ')}
              title={mark ? mark.rules.join(', ') : undefined}
              onMouseDown={event => {
                event.preventDefault()
                dispatch({ type: 'focusCell', agentId: agent.id, index })
                event.currentTarget.closest<HTMLElement>('[role="grid"]')?.focus()
              }}
            >
              <span className="cell-letter">{t(look.letter)}</span>
              {mark && (
                <span className="mark-glyph" aria-hidden="true">
                  {mark.hard ? '!' : '·'}
                </span>
              )}
              {record?.get(index) && <RecordCellMark mark={record.get(index) as RecordMark} />}
              {isPinned && (
                <span className="pin-glyph" aria-hidden="true">
                  📌
                </span>
              )}
            </div>
          )
        })}
      </div>
    )
  },
  (a, b) =>
    a.row === b.row &&
    a.cells === b.cells &&
    a.focusCol === b.focusCol &&
    a.signature === b.signature &&
    a.pins === b.pins &&
    a.changedSignature === b.changedSignature &&
    a.recordSignature === b.recordSignature &&
    a.days === b.days &&
    a.dispatch === b.dispatch &&
    a.rowIndex === b.rowIndex,
)
