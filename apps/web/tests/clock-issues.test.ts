import { describe, expect, it } from 'vitest'
import { clockIssueText } from '../src/grid/clock-issues'

describe('clock import problems in words', () => {
  it('names the line and field and says the three bad-row reasons in Chinese', () => {
    expect(clockIssueText({ path: 'rows[2].employee', message: 'unknown employee number z99' })).toEqual({
      line: 2,
      field: 'employee',
      zh: '未知工号 z99',
      en: 'unknown employee number z99',
    })
    expect(clockIssueText({ path: 'rows[3].date', message: '2026-11-30 is not in 2026-12' }).zh).toBe(
      '2026-11-30 不在 2026-12 月内',
    )
    expect(clockIssueText({ path: 'rows[4].out', message: 'out 08:00 is before in 09:00' }).zh).toBe(
      '下班 08:00 早于上班 09:00',
    )
  })

  it('a mapping problem has no line; an unknown reason stays as the server said it', () => {
    const t = clockIssueText({ path: 'columns.in', message: 'no column "上班" (the file has: a, b)' })
    expect(t).toMatchObject({ line: null, field: 'in', zh: '文件中没有“上班”列（文件的列：a, b）' })
    expect(clockIssueText({ path: 'csv', message: 'too big' })).toEqual({
      line: null,
      field: null,
      zh: 'too big',
      en: 'too big',
    })
  })
})
