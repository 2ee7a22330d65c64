import { parseMonthFile, type MonthFile, type Swap, type Violation } from '@paiban/domain'
import { checkSwap, monthContext, rosterStrings, swapRows } from '@paiban/rules'
import type { FastifyInstance } from 'fastify'
import { hashPassword } from '../../src/auth/passwords'
import { PASSWORD, signIn, type Client } from './app'

/** A signed-in client for any agent of the demo team (a person row is made on first use). */
export async function agentClient(
  app: FastifyInstance,
  agentId: string,
  role: 'agent' | 'teamLeader',
): Promise<Client> {
  const existing = await app.db
    .selectFrom('people')
    .select('login')
    .where('agent_id', '=', agentId)
    .executeTakeFirst()
  if (existing) return signIn(app, existing.login)
  const login = `agent-${agentId}`
  await app.db
    .insertInto('people')
    .values({
      login,
      name: agentId,
      role,
      team_id: 'cs-1',
      agent_id: agentId,
      password_hash: await hashPassword(PASSWORD),
    })
    .execute()
  return signIn(app, login)
}

/** The month file (a supervisor's latest version) parsed with defaults. */
export function parsed(file: unknown): MonthFile {
  const result = parseMonthFile(file)
  if (!result.ok) throw new Error(`bad month file: ${result.issues[0]?.path}`)
  return result.value
}

const hardRules = (violations: readonly Violation[]) =>
  [...new Set(violations.filter(v => v.severity === 'hard').map(v => v.rule))].sort()

/**
 * Swaps `requester` could ask for in `file` (with `pending` swaps counted), whose hard violations
 * are exactly `rules` (none: allowed). Stops after `limit`.
 */
export function findSwaps(
  file: MonthFile,
  requester: string,
  options: {
    rules?: readonly string[]
    pending?: readonly Swap[]
    limit?: number
    counterparts?: readonly string[]
    dates?: readonly string[]
    submittedAt: string
  },
): Swap[] {
  const want = [...(options.rules ?? [])].sort().join(',')
  const withPending: MonthFile = { ...file, swaps: [...file.swaps, ...(options.pending ?? [])] }
  const out: Swap[] = []
  const own = file.roster?.[requester] ?? ''
  const counterparts = options.counterparts ?? file.agents.map(a => a.id).filter(id => id !== requester)
  const dates = options.dates ?? [...own].map((_, i) => `${file.month}-${String(i + 1).padStart(2, '0')}`)
  for (const date of dates) {
    const i = Number(date.slice(8, 10)) - 1
    for (const counterpart of counterparts) {
      if (counterpart === requester) continue
      const theirs = file.roster?.[counterpart] ?? ''
      if (own[i] === theirs[i] || own[i] === undefined) continue
      if (own[i] !== 'D' && own[i] !== 'N') continue
      const swap: Swap = {
        id: `probe-${requester}-${counterpart}-${date}`,
        requester,
        counterpart,
        date,
        submittedAt: options.submittedAt,
        status: 'pending',
        approvals: [],
      }
      if (hardRules(checkSwap(withPending, swap).violations).join(',') !== want) continue
      out.push(swap)
      if (out.length >= (options.limit ?? 1)) return out
    }
  }
  return out
}

/** The file with a swap applied to its roster. */
export function applied(file: MonthFile, swap: Swap): MonthFile {
  const ctx = monthContext(file)
  return { ...file, roster: { ...file.roster, ...rosterStrings(swapRows(ctx, swap)) } }
}

export { hardRules }
