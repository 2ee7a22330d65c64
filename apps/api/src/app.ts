import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { AppConfig } from './config'
import type { Violation } from '@paiban/domain'
import { HttpError, isDatabaseOutage, UNAVAILABLE_MESSAGE, type ErrorCode } from './errors'
import attendance from './plugins/app/attendance'
import auth from './plugins/app/auth'
import centre from './plugins/app/centre'
import db from './plugins/app/db'
import demo from './plugins/app/demo'
import jobs from './plugins/app/jobs'
import months from './plugins/app/months'
import requests from './plugins/app/requests'
import holidays from './plugins/app/holidays'
import firstStart from './plugins/app/first-start'
import sheets from './plugins/app/sheets'
import cookie from './plugins/external/cookie'
import headers from './plugins/external/headers'
import swagger from './plugins/external/swagger'
import web from './plugins/external/web'
import centreRoutes from './routes/centre'
import attendanceRoutes from './routes/attendance'
import healthRoutes from './routes/health'
import holidayRoutes from './routes/holidays'
import jobRoutes from './routes/jobs'
import monthRoutes from './routes/months'
import requestRoutes from './routes/requests'
import sessionRoutes from './routes/session'
import sheetRoutes from './routes/sheets'
import { serializerCompiler } from './serialization'
import { loggerOptions } from './logging'
import { refuseControlCharacters, RequestValidationError, validatorCompiler } from './validation'

/** Fastify's own 4xx errors, by code: their messages are safe to show. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
}

type ErrorBody = {
  error: {
    code: string
    message: string
    issues?: Array<{ path: string; message: string }>
    currentVersion?: number
    requestId?: string
    text?: { zh: string; en: string }
    violations?: Violation[]
  }
}

/**
 * The application as a plugin: external plugins first (the app's plugins depend on them), then
 * the app's services, then the routes. One error handler and one not-found handler for all.
 */
export const paiban = fp(
  async (app, config: AppConfig) => {
    app.setErrorHandler((error: FastifyError | HttpError | RequestValidationError, request, reply) => {
      let status: number
      let body: ErrorBody
      if (error instanceof HttpError) {
        status = error.statusCode
        body = {
          error: {
            code: error.code,
            message: error.message,
            ...(error.issues.length > 0 ? { issues: [...error.issues] } : {}),
            ...(error.currentVersion !== undefined ? { currentVersion: error.currentVersion } : {}),
            ...(error.text !== undefined ? { text: error.text } : {}),
            ...(error.violations !== undefined ? { violations: [...error.violations] } : {}),
          },
        }
        if (error.retryAfterSeconds !== undefined)
          void reply.header('retry-after', String(error.retryAfterSeconds))
      } else if (error instanceof RequestValidationError) {
        status = 400
        body = { error: { code: 'BAD_REQUEST', message: error.message, issues: error.issues } }
      } else if (isDatabaseOutage(error)) {
        // An outage, not a bug: say so in words a supervisor understands; health reports it too.
        request.log.error({ err: error }, 'database unavailable')
        status = 503
        void reply.header('retry-after', '30')
        body = { error: { code: 'UNAVAILABLE', message: UNAVAILABLE_MESSAGE, requestId: String(request.id) } }
      } else if ((error as { code?: unknown }).code === '23505') {
        // A unique constraint caught a concurrent write (e.g. two writers of one version number).
        status = 409
        body = { error: { code: 'CONFLICT', message: 'a concurrent change won; reload and try again' } }
      } else if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        status = error.statusCode
        const code = FASTIFY_CODES[error.code] ?? (status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST')
        body = {
          error: {
            code,
            message: error.message,
            ...(code === 'BAD_REQUEST' ? { issues: [{ path: '(body)', message: error.message }] } : {}),
          },
        }
      } else {
        // A bug or an outage: log everything, tell the client nothing about the internals.
        request.log.error({ err: error }, 'request failed')
        status = error.statusCode !== undefined && error.statusCode >= 500 ? error.statusCode : 500
        body = {
          error: {
            code: 'INTERNAL',
            message: 'Internal Server Error: the request failed on the server and was logged',
            requestId: String(request.id),
          },
        }
      }
      return reply.code(status).send(body)
    })

    app.setNotFoundHandler((request, reply) => {
      const isPage =
        (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api')
      if (isPage && app.hasWeb) return reply.type('text/html').sendFile('index.html')
      return reply.code(404).send({
        error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` },
      } satisfies ErrorBody)
    })

    // POSTs that take no body (check) may still say `content-type: application/json`.
    const json = app.getDefaultJsonParser('error', 'error')
    app.removeContentTypeParser('application/json')
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      if (body === '') done(null, undefined)
      else void json(request, body as string, done)
    })

    // Before sign-in, any route's schema or service: a NUL in a login, a path id or an import is
    // a 400 naming the field (the URL's before the auth hook, registered below, runs).
    app.addHook('onRequest', (request, _reply, done) => {
      refuseControlCharacters(request, 'url')
      done()
    })
    app.addHook('preValidation', (request, _reply, done) => {
      refuseControlCharacters(request, 'body')
      done()
    })

    await app.register(headers)
    await app.register(cookie)
    await app.register(swagger)
    await app.register(web, config)

    await app.register(db, config)
    await app.register(auth, config)
    await app.register(months, config)
    await app.register(demo, config)
    await app.register(jobs, config)
    await app.register(requests, config)
    await app.register(holidays, config)
    await app.register(centre, config)
    await app.register(firstStart, config)
    await app.register(sheets, config)
    await app.register(attendance, config)

    await app.register(healthRoutes)
    await app.register(sessionRoutes, config)
    await app.register(monthRoutes, config)
    await app.register(jobRoutes)
    await app.register(requestRoutes, config)
    await app.register(holidayRoutes)
    await app.register(centreRoutes, config)
    await app.register(sheetRoutes, config)
    await app.register(attendanceRoutes, config)
  },
  { name: 'paiban' },
)

/** A ready-to-listen (or inject) app for a config: the one entry point of server, tests and bench. */
export async function buildApp(config: AppConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logger),
    // Month files of large teams are big; 16 MiB holds several thousand agents.
    bodyLimit: 16 * 1024 * 1024,
    trustProxy: config.trustProxy,
    forceCloseConnections: true,
    // A first start runs initdb (PGlite) and solves two demo months: far more than the 10 s default.
    pluginTimeout: 300_000,
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  await app.register(paiban, config)
  await app.ready()
  return app
}
