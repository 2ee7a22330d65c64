import { describe, expect, it } from 'vitest'
import {
  blankUnpinned,
  cellAt,
  editorReducer,
  initEditor,
  pinKey,
  type EditorAction,
  type EditorState,
} from '../src/grid/editor-state'
import { groupAgents } from '../src/grid/layout'
import { teamMonth } from './helpers/month'

const file = teamMonth(24)
const order = groupAgents(file).order
const run = (state: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, state)
const fresh = () => initEditor(file, 7, order)

describe('editorReducer', () => {
  it('moves the focus with the arrows and stays inside the month', () => {
    const s = run(fresh(), { type: 'move', rows: -1, cols: -1 }, { type: 'move', rows: 2, cols: 40 })
    expect(s.focus).toEqual({ row: 2, col: 30 })
    expect(run(s, { type: 'moveTo', row: Number.MAX_SAFE_INTEGER }).focus.row).toBe(order.length - 1)
  })

  it('sets the focused cell, queues the edit with its date, and updates the live check', () => {
    const id = order[0] ?? ''
    const before = cellAt(fresh(), id, 0)
    const target = before === 'N' ? 'D' : 'N'
    const s = run(fresh(), { type: 'set', cell: target })
    expect(cellAt(s, id, 0)).toBe(target)
    expect(s.outbox).toEqual([{ id: 1, edits: [{ agentId: id, date: `${file.month}-01`, cell: target }] }])
    expect(s.undo).toHaveLength(1)
    expect(s.live).not.toBe(fresh().live)
  })

  it('does nothing for a cell already so', () => {
    const s = fresh()
    const same = cellAt(s, order[0] ?? '', 0)
    expect(run(s, { type: 'set', cell: same })).toBe(s)
  })

  it('undoes and redoes, saving each step as an edit', () => {
    const id = order[1] ?? ''
    const start = run(fresh(), { type: 'moveTo', row: 1, col: 4 })
    const was = cellAt(start, id, 4)
    const next = was === '-' ? 'D' : '-'
    let s = run(start, { type: 'set', cell: next }, { type: 'undo' })
    expect(cellAt(s, id, 4)).toBe(was)
    expect(s.redo).toHaveLength(1)
    s = run(s, { type: 'redo' })
    expect(cellAt(s, id, 4)).toBe(next)
    expect(s.outbox.map(o => o.edits[0]?.cell)).toEqual([next, was, next])
    // A new edit after an undo drops the redo stack.
    s = run(s, { type: 'undo' }, { type: 'set', cell: 'N' })
    expect(s.redo).toEqual([])
  })

  it('refuses to edit an approved-leave cell and says why', () => {
    const id = order[0] ?? ''
    const withLeave = { ...file, roster: { ...file.roster, [id]: `L${(file.roster?.[id] ?? '').slice(1)}` } }
    const s = run(initEditor(withLeave, 1, order), { type: 'set', cell: 'D' })
    expect(cellAt(s, id, 0)).toBe('L')
    expect(s.refused).toBe('leave')
    expect(s.outbox).toEqual([])
  })

  it('advances the version as saves come back', () => {
    const s = run(fresh(), { type: 'set', cell: 'N' }, { type: 'set', cell: 'D' })
    const after = run(s, { type: 'saved', id: s.outbox[0]?.id ?? 0, version: 8 })
    expect(after.version).toBe(8)
    expect(after.outbox).toHaveLength(s.outbox.length - 1)
  })

  it('blanks every unpinned cell for generate, and can put them back', () => {
    const id = order[0] ?? ''
    const s = run(fresh(), { type: 'togglePin' })
    expect(s.pins.has(pinKey(id, 0))).toBe(true)
    const { blank, restore } = blankUnpinned(s)
    expect(blank.some(e => e.agentId === id && e.date === `${file.month}-01`)).toBe(false)
    expect(blank.every(e => e.cell === '?')).toBe(true)
    expect(blank).toHaveLength(restore.length)
    expect(blank.length).toBe(order.length * 31 - 1)
    expect(run(s, { type: 'togglePin' }).pins.size).toBe(0)
  })
})
