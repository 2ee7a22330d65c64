import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { AppConfig } from '../../config'
import { migrate, openDatabase } from '../../db/connect'
import type { Database } from '../../db/schema'

declare module 'fastify' {
  interface FastifyInstance {
    /** The typed query builder over PGlite or PostgreSQL. */
    db: Kysely<Database>
    dbKind: AppConfig['database']['kind']
  }
}

/**
 * Opens the database named by the config, runs the migrations, and closes it with the app (last:
 * the other services' onClose hooks still write).
 */
export default fp(
  async (app, config: AppConfig) => {
    const opened = await openDatabase(config.database)
    try {
      const ran = await migrate(opened.db)
      if (ran.length > 0) app.log.info({ migrations: ran }, 'database migrated')
    } catch (error) {
      await opened.close()
      throw error
    }
    app.decorate('db', opened.db)
    app.decorate('dbKind', opened.kind)
    app.addHook('onClose', async () => {
      await opened.close()
    })
  },
  { name: 'db' },
)
