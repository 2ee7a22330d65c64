import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  apiAs,
  demoMonths,
  hasRoute,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
  skipWithoutBrowser,
  startServer,
  type Server,
} from './harness'

describe.skipIf(skipWithoutBrowser)('roles, sign-in and HR', () => {
  let server: Server
  let browser: Browser
  let page: Page
  let errors: string[]
  const [current] = demoMonths()
  let payrollRoute = false

  beforeAll(async () => {
    // The browser first: without it (under CI) the suite fails at once.
    browser = await launchBrowser()
    server = await startServer()
    ;({ page, errors } = await newPage(browser))
    const hr = await apiAs(server.url, 'hr')
    payrollRoute = await hasRoute(
      server.url,
      hr.cookie,
      'GET',
      `/api/teams/cs-1/months/${current}/payroll?format=csv`,
    )
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('refuses a wrong password with a message', async () => {
    await page.goto(`${server.url}/`)
    await page.locator('#login').fill('hr')
    await page.locator('#password').fill('not the password')
    await page.locator('button[type="submit"]').click()
    await page.getByRole('alert').getByText('账号或密码错误').waitFor()
    await screenshot(page, 'sign-in-refused')
  })

  it('hr lands on the payroll page and has no access to the roster', async () => {
    await signIn(page, server.url, 'hr')
    expect(new URL(page.url()).pathname).toBe('/payroll')
    await page.getByRole('heading', { name: '工资数据导出' }).waitFor()
    await page.goto(`${server.url}/roster`)
    await page.getByRole('heading', { name: '无权访问' }).waitFor()
    await expect(page.getByRole('alert').innerText()).resolves.toContain('人事')
    await screenshot(page, 'hr-no-access')
  })

  it('hr downloads payroll, or is told the export is not available yet', async () => {
    await page.goto(`${server.url}/payroll?month=${current}`)
    await page.getByRole('heading', { name: '工资数据导出' }).waitFor()
    if (payrollRoute) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '下载 CSV' }).click(),
      ])
      expect(download.suggestedFilename()).toMatch(/\.csv$/)
    } else {
      await page.getByRole('button', { name: '下载 CSV' }).click()
      await page.getByText('此功能暂不可用').waitFor()
    }
    await screenshot(page, 'hr-payroll')
  })

  // Needs GET …/payroll?format=csv|xlsx, which the API does not have yet (issue "Requests").
  it('hr downloads payroll as CSV and XLSX', async () => {
    await page.goto(`${server.url}/payroll?month=${current}`)
    for (const [button, ext] of [
      ['下载 CSV', 'csv'],
      ['下载 Excel（XLSX）', 'xlsx'],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button }).click(),
      ])
      expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${ext}$`))
    }
  })

  it('the inbox says when the server does not offer it yet, and sign-out ends the session', async () => {
    await page.getByRole('button', { name: '退出登录' }).click()
    await page.locator('#login').waitFor()
    await signIn(page, server.url, 'manager')
    expect(new URL(page.url()).pathname).toBe('/inbox')
    await page.getByRole('heading', { name: '等待我审批的申请' }).waitFor()
    await screenshot(page, 'manager-inbox')
    await page.getByRole('button', { name: '退出登录' }).click()
    await page.locator('#login').waitFor()
    const session = await page.evaluate(async () => (await fetch('/api/session')).status)
    expect(session).toBe(401)
    expect(errors).toEqual([])
  })

  it('manager sees the published roster read-only, with its rule check', async () => {
    await signIn(page, server.url, 'manager')
    await page.getByRole('link', { name: '排班总览' }).click()
    await page.getByRole('grid').waitFor()
    await page.getByText('只读：这是已发布的排班表').waitFor()
    for (const name of ['发布', '自动排班', '与发布版对比', '撤销'])
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0)
    await page.getByRole('heading', { name: '规则检查' }).waitFor()
    // Keys move the focus but change nothing.
    await page.getByRole('grid').focus()
    await page.keyboard.press('ArrowRight')
    const selected = page.locator('[role="gridcell"][aria-selected="true"]')
    const before = await selected.locator('.cell-letter').innerText()
    await page.keyboard.press(before === '白' ? 'n' : 'd')
    expect(await selected.locator('.cell-letter').innerText()).toBe(before)
    expect(await page.getByText('保存中').count()).toBe(0)
    await screenshot(page, 'manager-roster')
    await page.getByRole('button', { name: '退出登录' }).click()
    await page.locator('#login').waitFor()
    expect(errors).toEqual([])
  })

  it('works by keyboard alone: sign in with Tab and Enter, the focus always visible', async () => {
    await page.goto(`${server.url}/`)
    await page.locator('#login').waitFor()
    await page.keyboard.type('supervisor')
    await page.keyboard.press('Tab')
    await page.keyboard.type('e2e-demo-password')
    await page.keyboard.press('Enter')
    await page.getByRole('grid').waitFor()
    // Tab until the grid has the focus; every stop shows a focus ring.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab')
      const style = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null
        if (!el) return null
        const s = getComputedStyle(el)
        return { role: el.getAttribute('role'), outline: s.outlineStyle, width: s.outlineWidth }
      })
      if (style?.role === 'grid') break
      expect(style?.outline, `focus ring on tab stop ${i}`).not.toBe('none')
    }
    await page.keyboard.press('ArrowRight')
    const selected = page.locator('[role="gridcell"][aria-selected="true"]')
    expect(await selected.count()).toBe(1)
    await screenshot(page, 'keyboard-grid')
  })
})
