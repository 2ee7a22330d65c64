import cookie from '@fastify/cookie'
import fp from 'fastify-plugin'

/** Parses cookies (the session) and sets them. */
export default fp(
  async app => {
    await app.register(cookie)
  },
  { name: 'cookie' },
)
