import { JOBS, type Job, type MonthFile } from '@paiban/domain'

/** A line of the grid: a group header (job and team leader) or an agent's row. */
export type DisplayRow =
  | {
      readonly kind: 'group'
      readonly key: string
      readonly job: Job
      readonly leaderId: string | null
      readonly count: number
    }
  | { readonly kind: 'agent'; readonly key: string; readonly agentId: string; readonly row: number }

/**
 * The grid's layout: agents grouped by job (phone, chat, e-mail) and then by team leader, the
 * leader first, the others in file order. `order` lists agent ids top to bottom (the editor's row
 * numbers); `rows` interleaves a header line before each group.
 */
export function groupAgents(file: MonthFile): { order: string[]; rows: DisplayRow[] } {
  const order: string[] = []
  const rows: DisplayRow[] = []
  for (const job of JOBS) {
    const ofJob = file.agents.filter(a => a.job === job)
    const leaders: Array<string | null> = []
    for (const a of ofJob) {
      const leader = a.teamLeaderId ?? null
      if (!leaders.includes(leader)) leaders.push(leader)
    }
    for (const leaderId of leaders) {
      const members = ofJob
        .filter(a => (a.teamLeaderId ?? null) === leaderId)
        .sort((a, b) => (a.id === leaderId ? -1 : b.id === leaderId ? 1 : 0))
      rows.push({ kind: 'group', key: `g:${job}:${leaderId ?? ''}`, job, leaderId, count: members.length })
      for (const a of members) {
        rows.push({ kind: 'agent', key: a.id, agentId: a.id, row: order.length })
        order.push(a.id)
      }
    }
  }
  return { order, rows }
}
