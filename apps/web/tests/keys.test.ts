import { describe, expect, it } from 'vitest'
import { keyAction } from '../src/grid/keys'

describe('keyAction', () => {
  it('maps arrows, Home/End and pages to moves', () => {
    expect(keyAction({ key: 'ArrowLeft' })).toEqual({ type: 'move', rows: 0, cols: -1 })
    expect(keyAction({ key: 'ArrowDown' })).toEqual({ type: 'move', rows: 1, cols: 0 })
    expect(keyAction({ key: 'PageDown' })).toEqual({ type: 'move', rows: 10, cols: 0 })
    expect(keyAction({ key: 'Home' })).toEqual({ type: 'moveTo', col: 0 })
    expect(keyAction({ key: 'Home', ctrlKey: true })).toEqual({ type: 'moveTo', row: 0, col: 0 })
  })

  it('maps D, N, -, Delete and Backspace to cells, in either case', () => {
    expect(keyAction({ key: 'd' })).toEqual({ type: 'set', cell: 'D' })
    expect(keyAction({ key: 'N' })).toEqual({ type: 'set', cell: 'N' })
    for (const key of ['-', 'Delete', 'Backspace'])
      expect(keyAction({ key })).toEqual({ type: 'set', cell: '-' })
    expect(keyAction({ key: 'p' })).toEqual({ type: 'togglePin' })
  })

  it('maps Ctrl/⌘+Z to undo and Ctrl+Y or Ctrl+Shift+Z to redo', () => {
    expect(keyAction({ key: 'z', ctrlKey: true })).toEqual({ type: 'undo' })
    expect(keyAction({ key: 'z', metaKey: true })).toEqual({ type: 'undo' })
    expect(keyAction({ key: 'y', ctrlKey: true })).toEqual({ type: 'redo' })
    expect(keyAction({ key: 'Z', ctrlKey: true, shiftKey: true })).toEqual({ type: 'redo' })
  })

  it('leaves other keys to the browser (Tab leaves the grid; Ctrl+D is not an edit)', () => {
    expect(keyAction({ key: 'Tab' })).toBeNull()
    expect(keyAction({ key: 'd', ctrlKey: true })).toBeNull()
    expect(keyAction({ key: 'd', altKey: true })).toBeNull()
    expect(keyAction({ key: 'x' })).toBeNull()
  })
})
