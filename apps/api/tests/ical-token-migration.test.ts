import { PGlite } from '@electric-sql/pglite'
import { Kysely, Migrator, sql } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { expect, it } from 'vitest'
import { MIGRATIONS } from '../src/db/migrations'
import { hashToken } from '../src/plugins/app/requests'

it('0009 rehashes the iCal tokens already stored: the feed addresses people subscribed to keep working', async () => {
  const db = new Kysely<unknown>({ dialect: new PGliteDialect(await PGlite.create()) })
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } })
    expect((await migrator.migrateTo('0008_i21_attendance')).error).toBeUndefined()
    await sql`insert into teams (id, name) values ('t', 'T')`.execute(db)
    await sql`insert into people (login, name, role, team_id, password_hash)
              values ('a1', 'A', 'agent', 't', 'x')`.execute(db)
    await sql`insert into ical_tokens (person_id, token) select id, 'old-token-abc' from people`.execute(db)
    expect((await migrator.migrateToLatest()).error).toBeUndefined()
    const rows = await sql<Record<string, unknown>>`select * from ical_tokens`.execute(db)
    expect(rows.rows).toHaveLength(1)
    expect(rows.rows[0]?.token_hash).toBe(hashToken('old-token-abc'))
    expect(JSON.stringify(rows.rows)).not.toContain('old-token-abc')
  } finally {
    await db.destroy()
  }
})
