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
