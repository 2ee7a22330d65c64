import type { InputIssue, Violation } from '@paiban/domain'

/** The error codes of the API's error body, by status. */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'NOT_FOUND'
  | 'STALE_VERSION'
  | 'CONFLICT'
  | 'UNPROCESSABLE'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'TOO_MANY_REQUESTS'
  | 'UNAVAILABLE'
  | 'INTERNAL'

/**
 * A failure the client can act on (4xx), thrown by services and routes and shaped by the one
 * error handler into `{ error: { code, message, issues?, currentVersion? } }`.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues: readonly InputIssue[] = [],
    /** With 409 STALE_VERSION: the version the month is at now. */
    readonly currentVersion?: number,
    /** What a person reads, in both languages (the page picks one); `message` stays for logs. */
    readonly text?: { zh: string; en: string },
    /** With 422 from the rules: the violations, bilingual, for the page to show in its language. */
    readonly violations?: readonly Violation[],
    /** With 429 and 503: seconds until trying again makes sense (the `Retry-After` header). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

/** 400 naming each bad field; the message lists them so a person reading a log sees them too. */
export function badRequest(issues: readonly InputIssue[]): HttpError {
  return new HttpError(400, 'BAD_REQUEST', issues.map(i => `${i.path}: ${i.message}`).join('; '), issues)
}

export const unauthorized = () => new HttpError(401, 'UNAUTHORIZED', 'sign in first')
export const forbidden = (why: string) => new HttpError(403, 'FORBIDDEN', why)
export const notFound = (what: string) => new HttpError(404, 'NOT_FOUND', what)

/** 409: the edit was made on `version`, but the month is at `current`; nothing was written. */
export function staleVersion(version: number, current: number): HttpError {
  return new HttpError(
    409,
    'STALE_VERSION',
    `version ${version} is not the latest (the month is at version ${current}); reload and apply the change again`,
    [{ path: 'version', message: `stale: the latest is ${current}` }],
    current,
  )
}

/** 429: too many failed sign-ins of this login or from this address; the lock ends in `seconds`. */
export function tooManySignIns(seconds: number): HttpError {
  const minutes = Math.ceil(seconds / 60)
  return new HttpError(
    429,
    'TOO_MANY_REQUESTS',
    `too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? '' : 's'} / 登录失败次数过多，请 ${minutes} 分钟后再试`,
    [],
    undefined,
    {
      zh: `登录失败次数过多，请 ${minutes} 分钟后再试`,
      en: `Too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    },
    undefined,
    seconds,
  )
}

/** What a supervisor reads when the database cannot take a write: nothing half-done, try later. */
export const UNAVAILABLE_MESSAGE =
  'the database cannot store changes right now; nothing was saved / 数据库暂时无法保存更改，本次操作未保存任何内容'

/** 503: the database (or its disk) cannot take changes now; `why` is for the log and health. */
export function unavailable(why: string): HttpError {
  return new HttpError(
    503,
    'UNAVAILABLE',
    `${UNAVAILABLE_MESSAGE} (${why})`,
    [],
    undefined,
    {
      zh: '数据库暂时无法保存更改，本次操作未保存任何内容',
      en: 'The database cannot store changes right now; nothing was saved.',
    },
    undefined,
    30,
  )
}

/**
 * A database error that is an outage rather than a bug: a full disk (class 53), a lost or
 * refused connection (class 08, 57P0x, ECONNREFUSED…), a read-only file system, or PGlite's
 * WebAssembly aborting. Answered 503, not 500.
 */
export function isDatabaseOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') {
    if (/^(53|08|57P0)/.test(code)) return true
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOSPC', 'EROFS', 'EACCES', 'EPIPE'].includes(code))
      return true
  }
  if (
    error.name === 'RuntimeError' ||
    /Aborted\(\)|Connection terminated|ENOSPC|no space left/i.test(error.message)
  )
    return true
  return error.cause !== undefined && error.cause !== error && isDatabaseOutage(error.cause)
}
