import { parseMonthFile, type Leave, type MonthFile } from '@paiban/domain'
import { checkLeave } from '@paiban/rules'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CheckResult, MonthView } from '../src/api/types'
import {
  apiAs,
  demoMonths,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
  skipWithoutBrowser,
  startServer,
  type Server,
} from './harness'

const AGENT = 'a02' // agent1

function parsed(file: unknown): MonthFile {
  const result = parseMonthFile(file)
  if (!result.ok) throw new Error(result.issues.map(i => `${i.path}: ${i.message}`).join('\n'))
  return result.value
}

const dateOf = (month: string, i: number) => `${month}-${String(i + 1).padStart(2, '0')}`

/** A day shift of agent1 whose leave leaves the day short (COVER-MIN) and breaks no leave rule. */
function shortDay(file: MonthFile, after = 6): string {
  const row = file.roster?.[AGENT] ?? ''
  for (let i = after; i < row.length; i++) {
    if (row[i] !== 'D') continue
    const leave: Leave = {
      id: 'probe',
      agentId: AGENT,
      date: dateOf(file.month, i),
      shift: 'D',
      kind: 'annual',
      urgent: false,
      certificate: false,
      submittedAt: new Date().toISOString(),
      by: AGENT,
      status: 'pending',
      approvals: [],
    }
    const v = checkLeave(file, leave).violations
    if (
      v.some(x => x.rule === 'COVER-MIN') &&
      !v.some(x => x.severity === 'hard' && x.rule.startsWith('LEAVE-'))
    )
      return leave.date
  }
  throw new Error('no day on which agent1 is needed')
}

/** Screenshots at 1440 × 900 and 390 × 844, `focus` scrolled into view at each size. */
async function both(page: Page, name: string, focus?: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 })
  if (focus) await page.locator(focus).first().scrollIntoViewIfNeeded()
  await screenshot(page, `${name}-1440`)
  await page.setViewportSize({ width: 390, height: 844 })
  if (focus) await page.locator(focus).first().scrollIntoViewIfNeeded()
  await screenshot(page, `${name}-390`)
  // Nothing wider than the phone's screen.
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width, `${name} at 390 px`).toBeLessThanOrEqual(390)
  await page.setViewportSize({ width: 1440, height: 900 })
}

describe.skipIf(skipWithoutBrowser)('requests as people use them (issue 20)', () => {
  let server: Server
  let browser: Browser
  let agent: Page
  let errors: string[]
  const [, next] = demoMonths()
  const url = `/api/teams/cs-1/months/${next}`
  let leaveDate = ''

  beforeAll(async () => {
    browser = await launchBrowser()
    server = await startServer()
    ;({ page: agent, errors } = await newPage(browser))
    await signIn(agent, server.url, 'agent1')
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('an agent asks for leave on a fully covered day and sees it pending with "needs cover"', async () => {
    const supervisor = await apiAs(server.url, 'supervisor')
    const file = parsed((await supervisor.call<MonthView>('GET', url)).body.file)
    leaveDate = shortDay(file)
    await agent.goto(`${server.url}/me?month=${next}`)
    await agent.getByTestId('my-calendar').waitFor()
    await agent.locator('#leave-kind').selectOption('annual')
    await agent.locator('#leave-from').fill(leaveDate)
    // Accepted by the rules; the short shift is the supervisor's, said apart.
    await agent.getByTestId('leave-check-cover').waitFor()
    await expect(agent.getByTestId('leave-check').innerText()).resolves.toContain('符合规则')
    await agent.getByTestId('leave-steps').waitFor()
    const send = agent.locator('.leave-form button[type="submit"]')
    await expect(send.isEnabled()).resolves.toBe(true)
    await agent.getByTestId('leave-check').scrollIntoViewIfNeeded()
    await both(agent, 'i20-agent-leave-needs-cover', '[data-testid="leave-check"]')
    await send.click()
    await agent.locator('.leave-form').getByText('申请已提交').waitFor()
    const mine = agent.locator('[data-testid="my-requests"] li[data-kind="leave"][data-status="pending"]')
    await mine.waitFor()
    await expect(mine.innerText()).resolves.toContain('需安排顶班')
    await expect(mine.innerText()).resolves.toContain('等待主管')
    await agent.getByTestId('my-requests').scrollIntoViewIfNeeded()
    await both(agent, 'i20-agent-my-requests', '[data-testid="my-requests"]')
  })

  it('the supervisor approves it with a suggested replacement; the roster has no COVER-MIN; the agent sees the decision', async () => {
    const { page } = await newPage(browser)
    await signIn(page, server.url, 'supervisor')
    await page.goto(`${server.url}/inbox`)
    const item = page.locator('.inbox-item', { has: page.getByTestId('cover-fix') }).first()
    await item.waitFor()
    await item.getByRole('button', { name: '建议补位' }).click()
    await item.locator('input[type="radio"]').first().check()
    await item.scrollIntoViewIfNeeded()
    await both(page, 'i20-supervisor-cover', '[data-testid="cover-fix"]')
    await item.getByRole('button', { name: /批准并安排/ }).click()
    await page.getByText('已处理').waitFor()

    const supervisor = await apiAs(server.url, 'supervisor')
    const check = await supervisor.call<CheckResult>('POST', `${url}/check`)
    expect(check.body.violations.filter(v => v.rule === 'COVER-MIN' && v.date === leaveDate)).toEqual([])
    const file = parsed((await supervisor.call<MonthView>('GET', url)).body.file)
    expect(file.roster?.[AGENT]?.[Number(leaveDate.slice(8)) - 1]).toBe('L')

    await agent.goto(`${server.url}/inbox`)
    const decided = agent.locator('[data-testid="my-requests"] li[data-kind="leave"][data-status="approved"]')
    await decided.waitFor()
    await both(agent, 'i20-agent-inbox-decision', '[data-testid="my-requests"]')
  })

  it('a third swap is refused before sending with SWAP-MAX in Chinese naming it, the server says the same; a pending swap is cancelled', async () => {
    const api = await apiAs(server.url, 'agent1')
    const file = parsed((await api.call<MonthView>('GET', url)).body.file)
    const mine = file.agents.find(a => a.id === AGENT)
    const colleagues = file.agents.filter(a => a.id !== AGENT && a.job === mine?.job).map(a => a.id)
    const row = file.roster?.[AGENT] ?? ''
    const sent: Array<{ date: string; counterpart: string }> = []
    // Two swaps late in the month, far apart; the third earlier than both.
    for (let i = row.length - 1; i >= 0 && sent.length < 2; i--) {
      const date = dateOf(next, i)
      if (date === leaveDate || sent.some(s => Math.abs(Number(s.date.slice(8)) - (i + 1)) < 3)) continue
      for (const counterpart of colleagues) {
        const probe = await api.call<CheckResult>('POST', `${url}/swap-check`, {
          requester: AGENT,
          counterpart,
          date,
        })
        if (probe.status !== 200 || !probe.body.ok) continue
        const r = await api.call('POST', `${url}/swaps`, { counterpart, date })
        if (r.status === 201) sent.push({ date, counterpart })
        break
      }
    }
    expect(sent).toHaveLength(2)
    // A third, on an earlier date than both, that only SWAP-MAX refuses.
    let third: { date: string; counterpart: string } | undefined
    for (let i = 6; i < row.length && !third; i++) {
      const date = dateOf(next, i)
      if (date === leaveDate || sent.some(s => Math.abs(Number(s.date.slice(8)) - (i + 1)) < 3)) continue
      for (const counterpart of colleagues) {
        const probe = await api.call<CheckResult>('POST', `${url}/swap-check`, {
          requester: AGENT,
          counterpart,
          date,
        })
        const hard = probe.body.violations?.filter(v => v.severity === 'hard').map(v => v.rule) ?? []
        if (hard.length > 0 && hard.every(r => r === 'SWAP-MAX')) {
          third = { date, counterpart }
          break
        }
      }
    }
    if (!third) throw new Error('no third swap refused by SWAP-MAX alone')

    await agent.goto(`${server.url}/me?month=${next}`)
    await agent.getByTestId('my-calendar').waitFor()
    await agent.locator('#swap-colleague').selectOption(third.counterpart)
    await agent.locator('#swap-date').selectOption(third.date)
    const verdict = agent.getByTestId('swap-check')
    const rule = verdict.locator('li[data-rule="SWAP-MAX"]').first()
    await rule.waitFor()
    const text = await rule.innerText()
    expect(text).toContain(`${third.date} 的这次换班是第 3 次`)
    expect(text).not.toMatch(/sw-[0-9a-f]/)
    await expect(agent.locator('.swap-form button[type="submit"]').isDisabled()).resolves.toBe(true)
    await verdict.scrollIntoViewIfNeeded()
    await both(agent, 'i20-agent-third-swap', '[data-testid="swap-check"]')

    // The swap finder says why nobody can swap with agent1 that day (the month's limit is used up).
    await agent.locator('#finder-date').selectOption(third.date)
    await agent.getByTestId('finder-refused').locator('li').first().waitFor({ state: 'attached' })
    await expect(agent.getByTestId('finder-refused').textContent()).resolves.toContain('第 3 次')

    // The server answers the same, in the same words.
    const refused = await api.call<{
      error: { text?: { zh: string }; violations?: Array<{ rule: string; message: { zh: string } }> }
    }>('POST', `${url}/swaps`, third)
    expect(refused.status).toBe(422)
    const zh = refused.body.error.violations?.find(v => v.rule === 'SWAP-MAX')?.message.zh ?? ''
    expect(text).toContain(zh)

    // Cancel one of the pending swaps from "my requests".
    const pending = agent.locator('[data-testid="my-requests"] li[data-kind="swap"][data-status="pending"]')
    await expect(pending.count()).resolves.toBe(2)
    await pending.first().getByRole('button', { name: '取消' }).click()
    await agent.locator('[data-testid="my-requests"] li[data-kind="swap"][data-status="cancelled"]').waitFor()
    await expect(pending.count()).resolves.toBe(1)
    expect(errors).toEqual([])
  })

  it('the supervisor’s grid scrolls sideways on a phone with the names pinned', async () => {
    const { page } = await newPage(browser)
    await signIn(page, server.url, 'supervisor')
    await page.goto(`${server.url}/roster?month=${next}`)
    await page.locator('.grid-scroller').waitFor()
    await page.setViewportSize({ width: 390, height: 844 })
    const box = await page.locator('.grid-scroller').boundingBox()
    expect(box?.width ?? 0).toBeGreaterThan(300)
    const navHeight = (await page.locator('.top-bar nav').boundingBox())?.height ?? 999
    expect(navHeight).toBeLessThan(60)
    await page.locator('.grid-scroller').evaluate(el => el.scrollBy(600, 0))
    const name = await page.locator('.name-cell').nth(3).boundingBox()
    expect(name?.x ?? -1).toBeGreaterThanOrEqual(0)
    expect(name?.x ?? 999).toBeLessThan(40)
    await screenshot(page, 'i20-supervisor-grid-390')
    await page.setViewportSize({ width: 1440, height: 900 })
    await screenshot(page, 'i20-supervisor-grid-1440')
  })
})
