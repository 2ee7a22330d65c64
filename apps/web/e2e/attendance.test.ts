import { parseMonthFile, type AttendanceDay, type MonthFile } from '@paiban/domain'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MonthView, VersionInfo } from '../src/api/types'
import {
  apiAs,
  demoMonths,
  launchBrowser,
  screenshot,
  signIn,
  skipWithoutBrowser,
  startServer,
  type Server,
} from './harness'

function parsed(file: unknown): MonthFile {
  const result = parseMonthFile(file)
  if (!result.ok) throw new Error(result.issues.map(i => `${i.path}: ${i.message}`).join('\n'))
  return result.value
}

/**
 * Makes leader1's (a01) first day shift of `month` a 10-person shift (a01 and nine others) through
 * the supervisor's cell edits, and answers its date.
 */
async function tenPersonDayShift(server: Server, month: string): Promise<string> {
  const supervisor = await apiAs(server.url, 'supervisor')
  const view = await supervisor.call<MonthView>('GET', `/api/teams/cs-1/months/${month}`)
  const file = parsed(view.body.file)
  const i = [...(file.roster?.a01 ?? '')].indexOf('D')
  const date = `${month}-${String(i + 1).padStart(2, '0')}`
  const on = file.agents.filter(a => file.roster?.[a.id]?.[i] === 'D').map(a => a.id)
  const keep = ['a01', ...on.filter(id => id !== 'a01')].slice(0, 10)
  const off = on.filter(id => !keep.includes(id))
  const add = file.agents
    .filter(a => file.roster?.[a.id]?.[i] === '-' && !keep.includes(a.id))
    .slice(0, 10 - keep.length)
    .map(a => a.id)
  const edits = [
    ...off.map(agentId => ({ agentId, date, cell: '-' })),
    ...add.map(agentId => ({ agentId, date, cell: 'D' })),
  ]
  if (edits.length > 0) {
    const patched = await supervisor.call<VersionInfo>('PATCH', `/api/teams/cs-1/months/${month}/cells`, {
      version: view.body.version,
      edits,
    })
    expect(patched.status, JSON.stringify(patched.body)).toBe(200)
    // Team leaders read the published version.
    const published = await supervisor.call('POST', `/api/teams/cs-1/months/${month}/publish`, {
      version: patched.body.version,
    })
    expect(published.status, JSON.stringify(published.body)).toBe(200)
  }
  return date
}

describe.skipIf(skipWithoutBrowser)('attendance on a phone (390 × 844)', () => {
  let server: Server
  let browser: Browser
  let page: Page
  const errors: string[] = []
  const [current] = demoMonths()

  beforeAll(async () => {
    browser = await launchBrowser()
    server = await startServer()
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    })
    page = await context.newPage()
    page.on('pageerror', e => errors.push(e.message))
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('the team leader records a 10-person day shift with one late in under 10 taps', async () => {
    const date = await tenPersonDayShift(server, current)
    await signIn(page, server.url, 'leader1')
    await page.goto(`${server.url}/attendance?date=${date}&shift=D`)
    await page.getByRole('heading', { name: '当班考勤' }).waitFor()
    const rows = page.locator('.attendance-list li')
    await rows.nth(9).waitFor()
    expect(await rows.count()).toBe(10)
    await expect(page.getByText('到岗 08:50').first().isVisible()).resolves.toBe(true)
    await screenshot(page, 'attendance-phone-open')

    const late = rows.nth(3)
    const lateId = (await late.getAttribute('data-agent')) ?? ''
    let taps = 0
    const tap = async (locator: ReturnType<Page['locator']>) => {
      await locator.tap()
      taps += 1
    }
    await tap(page.getByRole('button', { name: '其余全部准时' }))
    await tap(late.getByRole('button', { name: /到岗\/离岗时间/ }))
    const arrival = late.locator('input[type="time"]').first()
    await tap(arrival)
    await arrival.fill('09:15')
    await screenshot(page, 'attendance-phone-late')
    await tap(page.getByRole('button', { name: '保存考勤' }))
    await page.getByText('已保存 10 人的考勤。').waitFor()
    expect(taps).toBeLessThan(10)
    await screenshot(page, 'attendance-phone-saved')

    // Every target the thumb hits is at least 44 px high.
    const heights = await page
      .locator('.attendance button.big')
      .evaluateAll(els => els.map(e => e.getBoundingClientRect().height))
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44)

    // What the server stored, and what payroll reads from it.
    const supervisor = await apiAs(server.url, 'supervisor')
    const day = await supervisor.call<AttendanceDay>(
      'GET',
      `/api/teams/cs-1/months/${current}/attendance/${date}/D`,
    )
    expect(day.body.revision).toBe(1)
    const records = day.body.people.map(p => [p.agentId, p.record?.arrivedAt])
    expect(records.filter(([, at]) => at === '08:50')).toHaveLength(9)
    expect(records.find(([id]) => id === lateId)?.[1]).toBe('09:15')
    const csv = await fetch(`${server.url}/api/teams/cs-1/months/${current}/payroll?format=csv`, {
      headers: { cookie: supervisor.cookie },
    }).then(r => r.text())
    expect(csv.split('\r\n').find(l => l.startsWith(`${lateId},`))).toContain(`${date} ATTEND-LATE`)

    // The supervisor's grid marks the late cell (25 min: 09:15 against 08:50) and the payroll page shows it.
    const desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    page = await desk.newPage()
    page.on('pageerror', e => errors.push(e.message))
    await signIn(page, server.url, 'supervisor')
    await page.goto(`${server.url}/roster?month=${current}`)
    const mark = page.locator(`[data-agent="${lateId}"][data-date="${date}"] .record-mark.late`)
    await mark.waitFor({ state: 'attached' })
    expect(await mark.getAttribute('title')).toBe('迟到 25 分钟')
    await expect(page.locator('.record-legend').isVisible()).resolves.toBe(true)
    await screenshot(page, 'attendance-grid-late')
    await page.goto(`${server.url}/payroll?month=${current}`)
    const row = page.locator(`.payroll-table tr[data-agent="${lateId}"]`)
    await row.waitFor()
    expect(await row.locator('td[data-key="absences"]').textContent()).toBe(`${date} ATTEND-LATE`)
    expect(await row.locator('td[data-key="disciplineCount"]').textContent()).toBe('1')
    await expect(page.locator('.payroll-table tfoot th').first().textContent()).resolves.toBe('合计')
    await screenshot(page, 'attendance-payroll-page')
    expect(errors).toEqual([])
  })
})
