import { calendarYears, isoWeekday, monthDates, statutoryDates } from '@paiban/domain'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  demoMonths,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
  skipWithoutBrowser,
  startServer,
  type Server,
} from './harness'

/**
 * CAL-HOLIDAY in the browser (issue 19): the demo's next month (January 2027 while chinese-days
 * stops at 2026) shows its statutory days apart and the notice over the grid; the holiday page
 * previews a bad file's errors and uploads a good one, after which the grid shows the break day.
 */
describe.skipIf(skipWithoutBrowser)('holiday calendar', () => {
  let server: Server
  let browser: Browser
  let page: Page
  let errors: string[]
  const [, next] = demoMonths()
  const year = Number(next.slice(0, 4))
  const statutory = statutoryDates(year)
  // A made-up break day: the month's first weekday that is not statutory.
  const breakDay = monthDates(next).find(d => isoWeekday(d) < 6 && !statutory.has(d)) ?? `${next}-15`
  const firstStatutory = monthDates(next).find(d => statutory.has(d))
  const arrangement = {
    format: 'paiban.holidays/1',
    year,
    breaks: [breakDay],
    workdays: [],
    source: 'e2e test arrangement (made up)',
  }

  beforeAll(async () => {
    browser = await launchBrowser()
    server = await startServer()
    ;({ page, errors } = await newPage(browser))
    await signIn(page, server.url, 'supervisor')
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('the grid marks the statutory days and, for a year without data, says the arrangement is missing', async () => {
    await page.goto(`${server.url}/roster?month=${next}`)
    await page.getByRole('grid').waitFor()
    if (firstStatutory) {
      const header = page.locator('.day-head.day-statutory').first()
      await header.waitFor()
      await expect(header.locator('.day-badge.statutory').textContent()).resolves.toBe('法')
    }
    const notice = page.locator('.calendar-notice')
    if (!calendarYears().has(year)) {
      await notice.waitFor()
      await expect(notice.textContent()).resolves.toContain('尚未导入')
    } else expect(await notice.count()).toBe(0)
    await screenshot(page, 'holidays-grid-before')
  })

  it('previews a bad file’s errors naming the field, and stores nothing', async () => {
    await page.goto(`${server.url}/holidays`)
    await page.getByRole('heading', { name: '节假日安排' }).waitFor()
    const wrong = [...statutory].slice(1)
    await page.locator('input[type="file"]').setInputFiles({
      name: 'bad.holidays.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({ ...arrangement, breaks: [`${year + 1}-01-05`], statutory: wrong }),
      ),
    })
    const alert = page.locator('.holiday-issues')
    await alert.waitFor()
    const text = (await alert.textContent()) ?? ''
    expect(text).toContain('breaks[0]')
    expect(text).toContain('statutory')
    expect(await page.getByRole('button', { name: /保存/ }).count()).toBe(0)
    await screenshot(page, 'holidays-page-errors')
  })

  it('uploads a good file; the grid then shows the break day and the notice is gone', async () => {
    await page.locator('input[type="file"]').setInputFiles({
      name: `${year}.holidays.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(arrangement)),
    })
    await page.locator('.holiday-preview').waitFor()
    await page.getByRole('button', { name: `保存 ${year} 年安排` }).click()
    await page.getByText(`已保存 ${year} 年安排（第 1 版）。`).waitFor()
    await page.locator('.arrangement.imported').first().waitFor()
    await screenshot(page, 'holidays-page-saved')
    await page.setViewportSize({ width: 390, height: 844 })
    await screenshot(page, 'holidays-page-390')
    await page.setViewportSize({ width: 1440, height: 900 })

    await page.goto(`${server.url}/roster?month=${next}`)
    await page.getByRole('grid').waitFor()
    const day = Number(breakDay.slice(8, 10))
    const header = page.locator('.day-head.day-holiday:not(.day-statutory)').first()
    await header.waitFor()
    await expect(header.locator('.day-num').textContent()).resolves.toBe(String(day))
    expect(await page.locator('.calendar-notice').count()).toBe(0)
    await screenshot(page, 'holidays-grid-after')
    expect(errors).toEqual([])
  })
})
