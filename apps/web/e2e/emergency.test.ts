import { parseMonthFile, type Job, type MonthFile } from '@paiban/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MonthView } from '../src/api/types'
import { groupAgents } from '../src/grid/layout'
import { applyChanges, liveCheck } from '../src/grid/live-check'
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

function parsed(file: unknown): MonthFile {
  const result = parseMonthFile(file)
  if (!result.ok) throw new Error(result.issues.map(i => `${i.path}: ${i.message}`).join('\n'))
  return result.value
}

type Target = { agentId: string; name: string; date: string; index: number; job: Job }

/**
 * An agent (not a team leader) on a night shift that is exactly covered, so their leave leaves
 * COVER-MIN short: a holiday night first (1 January, in the demo's next month), else any night.
 */
function exactlyCoveredNight(file: MonthFile): Target {
  const live = liveCheck(file)
  const short = (all: typeof live.all, date: string, job: Job) =>
    all.some(v => v.rule === 'COVER-MIN' && v.date === date && v.shift === 'N' && v.job === job)
  const days = live.ctx.dates.map((date, index) => ({ date, index }))
  const holidayFirst = [
    ...days.filter(d => live.ctx.calendar.days[d.index]?.isHoliday),
    ...days.filter(d => !live.ctx.calendar.days[d.index]?.isHoliday),
  ]
  for (const { date, index } of holidayFirst)
    for (const agentId of groupAgents(file).order) {
      const agent = live.ctx.agentById.get(agentId)
      if (!agent || agent.role === 'teamLeader' || live.ctx.rows.get(agentId)?.[index] !== 'N') continue
      if (short(live.all, date, agent.job)) continue
      if (short(applyChanges(live, [{ agentId, index, cell: 'L' }]).all, date, agent.job))
        return { agentId, name: agent.name, date, index, job: agent.job }
    }
  throw new Error('no exactly covered night to open a hole in')
}

async function monthFile(server: Server, month: string): Promise<{ file: MonthFile; version: number }> {
  const supervisor = await apiAs(server.url, 'supervisor')
  const view = await supervisor.call<MonthView>('GET', `/api/teams/cs-1/months/${month}`)
  return { file: parsed(view.body.file), version: view.body.version }
}

describe.skipIf(skipWithoutBrowser)('emergency sick leave (LEAVE-EMERGENCY)', () => {
  let server: Server
  let browser: Browser
  const [, next] = demoMonths()

  beforeAll(async () => {
    browser = await launchBrowser()
    server = await startServer()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('the team leader files it on the phone for a holiday night: the person is on leave, the gap named with a suggestion', async () => {
    const { file } = await monthFile(server, next)
    const target = exactlyCoveredNight(file)
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', e => errors.push(e.message))
    await signIn(page, server.url, 'leader1')
    await page.goto(`${server.url}/attendance?date=${target.date}&shift=N`)
    const row = page.locator(`.attendance-list li[data-agent="${target.agentId}"]`)
    await row.waitFor()
    await row.getByRole('button', { name: /到岗\/离岗时间/ }).tap()
    await row.getByRole('button', { name: `为 ${target.name} 登记急病假` }).tap()
    await expect(row.locator('.emergency-confirm').innerText()).resolves.toContain('病假证明在返岗第一天交')
    await screenshot(page, 'emergency-phone-confirm')
    await row.getByRole('button', { name: '确认登记' }).tap()

    const gap = page.locator('.emergency-gap')
    await gap.waitFor()
    await expect(gap.innerText()).resolves.toContain(`已为 ${target.name} 登记急病假`)
    await expect(gap.innerText()).resolves.toContain('病假证明应于')
    await expect(gap.innerText()).resolves.toContain('COVER-MIN')
    await expect(row.innerText()).resolves.toContain('请假')
    await gap.getByRole('button', { name: '建议补位' }).tap()
    await gap.locator('.gap-suggestions').waitFor()
    await expect(gap.innerText()).resolves.toMatch(/建议人选，由主管在排班表上一键补上：\S+/)
    await screenshot(page, 'emergency-phone-gap')

    // What the server stored: the cell is L in a new version, with an approved urgent sick leave.
    const after = await monthFile(server, next)
    expect(after.file.roster?.[target.agentId]?.[target.index]).toBe('L')
    const leave = after.file.leaves.find(l => l.agentId === target.agentId && l.date === target.date)
    expect(leave).toMatchObject({
      kind: 'sick',
      urgent: true,
      shift: 'N',
      status: 'approved',
      certificate: false,
    })
    expect(errors).toEqual([])
  })

  it('the supervisor files it from the cell tools and applies "suggest a fix" in one step (1440 × 900)', async () => {
    const before = await monthFile(server, next)
    const target = exactlyCoveredNight(before.file)
    const { page, errors } = await newPage(browser)
    await signIn(page, server.url, 'supervisor')
    await page.goto(`${server.url}/roster?month=${next}`)
    const cell = page.locator(`[role="gridcell"][data-agent="${target.agentId}"][data-date="${target.date}"]`)
    await cell.waitFor()
    await cell.dispatchEvent('mousedown')
    await page.getByRole('button', { name: `为 ${target.name} 登记急病假` }).click()
    await screenshot(page, 'emergency-grid-confirm')
    await page.getByRole('button', { name: '确认登记' }).click()

    // The month reloads with the cell L and "suggest a fix" opens on the night it left short.
    const suggestion = page.getByTestId('suggestion')
    await suggestion.waitFor()
    await cell.locator('.cell-letter', { hasText: '假' }).waitFor()
    await page.locator('.notice.info', { hasText: `已为 ${target.name} 登记急病假` }).waitFor()
    await screenshot(page, 'emergency-grid-suggest')
    await suggestion.getByRole('button', { name: /采用推荐/ }).click()
    await page.getByText('保存中').waitFor({ state: 'detached' })
    await page.locator('.page-head .version', { hasText: `第 ${before.version + 2} 版` }).waitFor()
    await screenshot(page, 'emergency-grid-filled')

    // Stored: the leave's cell is L and the night is covered again by the suggested agent(s).
    const after = await monthFile(server, next)
    expect(after.version).toBe(before.version + 2)
    expect(after.file.roster?.[target.agentId]?.[target.index]).toBe('L')
    const cover = liveCheck(after.file).all.filter(
      v => v.rule === 'COVER-MIN' && v.date === target.date && v.shift === 'N' && v.job === target.job,
    )
    expect(cover).toEqual([])
    expect(errors).toEqual([])
  })
})
