import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyServerOptions } from 'fastify'
import { z } from 'zod'
import { freeBytes } from './db/data-dir'

/** Where the data lives: a PGlite directory (the default), a PGlite dump (tests), or PostgreSQL. */
export type DatabaseConfig =
  | { readonly kind: 'pglite'; readonly dataDir: string; readonly loadDataDir?: undefined }
  | { readonly kind: 'pglite'; readonly dataDir?: undefined; readonly loadDataDir?: Blob }
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number }

/** Everything `buildApp` needs; `server.ts` reads it from the environment, tests write it. */
export type AppConfig = {
  readonly database: DatabaseConfig
  readonly demo: {
    /** Create the demo centre when the database has no team yet. */
    readonly enabled: boolean
    /** The demo sign-ins' password; random (and announced once) when absent. */
    readonly password?: string
    /** Solver seconds per demo month. */
    readonly seconds: number
  }
  /**
   * The centre's administrator, created as `admin` on a database that has none: with this password
   * (PAIBAN_ADMIN_PASSWORD), or a random one announced once. With the demo, the demo's password.
   */
  readonly admin?: { readonly password?: string }
  /** `auto`: Secure cookies when the request came over https (see `trustProxy`). */
  readonly secureCookies: 'auto' | boolean
  readonly trustProxy: boolean
  /** The web app's static build; served with an SPA fallback when the folder exists. */
  readonly webDist: string
  /** Today, for the demo months and request times. Default: the real clock. */
  readonly clock: () => Date
  readonly logger: FastifyServerOptions['logger']
  /** How this process takes part in solver jobs. */
  readonly jobs: {
    /** Solver jobs this process runs at once; 0 = only enqueue (PostgreSQL: other processes run them). */
    readonly concurrency: number
    /** A running job whose heartbeat is older than this belongs to a dead process (PostgreSQL). */
    readonly staleSeconds: number
  }
  /** Prints a line for the person who started the server (the demo password). Default: stdout. */
  readonly announce: (line: string) => void
  /**
   * Fault injection for the crash tests only: pause this long inside each roster write
   * transaction, after its first statement. 0 in production.
   */
  readonly writePauseMs: number
  /**
   * Fault injection for the hang tests only: block the event loop this long (a busy loop, as a
   * spinning database write does) inside each roster write transaction. 0 in production.
   */
  readonly writeSpinMs?: number
  /** Bounds on the work one person can cause. */
  readonly limits: {
    /** Pending requests (leave and swaps) one agent may have in one month; more is 409. Default 10. */
    readonly maxPendingPerAgent: number
  }
  /** The free-space reserve of a PGlite data directory's disk. */
  readonly storage: {
    /** Writes are refused (503) while the disk has less free than this, bytes. Default 128 MiB. */
    readonly reserveBytes: number
    /** Free bytes on the disk of a directory (statfs); tests put a small disk here. */
    readonly freeBytes: (dir: string) => number
  }
  /** Sign-in lockout and session lifetimes (OWASP ASVS V2.2, V3.3). */
  readonly signIn: SignInPolicy
}

/** How sign-in defends itself and how long a session lasts. */
export type SignInPolicy = {
  /** Failed sign-ins of one login within `windowMinutes` that lock it. Default 10. */
  readonly maxFailures: number
  /**
   * Failed sign-ins from one address (any logins) within `windowMinutes` that lock the address.
   * Default 30: a centre's agents often share one NAT address, so it is higher than per login.
   */
  readonly maxFailuresPerAddress: number
  /** The window failures are counted in, minutes. Default 10. */
  readonly windowMinutes: number
  /** How long a lock lasts, minutes; meanwhile even the right password gets 429. Default 15. */
  readonly lockMinutes: number
  /** A session unused this long ends, hours. Default 12. */
  readonly idleHours: number
  /** A session ends this long after sign-in however much it is used, days. Default 7. */
  readonly absoluteDays: number
}

export const DEFAULT_SIGN_IN: SignInPolicy = {
  maxFailures: 10,
  maxFailuresPerAddress: 30,
  windowMinutes: 10,
  lockMinutes: 15,
  idleHours: 12,
  absoluteDays: 7,
}

const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url))

/** Defaults for everything but the database. */
export function defaultConfig(database: DatabaseConfig): AppConfig {
  return {
    database,
    demo: { enabled: true, seconds: 2 },
    secureCookies: 'auto',
    trustProxy: false,
    webDist: DEFAULT_WEB_DIST,
    clock: () => new Date(),
    logger: { level: 'info' },
    jobs: { concurrency: 1, staleSeconds: 15 },
    announce: line => void process.stdout.write(`${line}\n`),
    writePauseMs: 0,
    signIn: DEFAULT_SIGN_IN,
    storage: { reserveBytes: 128 * 1024 * 1024, freeBytes },
    limits: { maxPendingPerAgent: 10 },
  }
}

const flag = z.enum(['0', '1', 'false', 'true']).transform(v => v === '1' || v === 'true')

/** The environment the server reads (README.md lists it). */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PAIBAN_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected postgres://…')
    .optional(),
  PAIBAN_DEMO: flag.default(true),
  PAIBAN_DEMO_PASSWORD: z.string().min(8, 'at least 8 characters').optional(),
  PAIBAN_ADMIN_PASSWORD: z.string().min(8, 'at least 8 characters').optional(),
  PAIBAN_DEMO_SECONDS: z.coerce.number().positive().max(600).default(2),
  PAIBAN_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  PAIBAN_TRUST_PROXY: flag.default(false),
  PAIBAN_WEB_DIST: z.string().min(1).optional(),
  PAIBAN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PAIBAN_JOB_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(1),
  PAIBAN_JOB_STALE_SECONDS: z.coerce.number().positive().default(15),
  PAIBAN_TEST_WRITE_PAUSE_MS: z.coerce.number().int().min(0).default(0),
  PAIBAN_TEST_WRITE_SPIN_MS: z.coerce.number().int().min(0).default(0),
  /** The watchdog: a server whose event loop is blocked this long ends itself; 0 turns it off. */
  PAIBAN_HANG_SECONDS: z.coerce.number().min(0).default(8),
  PAIBAN_SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).default(DEFAULT_SIGN_IN.maxFailures),
  PAIBAN_SIGNIN_LOCK_MINUTES: z.coerce.number().positive().default(DEFAULT_SIGN_IN.lockMinutes),
  PAIBAN_SESSION_IDLE_HOURS: z.coerce.number().positive().default(DEFAULT_SIGN_IN.idleHours),
  PAIBAN_SESSION_DAYS: z.coerce.number().positive().default(DEFAULT_SIGN_IN.absoluteDays),
  PAIBAN_FREE_SPACE_RESERVE_MB: z.coerce.number().min(0).default(128),
})
export type Env = z.output<typeof EnvSchema>

/** The listening address and the app's config, from the environment. */
export function configFromEnv(env: Env): {
  port: number
  host: string
  /** The watchdog's limit (`startWatchdog`), ms. */
  hangMs: number
  config: AppConfig
} {
  const database: DatabaseConfig = env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'pglite', dataDir: resolve(env.PAIBAN_DATA_DIR) }
  const base = defaultConfig(database)
  return {
    port: env.PORT,
    host: env.HOST,
    hangMs: env.PAIBAN_HANG_SECONDS * 1000,
    config: {
      ...base,
      demo: {
        enabled: env.PAIBAN_DEMO,
        seconds: env.PAIBAN_DEMO_SECONDS,
        ...(env.PAIBAN_DEMO_PASSWORD ? { password: env.PAIBAN_DEMO_PASSWORD } : {}),
      },
      admin: env.PAIBAN_ADMIN_PASSWORD ? { password: env.PAIBAN_ADMIN_PASSWORD } : {},
      secureCookies: env.PAIBAN_SECURE_COOKIES === 'auto' ? 'auto' : env.PAIBAN_SECURE_COOKIES === 'true',
      trustProxy: env.PAIBAN_TRUST_PROXY,
      webDist: env.PAIBAN_WEB_DIST ? resolve(env.PAIBAN_WEB_DIST) : base.webDist,
      logger: { level: env.PAIBAN_LOG_LEVEL },
      jobs: { concurrency: env.PAIBAN_JOB_CONCURRENCY, staleSeconds: env.PAIBAN_JOB_STALE_SECONDS },
      writePauseMs: env.PAIBAN_TEST_WRITE_PAUSE_MS,
      writeSpinMs: env.PAIBAN_TEST_WRITE_SPIN_MS,
      storage: { ...base.storage, reserveBytes: env.PAIBAN_FREE_SPACE_RESERVE_MB * 1024 * 1024 },
      signIn: {
        ...DEFAULT_SIGN_IN,
        maxFailures: env.PAIBAN_SIGNIN_MAX_FAILURES,
        lockMinutes: env.PAIBAN_SIGNIN_LOCK_MINUTES,
        idleHours: env.PAIBAN_SESSION_IDLE_HOURS,
        absoluteDays: env.PAIBAN_SESSION_DAYS,
      },
    },
  }
}
