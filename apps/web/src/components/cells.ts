import type { Cell, DayInfo } from '@paiban/domain'
import type { TextKey } from '../i18n/dict'

/** How a roster cell looks: its class (colour) and its letter, so colour is never the only signal. */
export const CELL_LOOK: Record<Cell, { className: string; letter: TextKey; name: TextKey }> = {
  D: { className: 'cell-D', letter: 'cellD', name: 'cellNameD' },
  N: { className: 'cell-N', letter: 'cellN', name: 'cellNameN' },
  '-': { className: 'cell-rest', letter: 'cellRest', name: 'cellNameRest' },
  L: { className: 'cell-L', letter: 'cellL', name: 'cellNameL' },
  '?': { className: 'cell-unknown', letter: 'cellUnknown', name: 'cellNameUnknown' },
}

/** The column classes of a day: weekend, holiday, 调休 make-up workday. */
export function dayClass(day: DayInfo | undefined): string {
  if (!day) return ''
  if (day.isStatutory) return 'day-holiday day-statutory'
  if (day.isHoliday) return 'day-holiday'
  if (day.isMakeupWorkday) return 'day-makeup'
  if (day.isWeekend) return 'day-weekend'
  return ''
}
