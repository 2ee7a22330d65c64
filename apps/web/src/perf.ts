/**
 * Performance marks the benchmark and the e2e tests read back through the browser
 * (`performance.getEntriesByName(…)`): `paiban:grid-rendered` once the grid's first rows are on
 * screen, and a `paiban:edit` measure from a cell-editing key press to the next frame after its
 * violations were rendered.
 */
export const MARK_GRID_DATA = 'paiban:grid-data'
export const MARK_GRID_RENDERED = 'paiban:grid-rendered'
export const MEASURE_GRID = 'paiban:grid-first-render'
export const MARK_EDIT_START = 'paiban:edit-start'
export const MEASURE_EDIT = 'paiban:edit'

let editPending = false

/** A key press that edits a cell: starts the edit measure. */
export function markEditStart(): void {
  editPending = true
  performance.mark(MARK_EDIT_START)
}

/** After a render with new violations: ends the edit measure at the next frame (once painted). */
export function markEditShown(): void {
  if (!editPending) return
  editPending = false
  requestAnimationFrame(() =>
    setTimeout(() => {
      performance.measure(MEASURE_EDIT, MARK_EDIT_START)
    }, 0),
  )
}

/** The month's data arrived; the grid is about to render. */
export function markGridData(): void {
  performance.clearMarks(MARK_GRID_DATA)
  performance.mark(MARK_GRID_DATA)
}

/** The grid's rows were committed: measured at the next frame, from the data's arrival. */
export function markGridRendered(): void {
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (performance.getEntriesByName(MARK_GRID_RENDERED).length > 0) return
      performance.mark(MARK_GRID_RENDERED)
      performance.measure(MEASURE_GRID, MARK_GRID_DATA, MARK_GRID_RENDERED)
    }, 0),
  )
}
