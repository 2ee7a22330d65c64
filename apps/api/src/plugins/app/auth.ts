import { createHash, randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import { accessOf, routeKey, type Role } from '../../access'
import { DUMMY_HASH, verifyPassword } from '../../auth/passwords'
import type { AppConfig } from '../../config'
import type { Database } from '../../db/schema'
import { forbidden, unauthorized } from '../../errors'
import { audit } from './audit'

/** The signed-in person, as routes and services see them. */
export type SessionUser = {
  readonly id: number
  readonly login: string
  readonly name: string
  readonly role: Role
  readonly teamId: string
  /** Their id in the team's month files; null for supervisor, manager and hr. */
  readonly agentId: string | null
}

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService
  }
  interface FastifyRequest {
    /** Set by the auth hook on every route that is not public. */
    user: SessionUser | null
  }
}

export const SESSION_COOKIE = 'paiban_session'
const SESSION_DAYS = 7

const tokenId = (token: string) => createHash('sha256').update(token).digest('hex')

/** Sign-in, sessions and sign-out. Sessions are rows keyed by the SHA-256 of the cookie's token. */
export class AuthService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
  ) {}

  /** The person and a new session token, or null for an unknown login or a wrong password. */
  async signIn(login: string, password: string): Promise<{ token: string; user: SessionUser } | null> {
    const person = await this.db
      .selectFrom('people')
      .selectAll()
      .where('login', '=', login)
      .executeTakeFirst()
    // Spend the same time on an unknown login as on a wrong password.
    const ok = await verifyPassword(password, person?.password_hash ?? DUMMY_HASH)
    if (!person || !ok) return null
    const token = randomBytes(32).toString('base64url')
    const expires = new Date(this.clock().getTime() + SESSION_DAYS * 86_400_000)
    const user = toUser(person)
    await this.db.transaction().execute(async trx => {
      await trx
        .insertInto('sessions')
        .values({ id: tokenId(token), person_id: person.id, expires_at: expires })
        .execute()
      await audit(trx, user, { action: 'session.create', entity: 'person', entityId: String(person.id) })
    })
    return { token, user }
  }

  /** The person a session token belongs to, while the session lasts. */
  async userFor(token: string): Promise<SessionUser | null> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('people', 'people.id', 'sessions.person_id')
      .select(['people.id', 'login', 'name', 'role', 'team_id', 'agent_id', 'expires_at'])
      .where('sessions.id', '=', tokenId(token))
      .executeTakeFirst()
    if (!row || row.expires_at.getTime() <= this.clock().getTime()) return null
    return toUser(row)
  }

  async signOut(token: string, user: SessionUser): Promise<void> {
    await this.db.transaction().execute(async trx => {
      await trx.deleteFrom('sessions').where('id', '=', tokenId(token)).execute()
      await audit(trx, user, { action: 'session.delete', entity: 'person', entityId: String(user.id) })
    })
  }
}

function toUser(row: {
  id: number
  login: string
  name: string
  role: Role
  team_id: string
  agent_id: string | null
}): SessionUser {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    role: row.role,
    teamId: row.team_id,
    agentId: row.agent_id,
  }
}

/** The signed-in person of a route that is not public (the hook has already refused anyone else). */
export function userOf(request: FastifyRequest): SessionUser {
  if (!request.user) throw unauthorized()
  return request.user
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure as configured (auto: on https). */
export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  secure: AppConfig['secureCookies'],
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secure === 'auto' ? reply.request.protocol === 'https' : secure,
    maxAge: SESSION_DAYS * 86_400,
  })
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' })
}

/**
 * Enforces the ACCESS table before anything else runs (even body parsing): 401 without a valid
 * session, 403 for a role the route does not list or a team that is not the caller's.
 */
export default fp(
  (app, config: AppConfig, done) => {
    const auth = new AuthService(app.db, config.clock)
    app.decorate('auth', auth)
    app.decorateRequest('user', null)

    app.addHook('onRoute', route => {
      if (!route.url.startsWith('/api/')) return
      const methods = Array.isArray(route.method) ? route.method : [route.method]
      for (const method of methods) {
        if (method === 'HEAD') continue
        if (accessOf(routeKey(method, route.url)) === undefined)
          throw new Error(`${routeKey(method, route.url)} is missing from ACCESS (src/access.ts)`)
      }
    })

    app.addHook('onRequest', async request => {
      const url = request.routeOptions.url
      if (url === undefined || !url.startsWith('/api/')) return
      const access = accessOf(routeKey(request.method, url))
      if (access === undefined || access === 'public') return
      const token = request.cookies[SESSION_COOKIE]
      const user = token ? await auth.userFor(token) : null
      if (!user) throw unauthorized()
      request.user = user
      if (!access.includes(user.role)) throw forbidden(`a ${user.role} may not ${request.method} ${url}`)
      const team = (request.params as Record<string, unknown> | undefined)?.team
      if (team !== undefined && team !== user.teamId) throw forbidden('this is not your team')
    })
    done()
  },
  { name: 'auth', dependencies: ['db'] },
)
