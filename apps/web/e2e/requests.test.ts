import { parseMonthFile, type MonthFile, type Swap } from '@paiban/domain'
import { checkSwap } from '@paiban/rules'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CheckResult, MonthView, VersionInfo } from '../src/api/types'
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
const LEADER = 'a01' // leader1: agent1's team leader, same job, one level up

function parsed(file: unknown): MonthFile {
  const result = parseMonthFile(file)
  if (!result.ok) throw new Error(result.issues.map(i => `${i.path}: ${i.message}`).join('\n'))
  return result.value
}

const swapOf = (date: string): Swap => ({
  id: 'draft',
  requester: AGENT,
  counterpart: LEADER,
  date,
  submittedAt: new Date().toISOString(),
  status: 'pending',
  approvals: [],
})

/** A date of the month on which agent1 and leader1 may swap, by the browser's and the server's check. */
async function validSwapDate(server: Server, month: string): Promise<string> {
  const agent = await apiAs(server.url, 'agent1')
  const file = parsed((await agent.call<MonthView>('GET', `/api/teams/cs-1/months/${month}`)).body.file)
  const a = file.roster?.[AGENT] ?? ''
  const b = file.roster?.[LEADER] ?? ''
  for (let i = a.length - 1; i >= 0; i--) {
    if (a[i] === b[i]) continue
    const date = `${month}-${String(i + 1).padStart(2, '0')}`
    if (!checkSwap(file, swapOf(date)).ok) continue
    const server_ = await agent.call<CheckResult>('POST', `/api/teams/cs-1/months/${month}/swap-check`, {
      id: 'draft',
      requester: AGENT,
      counterpart: LEADER,
      date,
    })
    if (server_.body.ok) return date
  }
  throw new Error(`no date in ${month} on which ${AGENT} and ${LEADER} may swap`)
}

/** Gives agent1 two pending swaps in `month` (SWAP-MAX is 2 a month), published. */
async function twoSwapsFor(server: Server, month: string): Promise<void> {
  const supervisor = await apiAs(server.url, 'supervisor')
  const view = await supervisor.call<MonthView>('GET', `/api/teams/cs-1/months/${month}`)
  const file = view.body.file
  const swaps = ['03', '17'].map((day, i) => ({
    id: `setup-${i}`,
    requester: AGENT,
    counterpart: 'a04',
    date: `${month}-${day}`,
    submittedAt: `${month}-01T09:00:00+08:00`,
    status: 'pending' as const,
    approvals: [],
  }))
  const put = await supervisor.call<VersionInfo>('PUT', `/api/teams/cs-1/months/${month}`, {
    ...file,
    swaps: [...file.swaps, ...swaps],
  })
  expect(put.status).toBe(201)
  const published = await supervisor.call('POST', `/api/teams/cs-1/months/${month}/publish`, {
    version: put.body.version,
  })
  expect(published.status).toBe(200)
}

async function chooseSwap(page: Page, counterpart: string, date: string): Promise<void> {
  await page.locator('#swap-colleague').selectOption(counterpart)
  await page.locator('#swap-date').selectOption(date)
}

describe.skipIf(skipWithoutBrowser)('requests', () => {
  let server: Server
  let browser: Browser
  let page: Page
  let errors: string[]
  const [current, next] = demoMonths()
  let swapRoutes = false
  /** The swap date the agent sent (a second pending swap on it would be a 409 repeat). */
  let sentDate = ''

  beforeAll(async () => {
    // The browser first: without it (under CI) the suite fails at once.
    browser = await launchBrowser()
    server = await startServer()
    ;({ page, errors } = await newPage(browser))
    await twoSwapsFor(server, current)
    const agent = await apiAs(server.url, 'agent1')
    swapRoutes = await agent
      .call('POST', `/api/teams/cs-1/months/${next}/swaps`, {})
      .then(r => r.status !== 404)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('agent sees their month as a calendar with their requests', async () => {
    await signIn(page, server.url, 'agent1')
    await page.goto(`${server.url}/me?month=${current}`)
    await page.getByTestId('my-calendar').waitFor()
    expect(await page.locator('[data-testid="my-calendar"] td[data-date]').count()).toBeGreaterThanOrEqual(28)
    await expect(page.locator('.calendar thead').innerText()).resolves.toContain('周一')
    // The two set-up swaps, pending (my requests load from the server).
    await page.locator('[data-testid="my-requests"] li').first().waitFor()
    expect(await page.locator('[data-testid="my-requests"] li[data-status="pending"]').count()).toBe(2)
  })

  it('agent sees why a third swap in a month is refused (SWAP-MAX) before sending', async () => {
    await chooseSwap(page, LEADER, `${current}-24`)
    const verdict = page.getByTestId('swap-check')
    await verdict.locator('li[data-rule="SWAP-MAX"]').waitFor()
    await expect(verdict.innerText()).resolves.toContain('不符合规则')
    expect(await page.locator('.swap-form button[type="submit"]').isDisabled()).toBe(true)
    await verdict.scrollIntoViewIfNeeded()
    await screenshot(page, 'agent-swap-max')
  })

  it('agent sees a valid swap allowed and can send it', async () => {
    const date = await validSwapDate(server, next)
    sentDate = date
    await page.goto(`${server.url}/me?month=${next}`)
    await page.getByTestId('my-calendar').waitFor()
    await chooseSwap(page, LEADER, date)
    const verdict = page.getByTestId('swap-check')
    await verdict.getByText('符合规则，可以提交').waitFor()
    const send = page.locator('.swap-form button[type="submit"]')
    // Enabled once the server's verdict (the one that counts) has answered.
    await page.locator('.swap-form button[type="submit"]:not([disabled])').waitFor()
    expect(await send.isEnabled()).toBe(true)
    await verdict.scrollIntoViewIfNeeded()
    await screenshot(page, 'agent-swap-ok')
    await send.click()
    if (swapRoutes) await page.getByText('申请已提交').waitFor()
    else await page.locator('.swap-form').getByText('此功能暂不可用').waitFor()
    expect(errors).toEqual([])
  })

  it('agent checks a leave request before sending', async () => {
    const agent = await apiAs(server.url, 'agent1')
    const file = parsed((await agent.call<MonthView>('GET', `/api/teams/cs-1/months/${next}`)).body.file)
    const day = [...(file.roster?.[AGENT] ?? '')].findIndex(c => c === 'N')
    const date = `${next}-${String(day + 1).padStart(2, '0')}`
    await page.locator('#leave-kind').selectOption('personal')
    await page.locator('#leave-from').fill(date)
    await page.getByTestId('leave-check').waitFor()
    await page.getByTestId('leave-check').scrollIntoViewIfNeeded()
    await screenshot(page, 'agent-leave-check')
  })

  // The approval chain: counterpart → team leader → supervisor, the last approval applying the swap.
  // Each decision stays acknowledged ('已处理') after the inbox refreshes without the item.
  it('leader and supervisor approve the swap, and the agent’s calendar changes', async () => {
    const date = sentDate || (await validSwapDate(server, next))
    const agent = await apiAs(server.url, 'agent1')
    const before = parsed((await agent.call<MonthView>('GET', `/api/teams/cs-1/months/${next}`)).body.file)
    const index = Number(date.slice(8, 10)) - 1
    const mineBefore = before.roster?.[AGENT]?.[index]
    const theirsBefore = before.roster?.[LEADER]?.[index]

    // leader1 is both the counterpart and agent1's team leader: they give the consent only (one
    // person never gives two approvals of one request); the leader step goes to the supervisor.
    const leader = await newPage(browser)
    await signIn(leader.page, server.url, 'leader1')
    await leader.page.goto(`${server.url}/inbox`)
    await leader.page.getByTestId('inbox').waitFor()
    await leader.page.getByRole('button', { name: '同意' }).first().click()
    await leader.page.getByText('已处理').waitFor()
    await screenshot(leader.page, 'leader-inbox')

    const supervisor = await newPage(browser)
    await signIn(supervisor.page, server.url, 'supervisor')
    await supervisor.page.goto(`${server.url}/inbox`)
    await supervisor.page.getByTestId('inbox').locator('.verdict.ok').first().waitFor()
    await supervisor.page.getByRole('button', { name: '同意' }).first().click()
    await supervisor.page.getByText('已处理').waitFor()
    await screenshot(supervisor.page, 'supervisor-inbox')

    await page.goto(`${server.url}/me?month=${next}`)
    const cell = page.locator(`[data-testid="my-calendar"] td[data-date="${date}"]`)
    await expect(cell.getAttribute('data-cell')).resolves.toBe(theirsBefore)
    expect(theirsBefore).not.toBe(mineBefore)
    await page.locator('[data-testid="my-requests"] li[data-status="approved"]').waitFor()
    await screenshot(page, 'agent-calendar-after-swap')
  })
})
