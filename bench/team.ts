import type { Job, Level, MonthFileInput } from '@paiban/domain'
import { daysInMonth } from '@paiban/domain'
import { createRng } from '@paiban/solver'

/**
 * Generated call-centre teams for benchmarks and property tests: `size` agents in three jobs
 * (phone 50 %, chat 33 %, e-mail the rest), one team leader per 12 agents, a sixth of them never on
 * nights, a rotation roster that keeps "work six, rest one", and coverage a little under what the
 * rotation staffs. Deterministic for a given seed.
 */
export type TeamOptions = {
  readonly size: number
  readonly month?: string
  readonly seed?: number
  /** Leave the roster undecided (`?`) for the solver. Default false. */
  readonly blank?: boolean
  /** With `blank`: share of cells kept from the rotation as pinned. Default 0. */
  readonly pinShare?: number
  /** Share of agents with one approved day of annual leave. Default 0. */
  readonly leaveShare?: number
}

/** Fixed seeds keep benchmarks repeatable. */
export const prng = (seed: number): (() => number) => createRng(seed).next

const LEVELS: Level[] = ['trainee', 'junior', 'intermediate', 'intermediate', 'senior']

/** A generated month file (input form: defaults omitted). */
export function generateTeam({
  size,
  month = '2026-12',
  seed = 1,
  blank = false,
  pinShare = 0,
  leaveShare = 0,
}: TeamOptions): MonthFileInput {
  const random = prng(seed)
  const days = daysInMonth(month)
  const jobOf = (k: number): Job => (k % 6 < 3 ? 'phone' : k % 6 < 5 ? 'chat' : 'email')
  const agents = Array.from({ length: size }, (_, k) => {
    const leader = k % 12 === 0
    return {
      id: `a${String(k + 1).padStart(4, '0')}`,
      name: `客服${k + 1}`,
      job: jobOf(k),
      level: leader ? ('senior' as const) : (LEVELS[Math.floor(random() * LEVELS.length)] ?? 'junior'),
      role: leader ? ('teamLeader' as const) : ('agent' as const),
      teamLeaderId: `a${String(Math.floor(k / 12) * 12 + 1).padStart(4, '0')}`,
      nights: leader || k % 6 !== 1,
    }
  })
  // Rotation: agent k rests when (day + k) % 7 == 0 and works nights on a staggered 1-in-4 pattern.
  const cell = (k: number, d: number) => {
    if ((d + k) % 7 === 0) return '-'
    const nights = agents[k]?.nights ?? false
    return nights && (d + Math.floor(k / 2)) % 4 === 0 ? 'N' : 'D'
  }
  const leaves = agents
    .filter(() => random() < leaveShare)
    .map((a, i) => {
      const day = 1 + Math.floor(random() * days)
      return { agentId: a.id, date: `${month}-${String(day).padStart(2, '0')}`, id: `l${i + 1}` }
    })
  const onLeave = new Set(leaves.map(l => `${l.agentId}|${Number(l.date.slice(8)) - 1}`))
  const roster = Object.fromEntries(
    agents.map((a, k) => [
      a.id,
      Array.from({ length: days }, (_, d) => {
        if (onLeave.has(`${a.id}|${d}`)) return 'L'
        if (!blank) return cell(k, d)
        // A supervisor pins a few rest days and day shifts; nights are left to the solver.
        const kept = cell(k, d)
        return random() < pinShare && kept !== 'N' ? kept : '?'
      }).join(''),
    ]),
  )
  const previous = Object.fromEntries(
    agents.map((a, k) => [a.id, Array.from({ length: 6 }, (_, i) => cell(k, i - 6 + 7 * 100)).join('')]),
  )
  const count = (job: Job) => agents.filter(a => a.job === job).length
  const need = (job: Job, share: number) => Math.floor(count(job) * share)
  return {
    format: 'paiban.month/1',
    team: { id: `gen-${size}`, name: `生成团队 ${size}`, timeZone: 'Asia/Shanghai' },
    month,
    policy: {},
    agents,
    coverage: {
      default: {
        D: { phone: need('phone', 0.5), chat: need('chat', 0.5), email: need('email', 0.5) },
        N: { phone: need('phone', 0.15), chat: need('chat', 0.15) },
      },
    },
    previous,
    roster,
    leaves: leaves.map(l => ({
      ...l,
      shift: 'D' as const,
      kind: 'annual' as const,
      submittedAt: `${month}-01T09:00:00+08:00`,
      by: l.agentId,
      status: 'approved' as const,
      approvals: [{ by: 'sup', role: 'supervisor' as const }],
    })),
    wishes: agents.slice(0, Math.ceil(size / 10)).map((a, k) => ({
      agentId: a.id,
      date: `${month}-${String(1 + (k % days)).padStart(2, '0')}`,
      want: 'off' as const,
      weight: 2,
    })),
  }
}
