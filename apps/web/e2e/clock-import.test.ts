import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseMonthFile, previousMonth, type AttendanceDay } from '@paiban/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MonthView } from '../src/api/types'
import {
  apiAs,
  demoMonths,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
  skipWithoutBrowser,
  startServer,
  type Browser,
  type Server,
} from './harness'

/** A real CSV file as a time clock writes it: UTF-8 with BOM, CRLF, Chinese headers with a name column. */
function clockFile(dir: string, name: string, rows: string[][]): string {
  const path = join(dir, name)
  const lines = [['员工姓名', '员工编号', '考勤日期', '上班时间', '下班时间'], ...rows]
  writeFileSync(path, `\uFEFF${lines.map(l => l.join(',')).join('\r\n')}\r\n`)
  return path
}

describe.skipIf(skipWithoutBrowser)('the time-clock import (ATTEND-RECORD)', () => {
  let server: Server
  let browser: Browser
  const [current] = demoMonths()
  const dir = mkdtempSync(join(tmpdir(), 'paiban-clock-'))

  beforeAll(async () => {
    browser = await launchBrowser()
    server = await startServer()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('maps the columns from the headers, names every bad row and stores nothing; a good file is previewed, then stored', async () => {
    const supervisor = await apiAs(server.url, 'supervisor')
    const view = await supervisor.call<MonthView>('GET', `/api/teams/cs-1/months/${current}`)
    const parsed = parseMonthFile(view.body.file)
    if (!parsed.ok) throw new Error('month file does not parse')
    const file = parsed.value
    // The first date with two agents on the day shift.
    const index = [...Array(31).keys()].find(
      i => file.agents.filter(a => file.roster?.[a.id]?.[i] === 'D').length >= 2,
    )
    if (index === undefined) throw new Error('no day shift with two agents')
    const [a, b] = file.agents.filter(x => file.roster?.[x.id]?.[index] === 'D')
    if (!a || !b) throw new Error('unreachable')
    const date = `${current}-${String(index + 1).padStart(2, '0')}`
    const outside = `${previousMonth(current)}-28`

    const bad = clockFile(dir, 'clock-bad.csv', [
      [a.name, a.id, date, '08:50', '18:00'],
      ['无名', 'z999', date, '08:50', '18:00'],
      [b.name, b.id, outside, '08:50', '18:00'],
      [b.name, b.id, date, '09:00', '08:30'],
    ])
    const { page, errors } = await newPage(browser)
    await signIn(page, server.url, 'supervisor')
    await page.goto(`${server.url}/payroll?month=${current}`)
    const panel = page.locator('section.clock-import')
    await panel.waitFor()
    await panel.locator('input[type="file"]').setInputFiles(bad)
    // The mapping step, guessed from the Chinese headers (the name column is not the number).
    await expect(panel.getByLabel('工号', { exact: true }).inputValue()).resolves.toBe('员工编号')
    await expect(panel.getByLabel('日期', { exact: true }).inputValue()).resolves.toBe('考勤日期')
    await expect(panel.getByLabel('上班', { exact: true }).inputValue()).resolves.toBe('上班时间')
    await expect(panel.getByLabel('下班', { exact: true }).inputValue()).resolves.toBe('下班时间')
    await panel.getByRole('button', { name: '预览' }).click()
    const issues = panel.locator('.clock-issues li')
    await issues.first().waitFor()
    expect(await issues.allInnerTexts()).toEqual([
      '第 3 行 员工编号: 未知工号 z999',
      `第 4 行 考勤日期: ${outside} 不在 ${current} 月内`,
      '第 5 行 下班时间: 下班 08:30 早于上班 09:00',
    ])
    await expect(panel.innerText()).resolves.toContain('有 3 处问题，什么都没有保存')
    await screenshot(page, 'clock-import-bad-rows')
    const untouched = await supervisor.call<AttendanceDay>(
      'GET',
      `/api/teams/cs-1/months/${current}/attendance/${date}/D`,
    )
    expect(untouched.body.revision).toBe(0)
    expect(untouched.body.people.filter(p => p.record)).toEqual([])

    // The corrected file: preview (nothing stored yet), then confirm.
    const good = clockFile(dir, 'clock-good.csv', [
      [a.name, a.id, date, '08:50', '18:00'],
      [b.name, b.id, date, '09:15', '18:00'],
    ])
    await panel.locator('input[type="file"]').setInputFiles(good)
    await panel.getByRole('button', { name: '预览' }).click()
    await panel.locator('.clock-table tbody tr').nth(1).waitFor()
    expect(await panel.locator('.clock-table tbody tr').allInnerTexts()).toEqual([
      `${a.id}\t${date}\t白班\t08:50\t18:00`,
      `${b.id}\t${date}\t白班\t09:15\t18:00`,
    ])
    await expect(panel.innerText()).resolves.toContain('2 条记录，涉及 1 个班次，尚未保存')
    const notYet = await supervisor.call<AttendanceDay>(
      'GET',
      `/api/teams/cs-1/months/${current}/attendance/${date}/D`,
    )
    expect(notYet.body.revision).toBe(0)
    await screenshot(page, 'clock-import-preview')
    await panel.getByRole('button', { name: '确认导入 2 条' }).click()
    await panel.getByText('已导入 2 条记录（1 个班次）。').waitFor()

    const stored = await supervisor.call<AttendanceDay>(
      'GET',
      `/api/teams/cs-1/months/${current}/attendance/${date}/D`,
    )
    expect(stored.body.revision).toBe(1)
    const at = (id: string) => stored.body.people.find(p => p.agentId === id)?.record
    expect(at(a.id)).toMatchObject({ arrivedAt: '08:50', leftAt: '18:00', recordedBy: 'clock' })
    expect(at(b.id)).toMatchObject({ arrivedAt: '09:15', leftAt: '18:00', recordedBy: 'clock' })
    // The payroll table below reloads with the record: 25 minutes late is an absence (ATTEND-LATE).
    const row = page.locator(`.payroll-table tr[data-agent="${b.id}"] td[data-key="absences"]`, {
      hasText: 'ATTEND-LATE',
    })
    await row.waitFor()
    await expect(row.textContent()).resolves.toBe(`${date} ATTEND-LATE`)
    await screenshot(page, 'clock-import-stored')
    expect(errors).toEqual([])
  })
})
