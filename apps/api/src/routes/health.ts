import { sql } from 'kysely'
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod'
import { z } from 'zod'

const routes: FastifyPluginCallbackZod = (app, _options, done) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'The server is up and its database answers',
        response: {
          200: z.object({ ok: z.literal(true), database: z.enum(['pglite', 'postgres']) }),
          503: z.object({
            ok: z.literal(false),
            database: z.enum(['pglite', 'postgres']),
            reason: z.string(),
          }),
        },
      },
    },
    async (_request, reply) => {
      const notReady = (reason: string) =>
        reply.code(503).send({ ok: false as const, database: app.dbKind, reason })
      const problem = app.storageProblem()
      if (problem !== null) return notReady(problem)
      // A database that does not answer within 2 s is as good as down for a load balancer.
      let timer: NodeJS.Timeout | undefined
      try {
        await Promise.race([
          sql`select 1`.execute(app.db),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('the database did not answer within 2 s')), 2000)
          }),
        ])
      } catch (error) {
        return notReady(error instanceof Error ? error.message : String(error))
      } finally {
        clearTimeout(timer)
      }
      return { ok: true as const, database: app.dbKind }
    },
  )
  done()
}

export default routes
