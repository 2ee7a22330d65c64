import type { Approval, MonthFile } from '@paiban/domain'

/** Who imports a month file, as the stamp needs them. */
export type Importer = {
  readonly login: string
  readonly role: string
  readonly agentId: string | null
}

const key = (kind: 'swap' | 'leave', recordId: string, a: Approval) => `${kind}|${recordId}|${a.role}|${a.by}`

/** The ids a person's own approval may carry in a file: their login, agent id, or the file's person of their role. */
export function ownIds(file: MonthFile, importer: Importer): Set<string> {
  const ids = new Set([importer.login])
  if (importer.agentId !== null) ids.add(importer.agentId)
  const person = file.people.find(p => p.role === importer.role)
  if (person) ids.add(person.id)
  return ids
}

/**
 * The approvals of an imported month file as the server keeps them. A file cannot create
 * approvals of people who did not give them:
 * - one the version before held already (same request, role and approver) keeps that version's
 *   record, whatever the file says about `recordedBy` and `confirmedAt`;
 * - a new one is kept as recorded by import (`recordedBy` = the importer's login), confirmed
 *   (`confirmedAt` = `now`) only when it is the importer's own approval in their own role, so
 *   their sign-in is the confirmation. The rules count a supervisor's or manager's approval
 *   recorded so only once confirmed (`confirmedApproval` in @paiban/rules).
 * Pure: `now` is an ISO instant.
 * @returns the file to store and how many approvals were recorded by this import.
 */
export function stampImportedApprovals(
  previous: MonthFile | null,
  file: MonthFile,
  importer: Importer,
  now: string,
): { file: MonthFile; recorded: number } {
  const known = new Map<string, Approval>()
  for (const s of previous?.swaps ?? []) for (const a of s.approvals) known.set(key('swap', s.id, a), a)
  for (const l of previous?.leaves ?? []) for (const a of l.approvals) known.set(key('leave', l.id, a), a)
  const own = ownIds(file, importer)
  let recorded = 0
  const stamp = (kind: 'swap' | 'leave', recordId: string, list: readonly Approval[]): Approval[] =>
    list.map(a => {
      const { recordedBy: _r, confirmedAt: _c, ...given } = a
      const before = known.get(key(kind, recordId, a))
      if (before) {
        const { recordedBy, confirmedAt } = before
        return {
          ...given,
          ...(recordedBy !== undefined ? { recordedBy } : {}),
          ...(confirmedAt !== undefined ? { confirmedAt } : {}),
        }
      }
      recorded++
      const mine = a.role === importer.role && own.has(a.by)
      return { ...given, recordedBy: importer.login, ...(mine ? { confirmedAt: now } : {}) }
    })
  return {
    file: {
      ...file,
      swaps: file.swaps.map(s => ({ ...s, approvals: stamp('swap', s.id, s.approvals) })),
      leaves: file.leaves.map(l => ({ ...l, approvals: stamp('leave', l.id, l.approvals) })),
    },
    recorded,
  }
}
