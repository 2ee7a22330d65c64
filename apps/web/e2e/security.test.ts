import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  launchBrowser,
  newPage,
  signIn,
  skipWithoutBrowser,
  startServer,
  WEB_DIST,
  type Server,
} from './harness'

describe.skipIf(skipWithoutBrowser)('the web app under its Content-Security-Policy', () => {
  let server: Server
  let browser: Browser
  let page: Page
  let errors: string[]
  const violations: string[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    server = await startServer()
    ;({ page, errors } = await newPage(browser))
    page.on('console', message => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
    })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('has no inline script or style in the built index.html', () => {
    const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8')
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/)
      expect(body?.trim()).toBe('')
    }
    expect(html).not.toMatch(/<style\b/)
    expect(html).not.toMatch(/\son[a-z]+=/)
  })

  it('serves the pages with the policy and runs them without a violation', async () => {
    const response = await page.goto(`${server.url}/`)
    const csp = (await response?.allHeaders())?.['content-security-policy'] ?? ''
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("script-src 'self'")
    await signIn(page, server.url, 'supervisor')
    for (const path of ['/roster', '/inbox']) {
      await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' })
      await page.locator('header.top-bar').waitFor()
    }
    await page.context().clearCookies()
    await signIn(page, server.url, 'agent1')
    await page.waitForLoadState('networkidle')
    expect(violations).toEqual([])
    expect(errors).toEqual([])
  })
})
