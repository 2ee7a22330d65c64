/**
 * `paiban export roster` and `paiban import roster` in-process through the CLI's `run(argv, io)`:
 * the round trip through files, and a refused sheet (exit 2, the cells named, nothing written).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { run } from '../../../apps/cli/src/main'

const DIR = mkdtempSync(join(tmpdir(), 'paiban-roster-'))
afterAll(() => rmSync(DIR, { recursive: true, force: true }))
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const DECEMBER = join(ROOT, 'fixtures/teams/cs-2026-12.month.json')
const SHEETS = join(ROOT, 'tests/fixtures/sheets')

async function paiban(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await run(argv, {
    out: t => out.push(`${t}\n`),
    err: t => err.push(`${t}\n`),
    progress: () => undefined,
    env: { LANG: 'en_US.UTF-8' },
  })
  return { code, stdout: out.join(''), stderr: err.join('') }
}

describe('paiban export roster / import roster', () => {
  it('exports the month to XLSX and imports it back to the same roster', async () => {
    const xlsx = join(DIR, 'december.xlsx')
    const exported = await paiban('export', 'roster', DECEMBER, '--format', 'xlsx', '--out', xlsx)
    expect(exported.code, exported.stderr).toBe(0)
    const back = join(DIR, 'back.month.json')
    const imported = await paiban('import', 'roster', xlsx, '--month', DECEMBER, '--out', back)
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stderr).toContain('read 42 agents')
    const read = (p: string) => (JSON.parse(readFileSync(p, 'utf8')) as { roster: unknown }).roster
    expect(read(back)).toEqual(read(DECEMBER))
  })

  it('prints the preview as JSON with --json; exit 1 as the read roster breaks hard rules', async () => {
    const { code, stdout, stderr } = await paiban(
      'import',
      'roster',
      join(SHEETS, 'gb18030.csv'),
      '--month',
      join(SHEETS, 'team-2026-12.month.json'),
      '--json',
    )
    // The hand-made roster has no lead on some night shifts (a2, a4 are not senior): COVER-LEAD.
    expect(code, stderr).toBe(1)
    const preview = JSON.parse(stdout) as {
      ok: boolean
      issues: unknown[]
      violations: Array<{ rule: string; severity: string }>
      roster: Record<string, string>
    }
    expect(preview.ok).toBe(false)
    expect(preview.violations).toContainEqual(
      expect.objectContaining({ rule: 'COVER-LEAD', severity: 'hard' }),
    )
    const expected = JSON.parse(readFileSync(join(SHEETS, 'expected.json'), 'utf8')) as { roster: unknown }
    expect(preview.issues).toEqual([])
    expect(preview.roster).toEqual(expected.roster)
  })

  it('refuses a sheet with an unknown name and an unreadable cell: exit 2, both named, nothing written', async () => {
    const out = join(DIR, 'refused.month.json')
    const { code, stdout, stderr } = await paiban(
      'import',
      'roster',
      join(SHEETS, 'unknown-and-unreadable.csv'),
      '--month',
      join(SHEETS, 'team-2026-12.month.json'),
      '--out',
      out,
    )
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain('CSV!E3')
    expect(stderr).toContain('"加班"')
    expect(stderr).toContain('CSV!B8')
    expect(stderr).toContain('"赵六"')
    expect(stderr).toContain('nothing was written')
    expect(existsSync(out)).toBe(false)
  })

  it('names --month when it is missing and --mapping values that are not cells', async () => {
    const sheet = join(SHEETS, 'gb18030.csv')
    expect((await paiban('import', 'roster', sheet)).stderr).toContain('--month: required')
    const month = join(SHEETS, 'team-2026-12.month.json')
    const bad = await paiban('import', 'roster', sheet, '--month', month, '--mapping', month)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/: format: expected one of D\|N\|-\|L/)
  })

  it('prints the swap register as CSV and writes the leave register as XLSX', async () => {
    const swaps = await paiban('export', 'swaps', DECEMBER, '--lang', 'zh')
    expect(swaps.code, swaps.stderr).toBe(0)
    expect(swaps.stdout.startsWith('\uFEFF编号,申请人,对方,换班日期')).toBe(true)
    const out = join(DIR, 'leaves.xlsx')
    const leaves = await paiban('export', 'leaves', DECEMBER, '--format', 'xlsx', '--out', out)
    expect(leaves.code, leaves.stderr).toBe(0)
    expect(existsSync(out)).toBe(true)
  })
})
