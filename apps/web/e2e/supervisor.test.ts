import { parseMonthFile, type Job, type MonthFile, type Shift } from '@paiban/domain'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MonthView } from '../src/api/types'
import { groupAgents } from '../src/grid/layout'
import { applyChanges, liveCheck } from '../src/grid/live-check'
import {
  apiAs,
  demoMonths,
  launchBrowser,
  newPage,
  restSixOneCell,
  screenshot,
  signIn,
  skipWithoutBrowser,
  startServer,
  type Server,
} from './harness'

/**
 * A worked cell whose shift is exactly covered for its job, early in the month: resting it makes
 * one COVER-MIN shortfall that the violation list shows (it draws 40 per rule).
 */
function coveredCell(file: MonthFile): { agentId: string; index: number; shift: Shift; job: Job } {
  const live = liveCheck(file)
  const shortBefore = new Set(
    live.all.filter(v => v.rule === 'COVER-MIN').map(v => `${v.date}:${v.shift}:${v.job}`),
  )
  for (let index = 0; index < live.ctx.dates.length; index++) {
    const date = live.ctx.dates[index] ?? ''
    for (const agentId of groupAgents(file).order) {
      const shift = live.ctx.rows.get(agentId)?.[index]
      const job = live.ctx.agentById.get(agentId)?.job
      if ((shift !== 'D' && shift !== 'N') || !job || shortBefore.has(`${date}:${shift}:${job}`)) continue
      const after = applyChanges(live, [{ agentId, index, cell: '-' }])
      const cover = after.all.filter(v => v.rule === 'COVER-MIN')
      const at = cover.findIndex(v => v.date === date && v.shift === shift && v.job === job)
      if (at >= 0 && at < 40) return { agentId, index, shift, job }
    }
  }
  throw new Error('no exactly covered shift to open a hole in')
}

/** Moves the grid's focus with the keyboard alone, from the first cell. */
async function keyboardTo(page: Page, row: number, col: number): Promise<void> {
  const grid = page.getByRole('grid')
  await grid.focus()
  await page.keyboard.press('Control+Home')
  for (let i = 0; i < row; i++) await page.keyboard.press('ArrowDown')
  for (let i = 0; i < col; i++) await page.keyboard.press('ArrowRight')
}

describe.skipIf(skipWithoutBrowser)('supervisor', () => {
  let server: Server
  let browser: Browser
  let page: Page
  let errors: string[]
  const [, next] = demoMonths()

  beforeAll(async () => {
    // The browser first: without it (under CI) the suite fails at once.
    browser = await launchBrowser()
    server = await startServer()
    ;({ page, errors } = await newPage(browser))
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('signs in and sees the month grid with its coverage lines', async () => {
    await signIn(page, server.url, 'supervisor')
    await page.goto(`${server.url}/roster?month=${next}`)
    await page.getByRole('grid').waitFor()
    expect(await page.getByRole('gridcell').count()).toBeGreaterThan(100)
    // Chinese by default: weekday headers, the coverage title, cells with letters.
    await expect(page.locator('.grid-foot').innerText()).resolves.toContain('在岗 / 需要')
    await expect(page.locator('.cell-D .cell-letter').first().innerText()).resolves.toBe('白')
    await screenshot(page, 'supervisor-grid')
  })

  it('generates the month with progress, keeping a pinned cell', async () => {
    const api = await apiAs(server.url, 'supervisor')
    const before = await api.call<MonthView>('GET', `/api/teams/cs-1/months/${next}`)
    const parsed = parseMonthFile(before.body.file)
    if (!parsed.ok) throw new Error('month file does not parse')
    const first = groupAgents(parsed.value).order[0] ?? ''
    const pinned = parsed.value.roster?.[first]?.[4]
    await keyboardTo(page, 0, 4)
    await page.keyboard.press('p')
    await page.locator(`[data-agent="${first}"][data-date="${next}-05"].pinned`).waitFor()

    await page.getByLabel('求解时间（秒）').fill('3')
    await page.getByRole('button', { name: '自动排班' }).click()
    await page.locator('#generate-progress').waitFor()
    await page.getByTestId('best-score').waitFor({ timeout: 30_000 })
    await screenshot(page, 'supervisor-generating')
    await page.getByText(/排班完成：第 \d+ 版/).waitFor({ timeout: 60_000 })
    await expect(page.locator('.page-head .version').innerText()).resolves.toContain('草稿')

    const after = await api.call<MonthView>('GET', `/api/teams/cs-1/months/${next}`)
    expect(after.body.version).toBeGreaterThan(before.body.version)
    expect(after.body.source).toBe('generate')
    expect(after.body.file.roster?.[first]?.[4]).toBe(pinned)
    expect(Object.values(after.body.file.roster ?? {}).join('')).not.toContain('?')
    // Unpin again: the next generate re-plans everything.
    await keyboardTo(page, 0, 4)
    await page.keyboard.press('p')
    expect(await page.locator('.cell.pinned').count()).toBe(0)
  })

  it('cancels a running generate and leaves the roster as it was', async () => {
    const api = await apiAs(server.url, 'supervisor')
    const before = await api.call<MonthView>('GET', `/api/teams/cs-1/months/${next}`)
    await keyboardTo(page, 1, 1)
    await page.keyboard.press('p')
    await page.getByLabel('求解时间（秒）').fill('30')
    await page.getByRole('button', { name: '自动排班' }).click()
    await page.getByTestId('best-score').waitFor({ timeout: 30_000 })
    await page.getByRole('button', { name: '取消排班' }).click()
    await page.getByText('已取消，排班表已恢复').waitFor({ timeout: 30_000 })
    const after = await api.call<MonthView>('GET', `/api/teams/cs-1/months/${next}`)
    expect(after.body.file.roster).toEqual(before.body.file.roster)
    await keyboardTo(page, 1, 1)
    await page.keyboard.press('p')
  })

  it('flags a seventh day in a row as REST-6-1 at once, and the fix clears it', async () => {
    const api = await apiAs(server.url, 'supervisor')
    const view = await api.call<MonthView>('GET', `/api/teams/cs-1/months/${next}`)
    const parsed = parseMonthFile(view.body.file)
    if (!parsed.ok) throw new Error('month file does not parse')
    const { agentId, index } = restSixOneCell(parsed.value)
    const row = groupAgents(parsed.value).order.indexOf(agentId)

    await keyboardTo(page, row, index)
    const cell = page.locator(
      `[role="gridcell"][data-agent="${agentId}"][data-date="${next}-${String(index + 1).padStart(2, '0')}"]`,
    )
    await expect(cell.getAttribute('aria-selected')).resolves.toBe('true')
    await page.keyboard.press('d')

    const flagged = page.locator(
      `[role="gridcell"][data-agent="${agentId}"].marked-hard[data-rules~="REST-6-1"]`,
    )
    await flagged.first().waitFor()
    const group = page.locator('details.rule-group.hard[data-rule="REST-6-1"]')
    await group.waitFor()
    await expect(group.innerText()).resolves.toContain('连续上班')
    await screenshot(page, 'supervisor-rest-6-1')

    // Undo, redo, then fix it by resting: the flag goes and comes back with the cell.
    await page.keyboard.press('Control+z')
    await flagged.first().waitFor({ state: 'detached' })
    await page.keyboard.press('Control+y')
    await flagged.first().waitFor()
    await page.keyboard.press('Delete')
    await flagged.first().waitFor({ state: 'detached' })
    expect(await group.count()).toBe(0)
    await page.getByText('保存中').waitFor({ state: 'detached' })
  })

  it('suggests a fix for an uncovered shift (fillHole), and applying it clears COVER-MIN', async () => {
    const api = await apiAs(server.url, 'supervisor')
    const view = await api.call<MonthView>('GET', `/api/teams/cs-1/months/${next}`)
    const parsed = parseMonthFile(view.body.file)
    if (!parsed.ok) throw new Error('month file does not parse')
    const { agentId, index, shift, job } = coveredCell(parsed.value)
    const date = `${next}-${String(index + 1).padStart(2, '0')}`

    await keyboardTo(page, groupAgents(parsed.value).order.indexOf(agentId), index)
    await page.keyboard.press('-')
    const shortfall = page.locator(
      `details.rule-group.hard[data-rule="COVER-MIN"] li[data-date="${date}"][data-shift="${shift}"][data-job="${job}"]`,
    )
    await shortfall.waitFor()
    await shortfall.getByRole('button', { name: '建议补位' }).click()
    const suggestion = page.getByTestId('suggestion')
    await suggestion.waitFor()
    await expect(suggestion.innerText()).resolves.toContain('推荐：')
    await screenshot(page, 'supervisor-suggest')
    await suggestion.getByRole('button', { name: /采用推荐/ }).click()
    await shortfall.waitFor({ state: 'detached' })
    await page.getByText('保存中').waitFor({ state: 'detached' })
  })

  it('compares with the published version and publishes', async () => {
    await page.getByRole('button', { name: '与发布版对比' }).click()
    await page.getByText(/与第 1 版（已发布）相比有 \d+ 格不同/).waitFor()
    expect(await page.locator('.cell.changed').count()).toBeGreaterThan(0)
    await screenshot(page, 'supervisor-compare')
    page.once('dialog', dialog => void dialog.accept())
    await page.getByRole('button', { name: '发布', exact: true }).click()
    await page.locator('.notice.info', { hasText: /已发布第 \d+ 版/ }).waitFor()
    await page.locator('.page-head .version', { hasText: '已发布' }).waitFor()
  })

  it('refuses a stale edit with a clear message and reloads', async () => {
    const api = await apiAs(server.url, 'supervisor')
    const view = await api.call<MonthView>('GET', `/api/teams/cs-1/months/${next}`)
    const agent = view.body.file.agents[0]?.id ?? ''
    const cell = view.body.file.roster?.[agent]?.[0] === 'D' ? 'N' : 'D'
    // Someone else edits the month behind the page's back.
    const edit = await api.call('PATCH', `/api/teams/cs-1/months/${next}/cells`, {
      version: view.body.version,
      edits: [{ agentId: agent, date: `${next}-01`, cell }],
    })
    expect(edit.status).toBe(200)
    const parsed = parseMonthFile(view.body.file)
    if (!parsed.ok) throw new Error('month file does not parse')
    const target = groupAgents(parsed.value).order[3] ?? ''
    const current = parsed.value.roster?.[target]?.[3]
    await keyboardTo(page, 3, 3)
    await page.keyboard.press(current === 'N' ? 'd' : 'n')
    await page.locator('.notice.stale').waitFor()
    await expect(page.locator('.notice.stale').innerText()).resolves.toContain('排班表已被他人修改')
    await screenshot(page, 'supervisor-stale')
    // The page now shows the other edit: reloaded, nothing overwritten.
    await page.locator('.page-head .version', { hasText: `第 ${view.body.version + 1} 版` }).waitFor()
  })

  it('switches to English', async () => {
    await page.getByRole('button', { name: '切换到英文' }).click()
    await page.getByRole('heading', { name: 'Rule check' }).waitFor()
    await expect(page.locator('.grid-foot').innerText()).resolves.toContain('On duty / needed')
    await screenshot(page, 'supervisor-english')
    await page.getByRole('button', { name: 'Switch to Chinese' }).click()
    expect(errors).toEqual([])
  })
})
