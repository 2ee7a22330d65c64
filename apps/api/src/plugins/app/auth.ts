import { createHash, randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import { DateTime } from 'luxon'
import { accessOf, routeKey, type Role } from '../../access'
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../auth/passwords'
import type { AppConfig, SignInPolicy } from '../../config'
import type { Database, Person } from '../../db/schema'
import { badRequest, forbidden, HttpError, tooManySignIns, unauthorized } from '../../errors'
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
/** A session's last-seen time is written at most this often (not on every request), ms. */
const TOUCH_EVERY_MS = 60_000
/** How often expired sessions, old failures and ended locks are purged, ms. */
const PURGE_EVERY_MS = 3_600_000

const tokenId = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * Sign-in, sessions and sign-out. Sessions are rows keyed by the SHA-256 of the cookie's token;
 * they end after `idleHours` unused or `absoluteDays` after sign-in. Failed sign-ins are rows
 * too (and audited): `maxFailures` of one login, or `maxFailuresPerAddress` from one address,
 * within `windowMinutes` lock it for `lockMinutes` (audited `session.lock`), during which every
 * attempt is answered 429 without looking at the password. In the database, so a lock holds
 * across restarts and across server processes on one PostgreSQL.
 */
export class AuthService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
    private readonly policy: SignInPolicy,
  ) {}

  /**
   * The person and a new session token, or null for an unknown login or a wrong password (the
   * failure is recorded). Throws 429 while the login or the address is locked.
   */
  async signIn(
    login: string,
    password: string,
    address = 'unknown',
  ): Promise<{ token: string; user: SessionUser } | null> {
    const now = this.clock()
    const until = await this.lockedUntil(login, address, now)
    if (until) throw tooManySignIns(Math.ceil((until.getTime() - now.getTime()) / 1000))
    const person = await this.db
      .selectFrom('people')
      .selectAll()
      .where('login', '=', login)
      .executeTakeFirst()
    // Spend the same time on an unknown login as on a wrong password.
    const ok = await verifyPassword(password, person?.password_hash ?? DUMMY_HASH)
    if (!person || !ok) {
      await this.recordFailure(login, address, person?.team_id, now)
      return null
    }
    if (!(await this.onTeam(person))) return null
    const token = randomBytes(32).toString('base64url')
    const expires = new Date(now.getTime() + this.policy.absoluteDays * 86_400_000)
    const user = toUser(person)
    await this.db.transaction().execute(async trx => {
      await trx
        .insertInto('sessions')
        .values({ id: tokenId(token), person_id: person.id, expires_at: expires, last_seen_at: now })
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

  /** The end of the lock on this login or address, or null when neither is locked. */
  private async lockedUntil(login: string, address: string, now: Date): Promise<Date | null> {
    const locks = await this.db
      .selectFrom('sign_in_locks')
      .select('until')
      .where(eb =>
        eb.or([
          eb.and([eb('kind', '=', 'login'), eb('key', '=', login)]),
          eb.and([eb('kind', '=', 'address'), eb('key', '=', address)]),
        ]),
      )
      .where('until', '>', now)
      .execute()
    if (locks.length === 0) return null
    return new Date(Math.max(...locks.map(l => l.until.getTime())))
  }

  /** Records a failed sign-in (audited) and locks the login or the address when it is one too many. */
  private async recordFailure(login: string, address: string, teamId: string | null | undefined, now: Date) {
    const since = new Date(now.getTime() - this.policy.windowMinutes * 60_000)
    const until = new Date(now.getTime() + this.policy.lockMinutes * 60_000)
    await this.db.transaction().execute(async trx => {
      await trx.insertInto('sign_in_failures').values({ login, address, at: now }).execute()
      await audit(trx, null, {
        action: 'session.fail',
        ...(teamId ? { teamId } : {}),
        entity: 'login',
        entityId: login,
        after: { address },
      })
      for (const [kind, key, max] of [
        ['login', login, this.policy.maxFailures],
        ['address', address, this.policy.maxFailuresPerAddress],
      ] as const) {
        const { count } = await trx
          .selectFrom('sign_in_failures')
          .select(eb => eb.fn.countAll<string>().as('count'))
          .where(kind, '=', key)
          .where('at', '>', since)
          .executeTakeFirstOrThrow()
        if (Number(count) < max) continue
        await trx
          .insertInto('sign_in_locks')
          .values({ kind, key, until })
          .onConflict(oc => oc.columns(['kind', 'key']).doUpdateSet({ until }))
          .execute()
        await audit(trx, null, {
          action: 'session.lock',
          ...(teamId && kind === 'login' ? { teamId } : {}),
          entity: kind,
          entityId: key,
          after: {
            failures: Number(count),
            windowMinutes: this.policy.windowMinutes,
            until: until.toISOString(),
          },
        })
      }
    })
  }

  /**
   * The person a session token belongs to, while the session lasts (idle and absolute expiry) and
   * they are on their team.
   */
  async userFor(token: string): Promise<SessionUser | null> {
    const id = tokenId(token)
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
        'last_seen_at',
      ])
      .select('sessions.created_at')
      .where('sessions.id', '=', id)
      .executeTakeFirst()
    if (!row) return null
    const now = this.clock().getTime()
    const lastSeen = (row.last_seen_at ?? row.created_at).getTime()
    if (row.expires_at.getTime() <= now || lastSeen + this.policy.idleHours * 3_600_000 <= now) return null
    if (!(await this.onTeam(row))) return null
    if (now - lastSeen >= TOUCH_EVERY_MS)
      await this.db
        .updateTable('sessions')
        .set({ last_seen_at: new Date(now) })
        .where('id', '=', id)
        .execute()
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

  /**
   * Deletes sessions that have ended (idle or absolute), failures older than the window and
   * locks that have run out. Runs at start and hourly.
   * @returns the number of sessions deleted.
   */
  async purgeExpired(): Promise<number> {
    const now = this.clock()
    const idleSince = new Date(now.getTime() - this.policy.idleHours * 3_600_000)
    const deleted = await this.db
      .deleteFrom('sessions')
      .where(eb =>
        eb.or([
          eb('expires_at', '<=', now),
          eb('last_seen_at', '<=', idleSince),
          eb.and([eb('last_seen_at', 'is', null), eb('created_at', '<=', idleSince)]),
        ]),
      )
      .executeTakeFirst()
    const windowStart = new Date(now.getTime() - this.policy.windowMinutes * 60_000)
    await this.db.deleteFrom('sign_in_failures').where('at', '<=', windowStart).execute()
    await this.db.deleteFrom('sign_in_locks').where('until', '<=', now).execute()
    return Number(deleted.numDeletedRows)
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
  maxAgeDays = 7,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secure === 'auto' ? reply.request.protocol === 'https' : secure,
    maxAge: Math.round(maxAgeDays * 86_400),
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
    const auth = new AuthService(app.db, config.clock, config.signIn)
    app.decorate('auth', auth)
    let purge: NodeJS.Timeout | undefined
    const purgeNow = () =>
      auth.purgeExpired().catch((error: unknown) => app.log.warn({ err: error }, 'session purge failed'))
    app.addHook('onReady', async () => {
      await purgeNow()
      purge = setInterval(() => void purgeNow(), PURGE_EVERY_MS)
      purge.unref()
    })
    app.addHook('onClose', (_app, hookDone) => {
      clearInterval(purge)
      hookDone()
    })
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
