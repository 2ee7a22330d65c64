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
  '0004_i19_holidays': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('holiday_arrangements')
        .addColumn('year', 'integer', c => c.notNull())
        .addColumn('version', 'integer', c => c.notNull())
        .addColumn('file', 'jsonb', c => c.notNull())
        .addColumn('source', 'text', c => c.notNull())
        .addColumn('created_by', 'integer', c => c.references('people.id'))
        .addColumn('created_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .addPrimaryKeyConstraint('holiday_arrangements_pk', ['year', 'version'])
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('holiday_arrangements').execute()
    },
  },
  '0003_i18_centre': {
    // The centre runs itself: an admin role without a team, first passwords, teams with jobs and an
    // archive flag, the team's people (staff) apart from the month files, coverage in the settings.
    async up(db: Kysely<unknown>) {
      const roles = ['agent', 'teamLeader', 'supervisor', 'manager', 'hr', 'admin']
      const sources = ['import', 'edit', 'generate', 'demo', 'start']
      await sql`alter table people drop constraint people_role_check`.execute(db)
      await sql`alter table people add constraint people_role_check check (${oneOf('role', roles)})`.execute(
        db,
      )
      await sql`alter table people alter column team_id drop not null`.execute(db)
      await db.schema
        .alterTable('people')
        .addColumn('must_change_password', 'boolean', c => c.notNull().defaultTo(false))
        .execute()
      await sql`alter table roster_versions drop constraint roster_versions_source_check`.execute(db)
      await sql`alter table roster_versions add constraint roster_versions_source_check check (${oneOf('source', sources)})`.execute(
        db,
      )
      await db.schema
        .alterTable('teams')
        .addColumn('jobs', 'jsonb', c => c.notNull().defaultTo(sql`'["phone","chat","email"]'::jsonb`))
        .execute()
      await db.schema.alterTable('teams').addColumn('archived_at', 'timestamptz').execute()
      await db.schema.alterTable('policies').addColumn('coverage', 'jsonb').execute()
      await db.schema
        .createTable('staff')
        .addColumn('team_id', 'text', c => c.notNull().references('teams.id'))
        .addColumn('id', 'text', c => c.notNull())
        .addColumn('name', 'text', c => c.notNull())
        .addColumn('job', 'text', c => c.notNull().check(oneOf('job', ['phone', 'chat', 'email'])))
        .addColumn('level', 'text', c => c.notNull())
        .addColumn('role', 'text', c => c.notNull().check(oneOf('role', ['agent', 'teamLeader'])))
        .addColumn('team_leader_id', 'text')
        .addColumn('nights', 'boolean', c => c.notNull().defaultTo(true))
        .addColumn('contract_days', 'integer')
        .addColumn('left_on', 'text')
        .addColumn('created_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .addColumn('updated_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .addPrimaryKeyConstraint('staff_pk', ['team_id', 'id'])
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('staff').execute()
      await db.schema.alterTable('policies').dropColumn('coverage').execute()
      await db.schema.alterTable('teams').dropColumn('archived_at').execute()
      await db.schema.alterTable('teams').dropColumn('jobs').execute()
      await db.schema.alterTable('people').dropColumn('must_change_password').execute()
    },
  },
  '0005_i25_sign_in': {
    // Sign-in lockout (failures per login and per address, and the locks they set) and idle
    // session expiry (last_seen_at). Times are written by the app's clock, not now().
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sign_in_failures')
        .addColumn('id', 'bigserial', c => c.primaryKey())
        .addColumn('login', 'text', c => c.notNull())
        .addColumn('address', 'text', c => c.notNull())
        .addColumn('at', 'timestamptz', c => c.notNull())
        .execute()
      await db.schema
        .createIndex('sign_in_failures_login')
        .on('sign_in_failures')
        .columns(['login', 'at'])
        .execute()
      await db.schema
        .createIndex('sign_in_failures_address')
        .on('sign_in_failures')
        .columns(['address', 'at'])
        .execute()
      await db.schema
        .createTable('sign_in_locks')
        .addColumn('kind', 'text', c => c.notNull().check(oneOf('kind', ['login', 'address'])))
        .addColumn('key', 'text', c => c.notNull())
        .addColumn('until', 'timestamptz', c => c.notNull())
        .addPrimaryKeyConstraint('sign_in_locks_pk', ['kind', 'key'])
        .execute()
      await db.schema.alterTable('sessions').addColumn('last_seen_at', 'timestamptz').execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('sessions').dropColumn('last_seen_at').execute()
      await db.schema.dropTable('sign_in_locks').execute()
      await db.schema.dropTable('sign_in_failures').execute()
    },
  },
  '0006_i23_sheet_mappings': {
    // A team's own roster-sheet texts (早 → D …), remembered from its last confirmed import.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sheet_mappings')
        .addColumn('team_id', 'text', c => c.primaryKey().references('teams.id').onDelete('cascade'))
        .addColumn('mapping', 'jsonb', c => c.notNull())
        .addColumn('updated_by', 'integer', c => c.references('people.id'))
        .addColumn('updated_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('sheet_mappings').execute()
    },
  },
  '0007_i25_audit_append_only': {
    // The audit log is append-only: a trigger refuses UPDATE and DELETE on both engines (no code
    // path changes a row; this stops a stray statement or a compromised session from doing so).
    async up(db: Kysely<unknown>) {
      await sql`
        create function audit_log_append_only() returns trigger language plpgsql as $$
        begin
          raise exception 'audit_log is append-only: % refused', tg_op using errcode = '42501';
        end $$`.execute(db)
      await sql`
        create trigger audit_log_append_only before update or delete on audit_log
        for each statement execute function audit_log_append_only()`.execute(db)
    },
    async down(db: Kysely<unknown>) {
      await sql`drop trigger audit_log_append_only on audit_log`.execute(db)
      await sql`drop function audit_log_append_only()`.execute(db)
    },
  },
  '0008_i21_attendance': {
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
  '0009_i21_handovers': {
    async up(db: Kysely<unknown>) {
      // HANDOVER-LOG: one log per outgoing shift; `revision` makes a stale edit a 409.
      await db.schema
        .createTable('handovers')
        .addColumn('id', 'serial', c => c.primaryKey())
        .addColumn('month_id', 'integer', c => c.notNull().references('months.id').onDelete('cascade'))
        .addColumn('date', 'text', c => c.notNull())
        .addColumn('shift', 'text', c => c.notNull().check(oneOf('shift', ['D', 'N'])))
        .addColumn('revision', 'integer', c => c.notNull())
        .addColumn('log', 'jsonb', c => c.notNull())
        .addColumn('updated_at', 'timestamptz', c => c.notNull().defaultTo(now))
        .addUniqueConstraint('handovers_month_date_shift', ['month_id', 'date', 'shift'])
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('handovers').execute()
    },
  },
  '0010_i25_ical_token_hash': {
    // iCal feed tokens are stored as their SHA-256 only (a copy of the database no longer holds
    // working feed addresses). Existing tokens are rehashed in place, so subscribed calendars keep
    // working; the address is shown when made (GET /api/me/ical the first time, or DELETE).
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('ical_tokens').addColumn('token_hash', 'text').execute()
      await sql`update ical_tokens set token_hash = encode(sha256(convert_to(token, 'UTF8')), 'hex')`.execute(
        db,
      )
      await db.schema
        .alterTable('ical_tokens')
        .alterColumn('token_hash', c => c.setNotNull())
        .execute()
      await db.schema.alterTable('ical_tokens').dropColumn('token').execute()
      await db.schema
        .createIndex('ical_tokens_hash')
        .on('ical_tokens')
        .column('token_hash')
        .unique()
        .execute()
    },
  },
}
