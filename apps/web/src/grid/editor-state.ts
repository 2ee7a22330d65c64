import { daysInMonth, type Cell, type MonthFile } from '@paiban/domain'
import { applyChanges, liveCheck, type CellChange, type LiveCheck } from './live-check'

/**
 * The supervisor's roster editor as a pure reducer: the roster with its live check, the focused
 * cell, undo/redo, pinned cells, and the outbox of edits still to be saved. Saving is the page's
 * job (an effect drains `outbox` one batch at a time with the version each was made on).
 */

/** A cell edit as the API takes it. */
export type CellEdit = { readonly agentId: string; readonly date: string; readonly cell: Cell }

/** One undoable step: the cells it changed, with their values before and after. */
export type Step = ReadonlyArray<{
  readonly agentId: string
  readonly index: number
  readonly before: Cell
  readonly after: Cell
}>

export type Focus = { readonly row: number; readonly col: number }

export type EditorState = {
  readonly file: MonthFile
  /** The server version the edits in flight build on (advanced by each save). */
  readonly version: number
  readonly live: LiveCheck
  /** Agent ids in display order (grouped by job and team leader); `focus.row` indexes it. */
  readonly order: readonly string[]
  readonly days: number
  readonly focus: Focus
  readonly undo: readonly Step[]
  readonly redo: readonly Step[]
  /** Pinned cells, `agentId:index`: kept when the month is generated. */
  readonly pins: ReadonlySet<string>
  /** Edits not yet saved, oldest first. */
  readonly outbox: ReadonlyArray<{ readonly id: number; readonly edits: readonly CellEdit[] }>
  readonly nextId: number
  /** Why the last key did nothing (e.g. a leave cell), for the status line; null when fine. */
  readonly refused: 'leave' | null
}

export type EditorAction =
  | { type: 'load'; file: MonthFile; version: number; order: readonly string[]; pins?: ReadonlySet<string> }
  | { type: 'move'; rows: number; cols: number }
  | { type: 'moveTo'; row?: number; col?: number }
  | { type: 'focusCell'; agentId: string; index: number }
  | { type: 'set'; cell: Cell }
  | { type: 'apply'; changes: readonly CellChange[] }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'togglePin' }
  | { type: 'setPins'; pins: ReadonlySet<string> }
  | { type: 'saved'; id: number; version: number }

/** The key of a cell in `pins`. */
export const pinKey = (agentId: string, index: number) => `${agentId}:${index}`

const clamp = (n: number, max: number) => Math.max(0, Math.min(max, n))

/** A fresh editor on a month as loaded from the server. */
export function initEditor(
  file: MonthFile,
  version: number,
  order: readonly string[],
  pins: ReadonlySet<string> = new Set(),
): EditorState {
  return {
    file,
    version,
    live: liveCheck(file),
    order,
    days: daysInMonth(file.month),
    focus: { row: 0, col: 0 },
    undo: [],
    redo: [],
    pins,
    outbox: [],
    nextId: 1,
    refused: null,
  }
}

/** The cell of an agent on a day in the editor's current roster. */
export function cellAt(state: EditorState, agentId: string, index: number): Cell {
  return state.live.ctx.rows.get(agentId)?.[index] ?? '?'
}

/** The agent and day index under the focus. */
export function focused(state: EditorState): { agentId: string; index: number } | null {
  const agentId = state.order[state.focus.row]
  return agentId === undefined ? null : { agentId, index: state.focus.col }
}

function toEdits(
  state: EditorState,
  changes: ReadonlyArray<{ agentId: string; index: number; cell: Cell }>,
): CellEdit[] {
  return changes.map(c => ({ agentId: c.agentId, date: state.live.ctx.dates[c.index] ?? '', cell: c.cell }))
}

/** Applies a step forward (`after`) or back (`before`), queuing the edits to save. */
function perform(state: EditorState, step: Step, direction: 'after' | 'before'): EditorState {
  const changes = step.map(s => ({ agentId: s.agentId, index: s.index, cell: s[direction] }))
  return {
    ...state,
    live: applyChanges(state.live, changes),
    outbox: [...state.outbox, { id: state.nextId, edits: toEdits(state, changes) }],
    nextId: state.nextId + 1,
    refused: null,
  }
}

/** The step that sets `changes`, without cells already so and without leave cells (`L`). */
function stepOf(state: EditorState, changes: readonly CellChange[]): { step: Step; refused: boolean } {
  const step: Array<Step[number]> = []
  let refused = false
  for (const c of changes) {
    const before = cellAt(state, c.agentId, c.index)
    // Approved leave belongs to its leave record: change it through the request, not the grid.
    if (before === 'L' || c.cell === 'L') {
      refused = true
      continue
    }
    if (before !== c.cell) step.push({ agentId: c.agentId, index: c.index, before, after: c.cell })
  }
  return { step, refused }
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'load':
      return initEditor(action.file, action.version, action.order, action.pins ?? state.pins)
    case 'move':
      return {
        ...state,
        refused: null,
        focus: {
          row: clamp(state.focus.row + action.rows, state.order.length - 1),
          col: clamp(state.focus.col + action.cols, state.days - 1),
        },
      }
    case 'moveTo':
      return {
        ...state,
        refused: null,
        focus: {
          row: clamp(action.row ?? state.focus.row, state.order.length - 1),
          col: clamp(action.col ?? state.focus.col, state.days - 1),
        },
      }
    case 'focusCell': {
      const row = state.order.indexOf(action.agentId)
      if (row < 0) return state
      return { ...state, refused: null, focus: { row, col: clamp(action.index, state.days - 1) } }
    }
    case 'set':
    case 'apply': {
      const at = focused(state)
      const changes: readonly CellChange[] =
        action.type === 'apply'
          ? action.changes
          : at
            ? [{ agentId: at.agentId, index: at.index, cell: action.cell }]
            : []
      const { step, refused } = stepOf(state, changes)
      if (step.length === 0) return refused ? { ...state, refused: 'leave' } : state
      return { ...perform(state, step, 'after'), undo: [...state.undo, step], redo: [] }
    }
    case 'undo': {
      const step = state.undo.at(-1)
      if (!step) return state
      return { ...perform(state, step, 'before'), undo: state.undo.slice(0, -1), redo: [...state.redo, step] }
    }
    case 'redo': {
      const step = state.redo.at(-1)
      if (!step) return state
      return { ...perform(state, step, 'after'), undo: [...state.undo, step], redo: state.redo.slice(0, -1) }
    }
    case 'togglePin': {
      const at = focused(state)
      if (!at) return state
      const pins = new Set(state.pins)
      const key = pinKey(at.agentId, at.index)
      if (pins.has(key)) pins.delete(key)
      else pins.add(key)
      return { ...state, pins }
    }
    case 'setPins':
      return { ...state, pins: action.pins }
    case 'saved':
      return { ...state, version: action.version, outbox: state.outbox.filter(o => o.id !== action.id) }
  }
}

/**
 * Edits that blank every unpinned cell (`?`) before a generate, so the solver keeps the pinned
 * ones and leave (`L`); and the edits that put the roster back if the job is cancelled.
 */
export function blankUnpinned(state: EditorState): { blank: CellEdit[]; restore: CellEdit[] } {
  const blank: CellEdit[] = []
  const restore: CellEdit[] = []
  for (const agentId of state.order) {
    for (let index = 0; index < state.days; index++) {
      const cell = cellAt(state, agentId, index)
      if (cell === 'L' || cell === '?' || state.pins.has(pinKey(agentId, index))) continue
      const date = state.live.ctx.dates[index] ?? ''
      blank.push({ agentId, date, cell: '?' })
      restore.push({ agentId, date, cell })
    }
  }
  return { blank, restore }
}
