import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { JobProgress } from '../db/schema'
import { userOf } from '../plugins/app/auth'
import { isTerminal, type JobView } from '../plugins/app/jobs'
import { errors, JobParamsSchema } from '../schemas/common'
import { JobSchema } from '../schemas/jobs'

const routes: FastifyPluginCallbackZod = (app, _options, done) => {
  /** Open event streams, ended when the server closes (they would hold it open). */
  const streams = new Set<() => void>()
  app.addHook('preClose', next => {
    for (const end of [...streams]) end()
    next()
  })

  app.get(
    '/api/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: 'A solver job: status, progress, result version or error',
        params: JobParamsSchema,
        response: { 200: JobSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async request => app.jobs.get(userOf(request), request.params.id),
  )

  app.delete(
    '/api/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Cancel a queued or running job: its worker is stopped, no version is written',
        params: JobParamsSchema,
        response: { 200: JobSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async request => app.jobs.cancel(userOf(request), request.params.id),
  )

  app.get(
    '/api/jobs/:id/events',
    {
      schema: {
        tags: ['jobs'],
        summary:
          'Server-sent events: `job` (the job now), `progress` (best score, elapsed) until `end` (the final job)',
        params: JobParamsSchema,
        produces: ['text/event-stream'],
        response: { 200: z.string().describe('text/event-stream'), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const job = await app.jobs.get(userOf(request), id)
      reply.hijack()
      const raw = reply.raw
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      const send = (event: string, data: unknown) =>
        raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
      send('job', job)
      if (isTerminal(job.status)) {
        send('end', job)
        raw.end()
        return
      }
      let lastElapsed = job.progress?.elapsedMs ?? -1
      let open = true
      const progress = (p: JobProgress) => {
        if (!open || p.elapsedMs <= lastElapsed) return
        lastElapsed = p.elapsedMs
        send('progress', p)
      }
      const end = (final?: JobView) => {
        if (!open) return
        open = false
        unsubscribe()
        clearInterval(poll)
        clearInterval(ping)
        streams.delete(end)
        if (final) send('end', final)
        raw.end()
      }
      const unsubscribe = app.jobs.subscribe(id, event => {
        if (event.type === 'progress') progress(event.progress)
        else end(event.job)
      })
      // A job run by another process (PostgreSQL) reaches us only through its row.
      const poll = setInterval(() => {
        app.jobs.view(id).then(
          current => {
            if (current.progress) progress(current.progress)
            if (isTerminal(current.status)) end(current)
          },
          (error: unknown) => {
            request.log.error({ err: error }, 'job event stream')
            end()
          },
        )
      }, 1000)
      const ping = setInterval(() => raw.write(': ping\n\n'), 15_000)
      streams.add(end)
      raw.on('close', () => end())
      const local = app.jobs.localProgress(id)
      if (local) progress(local)
    },
  )
  done()
}

export default routes
