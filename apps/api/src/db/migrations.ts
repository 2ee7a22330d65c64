import { sql, type Kysely, type Migration } from 'kysely'
import { JOB_STATUSES, ROLES, VERSION_SOURCES, VERSION_STATES } from './schema'

/** `col IN ('a', 'b')` as a check constraint. */
const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map(v => sql.lit(v)))})`

const now = sql`now()`

/**
 * The schema, as numbered migrations run in order at startup and recorded in `kysely_migration`.
 * The same SQL runs on PGlite and PostgreSQL. Never edit a migration that has shipped: add the next
 * number.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': {
    // Kysely<unknown>: a migration sees the schema as it was then, not today's types.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('teams')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('name', 'text', c => c.notNull())
        .addColumn('time_zone', 'text', c => c.notNull().defaultTo('Asia/Shanghai'))
        .addColumn('created_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .execute()

      await db.schema
        .createTable('people')
        .addColumn('id', 'serial', c => c.primaryKey())
        .addColumn('login', 'text', c => c.notNull().unique())
        .addColumn('name', 'text', c => c.notNull())
        .addColumn('role', 'text', c => c.notNull().check(oneOf('role', ROLES)))
        .addColumn('team_id', 'text', c => c.notNull().references('teams.id'))
        .addColumn('agent_id', 'text')
        .addColumn('password_hash', 'text', c => c.notNull())
        .addColumn('created_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .addUniqueConstraint('people_team_agent', ['team_id', 'agent_id'])
        .execute()

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('person_id', 'integer', c => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('created_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .addColumn('expires_at', 'timestamptz', c => c.notNull())
        .execute()
      await db.schema.createIndex('sessions_person').on('sessions').column('person_id').execute()

      await db.schema
        .createTable('policies')
        .addColumn('team_id', 'text', c => c.notNull().references('teams.id'))
        .addColumn('version', 'integer', c => c.notNull())
        .addColumn('policy', 'jsonb', c => c.notNull())
        .addColumn('created_by', 'integer', c => c.references('people.id'))
        .addColumn('created_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .addPrimaryKeyConstraint('policies_pk', ['team_id', 'version'])
        .execute()

      await db.schema
        .createTable('months')
        .addColumn('id', 'serial', c => c.primaryKey())
        .addColumn('team_id', 'text', c => c.notNull().references('teams.id'))
        .addColumn('month', 'text', c => c.notNull().check(sql`month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
        .addColumn('state', 'text', c => c.notNull().check(oneOf('state', VERSION_STATES)))
        .addColumn('latest_version', 'integer', c => c.notNull())
        .addColumn('published_version', 'integer')
        .addColumn('created_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .addUniqueConstraint('months_team_month', ['team_id', 'month'])
        .execute()

      await db.schema
        .createTable('roster_versions')
        .addColumn('id', 'serial', c => c.primaryKey())
        .addColumn('month_id', 'integer', c => c.notNull().references('months.id').onDelete('cascade'))
        .addColumn('number', 'integer', c => c.notNull().check(sql`number >= 1`))
        .addColumn('state', 'text', c => c.notNull().check(oneOf('state', VERSION_STATES)))
        .addColumn('source', 'text', c => c.notNull().check(oneOf('source', VERSION_SOURCES)))
        .addColumn('file', 'jsonb', c => c.notNull())
        .addColumn('created_by', 'integer', c => c.references('people.id'))
        .addColumn('created_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .addColumn('published_by', 'integer', c => c.references('people.id'))
        .addColumn('published_at', 'timestamptz')
        .addColumn('job_id', 'text')
        // The backstop of compare-and-set: two writers can never both create version n + 1.
        .addUniqueConstraint('roster_versions_month_number', ['month_id', 'number'])
        .execute()

      await db.schema
        .createTable('leaves')
        .addColumn('id', 'serial', c => c.primaryKey())
        .addColumn('month_id', 'integer', c => c.notNull().references('months.id').onDelete('cascade'))
        .addColumn('record_id', 'text', c => c.notNull())
        .addColumn('request_id', 'text')
        .addColumn('agent_id', 'text', c => c.notNull())
        .addColumn('date', 'text', c => c.notNull())
        .addColumn('shift', 'text', c => c.notNull().check(oneOf('shift', ['D', 'N'])))
        .addColumn('kind', 'text', c => c.notNull())
        .addColumn('status', 'text', c =>
          c.notNull().check(oneOf('status', ['pending', 'approved', 'rejected'])),
        )
        .addColumn('record', 'jsonb', c => c.notNull())
        .addColumn('created_by', 'integer', c => c.references('people.id'))
        .addColumn('created_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .addUniqueConstraint('leaves_month_record', ['month_id', 'record_id'])
        .execute()

      await db.schema
        .createTable('swaps')
        .addColumn('id', 'serial', c => c.primaryKey())
        .addColumn('month_id', 'integer', c => c.notNull().references('months.id').onDelete('cascade'))
        .addColumn('record_id', 'text', c => c.notNull())
        .addColumn('requester', 'text', c => c.notNull())
        .addColumn('counterpart', 'text', c => c.notNull())
        .addColumn('date', 'text', c => c.notNull())
        .addColumn('return_date', 'text')
        .addColumn('status', 'text', c =>
          c.notNull().check(oneOf('status', ['pending', 'approved', 'rejected', 'cancelled'])),
        )
        .addColumn('record', 'jsonb', c => c.notNull())
        .addColumn('created_by', 'integer', c => c.references('people.id'))
        .addColumn('created_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .addUniqueConstraint('swaps_month_record', ['month_id', 'record_id'])
        .execute()

      await db.schema
        .createTable('approvals')
        .addColumn('id', 'serial', c => c.primaryKey())
        .addColumn('swap_id', 'integer', c => c.references('swaps.id').onDelete('cascade'))
        .addColumn('leave_id', 'integer', c => c.references('leaves.id').onDelete('cascade'))
        .addColumn('by', 'text', c => c.notNull())
        .addColumn('role', 'text', c =>
          c.notNull().check(oneOf('role', ['counterpart', 'teamLeader', 'supervisor', 'manager'])),
        )
        .addColumn('person_id', 'integer', c => c.references('people.id'))
        .addColumn('at', 'timestamptz', c => c.notNull().defaultTo(now))
        .addCheckConstraint('approvals_one_subject', sql`(swap_id is null) <> (leave_id is null)`)
        .execute()

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'bigserial', c => c.primaryKey())
        .addColumn('at', 'timestamptz', c => c.notNull().defaultTo(now))
        .addColumn('actor_id', 'integer', c => c.references('people.id'))
        .addColumn('actor_login', 'text')
        .addColumn('action', 'text', c => c.notNull())
        .addColumn('team_id', 'text')
        .addColumn('entity', 'text', c => c.notNull())
        .addColumn('entity_id', 'text', c => c.notNull())
        .addColumn('before', 'jsonb')
        .addColumn('after', 'jsonb')
        .execute()
      await db.schema.createIndex('audit_log_team_at').on('audit_log').columns(['team_id', 'at']).execute()
      await db.schema
        .createIndex('audit_log_entity')
        .on('audit_log')
        .columns(['entity', 'entity_id'])
        .execute()

      await db.schema
        .createTable('solver_jobs')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('team_id', 'text', c => c.notNull().references('teams.id'))
        .addColumn('month_id', 'integer', c => c.notNull().references('months.id').onDelete('cascade'))
        .addColumn('month', 'text', c => c.notNull())
        .addColumn('status', 'text', c => c.notNull().check(oneOf('status', JOB_STATUSES)))
        .addColumn('base_version', 'integer', c => c.notNull())
        .addColumn('seconds', 'real', c => c.notNull())
        .addColumn('seed', 'integer', c => c.notNull())
        .addColumn('replan', 'boolean', c => c.notNull().defaultTo(false))
        .addColumn('progress', 'jsonb')
        .addColumn('outcome', 'jsonb')
        .addColumn('result_version', 'integer')
        .addColumn('error', 'text')
        .addColumn('worker', 'text')
        .addColumn('created_by', 'integer', c => c.references('people.id'))
        .addColumn('created_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .addColumn('started_at', 'timestamptz')
        .addColumn('finished_at', 'timestamptz')
        .addColumn('heartbeat_at', 'timestamptz')
        .execute()
      await db.schema.createIndex('solver_jobs_status').on('solver_jobs').column('status').execute()
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        'solver_jobs',
        'audit_log',
        'approvals',
        'swaps',
        'leaves',
        'roster_versions',
        'months',
        'policies',
        'sessions',
        'people',
        'teams',
      ])
        await db.schema.dropTable(table).execute()
    },
  },
  '0002_ical_tokens': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('ical_tokens')
        .addColumn('person_id', 'integer', c => c.primaryKey().references('people.id').onDelete('cascade'))
        .addColumn('token', 'text', c => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('ical_tokens').execute()
    },
  },
  '0003_i21_attendance': {
    async up(db: Kysely<unknown>) {
      // ATTEND-RECORD: one row per recorded shift; `revision` makes a stale save a 409.
      await db.schema
        .createTable('attendance_days')
        .addColumn('id', 'serial', c => c.primaryKey())
        .addColumn('month_id', 'integer', c => c.notNull().references('months.id').onDelete('cascade'))
        .addColumn('date', 'text', c => c.notNull())
        .addColumn('shift', 'text', c => c.notNull().check(oneOf('shift', ['D', 'N'])))
        .addColumn('revision', 'integer', c => c.notNull())
        .addColumn('records', 'jsonb', c => c.notNull())
        .addColumn('recorded_by', 'text', c => c.notNull())
        .addColumn('recorded_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .addUniqueConstraint('attendance_days_month_date_shift', ['month_id', 'date', 'shift'])
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('attendance_days').execute()
    },
  },
}
