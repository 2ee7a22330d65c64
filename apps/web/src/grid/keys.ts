import type { EditorAction } from './editor-state'

/** The parts of a keyboard event the grid reads (a DOM KeyboardEvent has them all). */
export type KeyPress = {
  readonly key: string
  readonly ctrlKey?: boolean
  readonly metaKey?: boolean
  readonly shiftKey?: boolean
  readonly altKey?: boolean
}

/** Rows a PageUp / PageDown moves. */
export const PAGE_ROWS = 10

/**
 * The grid's keyboard map: arrows move the focus (Home/End to the month's ends, Ctrl+Home/End to
 * the first and last agent, PageUp/PageDown by ten rows); D and N set a shift, `-`, Delete,
 * Backspace and R set rest; P pins or unpins; Ctrl+Z undoes, Ctrl+Y or Ctrl+Shift+Z redoes (⌘ on a
 * Mac). Keys it does not know give null, so the browser keeps them (Tab leaves the grid).
 */
export function keyAction(press: KeyPress): EditorAction | null {
  const mod = press.ctrlKey === true || press.metaKey === true
  const key = press.key
  if (press.altKey) return null
  if (mod) {
    const k = key.toLowerCase()
    if (k === 'z') return press.shiftKey ? { type: 'redo' } : { type: 'undo' }
    if (k === 'y') return { type: 'redo' }
    if (key === 'Home') return { type: 'moveTo', row: 0, col: 0 }
    if (key === 'End') return { type: 'moveTo', row: Number.MAX_SAFE_INTEGER, col: Number.MAX_SAFE_INTEGER }
    return null
  }
  switch (key) {
    case 'ArrowUp':
      return { type: 'move', rows: -1, cols: 0 }
    case 'ArrowDown':
      return { type: 'move', rows: 1, cols: 0 }
    case 'ArrowLeft':
      return { type: 'move', rows: 0, cols: -1 }
    case 'ArrowRight':
      return { type: 'move', rows: 0, cols: 1 }
    case 'PageUp':
      return { type: 'move', rows: -PAGE_ROWS, cols: 0 }
    case 'PageDown':
      return { type: 'move', rows: PAGE_ROWS, cols: 0 }
    case 'Home':
      return { type: 'moveTo', col: 0 }
    case 'End':
      return { type: 'moveTo', col: Number.MAX_SAFE_INTEGER }
    case 'd':
    case 'D':
      return { type: 'set', cell: 'D' }
    case 'n':
    case 'N':
      return { type: 'set', cell: 'N' }
    case '-':
    case 'Delete':
    case 'Backspace':
    case 'r':
    case 'R':
      return { type: 'set', cell: '-' }
    case 'p':
    case 'P':
      return { type: 'togglePin' }
    default:
      return null
  }
}
