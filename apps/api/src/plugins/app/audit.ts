import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema'

/** Who did it: a signed-in person, or null for the system (demo seeding, a restart's recovery). */
export type Actor = { readonly id: number; readonly login: string } | null

export type AuditEntry = {
  /** `month.import`, `month.edit`, `month.publish`, `job.create`, `job.cancel`, `session.create`… */
  readonly action: string
  readonly teamId?: string | null
  readonly entity: string
  readonly entityId: string
  readonly before?: unknown
  readonly after?: unknown
}

/**
 * Writes the audit row of a change inside the change's own transaction: the change and its row
 * commit together or not at all.
 */
export async function audit(trx: Transaction<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      actor_id: actor?.id ?? null,
      actor_login: actor?.login ?? null,
      action: entry.action,
      team_id: entry.teamId ?? null,
      entity: entry.entity,
      entity_id: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute()
}
