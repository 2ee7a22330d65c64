import { readClockCsv } from '@paiban/payroll'
import { describe, expect, it } from 'vitest'
import { parsed } from './helpers/october'

const FILE = parsed({
  format: 'paiban.month/1',
  team: { id: 'cs-1', name: '客服一组' },
  month: '2026-12',
  policy: {},
  agents: [
    { id: 'a01', name: '张伟', job: 'phone', level: 'senior' },
    { id: 'a02', name: '李娜', job: 'phone', level: 'junior' },
  ],
  roster: { a01: 'D'.repeat(3) + 'N' + '-'.repeat(27), a02: 'N' + '-'.repeat(30) },
})
const COLUMNS = { employee: '工号', date: '日期', in: '上班', out: '下班' }

describe('readClockCsv', () => {
  it('reads the mapped columns, a BOM, seconds and an out after midnight', () => {
    const csv = '\uFEFF工号,日期,上班,下班\r\na01,2026/12/01,08:47:12,18:02\r\na01,2026-12-04,17:48,00:40\r\n'
    const result = readClockCsv(csv, FILE, COLUMNS)
    expect(result).toEqual({
      ok: true,
      records: [
        expect.objectContaining({
          agentId: 'a01',
          date: '2026-12-01',
          shift: 'D',
          arrivedAt: '08:47',
          leftAt: '18:02',
        }),
        expect.objectContaining({
          agentId: 'a01',
          date: '2026-12-04',
          shift: 'N',
          arrivedAt: '17:48',
          leftAt: '00:40',
        }),
      ],
    })
  })

  it('names every bad row (unknown employee, date outside the month, out before in) and returns nothing', () => {
    const csv = [
      '工号,日期,上班,下班',
      'a01,2026-12-01,08:50,18:00',
      'x99,2026-12-01,08:50,18:00',
      'a02,2026-11-30,17:50,24:00',
      'a01,2026-12-02,09:00,08:30',
      'a02,2026-12-01,17:50,ab',
    ].join('\n')
    const result = readClockCsv(csv, FILE, COLUMNS)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues.map(i => i.path)).toEqual([
      'rows[3].employee',
      'rows[4].date',
      'rows[5].out',
      'rows[6].out',
    ])
    expect(result.issues[0]?.message).toContain('x99')
  })

  it('names a mapped column the file does not have', () => {
    const result = readClockCsv('id,date,in,out\na01,2026-12-01,08:50,18:00', FILE, COLUMNS)
    expect(result.ok ? [] : result.issues.map(i => i.path)).toEqual([
      'columns.employee',
      'columns.date',
      'columns.in',
      'columns.out',
    ])
  })
})
