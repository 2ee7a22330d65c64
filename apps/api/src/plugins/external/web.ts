import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'
import type { AppConfig } from '../../config'

declare module 'fastify' {
  interface FastifyInstance {
    /** True when the web app's build is served (its folder exists). */
    hasWeb: boolean
  }
}

/**
 * Serves the web app's static build on the API's port when the folder exists. Paths that are not
 * files fall back to index.html (the SPA's own router), except under /api (see app.ts).
 */
export default fp(
  async (app, config: AppConfig) => {
    const hasWeb = existsSync(join(config.webDist, 'index.html'))
    app.decorate('hasWeb', hasWeb)
    if (!hasWeb) return
    await app.register(fastifyStatic, { root: config.webDist, wildcard: true, index: 'index.html' })
  },
  { name: 'web' },
)
