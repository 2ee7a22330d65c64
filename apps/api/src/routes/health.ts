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
        response: { 200: z.object({ ok: z.literal(true), database: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async () => {
      await sql`select 1`.execute(app.db)
      return { ok: true as const, database: app.dbKind }
    },
  )
  done()
}

export default routes
