import { MonthFileSchema } from '@paiban/domain'
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod'
import type { AppConfig } from '../config'
import { userOf } from '../plugins/app/auth'
import { errors, MonthParamsSchema } from '../schemas/common'
import { JobSchema } from '../schemas/jobs'
import {
  CheckResultSchema,
  EditCellsSchema,
  GenerateSchema,
  MonthViewSchema,
  PublishSchema,
  SwapRequestSchema,
  TeamsSchema,
  VersionInfoSchema,
} from '../schemas/months'
import { z } from 'zod'

const MONTH = '/api/teams/:team/months/:month'

/** `POST …/approvals/confirm`: which request (a swap's id, or a leave's id or request id). */
const ConfirmApprovalsSchema = z.object({ kind: z.enum(['swap', 'leave']), id: z.string().min(1) })

const routes: FastifyPluginCallbackZod<AppConfig> = (app, config, done) => {
  app.get(
    '/api/teams',
    {
      schema: {
        tags: ['months'],
        summary: 'The teams you may see, with their months',
        response: { 200: TeamsSchema, ...errors(401, 403) },
      },
    },
    async request => app.months.teams(userOf(request)),
  )

  app.get(
    MONTH,
    {
      schema: {
        tags: ['months'],
        summary:
          'The month file of the latest version you may see (supervisor: draft or published; others: published)',
        params: MonthParamsSchema,
        response: { 200: MonthViewSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const view = await app.months.read(userOf(request), request.params.team, request.params.month)
      void reply.header('etag', `"${view.version}"`)
      return view
    },
  )

  app.put(
    MONTH,
    {
      schema: {
        tags: ['months'],
        summary: 'Import a month file as a new draft version (supervisor)',
        description:
          'The body is a month file (formats.md §1), validated whole; a bad field is answered 400 with its path (e.g. `agents[3].level`) and nothing is stored. `team.id` and `month` must match the URL.',
        params: MonthParamsSchema,
        body: MonthFileSchema,
        response: { 201: VersionInfoSchema, ...errors(400, 401, 403, 413) },
      },
    },
    async (request, reply) => {
      const { team, month } = request.params
      const info = await app.months.import(userOf(request), team, month, request.body)
      return reply.code(201).header('etag', `"${info.version}"`).send(info)
    },
  )

  app.patch(
    `${MONTH}/cells`,
    {
      schema: {
        tags: ['months'],
        summary: 'Edit cells of the latest version (supervisor); 409 if `version` is not the latest',
        params: MonthParamsSchema,
        body: EditCellsSchema,
        response: { 200: VersionInfoSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { team, month } = request.params
      const info = await app.months.edit(
        userOf(request),
        team,
        month,
        request.body.version,
        request.body.edits,
      )
      return reply.header('etag', `"${info.version}"`).send(info)
    },
  )

  app.post(
    `${MONTH}/approvals/confirm`,
    {
      schema: {
        tags: ['months'],
        summary:
          'Confirm with your own sign-in your approvals of one request that a month file import recorded (supervisor, manager); until then they count as missing',
        params: MonthParamsSchema,
        body: ConfirmApprovalsSchema,
        response: {
          200: z.object({ version: z.number().int(), confirmed: z.number().int() }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async request =>
      app.months.confirmApprovals(
        userOf(request),
        request.params.team,
        request.params.month,
        request.body.kind,
        request.body.id,
      ),
  )

  app.post(
    `${MONTH}/check`,
    {
      schema: {
        tags: ['months'],
        summary: 'Every rule against the version you may see',
        params: MonthParamsSchema,
        response: { 200: CheckResultSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async request => app.months.check(userOf(request), request.params.team, request.params.month),
  )

  app.post(
    `${MONTH}/publish`,
    {
      schema: {
        tags: ['months'],
        summary: 'Publish the latest version (supervisor); 409 if `version` is not the latest',
        params: MonthParamsSchema,
        body: PublishSchema,
        response: { 200: VersionInfoSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async request =>
      app.months.publish(userOf(request), request.params.team, request.params.month, request.body.version),
  )

  app.get(
    `${MONTH}/versions`,
    {
      schema: {
        tags: ['months'],
        summary: 'The history of versions, newest first',
        params: MonthParamsSchema,
        response: { 200: z.array(VersionInfoSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async request => app.months.versions(request.params.team, request.params.month),
  )

  app.post(
    `${MONTH}/swap-check`,
    {
      schema: {
        tags: ['months'],
        summary:
          'Would this swap be allowed once approved? Judged as on submit: the latest version with the stored requests. Changes nothing',
        params: MonthParamsSchema,
        body: SwapRequestSchema,
        response: {
          200: CheckResultSchema.extend({
            /** A pending swap of the requester on these dates: sending would answer 409. */
            duplicate: z.object({ zh: z.string(), en: z.string() }).optional(),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async request => {
      const { submittedAt, ...rest } = request.body
      return app.requests.swapCheck(userOf(request), request.params.team, request.params.month, {
        ...rest,
        submittedAt: submittedAt ?? config.clock().toISOString(),
      })
    },
  )

  app.post(
    `${MONTH}/generate`,
    {
      schema: {
        tags: ['jobs'],
        summary: 'Start a solver job on the latest version (supervisor); follow it at /api/jobs/:id',
        params: MonthParamsSchema,
        body: GenerateSchema,
        response: { 202: JobSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const job = await app.jobs.create(
        userOf(request),
        request.params.team,
        request.params.month,
        request.body,
      )
      return reply.code(202).header('location', `/api/jobs/${job.id}`).send(job)
    },
  )
  done()
}

export default routes
