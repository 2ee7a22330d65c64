import {
  addDays,
  daysInMonth,
  monthIn,
  nextMonth,
  parseMonthFile,
  type Job,
  type Level,
  type MonthFile,
  type MonthFileInput,
} from '@paiban/domain'
import { createRng } from '@paiban/solver'

/**
 * The demo centre created on the first start: 客服一组, 42 agents in three jobs (20 phone, 14 chat,
 * 8 e-mail) under four team leaders, with realistic names, levels, a few agents who never work
 * nights and some contract-day targets. Deterministic for a seed. The roster is left undecided
 * (`?`) for the solver.
 */

export const DEMO_TEAM = { id: 'cs-1', name: '客服一组', timeZone: 'Asia/Shanghai' } as const

/** The demo sign-ins: login, role, their id in the month file (agents only) and name. */
export const DEMO_PEOPLE = [
  { login: 'supervisor', role: 'supervisor', agentId: null, fileId: 's1', name: '周敏' },
  { login: 'leader1', role: 'teamLeader', agentId: 'a01', fileId: 'a01', name: '' },
  { login: 'agent1', role: 'agent', agentId: 'a02', fileId: 'a02', name: '' },
  { login: 'manager', role: 'manager', agentId: null, fileId: 'm1', name: '王建国' },
  { login: 'hr', role: 'hr', agentId: null, fileId: 'h1', name: '陈静' },
  /** The centre's administrator: no team, no roster. */
  { login: 'admin', role: 'admin', agentId: null, fileId: 'admin', name: '系统管理员' },
] as const

const prng = (seed: number): (() => number) => createRng(seed).next

const pick = <T>(list: readonly T[], random: () => number): T => {
  const item = list[Math.floor(random() * list.length)]
  if (item === undefined) throw new Error('pick from an empty list')
  return item
}

// prettier-ignore
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '田', '董', '潘', '袁', '蔡', '蒋', '余', '杜', '叶', '程', '魏', '苏', '吕', '丁', '沈', '姚', '钟', '汪']
// prettier-ignore
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '婷', '雪', '晨', '宇', '浩', '欣怡', '子涵', '思远', '佳琪', '梓萱', '一鸣', '嘉怡', '雨桐', '俊杰', '晓东', '海燕', '文博', '丹', '颖', '慧', '琳', '鑫', '晓雯', '志强', '建华', '玉兰', '春燕', '立新', '晓峰']

type Plan = { job: Job; level: Level; leader?: true; nights?: false; contract?: number }

/** The team, group by group: a team leader first, then the group's agents. */
const GROUPS: ReadonlyArray<{ job: Job; members: readonly Plan[] }> = [
  {
    job: 'phone',
    members: [
      { job: 'phone', level: 'senior', leader: true },
      { job: 'phone', level: 'intermediate' }, // agent1
      { job: 'phone', level: 'senior', nights: false, contract: 22 },
      { job: 'phone', level: 'intermediate', contract: 22 },
      { job: 'phone', level: 'intermediate' },
      { job: 'phone', level: 'junior' },
      { job: 'phone', level: 'junior' },
      { job: 'phone', level: 'junior', contract: 22 },
      { job: 'phone', level: 'trainee', nights: false, contract: 21 },
      { job: 'phone', level: 'trainee' },
    ],
  },
  {
    job: 'phone',
    members: [
      { job: 'phone', level: 'reserve', leader: true },
      { job: 'phone', level: 'senior' },
      { job: 'phone', level: 'intermediate' },
      { job: 'phone', level: 'intermediate' },
      { job: 'phone', level: 'intermediate', contract: 22 },
      { job: 'phone', level: 'junior' },
      { job: 'phone', level: 'junior' },
      { job: 'phone', level: 'junior', nights: false },
      { job: 'phone', level: 'trainee' },
      { job: 'phone', level: 'intermediate' },
    ],
  },
  {
    job: 'chat',
    members: [
      { job: 'chat', level: 'senior', leader: true },
      { job: 'chat', level: 'senior', contract: 22 },
      { job: 'chat', level: 'intermediate' },
      { job: 'chat', level: 'intermediate' },
      { job: 'chat', level: 'intermediate', contract: 22 },
      { job: 'chat', level: 'intermediate' },
      { job: 'chat', level: 'junior' },
      { job: 'chat', level: 'junior', nights: false },
      { job: 'chat', level: 'junior' },
      { job: 'chat', level: 'junior' },
      { job: 'chat', level: 'trainee', contract: 21 },
      { job: 'chat', level: 'trainee' },
      { job: 'chat', level: 'trainee' },
      { job: 'chat', level: 'intermediate' },
    ],
  },
  {
    job: 'email',
    members: [
      { job: 'email', level: 'senior', leader: true },
      { job: 'email', level: 'reserve' },
      { job: 'email', level: 'intermediate' },
      { job: 'email', level: 'intermediate', contract: 22 },
      { job: 'email', level: 'junior' },
      { job: 'email', level: 'junior', nights: false },
      { job: 'email', level: 'junior' },
      { job: 'email', level: 'trainee' },
    ],
  },
]

/** The demo team's agents (42), with seeded unique names. */
export function demoAgents(seed = 1): MonthFileInput['agents'] {
  const random = prng(seed)
  const used = new Set<string>()
  const agents: MonthFileInput['agents'] = []
  for (const group of GROUPS) {
    const leaderId = `a${String(agents.length + 1).padStart(2, '0')}`
    for (const plan of group.members) {
      let name: string
      do name = pick(SURNAMES, random) + pick(GIVEN, random)
      while (used.has(name))
      used.add(name)
      const id = `a${String(agents.length + 1).padStart(2, '0')}`
      agents.push({
        id,
        name,
        job: plan.job,
        level: plan.level,
        role: plan.leader ? 'teamLeader' : 'agent',
        teamLeaderId: leaderId,
        nights: plan.nights ?? true,
        ...(plan.contract !== undefined ? { contractDays: plan.contract } : {}),
      })
    }
  }
  return agents
}

/**
 * The demo month: the team, its coverage (fewer on weekends), a few wishes, and an undecided
 * roster. `previous` (the last days of the month before, e.g. from its generated roster) keeps
 * REST-6-1 across the month boundary.
 */
export function demoMonth(
  month: string,
  options: { seed?: number; previous?: Record<string, string> } = {},
): MonthFile {
  const agents = demoAgents(options.seed)
  const days = daysInMonth(month)
  const weekend = { D: { phone: 8, chat: 5, email: 3 }, N: { phone: 3, chat: 2, email: 1 } }
  const first = `${month}-01`
  const input: MonthFileInput = {
    format: 'paiban.month/1',
    team: { ...DEMO_TEAM },
    month,
    policy: {},
    agents,
    coverage: {
      default: { D: { phone: 10, chat: 7, email: 4 }, N: { phone: 4, chat: 3, email: 2 } },
      weekday: { sat: weekend, sun: weekend },
    },
    previous: options.previous ?? {},
    roster: Object.fromEntries(agents.map(a => [a.id, '?'.repeat(days)])),
    wishes: [
      { agentId: 'a02', date: addDays(first, 4), want: 'off', weight: 2 },
      { agentId: 'a05', date: addDays(first, 9), want: 'D', weight: 1 },
      { agentId: 'a23', date: addDays(first, 14), want: 'off', weight: 2 },
    ],
    people: DEMO_PEOPLE.flatMap(p =>
      p.role === 'supervisor' || p.role === 'manager' || p.role === 'hr'
        ? [{ id: p.fileId, name: p.name, role: p.role }]
        : [],
    ),
  }
  const parsed = parseMonthFile(input)
  if (!parsed.ok)
    throw new Error(`demo month: ${parsed.issues.map(i => `${i.path}: ${i.message}`).join('; ')}`)
  return parsed.value
}

/** `YYYY-MM` of a date in a time zone, and the month after it. */
export function currentAndNextMonth(now: Date, timeZone: string): [string, string] {
  const current = monthIn(timeZone, now)
  return [current, nextMonth(current)]
}

/** The last `n` days of each agent's row: the next month's `previous`. */
export function lastDays(roster: Record<string, string>, n = 6): Record<string, string> {
  return Object.fromEntries(
    Object.entries(roster).map(([id, row]) => [id, row.slice(-n).replaceAll('?', '-')]),
  )
}
