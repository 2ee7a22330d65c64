import { parseMonthFile, type HandoverDay } from '@paiban/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MonthView } from '../src/api/types'
import {
  apiAs,
  demoMonths,
  launchBrowser,
  screenshot,
  signIn,
  skipWithoutBrowser,
  startServer,
  type Browser,
  type Server,
} from './harness'

describe.skipIf(skipWithoutBrowser)('the handover log on the phone page (HANDOVER-LOG)', () => {
  let server: Server
  let browser: Browser
  const [current] = demoMonths()

  beforeAll(async () => {
    browser = await launchBrowser()
    server = await startServer()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('the outgoing lead writes the log; a save on a stale revision is refused in words and the latest is shown', async () => {
    const supervisor = await apiAs(server.url, 'supervisor')
    const view = await supervisor.call<MonthView>('GET', `/api/teams/cs-1/months/${current}`)
    const parsed = parseMonthFile(view.body.file)
    if (!parsed.ok) throw new Error('month file does not parse')
    // leader1 (a01) leads the day shift of this date; the 2nd or later, so the night before is in the month.
    const index = [...(parsed.value.roster?.a01 ?? '')].findIndex((c, i) => i > 0 && c === 'D')
    const date = `${current}-${String(index + 1).padStart(2, '0')}`

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
    await page.goto(`${server.url}/attendance?date=${date}&shift=D`)
    const card = page.locator(`section.handover[data-date="${date}"][data-shift="D"]`)
    await card.waitFor()
    await expect(card.innerText()).resolves.toContain('还没有写交接记录')
    await card.getByLabel('设备情况').fill('3 号工位耳机坏了，已报修')
    await card.getByLabel('疑难问题').fill('客户 A 的退款单待跟进')
    await card.getByRole('button', { name: '保存交接记录' }).tap()
    await card.getByText('交接记录已保存（第 1 次）。').waitFor()
    await screenshot(page, 'handover-phone-saved')

    // Someone else saves it (the same lead from another phone) while this page still holds revision 1.
    const leader = await apiAs(server.url, 'leader1')
    const other = await leader.call<HandoverDay>(
      'PUT',
      `/api/teams/cs-1/months/${current}/handovers/${date}/D`,
      {
        revision: 1,
        equipment: '耳机已换新',
        problems: '客户 A 的退款单待跟进',
        swaps: '',
      },
    )
    expect(other.status, JSON.stringify(other.body)).toBe(200)
    await card.getByLabel('疑难问题').fill('客户 A 已退款')
    await card.getByRole('button', { name: '保存交接记录' }).tap()
    await card.getByText('没有保存：你打开之后有人改过这份交接记录。').waitFor()
    await expect(card.getByLabel('设备情况').inputValue()).resolves.toBe('耳机已换新')
    await screenshot(page, 'handover-phone-stale')

    const stored = await leader.call<HandoverDay>(
      'GET',
      `/api/teams/cs-1/months/${current}/handovers/${date}/D`,
    )
    expect(stored.body.revision).toBe(2)
    expect(stored.body.log).toMatchObject({
      by: 'a01',
      equipment: '耳机已换新',
      problems: '客户 A 的退款单待跟进',
    })
    // The night before is shown above, to read and acknowledge; a form only when leader1 led it too.
    const before = page.locator('section.handover[data-shift="N"]')
    await before.waitFor()
    await expect(before.locator('h3').innerText()).resolves.toContain('上一班交接')
    const ledIt = parsed.value.roster?.a01?.[index - 1] === 'N'
    expect(await before.locator('textarea').count()).toBe(ledIt ? 3 : 0)
    expect(errors).toEqual([])
  })
})
