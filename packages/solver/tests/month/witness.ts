import { daysInMonth, parseMonthFile, type MonthFile, type MonthFileInput } from '@paiban/domain'
import { checkMonth } from '@paiban/rules'
import { createRng } from '../../src/engine/rng'

/** Fixed seeds keep every generated month the same from run to run. */
export const prng = (seed: number): (() => number) => createRng(seed).next

const JOBS = ['phone', 'chat', 'email'] as const

/**
 * A month that is feasible by construction, with its witness: a random roster that keeps
 * REST-6-1 (from `previous` on), nights only for eligible agents, a lead on every shift, and
 * coverage per date set to `tightness` of what the witness staffs. The solver must then find a roster with no
 * hard violation once cells are blanked.
 */
export function feasibleMonth(
  size: number,
  seed: number,
  tightness = 0.8,
): { file: MonthFile; witness: Record<string, string> } {
  const random = prng(seed)
  const month = '2026-12'
  const days = daysInMonth(month)
  const agents = Array.from({ length: size }, (_, k) => ({
    id: `a${k + 1}`,
    name: `客服${k + 1}`,
    job: JOBS[k % 3] ?? 'phone',
    // The first six agents are leads, two per job, so every shift can have one.
    level: k < 6 ? ('senior' as const) : ('junior' as const),
    role: k < 3 ? ('teamLeader' as const) : ('agent' as const),
    teamLeaderId: `a${(k % 3) + 1}`,
    nights: k < 6 || k % 5 !== 4,
  }))
  const previous: Record<string, string> = {}
  const witness: Record<string, string> = {}
  agents.forEach((a, k) => {
    const restEvery = 4 + Math.floor(random() * 3)
    const offset = Math.floor(random() * restEvery)
    const cells: string[] = []
    for (let d = -6; d < days; d++) {
      const m = (d + k + 60) % 6
      // Leads: each date exactly one of the six rests, three work days and two nights.
      if (k < 6) cells.push(m === 0 ? '-' : m % 2 === 0 ? 'N' : 'D')
      else if ((d + offset + 70) % restEvery === 0) cells.push('-')
      else cells.push(a.nights && random() < 0.3 ? 'N' : 'D')
    }
    previous[a.id] = cells.slice(0, 6).join('')
    witness[a.id] = cells.slice(6).join('')
  })
  // Coverage per date: most of what the witness staffs that date, per shift and job (tight, varied).
  const staffed = (d: number, shift: 'D' | 'N', job: (typeof JOBS)[number]) =>
    agents.filter(a => a.job === job && witness[a.id]?.[d] === shift).length
  const dates = Object.fromEntries(
    Array.from({ length: days }, (_, d) => [
      `${month}-${String(d + 1).padStart(2, '0')}`,
      Object.fromEntries(
        (['D', 'N'] as const).map(shift => [
          shift,
          Object.fromEntries(JOBS.map(j => [j, Math.floor(staffed(d, shift, j) * tightness)])),
        ]),
      ),
    ]),
  )
  const coverage = { default: {}, dates }
  const input: MonthFileInput = {
    format: 'paiban.month/1',
    team: { id: 't', name: '测试组', timeZone: 'Asia/Shanghai' },
    month,
    policy: {},
    agents,
    coverage,
    previous,
    roster: witness,
  }
  const parsed = parseMonthFile(input)
  if (!parsed.ok) throw new Error(parsed.issues.map(i => `${i.path}: ${i.message}`).join('\n'))
  const verdict = checkMonth(parsed.value)
  if (!verdict.ok)
    throw new Error(
      `witness is not feasible: ${verdict.violations.find(v => v.severity === 'hard')?.message.en}`,
    )
  return { file: parsed.value, witness }
}

/** The month with cells blanked to `?`: all of them, or those `blank(agent, day)` picks. */
export function blanked(
  file: MonthFile,
  blank: (agentIndex: number, day: number) => boolean = () => true,
): MonthFile {
  const roster = Object.fromEntries(
    file.agents.map((a, k) => [
      a.id,
      [...(file.roster?.[a.id] ?? '')].map((c, d) => (blank(k, d) ? '?' : c)).join(''),
    ]),
  )
  return { ...file, roster }
}
