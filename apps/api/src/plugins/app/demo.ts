import { generateMonth } from '@paiban/solver'
import fp from 'fastify-plugin'
import { sql } from 'kysely'
import { hashPassword, randomPassword } from '../../auth/passwords'
import type { AppConfig } from '../../config'
import { currentAndNextMonth, DEMO_PEOPLE, DEMO_TEAM, demoMonth, lastDays } from '../../demo'
import { audit } from './audit'

/** Any number, the same in every process: serialises demo seeding across processes. */
const SEED_LOCK = 727_001

/**
 * First start on an empty database (no team yet): creates the demo centre — 客服一组 with a
 * generated, published roster for the current and the next month, its policy, and the sign-ins
 * supervisor, leader1, agent1, manager and hr. The password is PAIBAN_DEMO_PASSWORD, or random and
 * announced once. Later starts see a team and do nothing. PAIBAN_DEMO=0 skips it.
 */
export default fp(
  async (app, config: AppConfig) => {
    if (!config.demo.enabled) return
    const hasTeam = async () => (await app.db.selectFrom('teams').select('id').limit(1).execute()).length > 0
    if (await hasTeam()) return

    app.log.info('empty database: creating the demo centre')
    // Solve outside the transaction (seconds of CPU), then write everything at once.
    const [current, next] = currentAndNextMonth(config.clock(), DEMO_TEAM.timeZone)
    const first = generateMonth(demoMonth(current), { seconds: config.demo.seconds, seed: 1 })
    const second = generateMonth(demoMonth(next, { previous: lastDays(first.file.roster ?? {}) }), {
      seconds: config.demo.seconds,
      seed: 2,
    })
    const password = config.demo.password ?? randomPassword()
    const hash = await hashPassword(password)
    const agents = new Map(first.file.agents.map(a => [a.id, a.name]))

    const created = await app.db.transaction().execute(async trx => {
      // Two processes starting on one empty PostgreSQL: the second waits here, then finds the team.
      await sql`select pg_advisory_xact_lock(${SEED_LOCK})`.execute(trx)
      if ((await trx.selectFrom('teams').select('id').limit(1).execute()).length > 0) return false
      await trx
        .insertInto('teams')
        .values({ id: DEMO_TEAM.id, name: DEMO_TEAM.name, time_zone: DEMO_TEAM.timeZone })
        .execute()
      const { dates: _, ...coverage } = first.file.coverage
      await trx
        .insertInto('policies')
        .values({ team_id: DEMO_TEAM.id, version: 1, policy: '{}', coverage: JSON.stringify(coverage) })
        .execute()
      // The team as it stands, for starting the months after these two.
      await trx
        .insertInto('staff')
        .values(
          first.file.agents.map(a => ({
            team_id: DEMO_TEAM.id,
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
        .execute()
      await trx
        .insertInto('people')
        .values(
          DEMO_PEOPLE.map(p => ({
            login: p.login,
            name: p.agentId ? (agents.get(p.agentId) ?? p.login) : p.name,
            role: p.role,
            team_id: p.role === 'admin' ? null : DEMO_TEAM.id,
            agent_id: p.agentId,
            password_hash: hash,
          })),
        )
        .execute()
      for (const result of [first, second]) {
        const month = result.file.month
        await trx
          .insertInto('months')
          .values({ team_id: DEMO_TEAM.id, month, state: 'draft', latest_version: 0 })
          .execute()
        const m = await trx
          .selectFrom('months')
          .selectAll()
          .where('team_id', '=', DEMO_TEAM.id)
          .where('month', '=', month)
          .forUpdate()
          .executeTakeFirstOrThrow()
        await app.months.appendVersion(trx, m, result.file, 'demo', null)
        await app.months.markPublished(trx, { ...m, latest_version: 1, state: 'draft' }, null)
      }
      await audit(trx, null, {
        action: 'demo.create',
        teamId: DEMO_TEAM.id,
        entity: 'team',
        entityId: DEMO_TEAM.id,
        after: { months: [current, next], logins: DEMO_PEOPLE.map(p => p.login) },
      })
      return true
    })
    if (!created) return
    app.log.info({ months: [current, next], status: [first.status, second.status] }, 'demo centre created')
    const logins = DEMO_PEOPLE.map(p => p.login).join(', ')
    config.announce(
      config.demo.password
        ? `Demo centre created. Sign in as ${logins} with the password from PAIBAN_DEMO_PASSWORD.`
        : `Demo centre created. Sign in as ${logins} with the password: ${password}\n(shown once; set PAIBAN_DEMO_PASSWORD to choose it)`,
    )
  },
  { name: 'demo', dependencies: ['db', 'months'] },
)
