import { parseMonthFile } from '@paiban/domain'
import fp from 'fastify-plugin'
import { sql } from 'kysely'
import { hashPassword, randomPassword } from '../../auth/passwords'
import type { AppConfig } from '../../config'
import { audit } from './audit'

/** Any number, the same in every process: serialises the admin's creation across processes. */
const ADMIN_LOCK = 727_002

/**
 * A centre that runs itself: on a database without an administrator (a first start with
 * PAIBAN_DEMO=0, or one made before the role existed) creates the sign-in `admin` with
 * PAIBAN_ADMIN_PASSWORD, or a random password announced once that must be changed at first
 * sign-in. A team with months but no people (made before people were kept apart from the month
 * files) gets its people from its newest month.
 */
export default fp(
  async (app, config: AppConfig) => {
    const hasAdmin = async () =>
      (await app.db.selectFrom('people').select('id').where('role', '=', 'admin').limit(1).execute()).length >
      0
    if (!(await hasAdmin())) {
      const chosen = config.admin?.password
      const password = chosen ?? randomPassword()
      const hash = await hashPassword(password)
      const created = await app.db.transaction().execute(async trx => {
        await sql`select pg_advisory_xact_lock(${ADMIN_LOCK})`.execute(trx)
        const exists = await trx
          .selectFrom('people')
          .select('id')
          .where('role', '=', 'admin')
          .executeTakeFirst()
        const login = await trx
          .selectFrom('people')
          .select('id')
          .where('login', '=', 'admin')
          .executeTakeFirst()
        if (exists || login) return false
        const row = await trx
          .insertInto('people')
          .values({
            login: 'admin',
            name: '系统管理员',
            role: 'admin',
            team_id: null,
            agent_id: null,
            password_hash: hash,
            must_change_password: chosen === undefined,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await audit(trx, null, { action: 'admin.create', entity: 'person', entityId: String(row.id) })
        return true
      })
      if (created)
        config.announce(
          chosen
            ? 'Administrator created. Sign in as admin with the password from PAIBAN_ADMIN_PASSWORD.'
            : `Administrator created. Sign in as admin with the password: ${password}\n(shown once; change it at first sign-in, or set PAIBAN_ADMIN_PASSWORD to choose it)`,
        )
    }

    // Teams from before the staff table: take their people from their newest month once.
    const bare = await app.db
      .selectFrom('teams as t')
      .select('t.id')
      .where(eb =>
        eb.not(eb.exists(eb.selectFrom('staff as s').select('s.id').whereRef('s.team_id', '=', 't.id'))),
      )
      .execute()
    for (const { id: team } of bare) {
      const m = await app.db
        .selectFrom('months')
        .select('month')
        .where('team_id', '=', team)
        .where('latest_version', '>', 0)
        .orderBy('month', 'desc')
        .limit(1)
        .executeTakeFirst()
      if (!m) continue
      const { file } = await app.months.latestFile(team, m.month)
      const parsed = parseMonthFile(file)
      if (!parsed.ok) continue
      await app.db.transaction().execute(async trx => {
        await trx
          .insertInto('staff')
          .values(
            parsed.value.agents.map(a => ({
              team_id: team,
              id: a.id,
              name: a.name,
              job: a.job,
              level: a.level,
              role: a.role,
              team_leader_id: a.teamLeaderId ?? null,
              nights: a.nights,
              contract_days: a.contractDays ?? null,
              left_on: null,
            })),
          )
          .onConflict(oc => oc.columns(['team_id', 'id']).doNothing())
          .execute()
        await audit(trx, null, {
          action: 'staff.backfill',
          teamId: team,
          entity: 'team',
          entityId: team,
          after: { from: m.month, people: parsed.value.agents.length },
        })
      })
    }
  },
  { name: 'first-start', dependencies: ['db', 'months'] },
)
