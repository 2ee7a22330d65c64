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

/** The letter each cell kind shows in Chinese (apps/web/src/i18n/dict.ts), by its colour class. */
const LETTERS: Record<string, string> = {
  'cell-D': '白',
  'cell-N': '夜',
  'cell-rest': '休',
  'cell-L': '假',
  'cell-unknown': '?',
}
const CYCLE = ['D', 'N', '-'] as const
const LETTER_OF = { D: '白', N: '夜', '-': '休' } as const

/** What the focused element is, and whether its focus is drawn (an outline or a focus ring shadow). */
type Focused = { tag: string; role: string | null; text: string; drawn: boolean; inViolations: boolean }

async function focusedElement(page: Page): Promise<Focused> {
  return page.evaluate(`(() => {
    const el = document.activeElement
    if (!el || el === document.body) return { tag: 'body', role: null, text: '', drawn: false, inViolations: false }
    const grid = el.getAttribute('role') === 'grid'
    // The grid draws its focus on the active cell (aria-activedescendant), not on itself.
    const target = grid ? document.getElementById(el.getAttribute('aria-activedescendant') || '') || el : el
    const style = getComputedStyle(target)
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
    const ring = style.boxShadow !== 'none' && style.boxShadow !== ''
    return {
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role'),
      text: (el.textContent || '').trim().slice(0, 40),
      drawn: outline || ring,
      inViolations: !!el.closest('.violations'),
    }
  })()`)
}

/** The grid's active cell: its agent, date, letter and colour class. */
async function activeCell(page: Page) {
  const id = await page.getByRole('grid').getAttribute('aria-activedescendant')
  const cell = page.locator(`#${id}`)
  return {
    id,
    agent: await cell.getAttribute('data-agent'),
    date: await cell.getAttribute('data-date'),
    letter: (await cell.locator('.cell-letter').innerText()).trim(),
    className: (await cell.getAttribute('class')) ?? '',
    outline: await cell.evaluate(el => {
      const s = getComputedStyle(el)
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) }
    }),
  }
}

describe.skipIf(skipWithoutBrowser)('keyboard and accessibility', () => {
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
    await page.goto(`${server.url}/roster?month=${next}`)
    await page.getByRole('grid').waitFor()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('tabs into the grid, every stop on the way showing its focus', async () => {
    await page.locator('body').focus()
    const stops: Focused[] = []
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab')
      const now = await focusedElement(page)
      stops.push(now)
      if (now.role === 'grid') break
    }
    expect(stops.at(-1)?.role).toBe('grid')
    expect(stops.filter(s => !s.drawn)).toEqual([])
  })

  it('moves with the arrows, types D, N and -, undoes with Ctrl+Z; the focused cell is outlined', async () => {
    await page.keyboard.press('Control+Home')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    let cell = await activeCell(page)
    expect(cell.id).toBe('cell-1-2')
    expect(cell.outline.style).not.toBe('none')
    expect(cell.outline.width).toBeGreaterThanOrEqual(2)
    // A cell on leave is locked in the grid: step right to one that is not.
    while (cell.className.includes('cell-L')) {
      await page.keyboard.press('ArrowRight')
      cell = await activeCell(page)
    }
    const original = cell.letter
    const from = CYCLE.findIndex(c => LETTER_OF[c] === original)
    const keys = [1, 2, 3].map(k => CYCLE[(from + k) % 3] ?? 'D')
    const seen = [original]
    for (const key of keys) {
      await page.keyboard.press(key === '-' ? 'Minus' : key.toLowerCase())
      await page.locator(`#${cell.id} .cell-letter`, { hasText: LETTER_OF[key] }).waitFor()
      seen.push(LETTER_OF[key])
    }
    await screenshot(page, 'keyboard-edit')
    for (let k = keys.length - 1; k >= 0; k--) {
      await page.keyboard.press('Control+z')
      await page.locator(`#${cell.id} .cell-letter`, { hasText: seen[k] ?? '' }).waitFor()
    }
    expect((await activeCell(page)).letter).toBe(original)
    await page.getByText('保存中').waitFor({ state: 'detached' })
  })

  it('shows a letter in every cell and a glyph on every flagged cell, not colour alone', async () => {
    const cells = await page.locator('[role="gridcell"].cell').evaluateAll(els =>
      els.map(el => ({
        className: el.getAttribute('class') ?? '',
        letter: (el.querySelector('.cell-letter')?.textContent ?? '').trim(),
        flagged: /marked-(hard|soft)/.test(el.getAttribute('class') ?? ''),
        glyph: (el.querySelector('.mark-glyph')?.textContent ?? '').trim(),
      })),
    )
    expect(cells.length).toBeGreaterThan(100)
    for (const c of cells) {
      const kind = Object.keys(LETTERS).find(k => c.className.split(' ').includes(k)) ?? ''
      expect(c.letter, c.className).toBe(LETTERS[kind])
      if (c.flagged) expect(['!', '·']).toContain(c.glyph)
    }
    // A short shift in the coverage lines says so with ▼, not red alone.
    const short = await page.locator('.cov.short').evaluateAll(els => els.map(el => el.textContent ?? ''))
    for (const text of short) expect(text).toContain('▼')
  })

  it('reaches the violation list by keyboard and jumps to a cell from it', async () => {
    // Eight day shifts in a row for the first agent: a REST-6-1 violation of theirs, whatever the
    // generated roster was.
    await page.getByRole('grid').focus()
    await page.keyboard.press('Control+Home')
    for (let day = 0; day < 8; day++) {
      await page.keyboard.press('d')
      await page.keyboard.press('ArrowRight')
    }
    await page.locator('.violations .rule-group li[data-agent][data-date]').first().waitFor()
    let link: Focused | null = null
    for (let i = 0; i < 80 && !link; i++) {
      await page.keyboard.press('Tab')
      const now = await focusedElement(page)
      expect(now.drawn, `${now.tag} ${now.text}`).toBe(true)
      if (!now.inViolations) continue
      // A folded group (soft rules) opens with Enter on its summary.
      if (now.tag === 'summary') {
        const open = await page.evaluate(`document.activeElement.parentElement.open`)
        if (!open) await page.keyboard.press('Enter')
        continue
      }
      const jumpsToCell = await page.evaluate(`(() => {
        const el = document.activeElement
        const li = el.closest('li')
        return el.classList.contains('link') && !!li && li.hasAttribute('data-agent') && li.hasAttribute('data-date')
      })()`)
      if (jumpsToCell) link = now
    }
    expect(link, 'a jump link in the violation list').not.toBeNull()
    const target = await page.evaluate<{ agent: string | null; date: string | null }>(`(() => {
      const li = document.activeElement.closest('li')
      return { agent: li.getAttribute('data-agent'), date: li.getAttribute('data-date') }
    })()`)
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'grid')
    const cell = await activeCell(page)
    expect(cell.date).toBe(target.date)
    expect(cell.agent).toBe(target.agent)
    expect(cell.outline.width).toBeGreaterThanOrEqual(2)
    await screenshot(page, 'keyboard-jump')
  })

  it('opens "suggest a fix" from the violation list and applies it by keyboard', async () => {
    // Rest the first ten phone agents on day 1: 20 phone agents cannot cover 10 day + 4 night then.
    await page.getByRole('grid').focus()
    await page.keyboard.press('Control+Home')
    for (let row = 0; row < 10; row++) {
      await page.keyboard.press('Minus')
      await page.keyboard.press('ArrowDown')
    }
    const shortfalls = page.locator(
      `details.rule-group.hard[data-rule="COVER-MIN"] li[data-date="${next}-01"][data-job="phone"]`,
    )
    await shortfalls.first().waitFor()
    // The short cell of the coverage rows under the grid offers the same action, in the Tab order.
    const coverageButton = page.locator('.cov.short button').first()
    await coverageButton.waitFor()
    expect(await coverageButton.evaluate(el => (el as HTMLElement).tabIndex)).toBe(0)
    let target: { date: string; shift: string; job: string } | null = null
    for (let i = 0; i < 80 && !target; i++) {
      await page.keyboard.press('Tab')
      const now = await focusedElement(page)
      expect(now.drawn, `${now.tag} ${now.text}`).toBe(true)
      if (!now.inViolations || now.text !== '建议补位') continue
      target = await page.evaluate<{ date: string; shift: string; job: string }>(`(() => {
        const li = document.activeElement.closest('li')
        return { date: li.dataset.date, shift: li.dataset.shift, job: li.dataset.job }
      })()`)
      if (target.date !== `${next}-01` || target.job !== 'phone') target = null
    }
    expect(target, 'a "suggest a fix" button for day 1 phone').not.toBeNull()
    const shortfall = page.locator(
      `details.rule-group.hard[data-rule="COVER-MIN"] li[data-date="${target?.date}"][data-shift="${target?.shift}"][data-job="phone"]`,
    )
    await page.keyboard.press('Enter')
    await page.getByTestId('suggestion').waitFor()
    // The dialog takes the focus, on the suggested set's button.
    await page.waitForFunction(() => document.activeElement?.closest('dialog[open]') !== null)
    expect((await focusedElement(page)).text).toMatch(/^采用推荐/)
    await screenshot(page, 'keyboard-suggest')
    await page.keyboard.press('Enter')
    await shortfall.waitFor({ state: 'detached' })
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'grid')
    expect(await page.locator('dialog[open]').count()).toBe(0)
    await page.getByText('保存中').waitFor({ state: 'detached' })
    expect(errors).toEqual([])
  })
})
