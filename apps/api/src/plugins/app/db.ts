import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { AppConfig } from '../../config'
import { migrate, openDatabase } from '../../db/connect'
import type { Database } from '../../db/schema'
import { unavailable } from '../../errors'

declare module 'fastify' {
  interface FastifyInstance {
    /** The typed query builder over PGlite or PostgreSQL. */
    db: Kysely<Database>
    dbKind: AppConfig['database']['kind']
    /** Why the database cannot take writes now (a disk under its reserve), or null when it can. */
    storageProblem: () => string | null
  }
}

/** A statfs answer is reused this long (a burst of writes asks once), ms. */
const FREE_SPACE_TTL_MS = 1000

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

    // The free-space reserve: PGlite on a full disk hangs instead of failing, so writes stop
    // (503, nothing written) while the disk holds less than the reserve, and go on by themselves
    // when space is freed.
    let checked = { at: 0, problem: null as string | null }
    const storageProblem = (): string | null => {
      const dir = opened.dataDir
      if (dir === undefined) return null
      const now = Date.now()
      if (now - checked.at < FREE_SPACE_TTL_MS) return checked.problem
      let problem: string | null = null
      try {
        const free = config.storage.freeBytes(dir)
        if (free < config.storage.reserveBytes)
          problem = `the disk of ${dir} has ${Math.floor(free / 1024 / 1024)} MB free, under the ${Math.floor(config.storage.reserveBytes / 1024 / 1024)} MB reserve`
      } catch (error) {
        problem = `cannot read the free space of ${dir}: ${error instanceof Error ? error.message : String(error)}`
      }
      checked = { at: now, problem }
      return problem
    }
    app.decorate('storageProblem', storageProblem)
    app.addHook('preHandler', (request, _reply, done) => {
      const problem = request.method === 'GET' || request.method === 'HEAD' ? null : storageProblem()
      if (problem === null) return done()
      request.log.error({ problem }, 'write refused: free-space reserve')
      done(unavailable(problem))
    })
    app.addHook('onClose', async () => {
      await opened.close()
    })
  },
  { name: 'db' },
)
