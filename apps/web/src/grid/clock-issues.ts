/** A bad row of a clock import as the server names it: `rows[3].out` (line 3 of the file) and why. */
export type ClockIssue = { readonly path: string; readonly message: string }

/** One problem in words: its line (null: the file or the mapping), its field, and the reason in both languages. */
export type ClockIssueText = {
  readonly line: number | null
  readonly field: string | null
  readonly zh: string
  readonly en: string
}

// The server's reasons (packages/payroll/src/clock-import.ts), said in Chinese too.
const REASONS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^unknown employee number (.*)$/, m => `未知工号 ${m[1]}`],
  [/^(\d{4}-\d{2}-\d{2}) is not in (\d{4}-\d{2})$/, m => `${m[1]} 不在 ${m[2]} 月内`],
  [/^out (\S+) is before in (\S+)$/, m => `下班 ${m[1]} 早于上班 ${m[2]}`],
  [/^expected a date YYYY-MM-DD, got (.*)$/, m => `日期应为 YYYY-MM-DD，实际是 ${m[1]}`],
  [/^expected a time HH:MM, got (.*)$/, m => `时间应为 HH:MM，实际是 ${m[1]}`],
  [/^(\S+) has no shift on (\S+) \(roster: (.*)\)$/, m => `${m[1]} 在 ${m[2]} 没有班次（排班：${m[3]}）`],
  [/^no column "(.*)" \(the file has: (.*)\)$/, m => `文件中没有“${m[1]}”列（文件的列：${m[2]}）`],
]

/**
 * A clock-import problem for a person: the file's line from `rows[N].field`, the field, and the
 * reason in Chinese and English (an unknown reason stays as the server said it in both).
 * @example clockIssueText({ path: 'rows[3].employee', message: 'unknown employee number z99' }) // { line: 3, field: 'employee', zh: '未知工号 z99', en: 'unknown employee number z99' }
 */
export function clockIssueText(issue: ClockIssue): ClockIssueText {
  const at = /^rows\[(\d+)\]\.(\w+)$/.exec(issue.path)
  const column = /^columns\.(\w+)$/.exec(issue.path)
  let zh = issue.message
  for (const [pattern, say] of REASONS) {
    const m = pattern.exec(issue.message)
    if (m) {
      zh = say(m)
      break
    }
  }
  return {
    line: at ? Number(at[1]) : null,
    field: at?.[2] ?? column?.[1] ?? null,
    zh,
    en: issue.message,
  }
}
