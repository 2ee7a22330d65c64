import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { build } from 'vite'
import { monthIn, nextMonth, type MonthFile } from '@paiban/domain'
import { groupAgents } from '../src/grid/layout'
import { applyChanges, liveCheck } from '../src/grid/live-check'

export type { Browser, Page } from 'playwright-core'

/**
 * What the end-to-end tests and the web benchmark share: the real API server (serving the built
 * web app) as a child process on a free port with its own data directory, Debian's Chromium
 * through playwright-core, and a small API client for setting up data.
 */

export const REPO = fileURLToPath(new URL('../../../', import.meta.url))
export const WEB_DIST = join(REPO, 'apps/web/dist')
export const SCREENSHOTS = join(REPO, 'apps/web/e2e/screenshots')
export const CHROMIUM = process.env.PAIBAN_CHROMIUM ?? '/usr/bin/chromium'
export const DEMO_PASSWORD = 'e2e-demo-password'

/** Flags that keep Chromium quiet on a machine without a network (design.md). */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/** Builds the web app to apps/web/dist (what the API serves). */
export async function buildWeb(): Promise<void> {
  await build({ root: join(REPO, 'apps/web'), logLevel: 'warn' })
}

/** True when the browser is there; under CI its absence is a failure, elsewhere a skip. */
export const hasChromium = existsSync(CHROMIUM)

/** Throws (so the test fails) when Chromium is missing: CI must have installed it. */
export function requireChromium(): void {
  if (!hasChromium)
    throw new Error(
      `Chromium not found at ${CHROMIUM}: run apps/web/scripts/e2e-setup.sh (apt-get install chromium fonts-wqy-microhei)`,
    )
}

/** Skip the e2e suites on a developer machine without Chromium; never under CI. */
export const skipWithoutBrowser = !hasChromium && process.env.CI !== 'true' && process.env.CI !== '1'

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** A running API server serving the built web app. */
export type Server = {
  readonly url: string
  readonly dataDir: string
  /** What the server printed, for a failing test's message. */
  readonly output: () => string
  readonly stop: () => Promise<void>
}

/**
 * Starts `apps/api/src/server.ts` (tsx) on a free loopback port with a fresh data directory; the
 * first start creates the demo centre (sign-ins supervisor, leader1, agent1, manager, hr with
 * {@link DEMO_PASSWORD}). Resolves once `/api/health` answers.
 */
export async function startServer(
  options: { demoSeconds?: number; env?: Record<string, string> } = {},
): Promise<Server> {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error(`${WEB_DIST}/index.html is missing: build the web app first (vite build in apps/web)`)
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'paiban-e2e-'))
  let output = ''
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PAIBAN_DATA_DIR: join(dataDir, 'db'),
      PAIBAN_DEMO_PASSWORD: DEMO_PASSWORD,
      PAIBAN_DEMO_SECONDS: String(options.demoSeconds ?? 1),
      PAIBAN_WEB_DIST: WEB_DIST,
      PAIBAN_LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 180_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API server exited (${child.exitCode}):\n${output}`)
    try {
      const response = await fetch(`${url}/api/health`)
      if (response.ok) break
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`the API server did not answer /api/health within 180 s:\n${output}`)
    }
    await new Promise(r => setTimeout(r, 300))
  }
  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await exited
        clearTimeout(timer)
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Debian's Chromium, headless. */
export async function launchBrowser(): Promise<Browser> {
  requireChromium()
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS })
}

/** A new page of 1440×900, Chinese locale, Asia/Shanghai; console errors are collected. */
export async function newPage(
  browser: Browser,
  lang: 'zh' | 'en' = 'zh',
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: lang === 'zh' ? 'zh-CN' : 'en-US',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', error => errors.push(error.message))
  page.on('console', message => {
    // 4xx answers the app handles (401 before sign-in, 404 of a route not there yet) are not errors.
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) errors.push(message.text())
  })
  return { page, errors }
}

/** Signs in through the sign-in form and waits for the start page. */
export async function signIn(page: Page, url: string, login: string): Promise<void> {
  await page.goto(`${url}/`)
  await page.locator('#login').fill(login)
  await page.locator('#password').fill(DEMO_PASSWORD)
  await page.locator('button[type="submit"]').click()
  await page.locator('header.top-bar').waitFor()
}

/**
 * Saves a viewport screenshot (not the whole page: the latest set stays about 1.5 MB) as
 * `<name>.png` under e2e/screenshots, and returns its path.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const path = join(SCREENSHOTS, `${name}.png`)
  await page.screenshot({ path })
  return path
}

/** A signed-in API client (cookie kept), for setting up data the way the web app would. */
export async function apiAs(url: string, login: string) {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  })
  if (!response.ok) throw new Error(`sign-in as ${login} failed: ${response.status} ${await response.text()}`)
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const r = await fetch(`${url}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await r.text()
    return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T }
  }
  return { call, cookie }
}

/** True when the API has a route (its not-found handler says `no route …` otherwise). */
export async function hasRoute(url: string, cookie: string, method: string, path: string): Promise<boolean> {
  const r = await fetch(`${url}${path}`, {
    method,
    headers: { cookie, 'content-type': 'application/json' },
    body: method === 'GET' ? undefined : '{}',
  })
  if (r.status !== 404) return true
  const body = (await r.json().catch(() => ({}))) as { error?: { message?: string } }
  return !(body.error?.message ?? '').startsWith('no route')
}

/** `YYYY-MM` of now in Asia/Shanghai, and the month after (the demo's two months). */
export function demoMonths(now = new Date()): [string, string] {
  const current = monthIn('Asia/Shanghai', now)
  return [current, nextMonth(current)]
}

/** The first rest day that, worked, makes a run of more than six days (REST-6-1), for an agent who has none yet. */
export function restSixOneCell(file: MonthFile): { agentId: string; index: number } {
  const live = liveCheck(file)
  const before = new Set(live.all.filter(v => v.rule === 'REST-6-1').map(v => v.agentId))
  for (const agentId of groupAgents(file).order) {
    if (before.has(agentId)) continue
    const row = file.roster?.[agentId] ?? ''
    for (let index = 0; index < row.length; index++) {
      if (row[index] !== '-') continue
      const after = applyChanges(live, [{ agentId, index, cell: 'D' }])
      if (after.all.some(v => v.rule === 'REST-6-1' && v.agentId === agentId)) return { agentId, index }
    }
  }
  throw new Error('no rest day in this roster makes a REST-6-1 violation')
}
