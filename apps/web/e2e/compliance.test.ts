import { readFile } from 'node:fs/promises'
import { parseMonthFile, type MonthFile } from '@paiban/domain'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InboxItem, MonthView, VersionInfo } from '../src/api/types'
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

const AGENT = 'a02' // agent1, whose team leader is leader1

function parsed(file: unknown): MonthFile {
  const result = parseMonthFile(file)
  if (!result.ok) throw new Error(result.issues.map(i => `${i.path}: ${i.message}`).join('\n'))
  return result.value
}

/** Works a rest day of `month` into a REST-6-1 violation and publishes it (manager and hr read published). */
async function publishRestSixOne(server: Server, month: string): Promise<{ agentId: string; name: string }> {
  const supervisor = await apiAs(server.url, 'supervisor')
  const view = await supervisor.call<MonthView>('GET', `/api/teams/cs-1/months/${month}`)
  const file = parsed(view.body.file)
  const { agentId, index } = restSixOneCell(file)
  const patched = await supervisor.call<VersionInfo>('PATCH', `/api/teams/cs-1/months/${month}/cells`, {
    version: view.body.version,
    edits: [{ agentId, date: `${month}-${String(index + 1).padStart(2, '0')}`, cell: 'D' }],
  })
  expect(patched.status, JSON.stringify(patched.body)).toBe(200)
  const published = await supervisor.call('POST', `/api/teams/cs-1/months/${month}/publish`, {
    version: patched.body.version,
  })
  expect(published.status, JSON.stringify(published.body)).toBe(200)
  return { agentId, name: file.agents.find(a => a.id === agentId)?.name ?? agentId }
}

/** leader1 files sick leave (no certificate, not urgent) for agent1 on the first working day it may. */
async function sickLeaveForAgent(server: Server, month: string): Promise<string> {
  const leader = await apiAs(server.url, 'leader1')
  const file = parsed((await leader.call<MonthView>('GET', `/api/teams/cs-1/months/${month}`)).body.file)
  const row = file.roster?.[AGENT] ?? ''
  const refusals: string[] = []
  for (let i = 0; i < row.length; i++) {
    if (row[i] !== 'D' && row[i] !== 'N') continue
    const date = `${month}-${String(i + 1).padStart(2, '0')}`
    const filed = await leader.call<{ requestId: string }>('POST', `/api/teams/cs-1/months/${month}/leaves`, {
      agentId: AGENT,
      dates: [date],
      kind: 'sick',
    })
    if (filed.status === 201) return filed.body.requestId
    refusals.push(`${date}: ${filed.status} ${JSON.stringify(filed.body)}`)
  }
  throw new Error(`leader1 could not file sick leave for ${AGENT} in ${month}:\n${refusals.join('\n')}`)
}

describe.skipIf(skipWithoutBrowser)('compliance report and sick-leave certificates', () => {
  let server: Server
  let browser: Browser
  let page: Page
  let errors: string[]
  const [, next] = demoMonths()
  let violator: { agentId: string; name: string }

  beforeAll(async () => {
    // The browser first: without it (under CI) the suite fails at once.
    browser = await launchBrowser()
    server = await startServer()
    ;({ page, errors } = await newPage(browser))
    violator = await publishRestSixOne(server, next)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  /** The report of `next` on screen, with the set-up REST-6-1 violation listed by its rule id. */
  async function openReport(p: Page): Promise<void> {
    await p.goto(`${server.url}/compliance?month=${next}`)
    await p.getByRole('heading', { name: '月度合规报告' }).waitFor()
    const report = p.getByTestId('compliance')
    const item = report.locator('li[data-rule="REST-6-1"]').filter({ hasText: violator.name })
    await item.first().waitFor()
    await expect(item.first().locator('.rule-id').innerText()).resolves.toBe('REST-6-1')
    // Worded as a report of what is broken, not as a request that could not be sent.
    const head = await report.locator('.verdict-head').innerText()
    expect(head).toContain('违反硬性规则')
    expect(head).not.toContain('提交')
  }

  it('supervisor sees the month’s violation with its rule id and downloads the CSV', async () => {
    await signIn(page, server.url, 'supervisor')
    await page.getByRole('link', { name: '合规报告' }).click()
    await page.getByRole('heading', { name: '月度合规报告' }).waitFor()
    await openReport(page)
    await screenshot(page, 'supervisor-compliance')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 CSV' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.csv$/)
    const bytes = await readFile(await download.path())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.subarray(3).toString('utf8')
    expect(text).toContain('REST-6-1')
    expect(text).toContain(violator.name)
    await page.getByText('已下载').waitFor()
    expect(errors).toEqual([])
  })

  for (const login of ['manager', 'hr'] as const)
    it(`${login} opens the report of the published month`, async () => {
      const other = await newPage(browser)
      await signIn(other.page, server.url, login)
      await other.page.getByRole('link', { name: '合规报告' }).waitFor()
      await openReport(other.page)
      await screenshot(other.page, `${login}-compliance`)
      await other.page.context().close()
      expect(other.errors).toEqual([])
    })

  it('an agent cannot open the report: the no-access page says so', async () => {
    const agent = await newPage(browser)
    await signIn(agent.page, server.url, 'agent1')
    expect(await agent.page.getByRole('link', { name: '合规报告' }).count()).toBe(0)
    await agent.page.goto(`${server.url}/compliance?month=${next}`)
    await agent.page.getByRole('heading', { name: '无权访问' }).waitFor()
    const alert = await agent.page.getByRole('alert').innerText()
    expect(alert).toContain('客服')
    expect(alert).toContain('合规报告')
    expect(await agent.page.getByTestId('compliance').count()).toBe(0)
    await screenshot(agent.page, 'agent-compliance-no-access')
    // And the API refuses it too.
    const api = await apiAs(server.url, 'agent1')
    const answer = await api.call('GET', `/api/teams/cs-1/months/${next}/compliance?format=json`)
    expect(answer.status).toBe(403)
    await agent.page.context().close()
  })

  it('team leader records the certificate of their agent’s sick leave from the inbox', async () => {
    const requestId = await sickLeaveForAgent(server, next)
    const leader = await newPage(browser)
    await signIn(leader.page, server.url, 'leader1')
    await leader.page.goto(`${server.url}/inbox`)
    const item = leader.page.locator(`li.inbox-item[data-request^="${requestId}"]`)
    await item.waitFor()
    await item.getByText('待交医疗证明').waitFor()
    // The check reminds of the missing certificate; nothing to approve for the team leader.
    await item.locator('li[data-rule="LEAVE-SICK-CERT"]').waitFor()
    expect(await item.getByRole('button', { name: '同意' }).count()).toBe(0)
    // Recorded, the item leaves the team leader's list (nothing else waits for them); the
    // acknowledgement, shown only once the refreshed list no longer holds it, stays in view.
    await item.getByRole('button', { name: '医疗证明已交' }).click()
    const recorded = leader.page.locator(
      `li.inbox-item[data-request^="${requestId}"][data-status="certified"]`,
    )
    await recorded.getByText('已登记医疗证明。').waitFor()
    const leaderApi = await apiAs(server.url, 'leader1')
    expect((await leaderApi.call<InboxItem[]>('GET', '/api/inbox')).body).toEqual([])
    expect(await leader.page.getByRole('button', { name: '医疗证明已交' }).count()).toBe(0)
    await screenshot(leader.page, 'leader-certificate')

    // The supervisor, who decides the leave, sees its check without LEAVE-SICK-CERT.
    const supervisorApi = await apiAs(server.url, 'supervisor')
    const inbox = await supervisorApi.call<InboxItem[]>('GET', '/api/inbox')
    const pending = inbox.body.find(i => i.kind === 'leave' && i.request.requestId === requestId)
    expect(pending, 'the sick leave waits for the supervisor').toBeDefined()
    expect(pending?.kind === 'leave' && pending.request.certificate).toBe(true)
    expect(pending?.check.violations.map(v => v.rule)).not.toContain('LEAVE-SICK-CERT')
    const supervisor = await newPage(browser)
    await signIn(supervisor.page, server.url, 'supervisor')
    await supervisor.page.goto(`${server.url}/inbox`)
    const decided = supervisor.page.locator(`li.inbox-item[data-request^="${requestId}"]`)
    await decided.locator('.verdict').waitFor()
    expect(await decided.locator('li[data-rule="LEAVE-SICK-CERT"]').count()).toBe(0)
    expect(await decided.getByText('待交医疗证明').count()).toBe(0)
    await screenshot(supervisor.page, 'supervisor-certified-leave')
    await leader.page.context().close()
    await supervisor.page.context().close()
    expect(leader.errors).toEqual([])
    expect(supervisor.errors).toEqual([])
  })
})
