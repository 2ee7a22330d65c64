import { parseWith, type InputIssue } from '@paiban/domain'
import type { FastifySchemaCompiler } from 'fastify'
import type { z } from 'zod'

/** A request that does not match its route's schema; the error handler answers 400 with `issues`. */
export class RequestValidationError extends Error {
  readonly statusCode = 400
  readonly code = 'FST_ERR_VALIDATION'
  constructor(
    readonly part: string,
    readonly issues: InputIssue[],
  ) {
    super(issues.map(i => `${i.path}: ${i.message}`).join('; '))
    this.name = 'RequestValidationError'
  }
}

const PART_PREFIX: Record<string, string> = { params: 'params', querystring: 'query', headers: 'headers' }

/**
 * Validates requests with the routes' zod schemas through `parseWith` of @paiban/domain, so the
 * API names a bad field exactly as the CLI does (`agents[3].level: expected one of …`). Body paths
 * are relative to the body; URL parameters and the query string are prefixed `params.`/`query.`.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  data => {
    const parsed = parseWith(schema, data)
    if (parsed.ok) return { value: parsed.value }
    const part = httpPart ?? 'body'
    const prefix = PART_PREFIX[part]
    const issues = parsed.issues.map(issue => ({
      path:
        issue.path === '(file)'
          ? `(${prefix ?? part})`
          : prefix
            ? `${prefix}.${issue.path}`.replace('.[', '[')
            : issue.path,
      message: issue.message,
    }))
    return { error: new RequestValidationError(part, issues) }
  }

/**
 * C0 control characters and DEL, which no name, id, reason or login has. PostgreSQL cannot store
 * U+0000 at all (text and jsonb refuse it), so without this check a NUL reached the database and
 * came back as a 500. Tab, line feed and carriage return stay allowed in bodies (a multi-line
 * reason), never in the URL.
 */
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL_IN_BODY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL_IN_URL = /[\u0000-\u001F\u007F]/
/** Enough issues to name the fields; a body full of NULs need not be listed whole. */
const MAX_CONTROL_ISSUES = 20

const codePoint = (char: string) =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`

/**
 * Every string (and object key) in a parsed request part that holds a control character, as
 * issues naming the field (`agents[3].name`, `params.id`, `query.format`). Buffers (file uploads)
 * are not looked into: their parsers check their own text.
 */
export function controlCharacterIssues(
  value: unknown,
  part: 'body' | 'params' | 'querystring',
): InputIssue[] {
  const pattern = part === 'body' ? CONTROL_IN_BODY : CONTROL_IN_URL
  const issues: InputIssue[] = []
  const root = PART_PREFIX[part] ?? ''
  const join = (path: string, key: string | number) =>
    typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`
  const walk = (node: unknown, path: string) => {
    if (issues.length >= MAX_CONTROL_ISSUES) return
    if (typeof node === 'string') {
      const found = pattern.exec(node)
      if (found)
        issues.push({
          path: path || `(${part})`,
          message: `must not contain control characters (found ${codePoint(found[0])})`,
        })
      return
    }
    if (node === null || typeof node !== 'object' || ArrayBuffer.isView(node)) return
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, join(path, i)))
      return
    }
    for (const [key, item] of Object.entries(node as Record<string, unknown>)) {
      const found = pattern.exec(key)
      if (found) {
        issues.push({
          path: join(path, key.replace(pattern, '?')),
          message: `field names must not contain control characters (found ${codePoint(found[0])})`,
        })
        continue
      }
      walk(item, join(path, key))
    }
  }
  walk(value, root)
  return issues
}

/**
 * Refuses a request whose URL parameters, query string (`onRequest`, before sign-in is even
 * looked at) or body (`preValidation`) hold a control character: 400 naming each field, before
 * any route or service sees it. Runs for every route, with a schema or without.
 */
export function refuseControlCharacters(
  request: { body?: unknown; params?: unknown; query?: unknown },
  parts: 'url' | 'body',
): void {
  const issues =
    parts === 'url'
      ? [
          ...controlCharacterIssues(request.params, 'params'),
          ...controlCharacterIssues(request.query, 'querystring'),
        ]
      : controlCharacterIssues(request.body, 'body')
  if (issues.length > 0) throw new RequestValidationError(parts, issues)
}
