import {
  CertificateResultSchema,
  CertificateSchema,
  ComplianceReportSchema,
  DecisionResultSchema,
  DecisionSchema,
  IcalLinkSchema,
  InboxItemSchema,
  IsoDateSchema,
  LeaveCheckSchema,
  LeaveDraftSchema,
  MyRequestSchema,
  SwapDraftSchema,
  ViolationSchema,
} from '@paiban/domain'
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppConfig } from '../config'
import { userOf } from '../plugins/app/auth'
import type { RequestsService } from '../plugins/app/requests'
import { errors, MonthParamsSchema } from '../schemas/common'
import { MonthViewSchema } from '../schemas/months'
import { trusted } from '../serialization'

const MONTH = '/api/teams/:team/months/:month'

const InboxSchema = trusted(z.array(InboxItemSchema))

type CancelArgs = Parameters<RequestsService['cancelSwap']>
type DecideArgs = Parameters<RequestsService['decideSwap']>

const IdParamsSchema = MonthParamsSchema.extend({ id: z.string().min(1).max(100) })

const routes: FastifyPluginCallbackZod<AppConfig> = (app, _config, done) => {
  app.post(
    `${MONTH}/swaps`,
    {
      schema: {
        tags: ['requests'],
        summary: 'Ask a colleague for a swap (the caller is the requester); 422 with the rules it breaks',
        params: MonthParamsSchema,
        body: SwapDraftSchema,
        response: { 201: z.object({ id: z.string() }), ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { team, month } = request.params
      const out = await app.requests.requestSwap(userOf(request), team, month, request.body)
      return reply.code(201).send(out)
    },
  )

  app.post(
    `${MONTH}/leaves`,
    {
      schema: {
        tags: ['requests'],
        summary: 'Ask for leave (yourself; a team leader may file sick leave for their agents)',
        params: MonthParamsSchema,
        body: LeaveDraftSchema,
        response: { 201: z.object({ requestId: z.string() }), ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { team, month } = request.params
      const out = await app.requests.requestLeave(userOf(request), team, month, request.body)
      return reply.code(201).send(out)
    },
  )

  /** Cancel and decide, the same two routes for each kind of request. */
  const kinds = [
    {
      path: 'swaps',
      cancelSummary: 'Cancel your own pending swap request',
      decideSummary:
        'Approve or reject a swap at your step (counterpart → team leaders → supervisor); the last approval applies it',
      cancel: (...a: CancelArgs) => app.requests.cancelSwap(...a),
      decide: (...a: DecideArgs) => app.requests.decideSwap(...a),
    },
    {
      path: 'leaves',
      cancelSummary: 'Cancel your own pending leave request (by request id or one of its record ids)',
      decideSummary:
        'Approve or reject a leave request (supervisor; the manager too when LEAVE-APPROVER/NIGHT/HOLIDAY/NOTICE ask for it)',
      cancel: (...a: CancelArgs) => app.requests.cancelLeave(...a),
      decide: (...a: DecideArgs) => app.requests.decideLeave(...a),
    },
  ] as const
  for (const kind of kinds) {
    app.delete(
      `${MONTH}/${kind.path}/:id`,
      {
        schema: {
          tags: ['requests'],
          summary: kind.cancelSummary,
          params: IdParamsSchema,
          response: { 204: z.null(), ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { team, month, id } = request.params
        await kind.cancel(userOf(request), team, month, id)
        return reply.code(204).send(null)
      },
    )

    app.post(
      `${MONTH}/${kind.path}/:id/decision`,
      {
        schema: {
          tags: ['requests'],
          summary: kind.decideSummary,
          params: IdParamsSchema,
          body: DecisionSchema,
          response: { 200: DecisionResultSchema, ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      async request => {
        const { team, month, id } = request.params
        const { decision, reason, cover, leaveShort } = request.body
        return kind.decide(userOf(request), team, month, id, decision, reason, { cover, leaveShort })
      },
    )
  }

  app.put(
    `${MONTH}/leaves/:id/certificate`,
    {
      schema: {
        tags: ['requests'],
        summary:
          'Record that the medical certificate of a sick-leave request was handed in (or not): its team leader or the supervisor (LEAVE-SICK-CERT)',
        params: IdParamsSchema,
        body: CertificateSchema,
        response: { 200: CertificateResultSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async request => {
      const { team, month, id } = request.params
      return app.requests.markCertificate(userOf(request), team, month, id, request.body.handedIn)
    },
  )

  app.post(
    `${MONTH}/leave-check`,
    {
      schema: {
        tags: ['requests'],
        summary:
          'Would this leave be accepted, who approves it, does it leave a shift short? Judged as on submit; changes nothing',
        params: MonthParamsSchema,
        body: LeaveDraftSchema,
        response: {
          200: LeaveCheckSchema.extend({
            duplicate: z.object({ zh: z.string(), en: z.string() }).optional(),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async request => {
      const { team, month } = request.params
      return app.requests.leaveCheck(userOf(request), team, month, request.body)
    },
  )

  app.get(
    `${MONTH}/swap-finder`,
    {
      schema: {
        tags: ['requests'],
        summary:
          'The swap finder: for your shift on a date, every colleague with whom a swap is allowed, and why the others are not',
        params: MonthParamsSchema,
        querystring: z.object({ date: IsoDateSchema }),
        response: {
          200: trusted(
            z.array(
              z.object({
                agentId: z.string(),
                name: z.string(),
                theirs: z.string(),
                ok: z.boolean(),
                violations: z.array(ViolationSchema),
              }),
            ),
          ),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async request => {
      const { team, month } = request.params
      return app.requests.swapFinder(userOf(request), team, month, request.query.date)
    },
  )

  app.get(
    '/api/me/requests',
    {
      schema: {
        tags: ['requests'],
        summary: 'Your own swaps and leave requests, newest first: state, where each waits and for whom',
        response: { 200: trusted(z.array(MyRequestSchema)), ...errors(401) },
      },
    },
    async request => app.requests.myRequests(userOf(request)),
  )

  app.get(
    '/api/inbox',
    {
      schema: {
        tags: ['requests'],
        summary: 'What waits for your decision, newest first, each with a fresh rule check',
        response: { 200: InboxSchema, ...errors(401) },
      },
    },
    async request => app.requests.inbox(userOf(request)),
  )

  app.get(
    `${MONTH}/payroll`,
    {
      schema: {
        tags: ['exports'],
        summary: 'The payroll export of the month (CSV with BOM, or XLSX) as an attachment',
        params: MonthParamsSchema,
        querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }),
        response: { 200: z.any(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { team, month } = request.params
      const file = await app.requests.payroll(userOf(request), team, month, request.query.format)
      return reply
        .header('content-type', file.type)
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(file.body)
    },
  )

  app.get(
    `${MONTH}/compliance`,
    {
      schema: {
        tags: ['exports'],
        summary:
          'The monthly compliance report: every violation, manager exception and late approval (JSON, or CSV with BOM as an attachment)',
        params: MonthParamsSchema,
        querystring: z.object({
          format: z.enum(['json', 'csv']).default('json'),
          /** The language of the CSV's headers and messages (JSON carries both). */
          lang: z.enum(['zh', 'en']).default('zh'),
        }),
        response: {
          // JSON, or the CSV text (sent as text/csv, never serialised as JSON).
          200: z.union([ComplianceReportSchema.extend({ version: z.number().int() }), z.string()]),
          ...errors(400, 401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const { team, month } = request.params
      const user = userOf(request)
      if (request.query.format === 'json') return app.requests.compliance(user, team, month)
      const file = await app.requests.complianceFile(user, team, month, request.query.lang)
      return reply
        .header('content-type', file.type)
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(file.body)
    },
  )

  app.get(
    `${MONTH}/versions/:version`,
    {
      schema: {
        tags: ['months'],
        summary: 'One version of the month with its month file',
        params: MonthParamsSchema.extend({ version: z.coerce.number().int().min(1) }),
        response: { 200: MonthViewSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async request => {
      const { team, month, version } = request.params
      return app.requests.version(team, month, version)
    },
  )

  const icalUrl = (token: string) => `/api/ical/${token}`

  app.get(
    '/api/me/ical',
    {
      schema: {
        tags: ['exports'],
        summary:
          'The address of your secret iCal feed, shown when it is made (first use); null afterwards (only its hash is stored): DELETE makes a new one',
        response: { 200: IcalLinkSchema, ...errors(401, 403) },
      },
    },
    async request => {
      const { token, createdAt } = await app.requests.icalToken(userOf(request), false)
      return { url: token === null ? null : icalUrl(token), ...(createdAt ? { createdAt } : {}) }
    },
  )

  app.delete(
    '/api/me/ical',
    {
      schema: {
        tags: ['exports'],
        summary: 'Revoke your iCal feed: the old address stops working, a new one is answered',
        response: { 200: IcalLinkSchema, ...errors(401, 403) },
      },
    },
    async request => {
      const { token } = await app.requests.icalToken(userOf(request), true)
      return { url: token === null ? null : icalUrl(token) }
    },
  )

  app.get(
    '/api/ical/:token',
    {
      schema: {
        tags: ['exports'],
        summary: 'An agent’s shifts as iCalendar (the token is the secret)',
        params: z.object({ token: z.string().min(1).max(100) }),
        response: { 200: z.any(), ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      const body = await app.requests.icalFeed(request.params.token)
      return reply.header('content-type', 'text/calendar; charset=utf-8').send(body)
    },
  )

  done()
}

export default routes
