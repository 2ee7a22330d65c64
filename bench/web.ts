import {
  apiAs,
  buildWeb,
  launchBrowser,
  newPage,
  signIn,
  startServer,
  type Page,
} from '../apps/web/e2e/harness'
import { loadavg } from 'node:os'
import { machineLine, table, writeSection } from './report'
import { generateTeam } from './team'

/** 31 days with 国庆节 and its 调休 workdays: the header's holiday band is drawn too. */
const MONTH = '2026-10'
const AGENTS = 300
const LOADS = 7
const EDITS = 40

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i] ?? Number.NaN
}

function stats(samples: readonly number[]): { n: number; median: string; p95: string; max: string } {
  const sorted = [...samples].sort((a, b) => a - b)
  const f = (x: number) => x.toFixed(1)
  return {
    n: sorted.length,
    median: f(percentile(sorted, 50)),
    p95: f(percentile(sorted, 95)),
    max: f(sorted.at(-1) ?? Number.NaN),
  }
}

/** Runs an expression in the page (a string, so this file needs no DOM types). */
const inPage = <T>(page: Page, expression: string) => page.evaluate<T>(expression)

/**
 * The supervisor's grid in the real browser (Debian's Chromium) against the real API, on a
 * 300-agent × 31-day month imported into the demo team: time to first render of the grid, and
 * time from a cell-editing key press to its violations on screen. The app's own performance marks
 * (apps/web/src/perf.ts) are read back through playwright.
 */
export async function benchWeb(): Promise<string> {
  const busy = loadavg()[0] ?? 0
  await buildWeb()
  const server = await startServer()
  const browser = await launchBrowser()
  try {
    const supervisor = await apiAs(server.url, 'supervisor')
    const file = generateTeam({ size: AGENTS, month: MONTH, seed: 7 })
    const imported = await supervisor.call('PUT', `/api/teams/cs-1/months/${MONTH}`, {
      ...file,
      team: { id: 'cs-1', name: '客服一组', timeZone: 'Asia/Shanghai' },
    })
    if (imported.status !== 201)
      throw new Error(`importing the month failed: ${imported.status} ${JSON.stringify(imported.body)}`)

    const { page } = await newPage(browser)
    await signIn(page, server.url, 'supervisor')

    // First render: a fresh page load each time.
    const sinceNavigation: number[] = []
    const sinceData: number[] = []
    for (let i = 0; i < LOADS; i++) {
      await page.goto(`${server.url}/roster?month=${MONTH}`)
      await page.waitForFunction(`performance.getEntriesByName('paiban:grid-first-render').length > 0`)
      sinceNavigation.push(
        await inPage<number>(page, `performance.getEntriesByName('paiban:grid-rendered')[0].startTime`),
      )
      sinceData.push(
        await inPage<number>(page, `performance.getEntriesByName('paiban:grid-first-render')[0].duration`),
      )
    }
    const cells = await inPage<number>(page, `document.querySelectorAll('[role="gridcell"]').length`)

    // Edits: move, then a key that changes the focused cell; wait for its measure.
    await page.getByRole('grid').focus()
    const edits: number[] = []
    for (let i = 0; i < EDITS; i++) {
      await page.keyboard.press(i % 2 === 0 ? 'ArrowDown' : 'ArrowRight')
      const value = await inPage<string>(
        page,
        `document.querySelector('[role="gridcell"][aria-selected="true"]')?.className ?? ''`,
      )
      if (value.includes('cell-L')) continue
      const before = await inPage<number>(page, `performance.getEntriesByName('paiban:edit').length`)
      await page.keyboard.press(value.includes('cell-N') ? 'd' : 'n')
      await page.waitForFunction(`performance.getEntriesByName('paiban:edit').length > ${before}`)
      edits.push(await inPage<number>(page, `performance.getEntriesByName('paiban:edit').at(-1).duration`))
    }
    const hard = await inPage<string>(
      page,
      `document.querySelector('.violations .summary')?.textContent ?? ''`,
    )

    const nav = stats(sinceNavigation)
    const data = stats(sinceData)
    const edit = stats(edits)
    const body = [
      '## Web app: the roster grid in the browser',
      '',
      `${machineLine()} Load average at the start: ${busy.toFixed(1)}.`,
      `Debian's Chromium (headless, playwright-core) against the real API; a generated month of ${AGENTS} agents × 31 days (${MONTH}, bench/team.ts seed 7) imported into the demo team; ${cells} grid cells in the DOM at once (rows are windowed). Aim: under 100 ms from an edit to its violations.`,
      '',
      table(
        ['measure', 'samples', 'median ms', 'p95 ms', 'max ms'],
        [
          ['first render: navigation → grid on screen', nav.n, nav.median, nav.p95, nav.max],
          [
            'first render: month data arrived → grid on screen (incl. the first full check)',
            data.n,
            data.median,
            data.p95,
            data.max,
          ],
          ['cell edit: key press → its violations on screen', edit.n, edit.median, edit.p95, edit.max],
        ],
      ),
      '',
      `The edit is checked incrementally (apps/web/src/grid/live-check.ts, equal to \`checkMonth\` by test); violations after the last edit: ${hard.trim()}.`,
    ].join('\n')
    writeSection('web', body)
    return body
  } finally {
    await browser.close()
    await server.stop()
  }
}
