import type { FastifyServerOptions } from 'fastify'

/** `/api/ical/<token>` with its secret replaced: the token is the feed's only key. */
export function redactUrl(url: string): string {
  return url.replace(/^(\/api\/ical\/)[^?#]*/, '$1[redacted]')
}

type LoggedRequest = {
  id?: unknown
  method?: string
  url?: string
  hostname?: string
  ip?: string
  socket?: { remotePort?: number }
}

/** What the log keeps of a request: never its body, never a secret in the path. */
export function requestSerializer(request: LoggedRequest) {
  return {
    reqId: request.id,
    method: request.method,
    url: redactUrl(request.url ?? ''),
    host: request.hostname,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }
}

type LoggedError = { [key: string]: unknown; type: string; message: string; stack: string }

/** The longest error message kept: a driver's message may quote a value. */
const MAX_MESSAGE = 500

/**
 * What the log keeps of an error: its kind, message, code and stack. The rest of a database
 * error — the SQL text and its parameters (PGlite's `query`/`params`, a month file with every
 * agent's name and leave), a row's `detail` — and any request body are dropped.
 */
export function errorSerializer(error: unknown): LoggedError {
  if (!(error instanceof Error))
    return { type: typeof error, message: String(error).slice(0, MAX_MESSAGE), stack: '' }
  const e = error as Error & { code?: unknown; statusCode?: unknown; severity?: unknown; routine?: unknown }
  return {
    type: e.constructor.name,
    message: e.message.slice(0, MAX_MESSAGE),
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof e.statusCode === 'number' ? { statusCode: e.statusCode } : {}),
    ...(typeof e.severity === 'string' ? { severity: e.severity } : {}),
    ...(typeof e.routine === 'string' ? { routine: e.routine } : {}),
    stack: e.stack ?? '',
    ...(e.cause instanceof Error ? { cause: errorSerializer(e.cause) } : {}),
  }
}

/** The app's logger options: the configured level and stream with the serializers above. */
export function loggerOptions(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (logger === undefined || typeof logger === 'boolean') {
    return logger === true ? loggerOptions({ level: 'info' }) : logger
  }
  return {
    ...logger,
    serializers: {
      ...logger.serializers,
      req: requestSerializer,
      err: errorSerializer,
    },
  }
}
