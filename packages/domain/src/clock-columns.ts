/** Which of a time-clock CSV's columns hold the employee number, the date, the in and the out punch. */
export type ClockColumnMap = { employee: string; date: string; in: string; out: string }

/** The four columns of a clock import, in the order the mapping step asks for them. */
export const CLOCK_FIELDS = ['employee', 'date', 'in', 'out'] as const

// Checked in this order, so "下班" is never taken for the in punch and "上班日期" goes to date first.
const PATTERNS: ReadonlyArray<[keyof ClockColumnMap, RegExp]> = [
  ['employee', /工号|员工编号|员工号|人员编号|编号|employee|emp\.?\s*(no|id|#)|staff\s*(no|id)|badge|^id$/i],
  ['date', /日期|考勤日|date|^day$/i],
  [
    'out',
    /下班|签退|离岗|离开|退勤|clock[\s_-]*out|check[\s_-]*out|punch[\s_-]*out|time[\s_-]*out|\bout\b|\bend\b/i,
  ],
  ['in', /上班|签到|到岗|clock[\s_-]*in|check[\s_-]*in|punch[\s_-]*in|time[\s_-]*in|\bin\b|\bstart\b/i],
]

// "员工姓名" / "Employee Name" is not the number.
const NAME = /姓名|名字|name/i

/**
 * The header row of a CSV export (a leading BOM dropped, cells trimmed, `"…"` quotes with `""`
 * inside read), for the mapping step. Empty for an empty text.
 * @example clockHeaders('\uFEFF工号,日期,"上班",下班\na01,…') // ['工号', '日期', '上班', '下班']
 */
export function clockHeaders(csv: string): string[] {
  const line = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? ''
  if (line.trim() === '') return []
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      cells.push(cell.trim())
      cell = ''
    } else cell += c
  }
  cells.push(cell.trim())
  return cells
}

/**
 * Guesses the column mapping from a time clock's Chinese or English headers (工号/员工编号/Employee
 * No, 日期/Date, 上班/签到/Clock In, 下班/签退/Clock Out); each header is used once, a field with no
 * matching header is left out for the person to choose.
 * @example guessClockColumns(['工号', '姓名', '日期', '上班时间', '下班时间']) // { employee: '工号', date: '日期', in: '上班时间', out: '下班时间' }
 */
export function guessClockColumns(headers: readonly string[]): Partial<ClockColumnMap> {
  const guess: Partial<ClockColumnMap> = {}
  const used = new Set<string>()
  for (const [field, pattern] of PATTERNS) {
    const hit = headers.find(h => !used.has(h) && !NAME.test(h) && pattern.test(h))
    if (hit === undefined) continue
    guess[field] = hit
    used.add(hit)
  }
  return guess
}
