import { mkdtempSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MonthView } from '@paiban/domain'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  launchBrowser,
  newPage,
  REPO,
  screenshot,
  skipWithoutBrowser,
  startServer,
  type Server,
} from './harness'

/** exceljs is the API's dependency: the sheet is written the way Excel would. */
type Workbook = {
  addWorksheet: (name: string) => { addRow: (row: unknown[]) => void }
  xlsx: { writeBuffer: () => Promise<ArrayBuffer> }
}
const ExcelJS = createRequire(join(REPO, 'apps/api/package.json'))('exceljs') as {
  Workbook: new () => Workbook
}

const ADMIN_PASSWORD = 'e2e-admin-password'
const FIRST = 'first-password-1'
const SECOND = 'second-password-2'

async function staffSheet(): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('员工')
  sheet.addRow(['工号', '姓名', '岗位', '级别', '班长', '能否上夜班', '合同天数'])
  const groups = [
    { leader: 'E001', job: '电话', size: 12 },
    { leader: 'E013', job: '电话', size: 10 },
    { leader: 'E023', job: '在线', size: 8 },
  ]
  let n = 0
  for (const g of groups)
    for (let i = 0; i < g.size; i++) {
      n++
      const level = i === 0 || i % 4 === 1 ? '高级' : i % 3 === 0 ? '初级' : '中级'
      sheet.addRow([
        `E${String(n).padStart(3, '0')}`,
        `员工${n}号`,
        g.job,
        level,
        i === 0 ? '' : g.leader,
        n % 9 === 0 ? '否' : '是',
        '',
      ])
    }
  const path = join(mkdtempSync(join(tmpdir(), 'paiban-sheet-')), '员工名单.xlsx')
  writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()))
  return path
}

async function signInAs(page: Page, url: string, login: string, password: string): Promise<void> {
  await page.goto(`${url}/`)
  await page.locator('#login').fill(login)
  await page.locator('#password').fill(password)
  await page.locator('button[type="submit"]').click()
  await page.locator('header.top-bar').waitFor()
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click()
  await page.locator('#login').waitFor()
}

async function mobile(browser: Browser, page: Page, path: string, name: string): Promise<void> {
  const context = page.context()
  const state = await context.storageState()
  const small = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    storageState: state,
  })
  const p = await small.newPage()
  await p.goto(path)
  await p.locator('main h1').waitFor()
  await p.waitForTimeout(300)
  await screenshot(p, name)
  await small.close()
}

describe.skipIf(skipWithoutBrowser)('a centre from an empty database, in the browser', () => {
  let server: Server
  let browser: Browser
  let page: Page
  let errors: string[]

  beforeAll(async () => {
    browser = await launchBrowser()
    server = await startServer({ env: { PAIBAN_DEMO: '0', PAIBAN_ADMIN_PASSWORD: ADMIN_PASSWORD } })
    ;({ page, errors } = await newPage(browser))
  }, 240_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('admin creates a team, previews and imports a 30-person XLSX, and creates a supervisor sign-in', async () => {
    expect(server.output()).toContain('Sign in as admin')
    await signInAs(page, server.url, 'admin', ADMIN_PASSWORD)
    expect(new URL(page.url()).pathname).toBe('/admin')
    await page.getByText('还没有班组').waitFor()
    await page.getByLabel('班组编号').fill('cs-9')
    await page.getByLabel('班组名称').fill('客服九组')
    await page.getByRole('button', { name: '新建班组' }).click()
    await page.getByText('已新建班组 客服九组。').waitFor()

    await page.getByLabel('员工表文件').setInputFiles(await staffSheet())
    await page.getByRole('button', { name: '预览' }).click()
    await page.getByText('共 30 行：新增 30，更新 0；错误 0 处。').waitFor()
    await screenshot(page, 'centre-import-preview')
    await page.getByRole('button', { name: '确认导入' }).click()
    await page.getByText('已导入：新增 30 人，更新 0 人。').waitFor()

    const form = page.getByRole('form', { name: '新建账号' })
    await form.getByLabel('账号').fill('zhou')
    await form.getByLabel('班组').selectOption('cs-9')
    await form.getByLabel('姓名').fill('周主管')
    await form.getByLabel('初始密码').fill(FIRST)
    await form.getByRole('button', { name: '新建账号' }).click()
    await page.getByText('已新建账号 zhou').waitFor()
    await page.reload()
    await page.getByRole('cell', { name: '员工30号', exact: true }).waitFor()

    // Editing a person: a bad field is named before anything is sent; a stale edit is a 409.
    await page.getByRole('button', { name: '编辑 员工5号' }).click()
    const edit = page.getByRole('form', { name: '编辑 员工5号' })
    await edit.getByLabel('合同天数').fill('40')
    await edit.getByLabel('姓名').fill('')
    await edit.getByRole('button', { name: '保存' }).click()
    await edit.getByText('合同天数: 0 到 31 的整数，或留空').waitFor()
    await edit.getByText('姓名: 必填，不能为空').waitFor()
    await edit.getByLabel('姓名').fill('员工伍号')
    await edit.getByLabel('合同天数').fill('22')
    await edit.getByLabel('级别').selectOption('senior')
    await edit.getByLabel('能否上夜班').uncheck()
    await screenshot(page, 'centre-person-edit')
    await mobile(browser, page, `${server.url}/admin`, 'centre-admin-mobile')
    await edit.getByRole('button', { name: '保存' }).click()
    await page.getByText('已保存 员工伍号。').waitFor()
    const e005 = await page.evaluate(async () =>
      ((await (await fetch('/api/teams/cs-9/people')).json()) as Array<Record<string, unknown>>).find(
        s => s.id === 'E005',
      ),
    )
    expect(e005).toMatchObject({ name: '员工伍号', level: 'senior', nights: false, contractDays: 22 })
    await page.getByRole('button', { name: '编辑 员工6号' }).click()
    const status = await page.evaluate(async () => {
      const r = await fetch('/api/teams/cs-9/people/E006', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: '员工陆号' }),
      })
      return r.status
    })
    expect(status).toBe(200)
    await page.getByRole('form', { name: '编辑 员工6号' }).getByRole('button', { name: '保存' }).click()
    await page.getByText('未保存：你打开后有人改过 员工6号。').waitFor()
    await page.reload()
    await page.getByRole('cell', { name: '员工陆号', exact: true }).waitFor()

    // A leaver from 2027-02-10, taken out on the page.
    await page.getByLabel('员工7号 的离职日期').fill('2027-02-10')
    await page
      .getByLabel('员工7号 的离职日期')
      .locator('xpath=..')
      .getByRole('button', { name: '保存' })
      .click()
    await page.getByText('员工7号 从 2027-02-10 起离职').waitFor()
    await screenshot(page, 'centre-admin')
    await signOut(page)
  })

  it('the supervisor must change the first password, then sets the coverage', async () => {
    await signInAs(page, server.url, 'zhou', FIRST)
    await page.getByText('这是初始密码：请先修改').waitFor()
    await screenshot(page, 'centre-first-password')
    await page.getByLabel('当前密码').fill(FIRST)
    await page.getByLabel('新密码', { exact: true }).fill(SECOND)
    await page.getByLabel('再输一次新密码').fill(SECOND)
    await page.getByRole('button', { name: '修改密码' }).click()
    await page.locator('nav').getByRole('link', { name: '班组设置' }).click()
    await page.getByRole('heading', { name: /班组设置/ }).waitFor()
    const cells: Array<[string, string]> = [
      ['default D phone', '6'],
      ['default D chat', '2'],
      ['default N phone', '3'],
      ['default N chat', '1'],
    ]
    for (const [label, value] of cells) await page.getByLabel(label, { exact: true }).fill(value)
    await page.getByRole('button', { name: '保存为新版本' }).click()
    await page.getByText('已保存为第 2 版。').waitFor()

    // Coverage by date: 2027-01-15 needs 7 on the day phone line; a date added and removed is not kept.
    for (const date of ['2027-01-15', '2027-01-20']) {
      await page.getByLabel('日期', { exact: true }).fill(date)
      await page.getByRole('button', { name: '添加日期' }).click()
    }
    await page.getByLabel('2027-01-15 D phone', { exact: true }).fill('7')
    await page.getByRole('button', { name: '删除 2027-01-20' }).click()
    await page.getByRole('button', { name: '保存为新版本' }).click()
    await page.getByText('已保存为第 3 版。').waitFor()
    const saved = await page.evaluate(
      async () =>
        ((await (await fetch('/api/teams/cs-9/settings')).json()) as { coverage: unknown }).coverage,
    )
    expect(saved).toMatchObject({ dates: { '2027-01-15': { D: { phone: 7 } } } })
    expect(Object.keys((saved as { dates: object }).dates)).toEqual(['2027-01-15'])
    await page.reload()
    await expect.poll(() => page.getByLabel('2027-01-15 D phone', { exact: true }).inputValue()).toBe('7')
    await screenshot(page, 'centre-settings')
    await mobile(browser, page, `${server.url}/settings`, 'centre-settings-mobile')
  })

  it('starts 2027-01, generates and publishes it; then starts 2027-02 with January’s last 6 days as previous', async () => {
    await page.locator('nav').getByRole('link', { name: '月份' }).click()
    await page.getByLabel('月份', { exact: true }).fill('2027-01')
    await page.getByRole('button', { name: /开始 2027/ }).click()
    await page.getByText(/已新建 2027.*30 人.*没有上个月的排班/).waitFor()

    await page.getByRole('link', { name: /2027年1月|2027-01/ }).click()
    await page.getByLabel('求解时间（秒）').fill('3')
    await page.getByRole('button', { name: '自动排班' }).click()
    await page.getByText(/排班完成：第 \d+ 版/).waitFor({ timeout: 90_000 })
    page.once('dialog', dialog => void dialog.accept())
    await page.getByRole('button', { name: '发布', exact: true }).click()
    await page.locator('.page-head .version', { hasText: '已发布' }).waitFor()
    await screenshot(page, 'centre-january-published')

    await page.locator('nav').getByRole('link', { name: '月份' }).click()
    await page.getByRole('button', { name: /开始 2027年2月|开始 2027-02/ }).click()
    await page.getByText(/上月末取自 .* 已发布的第 \d+ 版/).waitFor()
    await screenshot(page, 'centre-february-started')
    await mobile(browser, page, `${server.url}/months`, 'centre-months-mobile')

    const read = async (month: string) =>
      page.evaluate(
        async m => (await (await fetch(`/api/teams/cs-9/months/${m}`)).json()) as MonthView,
        month,
      )
    const january = await read('2027-01')
    const february = await read('2027-02')
    expect(january.state).toBe('published')
    expect(february.file.agents).toHaveLength(30)
    for (const a of february.file.agents)
      expect(february.file.previous[a.id], a.id).toBe(january.file.roster?.[a.id]?.slice(-6))
    // Coverage by date: January's file has 01-15, February's none of January's dates.
    expect(january.file.coverage.dates).toEqual({ '2027-01-15': { D: { phone: 7 } } })
    expect(february.file.coverage.dates).toBeUndefined()
    // The leaver: rostered in January, pinned to rest from 02-10 in February.
    expect(january.file.roster?.E007).toMatch(/[DN]/)
    expect(february.file.roster?.E007?.slice(9)).toMatch(/^-+$/)
    expect(errors).toEqual([])
  }, 180_000)
})
