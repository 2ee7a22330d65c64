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
