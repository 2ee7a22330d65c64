import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/app'
import { defaultConfig, type AppConfig, type DatabaseConfig } from '../../src/config'

/** Today in every test: the demo months are 2026-11 (current) and 2026-12 (next). */
export const CLOCK = new Date('2026-11-20T02:00:00Z')
export const CURRENT = '2026-11'
export const NEXT = '2026-12'
export const TEAM = 'cs-1'
export const PASSWORD = 'paiban-test-password'
export const LOGINS = ['supervisor', 'leader1', 'agent1', 'manager', 'hr', 'admin'] as const
export type Login = (typeof LOGINS)[number]

/** The app config of the tests: quiet, a fixed clock, the demo with a known password. */
export function testConfig(database: DatabaseConfig, overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...defaultConfig(database),
    logger: false,
    clock: () => CLOCK,
    demo: { enabled: true, password: PASSWORD, seconds: 1 },
    announce: () => undefined,
    jobs: { concurrency: 1, staleSeconds: 3 },
    ...overrides,
  }
}

export async function testApp(
  database: DatabaseConfig,
  overrides: Partial<AppConfig> = {},
): Promise<FastifyInstance> {
  return buildApp(testConfig(database, overrides))
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Injects requests as one signed-in person (or nobody). */
export class Client {
  constructor(
    readonly app: FastifyInstance,
    readonly cookie: string | null,
  ) {}

  request(
    method: Method,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      ...(this.cookie ? { cookies: { paiban_session: this.cookie } } : {}),
      ...(body !== undefined ? { payload: body as object } : {}),
      ...(headers ? { headers } : {}),
    })
  }
  /** Sends a file body (a staff sheet) with its content type. */
  upload = (url: string, body: Buffer | string, type: string) =>
    this.request('POST', url, body, { 'content-type': type })
  get = (url: string) => this.request('GET', url)
  post = (url: string, body?: unknown) => this.request('POST', url, body)
  put = (url: string, body?: unknown) => this.request('PUT', url, body)
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body)
  delete = (url: string) => this.request('DELETE', url)
}

/** Signs in and returns a client carrying the session cookie. */
export async function signIn(app: FastifyInstance, login: string, password = PASSWORD): Promise<Client> {
  const response = await app.inject({ method: 'POST', url: '/api/session', payload: { login, password } })
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${login}: ${response.statusCode} ${response.body}`)
  const cookie = response.cookies.find(c => c.name === 'paiban_session')
  if (!cookie) throw new Error('no session cookie')
  return new Client(app, cookie.value)
}

/** One signed-in client per demo login. */
export async function signInAll(app: FastifyInstance): Promise<Record<Login, Client>> {
  const entries = await Promise.all(LOGINS.map(async login => [login, await signIn(app, login)] as const))
  return Object.fromEntries(entries) as Record<Login, Client>
}

export const monthUrl = (month: string, team = TEAM) => `/api/teams/${team}/months/${month}`

/** The JSON body of a response. */
export function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return response.json<T>()
}
