/**
 * `paiban generate` spawned as people and CI run it. The roster it writes is judged by
 * @paiban/rules, never by the solver's own score.
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
const DECEMBER = JSON.parse(readFileSync(join(ROOT, 'fixtures/teams/cs-2026-12.month.json'), 'utf8')) as {
  roster: Record<string, string>
  agents: Array<{ id: string; job: string }>
}

function paiban(...args: string[]) {
  const result = spawnSync('pnpm', ['--silent', 'paiban', ...args], { cwd: ROOT, encoding: 'utf8' })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

function parsed(path: string): MonthFile {
  const result = parseMonthFile(JSON.parse(readFileSync(path, 'utf8')))
  if (!result.ok) throw new Error(result.issues.map(i => `${i.path}: ${i.message}`).join('\n'))
  return result.value
}

describe('pnpm --silent paiban generate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paiban-generate-'))

  it('fills the ? cells, keeps every other cell, writes a month with no hard violation', () => {
    // The first nine days stay as the supervisor left them; the rest of December is undecided.
    const roster = Object.fromEntries(
      Object.entries(DECEMBER.roster).map(([id, row]) => [id, row.slice(0, 9) + '?'.repeat(22)]),
    )
    const input = join(dir, 'open.month.json')
    const output = join(dir, 'filled.month.json')
    writeFileSync(input, JSON.stringify({ ...DECEMBER, roster }))
    const { code, stdout, stderr } = paiban(
      'generate',
      input,
      '--seconds',
      '3',
      '--seed',
      '1',
      '--out',
      output,
      '--json',
    )
    expect(code, stderr).toBe(0)
    const summary = JSON.parse(stdout) as { ok: boolean; hard: number; soft: number; seconds: number }
    expect(summary.ok).toBe(true)
    expect(summary.hard).toBe(0)
    const filled = parsed(output)
    expect(checkMonth(filled).ok).toBe(true)
    for (const [id, row] of Object.entries(roster)) {
      const after = filled.roster?.[id] ?? ''
      expect(after.slice(0, 9)).toBe(row.slice(0, 9))
      expect(after).not.toContain('?')
    }
  })

  it('gives the same roster for the same seed (a move budget, not the clock, ends the search)', () => {
    const roster = Object.fromEntries(
      Object.entries(DECEMBER.roster).map(([id, row]) => [id, row.slice(0, 9) + '?'.repeat(22)]),
    )
    const input = join(dir, 'seeded.month.json')
    writeFileSync(input, JSON.stringify({ ...DECEMBER, roster }))
    const outputs = ['seeded-a.month.json', 'seeded-b.month.json'].map(name => join(dir, name))
    for (const output of outputs) {
      const { code, stderr } = paiban('generate', input, '--seed', '5', '--seconds', '2', '--out', output)
      expect(code, stderr).toBe(0)
    }
    const [a, b] = outputs.map(path => readFileSync(path, 'utf8'))
    expect(b).toBe(a)
  })

  it('explains an impossible month: exit 1, infeasible, the clashing rules and date', () => {
    const phone = DECEMBER.agents.filter(a => a.job === 'phone')
    const leaves = phone.map((a, i) => ({
      id: `x${i}`,
      agentId: a.id,
      date: '2026-12-16',
      shift: 'D',
      kind: 'annual',
      submittedAt: '2026-11-01T09:00:00+08:00',
      by: a.id,
      status: 'approved',
      approvals: [{ by: 'm1', role: 'manager' }],
    }))
    const input = join(dir, 'impossible.month.json')
    writeFileSync(input, JSON.stringify({ ...DECEMBER, roster: undefined, leaves, swaps: [], wishes: [] }))
    const { code, stdout, stderr } = paiban('generate', input, '--seconds', '2', '--json', '--lang', 'en')
    expect(code, stderr).toBe(1)
    const summary = JSON.parse(stdout) as {
      status: string
      clashes: Array<{ rules: string[]; date?: string; job?: string; message: string }>
    }
    expect(summary.status).toBe('infeasible')
    const clash = summary.clashes.find(c => c.date === '2026-12-16' && c.job === 'phone')
    expect(clash?.rules).toContain('COVER-MIN')
    expect(clash?.message).toMatch(/leave/)
  })

  it('lists paperwork apart: uncertified sick leave is a notice, the roster is ok, exit 0', () => {
    const file = parsed(join(ROOT, 'fixtures/teams/cs-2026-12.month.json'))
    const sick = {
      kind: 'sick' as const,
      certificate: false,
      shift: 'D' as const,
      status: 'approved' as const,
      approvals: [{ by: 's1', role: 'supervisor' as const, at: '2026-12-19T09:00:00+08:00' }],
    }
    // One on a kept day (12-03, l2 loses its certificate) and one on an undecided day (12-20).
    const leaves = [
      ...file.leaves.map(l => (l.id === 'l2' ? { ...l, certificate: false } : l)),
      {
        ...sick,
        id: 'x1',
        agentId: 'a07',
        date: '2026-12-20',
        submittedAt: '2026-12-19T08:00:00+08:00',
        by: 'a01',
      },
    ]
    const roster = Object.fromEntries(
      Object.entries(file.roster ?? {}).map(([id, row]) => [id, row.slice(0, 9) + '?'.repeat(22)]),
    )
    const input = join(dir, 'sick.month.json')
    const output = join(dir, 'sick-filled.month.json')
    writeFileSync(input, JSON.stringify({ ...file, roster, leaves }))
    const json = paiban('generate', input, '--seconds', '2', '--out', output, '--json', '--lang', 'en')
    expect(json.code, json.stderr).toBe(0)
    const summary = JSON.parse(json.stdout) as {
      ok: boolean
      status: string
      hard: number
      violations: Array<{ rule: string; severity: string }>
      noticeCount: number
      notices: Array<{ rule: string; agentId: string; date: string; message: string }>
    }
    expect(summary.ok).toBe(true)
    expect(summary.status).not.toBe('infeasible')
    expect(summary.hard).toBe(0)
    expect(summary.violations.filter(v => v.severity === 'hard')).toEqual([])
    expect(summary.noticeCount).toBe(2)
    expect(summary.notices.map(n => `${n.rule} ${n.agentId} ${n.date}`).sort()).toEqual([
      'LEAVE-SICK-CERT a07 2026-12-20',
      'LEAVE-SICK-CERT a15 2026-12-03',
    ])
    // The rules, asked on their own, agree: only the two records break a hard rule.
    const verdict = checkMonth(parsed(output))
    expect(verdict.violations.filter(v => v.severity === 'hard').map(v => v.rule)).toEqual([
      'LEAVE-SICK-CERT',
      'LEAVE-SICK-CERT',
    ])
    expect(parsed(output).roster?.['a07']?.[19]).toBe('L')

    const people = paiban('generate', input, '--seconds', '2', '--out', output, '--lang', 'zh')
    expect(people.code, people.stderr).toBe(0)
    expect(people.stderr).toMatch(/排班硬性违规 0/)
    expect(people.stderr).toMatch(/2 条请假\/换班记录提示/)
    expect(people.stderr).toMatch(/! LEAVE-SICK-CERT .*2026-12-20 的病假需要医疗证明/)
  })

  it('re-plans against --keep: a leave on the 15th moves few published cells, every hard rule met', () => {
    const file = parsed(join(ROOT, 'fixtures/teams/cs-2026-12.month.json'))
    const published = file.roster ?? {}
    const away = file.agents.find(a => published[a.id]?.[14] === 'D')
    if (!away) throw new Error('nobody works a day shift on the 15th')
    const leave = {
      id: 'late-1',
      agentId: away.id,
      date: '2026-12-15',
      shift: 'D',
      kind: 'annual',
      urgent: false,
      certificate: false,
      submittedAt: '2026-12-10T09:00:00+08:00',
      by: away.id,
      status: 'approved',
      approvals: [{ by: 's1', role: 'supervisor', at: '2026-12-10T10:00:00+08:00' }],
    }
    const roster = Object.fromEntries(Object.keys(published).map(id => [id, '?'.repeat(31)]))
    const input = join(dir, 'replan.month.json')
    const output = join(dir, 'replanned.month.json')
    writeFileSync(input, JSON.stringify({ ...file, roster, leaves: [...file.leaves, leave] }))
    const keep = join(ROOT, 'fixtures/teams/cs-2026-12.month.json')
    const run = paiban('generate', input, '--keep', keep, '--seconds', '3', '--out', output, '--json')
    expect(run.code, run.stderr).toBe(0)
    const summary = JSON.parse(run.stdout) as { ok: boolean; changed: number }
    const after = parsed(output)
    expect(checkMonth(after).ok).toBe(true)
    expect(after.roster?.[away.id]?.[14]).toBe('L')
    let changed = 0
    for (const [id, row] of Object.entries(published))
      for (let d = 0; d < row.length; d++) if (after.roster?.[id]?.[d] !== row[d]) changed++
    expect(summary.changed).toBe(changed)
    expect(changed).toBeGreaterThanOrEqual(1)
    expect(changed).toBeLessThanOrEqual(6)

    const other = join(dir, 'november.month.json')
    writeFileSync(other, JSON.stringify({ ...file, roster: undefined }))
    const wrong = paiban('generate', input, '--keep', other, '--seconds', '1')
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toMatch(/--keep .*roster/)
    const november = { ...file, month: '2026-11', leaves: [], swaps: [], wishes: [] }
    writeFileSync(
      other,
      JSON.stringify({
        ...november,
        roster: Object.fromEntries(Object.keys(published).map(id => [id, '-'.repeat(30)])),
      }),
    )
    const month = paiban('generate', input, '--keep', other, '--seconds', '1')
    expect(month.code).toBe(2)
    expect(month.stderr).toMatch(/--keep .*month: expected 2026-12/)
  })

  it('rejects a bad option with exit 2 and names it', () => {
    const { code, stdout, stderr } = paiban(
      'generate',
      'fixtures/teams/cs-2026-12.month.json',
      '--seconds',
      'soon',
    )
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain('--seconds')
    expect(stderr).not.toMatch(/\n\s+at /)
  })
})
