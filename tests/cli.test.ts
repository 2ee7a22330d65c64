/**
 * The real command line, spawned the way people and CI run it: `pnpm --silent paiban …` from the
 * repository root. Each spawn costs about a second, so only a few cases; the scenarios run the CLI
 * in-process (fixtures.test.ts).
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const CJK = /[\u4e00-\u9fff]/

type Report = {
  ok: boolean
  violations: Array<{ rule: string; severity: string; date?: string; shift?: string; message: string }>
}

function paiban(...args: string[]) {
  const result = spawnSync('pnpm', ['--silent', 'paiban', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    // A neutral locale, so the language comes from --lang alone.
    env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('pnpm --silent paiban', () => {
  it('check on the clean December month: exit 0 and {"ok":true…} on stdout', () => {
    const { code, stdout, stderr } = paiban('check', 'fixtures/teams/cs-2026-12.month.json', '--json')
    expect(code, stderr).toBe(0)
    expect(stdout.startsWith('{"ok":true')).toBe(true)
    expect((JSON.parse(stdout) as Report).violations.filter(v => v.severity === 'hard')).toEqual([])
  })

  it('check on the broken December month: exit 1, hard violations, English messages', () => {
    const { code, stdout, stderr } = paiban('check', 'fixtures/teams/cs-2026-12-broken.month.json', '--json')
    expect(code, stderr).toBe(1)
    const report = JSON.parse(stdout) as Report
    expect(report.ok).toBe(false)
    const lead = report.violations.find(v => v.rule === 'COVER-LEAD')
    expect(lead?.message).toMatch(/night shift has no team leader/)
    expect(lead?.message).not.toMatch(CJK)
  })

  it('check --lang zh gives the messages in Chinese', () => {
    const { code, stdout } = paiban(
      'check',
      'fixtures/teams/cs-2026-12-broken.month.json',
      '--json',
      '--lang',
      'zh',
    )
    expect(code).toBe(1)
    const report = JSON.parse(stdout) as Report
    expect(report.violations.length).toBeGreaterThan(0)
    for (const v of report.violations) expect(v.message).toMatch(CJK)
    expect(report.violations.find(v => v.rule === 'COVER-LEAD')?.message).toContain('夜班')
  })

  it('a bad month file: exit 2, nothing on stdout, the field named on stderr without a stack trace', () => {
    const { code, stdout, stderr } = paiban(
      'check',
      'fixtures/scenarios/bad-agent-level/month.json',
      '--json',
    )
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain('agents[1].level')
    expect(stderr).not.toMatch(/^\s+at /m)
  })

  it('a missing file: exit 2, nothing on stdout', () => {
    const { code, stdout, stderr } = paiban('check', 'fixtures/teams/no-such.month.json', '--json')
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain('no such file')
  })
})
