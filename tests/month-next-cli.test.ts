/**
 * `pnpm --silent paiban month next FILE [--out F]`, spawned for real: the next month's file with
 * `previous` = the last 6 days of FILE's roster, checked across the month boundary.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseMonthFile, type MonthFile } from '@paiban/domain'
import { checkMonth } from '@paiban/rules'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const paiban = (...args: string[]) => {
  const result = spawnSync('pnpm', ['--silent', 'paiban', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}
const parsed = (json: unknown): MonthFile => {
  const result = parseMonthFile(json)
  if (!result.ok) throw new Error(result.issues.map(i => `${i.path}: ${i.message}`).join('; '))
  return result.value
}

describe('paiban month next', () => {
  const december = parsed(
    JSON.parse(readFileSync(join(ROOT, 'fixtures/teams/cs-2026-12.month.json'), 'utf8')),
  )

  it('writes January: same team, people and policy, roster all ?, previous = December’s last 6 days', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paiban-next-'))
    const out = join(dir, 'cs-2027-01.month.json')
    const { code, stderr } = paiban('month', 'next', 'fixtures/teams/cs-2026-12.month.json', '--out', out)
    expect(code, stderr).toBe(0)
    const january = parsed(JSON.parse(readFileSync(out, 'utf8')))
    expect(january.month).toBe('2027-01')
    expect(january.team).toEqual(december.team)
    expect(january.agents).toEqual(december.agents)
    expect(january.people).toEqual(december.people)
    expect(january.policy).toEqual(december.policy)
    expect(january.wishes).toEqual([])
    for (const a of december.agents) {
      expect(january.roster?.[a.id]).toBe('?'.repeat(31))
      expect(january.previous[a.id]).toBe(december.roster?.[a.id]?.slice(-6))
    }
    expect(Object.keys(january.coverage.dates ?? {}).every(d => d.startsWith('2027-01'))).toBe(true)
  })

  it('the new month sees the old one: six days worked before 01-01 make 01-01 a REST-6-1', () => {
    const roster = { ...december.roster }
    const id = december.agents[0]?.id ?? ''
    roster[id] = `${(roster[id] ?? '').slice(0, 25)}DDDDDD`
    const dir = mkdtempSync(join(tmpdir(), 'paiban-next-'))
    const file = join(dir, 'dec.month.json')
    writeFileSync(file, JSON.stringify({ ...december, roster }))
    const { code, stdout, stderr } = paiban('month', 'next', file)
    expect(code, stderr).toBe(0)
    const january = parsed(JSON.parse(stdout))
    expect(january.previous[id]).toBe('DDDDDD')
    const worked = { ...january, roster: { ...january.roster, [id]: `D${'-'.repeat(30)}` } }
    const rest = checkMonth(worked).violations.filter(v => v.rule === 'REST-6-1' && v.agentId === id)
    expect(rest.map(v => v.date)).toEqual(['2027-01-01'])
  })

  it('carries December’s swap on the 31st: a swap on 01-01 by the same agent is a SWAP-CONSEC (issue 18)', () => {
    const [a, b] = december.agents
    if (!a || !b) throw new Error('the fixture has agents')
    const swap = {
      id: 'dec31',
      requester: a.id,
      counterpart: b.id,
      date: '2026-12-31',
      submittedAt: '2026-12-20T09:00:00+08:00',
      status: 'approved' as const,
      approvals: [],
    }
    const dir = mkdtempSync(join(tmpdir(), 'paiban-next-'))
    const file = join(dir, 'dec.month.json')
    writeFileSync(file, JSON.stringify({ ...december, swaps: [...december.swaps, swap] }))
    const { code, stdout, stderr } = paiban('month', 'next', file)
    expect(code, stderr).toBe(0)
    const january = parsed(JSON.parse(stdout))
    expect(january.neighbours?.swaps.map(s => s.id)).toEqual(['dec31'])
    // January as rostered (December's rows reused), with a swap by the same agent on the 1st.
    const jan = join(dir, 'jan.month.json')
    const next = {
      ...january,
      roster: december.roster,
      swaps: [
        {
          id: 'jan1',
          requester: a.id,
          counterpart: b.id,
          date: '2027-01-01',
          submittedAt: '2026-12-25T09:00:00+08:00',
        },
      ],
    }
    writeFileSync(jan, JSON.stringify(next))
    const check = paiban('check', jan, '--json')
    expect(check.code, check.stderr).toBe(1)
    const consec = (
      JSON.parse(check.stdout) as { violations: Array<{ rule: string; agentId?: string; date?: string }> }
    ).violations.filter(v => v.rule === 'SWAP-CONSEC')
    expect(consec.map(v => [v.agentId, v.date])).toContainEqual([a.id, '2027-01-01'])
    // Without the carried swap, the same January sees nothing across the boundary.
    const { neighbours: _, ...blind } = next
    writeFileSync(jan, JSON.stringify(blind))
    const again = JSON.parse(paiban('check', jan, '--json').stdout) as { violations: Array<{ rule: string }> }
    expect(again.violations.filter(v => v.rule === 'SWAP-CONSEC')).toEqual([])
  })

  it('bad input: exit 2 with the field named, nothing on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paiban-next-'))
    const file = join(dir, 'bad.month.json')
    writeFileSync(file, JSON.stringify({ ...december, month: '2026-13' }))
    const { code, stdout, stderr } = paiban('month', 'next', file)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain('month')
    expect(paiban('month', 'later', file).code).toBe(2)
  })
})
