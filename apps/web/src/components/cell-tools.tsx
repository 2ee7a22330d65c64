import type { Cell } from '@paiban/domain'
import { cellAt, focused, pinKey, type EditorAction, type EditorState } from '../grid/editor-state'
import { dateLabel } from '../i18n/format'
import { useI18n } from '../i18n/i18n'
import { CELL_LOOK } from './cells'

/**
 * The toolbar over the grid: the focused cell (agent, date, what it holds) and the buttons that set
 * it to day, night or rest, pin it, undo and redo. Read-only views show the focused cell only.
 */
export function CellTools({
  state,
  readOnly,
  locked,
  onTool,
  children,
}: {
  state: EditorState
  readOnly: boolean
  /** A generate job runs: nothing may change the grid. */
  locked: boolean
  onTool: (action: EditorAction) => void
  /** More tools for the focused cell (emergency sick leave), after undo and redo. */
  children?: React.ReactNode
}) {
  const { t, lang } = useI18n()
  const at = focused(state)
  const atAgent = at ? state.live.ctx.agentById.get(at.agentId) : undefined
  const atDate = at ? state.live.ctx.dates[at.index] : undefined
  const atCell: Cell | undefined = at ? cellAt(state, at.agentId, at.index) : undefined
  const atPinned = at ? state.pins.has(pinKey(at.agentId, at.index)) : false
  return (
    <div
      className="cell-tools"
      role={readOnly ? undefined : 'toolbar'}
      aria-label={readOnly ? undefined : t('cellTools')}
    >
      <span className="selected">
        {atAgent && atDate ? t('selectedCell', { agent: atAgent.name, date: dateLabel(atDate, lang) }) : ''}
        {atCell && <span className={`chip ${CELL_LOOK[atCell].className}`}>{t(CELL_LOOK[atCell].name)}</span>}
      </span>
      {!readOnly && (
        <>
          <button type="button" disabled={locked} onClick={() => onTool({ type: 'set', cell: 'D' })}>
            {t('setDay')}
          </button>
          <button type="button" disabled={locked} onClick={() => onTool({ type: 'set', cell: 'N' })}>
            {t('setNight')}
          </button>
          <button type="button" disabled={locked} onClick={() => onTool({ type: 'set', cell: '-' })}>
            {t('setRest')}
          </button>
          <button
            type="button"
            disabled={locked}
            aria-pressed={atPinned}
            onClick={() => onTool({ type: 'togglePin' })}
          >
            {atPinned ? t('unpin') : t('pin')}
          </button>
          <button
            type="button"
            disabled={locked || state.undo.length === 0}
            onClick={() => onTool({ type: 'undo' })}
          >
            {t('undo')}
          </button>
          <button
            type="button"
            disabled={locked || state.redo.length === 0}
            onClick={() => onTool({ type: 'redo' })}
          >
            {t('redo')}
          </button>
          {children}
        </>
      )}
      {state.refused === 'leave' && (
        <span className="error" role="alert">
          {t('leaveLocked')}
        </span>
      )}
    </div>
  )
}
