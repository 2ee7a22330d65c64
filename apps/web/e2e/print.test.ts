import { readFile } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  demoMonths,
  launchBrowser,
  newPage,
  screenshot,
  SCREENSHOTS,
  signIn,
  skipWithoutBrowser,
  startServer,
  type Server,
} from './harness'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** A4 landscape in CSS px (96 dpi): 297 × 210 mm; the print stylesheet's margin is 8 mm a side. */
const MM = 96 / 25.4
const A4_LANDSCAPE = { width: 297 * MM, height: 210 * MM }
const PRINTABLE_WIDTH = Math.floor((297 - 16) * MM)

/** The pages of a PDF Chromium wrote and each page's size in points (its MediaBox). */
function pdfPages(pdf: Buffer): Array<{ width: number; height: number }> {
  const text = pdf.toString('latin1')
  const pages: Array<{ width: number; height: number }> = []
  for (const match of text.matchAll(
    /\/Type\s*\/Page(?![s\w])[\s\S]*?\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g,
  ))
    pages.push({ width: Number(match[3]) - Number(match[1]), height: Number(match[4]) - Number(match[2]) })
  return pages
}

describe.skipIf(skipWithoutBrowser)('the roster on paper, and the sheet import', () => {
  let server: Server
  let browser: Browser
  let page: Page
  let errors: string[]
  const [, next] = demoMonths()

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

  it('prints the 42-agent month one A4 landscape page wide, every agent on it', async () => {
    await page.getByRole('link', { name: '打印与表格' }).click()
    await page.goto(`${server.url}/print?month=${next}`)
    await page.locator('table.print-roster').waitFor()
    await screenshot(page, 'supervisor-print')
    const names = await page.locator('table.print-roster tbody th.name').count()
    // 42 agents and the count rows (day and night for phone, chat and e-mail).
    expect(names).toBe(42 + 6)

    // Laid out at the printable width of A4 landscape, the table fits: nothing runs off the side.
    await page.emulateMedia({ media: 'print' })
    await page.setViewportSize({ width: PRINTABLE_WIDTH, height: 700 })
    const fit = await page.evaluate(() => {
      const table = document.querySelector('table.print-roster')
      return {
        right: table?.getBoundingClientRect().right ?? Infinity,
        scroll: document.documentElement.scrollWidth,
        toolbar: getComputedStyle(document.querySelector('.print-toolbar') as Element).display,
      }
    })
    expect(fit.toolbar).toBe('none')
    expect(fit.right).toBeLessThanOrEqual(PRINTABLE_WIDTH)
    expect(fit.scroll).toBeLessThanOrEqual(PRINTABLE_WIDTH)

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    mkdirSync(SCREENSHOTS, { recursive: true })
    writeFileSync(join(SCREENSHOTS, 'print-roster.pdf'), pdf)
    const pages = pdfPages(pdf)
    expect(pages.length).toBeGreaterThanOrEqual(1)
    // Chromium never splits a page across: so many pages down, each A4 landscape (842 × 595 pt).
    for (const p of pages) {
      expect(Math.abs(p.width - (A4_LANDSCAPE.width * 72) / 96)).toBeLessThan(2)
      expect(Math.abs(p.height - (A4_LANDSCAPE.height * 72) / 96)).toBeLessThan(2)
    }
    expect(pages.length).toBeLessThanOrEqual(2)
    await page.emulateMedia({ media: 'screen' })
    await page.setViewportSize({ width: 1440, height: 900 })
    expect(errors).toEqual([])
  })

  it('prints one agent’s month on one page', async () => {
    await page.goto(`${server.url}/print?month=${next}&agent=a02`)
    await page.locator('table.agent-calendar').waitFor()
    await screenshot(page, 'supervisor-print-agent')
    await page.emulateMedia({ media: 'print' })
    const pages = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }))
    expect(pages).toHaveLength(1)
    await page.emulateMedia({ media: 'screen' })
  })

  it('shows the swap register and downloads it', async () => {
    await page.goto(`${server.url}/print?month=${next}&register=swaps`)
    await page.getByRole('heading', { name: /换班登记表/ }).waitFor()
    await screenshot(page, 'supervisor-print-swaps')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 CSV' }).click(),
    ])
    const text = (await readFile(await download.path())).toString('utf8')
    expect(text.startsWith('\uFEFF编号,申请人,对方')).toBe(true)
  })

  it('downloads the roster sheet, imports it back with a preview, and stores it as a draft', async () => {
    await page.goto(`${server.url}/print?month=${next}`)
    await page.locator('table.print-roster').waitFor()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载排班表 (Excel)' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^roster-cs-1-.*\.xlsx$/)
    const sheet = await download.path()

    await page.getByRole('button', { name: '导入排班表…' }).click()
    const dialog = page.getByRole('dialog', { name: '导入排班表' })
    await dialog.locator('input[type="file"]').setInputFiles({
      name: 'roster.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await readFile(sheet),
    })
    await dialog.getByText('已读入 42 人').waitFor()
    await screenshot(page, 'supervisor-import-preview')
    await dialog.getByRole('button', { name: '确认导入为草稿' }).click()
    await dialog.getByText(/已保存为草稿版本 \d+/).waitFor()

    // A sheet with a name the team does not have is refused, the cell named.
    const days = Array.from({ length: 31 }, (_, i) => i + 1)
    const csv = Buffer.from(
      `工号,姓名,${days.join(',')}\r\n,赵六,${days.map(() => '白').join(',')}\r\n`,
      'utf8',
    )
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: csv })
    await dialog.getByRole('alert').filter({ hasText: '无法导入' }).waitFor()
    await expect(dialog.getByText(/B2「赵六」/).count()).resolves.toBe(1)
    expect(await dialog.getByRole('button', { name: '确认导入为草稿' }).isDisabled()).toBe(true)
    await screenshot(page, 'supervisor-import-refused')
    expect(errors).toEqual([])
  })

  it('fits a phone screen (390 × 844): the sheet scrolls inside the page', async () => {
    const phone = await newPage(browser)
    await phone.page.setViewportSize({ width: 390, height: 844 })
    await signIn(phone.page, server.url, 'supervisor')
    await phone.page.goto(`${server.url}/print?month=${next}`)
    await phone.page.locator('table.print-roster').waitFor()
    await screenshot(phone.page, 'supervisor-print-phone')
    await phone.page.context().close()
    expect(phone.errors).toEqual([])
  })
})
