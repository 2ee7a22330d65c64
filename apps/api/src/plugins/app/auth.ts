import { createHash, randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import { DateTime } from 'luxon'
import { accessOf, routeKey, type Role } from '../../access'
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../auth/passwords'
import type { AppConfig } from '../../config'
import type { Database, Person } from '../../db/schema'
import { badRequest, forbidden, HttpError, unauthorized } from '../../errors'
import { audit } from './audit'

/** The signed-in person, as routes and services see them. */
export type SessionUser = {
  readonly id: number
  readonly login: string
  readonly name: string
  readonly role: Role
  /** Their team; null for the centre's admin. */
  readonly teamId: string | null
  /** Their id in the team's month files; null for supervisor, manager and hr. */
  readonly agentId: string | null
  /** A first (or reset) password: nothing but changing it is allowed until then. */
  readonly mustChangePassword?: boolean
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
    if (!person || !ok || !(await this.onTeam(person))) return null
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

  /**
   * Whether a person may still sign in: not someone who has left their team (from the leaving date
   * on, in the team's time zone), nor anyone but the admin on an archived team.
   */
  private async onTeam(person: Pick<Person, 'team_id' | 'agent_id'>): Promise<boolean> {
    if (person.team_id === null) return true
    const team = await this.db
      .selectFrom('teams')
      .select(['time_zone', 'archived_at'])
      .where('id', '=', person.team_id)
      .executeTakeFirst()
    if (!team || team.archived_at !== null) return false
    if (person.agent_id === null) return true
    const staff = await this.db
      .selectFrom('staff')
      .select('left_on')
      .where('team_id', '=', person.team_id)
      .where('id', '=', person.agent_id)
      .executeTakeFirst()
    const today = DateTime.fromJSDate(this.clock(), { zone: team.time_zone }).toISODate() ?? ''
    return staff?.left_on == null || today < staff.left_on
  }

  /** The person a session token belongs to, while the session lasts (and they are on their team). */
  async userFor(token: string): Promise<SessionUser | null> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('people', 'people.id', 'sessions.person_id')
      .select([
        'people.id',
        'login',
        'name',
        'role',
        'team_id',
        'agent_id',
        'must_change_password',
        'expires_at',
      ])
      .where('sessions.id', '=', tokenId(token))
      .executeTakeFirst()
    if (!row || row.expires_at.getTime() <= this.clock().getTime()) return null
    if (!(await this.onTeam(row))) return null
    return toUser(row)
  }

  /**
   * Changes the caller's own password (the current one must match: 400 otherwise) and ends every
   * other session of theirs; the session `keepToken` stays signed in. Audited `password.change`.
   */
  async changePassword(user: SessionUser, current: string, next: string, keepToken: string): Promise<void> {
    const person = await this.db
      .selectFrom('people')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow()
    if (!(await verifyPassword(current, person.password_hash)))
      throw badRequest([{ path: 'current', message: 'not your current password' }])
    if (current === next)
      throw badRequest([{ path: 'next', message: 'must differ from the current password' }])
    const hash = await hashPassword(next)
    await this.db.transaction().execute(async trx => {
      await trx
        .updateTable('people')
        .set({ password_hash: hash, must_change_password: false })
        .where('id', '=', user.id)
        .execute()
      const ended = await trx
        .deleteFrom('sessions')
        .where('person_id', '=', user.id)
        .where('id', '!=', tokenId(keepToken))
        .executeTakeFirst()
      await audit(trx, user, {
        action: 'password.change',
        ...(user.teamId ? { teamId: user.teamId } : {}),
        entity: 'person',
        entityId: String(user.id),
        after: { otherSessionsEnded: Number(ended.numDeletedRows) },
      })
    })
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
  team_id: string | null
  agent_id: string | null
  must_change_password: boolean
}): SessionUser {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    role: row.role,
    teamId: row.team_id,
    agentId: row.agent_id,
    mustChangePassword: row.must_change_password,
  }
}

/** Routes a person whose password must be changed may still call. */
const BEFORE_PASSWORD_CHANGE = new Set(['GET /api/session', 'DELETE /api/session', 'POST /api/me/password'])

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
      if (user.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(routeKey(request.method, url)))
        throw new HttpError(
          403,
          'PASSWORD_CHANGE_REQUIRED',
          'change your first password first (POST /api/me/password)',
        )
      if (!access.includes(user.role)) throw forbidden(`a ${user.role} may not ${request.method} ${url}`)
      const team = (request.params as Record<string, unknown> | undefined)?.team
      // The admin runs every team; everyone else only their own.
      if (team !== undefined && user.role !== 'admin' && team !== user.teamId)
        throw forbidden('this is not your team')
    })
    done()
  },
  { name: 'auth', dependencies: ['db'] },
)
