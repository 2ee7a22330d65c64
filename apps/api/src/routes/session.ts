import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppConfig } from '../config'
import { HttpError } from '../errors'
import {
  clearSessionCookie,
  SESSION_COOKIE,
  setSessionCookie,
  userOf,
  type SessionUser,
} from '../plugins/app/auth'
import { errors } from '../schemas/common'
import { MeSchema, SignInSchema } from '../schemas/session'

const me = (user: SessionUser) => ({
  login: user.login,
  name: user.name,
  role: user.role,
  team: user.teamId,
  agentId: user.agentId,
  mustChangePassword: user.mustChangePassword ?? false,
})

const routes: FastifyPluginCallbackZod<AppConfig> = (app, config, done) => {
  app.post(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign in: sets the session cookie',
        body: SignInSchema,
        response: { 200: MeSchema, ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const signedIn = await app.auth.signIn(request.body.login, request.body.password, request.ip)
      // One message for an unknown login and a wrong password: do not tell which logins exist.
      if (!signedIn) throw new HttpError(401, 'UNAUTHORIZED', 'wrong login or password')
      setSessionCookie(reply, signedIn.token, config.secureCookies, config.signIn.absoluteDays)
      return me(signedIn.user)
    },
  )

  app.get(
    '/api/session',
    {
      schema: { tags: ['session'], summary: 'Who am I', response: { 200: MeSchema, ...errors(401) } },
    },
    request => me(userOf(request)),
  )

  app.delete(
    '/api/session',
    {
      schema: { tags: ['session'], summary: 'Sign out', response: { 204: z.null(), ...errors(401) } },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE]
      if (token) await app.auth.signOut(token, userOf(request))
      clearSessionCookie(reply)
      return reply.code(204).send(null)
    },
  )
  done()
}

export default routes
