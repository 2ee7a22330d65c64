import { clockHeaders, guessClockColumns } from '@paiban/domain'
import { describe, expect, it } from 'vitest'

describe('the clock import mapping step', () => {
  it('reads the header row: BOM dropped, quotes and doubled quotes read, cells trimmed', () => {
    expect(clockHeaders('\uFEFF工号, 日期 ,"上班","下""班"\r\na01,2026-12-04,08:50,18:00')).toEqual([
      '工号',
      '日期',
      '上班',
      '下"班',
    ])
    expect(clockHeaders('')).toEqual([])
  })

  it('guesses Chinese headers, the name column not taken for the number', () => {
    expect(guessClockColumns(['员工姓名', '员工编号', '考勤日期', '上班时间', '下班时间'])).toEqual({
      employee: '员工编号',
      date: '考勤日期',
      in: '上班时间',
      out: '下班时间',
    })
    expect(guessClockColumns(['工号', '日期', '签到', '签退'])).toEqual({
      employee: '工号',
      date: '日期',
      in: '签到',
      out: '签退',
    })
  })

  it('guesses English headers, "out" before "in" so Clock Out is never the in punch', () => {
    expect(guessClockColumns(['Employee Name', 'Employee No', 'Date', 'Clock Out', 'Clock In'])).toEqual({
      employee: 'Employee No',
      date: 'Date',
      in: 'Clock In',
      out: 'Clock Out',
    })
    expect(guessClockColumns(['ID', 'Day', 'Time In', 'Time Out'])).toEqual({
      employee: 'ID',
      date: 'Day',
      in: 'Time In',
      out: 'Time Out',
    })
  })

  it('leaves a field out when no header fits, for the person to choose', () => {
    expect(guessClockColumns(['a', 'b', 'Date'])).toEqual({ date: 'Date' })
  })
})
