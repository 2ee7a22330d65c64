import type { MonthFileInput } from '@paiban/domain'

/**
 * A small hand-built December 2026 for cs-1 (no public holidays that month), seven phone agents
 * under team leader a01 (leader1), small enough to reason about by hand.
 *
 * Each agent works one shift type five days a week and rests on two weekdays of the cycle
 * `w = (day − 1) mod 7`. Coverage is 2 on the day shift and 1 at night, with a lead (senior or team
 * leader) on every shift:
 *
 * | agent | level        | shift | rests on w |
 * | ----- | ------------ | ----- | ---------- |
 * | a01   | senior, TL   | N     | 5, 6       |
 * | a12   | senior       | N     | 0, 1       |
 * | a04   | intermediate | N     | 2, 3       |
 * | a05   | intermediate | N     | 3, 4       |
 * | a03   | senior       | D     | 5, 6       |
 * | a36   | senior       | D     | 2, 3       |
 * | a06   | junior       | D     | 0, 1       |
 * | a07   | junior       | D     | 3, 4       |
 *
 * On w = 0 and 1 (the 1st, 2nd, 8th, 9th, 15th, 16th…) the day shift has exactly two leads, a03
 * and a36, and the night shift the two intermediates a04 and a05: a03 ↔ a04 and a36 ↔ a05 are each
 * a valid swap, but both together leave the day shift without a lead (COVER-LEAD).
 */
export const SMALL_MONTH = '2026-12'

const PLAN: ReadonlyArray<{
  id: string
  level: 'junior' | 'intermediate' | 'senior'
  shift: 'D' | 'N'
  rests: readonly number[]
  leader?: true
}> = [
  { id: 'a01', level: 'senior', shift: 'N', rests: [5, 6], leader: true },
  { id: 'a12', level: 'senior', shift: 'N', rests: [0, 1] },
  { id: 'a04', level: 'intermediate', shift: 'N', rests: [2, 3] },
  { id: 'a05', level: 'intermediate', shift: 'N', rests: [3, 4] },
  { id: 'a03', level: 'senior', shift: 'D', rests: [5, 6] },
  { id: 'a36', level: 'senior', shift: 'D', rests: [2, 3] },
  { id: 'a06', level: 'junior', shift: 'D', rests: [0, 1] },
  { id: 'a07', level: 'junior', shift: 'D', rests: [3, 4] },
]

const NAMES: Record<string, string> = {
  a01: '张伟',
  a12: '李娜',
  a04: '王芳',
  a05: '刘洋',
  a03: '陈静',
  a36: '杨磊',
  a06: '赵敏',
  a07: '黄强',
}

/** The roster row of a plan line: 31 cells of its shift, `-` on its rest weekdays. */
const row = (shift: 'D' | 'N', rests: readonly number[]) =>
  Array.from({ length: 31 }, (_, i) => (rests.includes(i % 7) ? '-' : shift)).join('')

/** The month file, with `changes` applied to the roster (`{ a06: { 8: 'D' } }`: day 8 of a06). */
export function smallMonth(
  changes: Record<string, Record<number, string>> = {},
  extra: Pick<MonthFileInput, 'leaves' | 'swaps'> = {},
): MonthFileInput {
  const roster = Object.fromEntries(
    PLAN.map(p => {
      const cells = [...row(p.shift, p.rests)]
      for (const [day, cell] of Object.entries(changes[p.id] ?? {})) cells[Number(day) - 1] = cell
      return [p.id, cells.join('')]
    }),
  )
  return {
    format: 'paiban.month/1',
    team: { id: 'cs-1', name: '客服一组', timeZone: 'Asia/Shanghai' },
    month: SMALL_MONTH,
    policy: {},
    agents: PLAN.map(p => ({
      id: p.id,
      name: NAMES[p.id] ?? p.id,
      job: 'phone' as const,
      level: p.level,
      role: p.leader ? ('teamLeader' as const) : ('agent' as const),
      teamLeaderId: 'a01',
      nights: true,
    })),
    coverage: { default: { D: { phone: 2 }, N: { phone: 1 } } },
    // Its own history (rested before the 1st): otherwise every check would take the demo's stored
    // November as the days before it.
    previous: Object.fromEntries(PLAN.map(p => [p.id, '------'])),
    roster,
    leaves: extra.leaves ?? [],
    swaps: extra.swaps ?? [],
    people: [
      { id: 's1', name: '周敏', role: 'supervisor' },
      { id: 'm1', name: '王建国', role: 'manager' },
      { id: 'h1', name: '陈静', role: 'hr' },
    ],
  }
}
