import { RosterImportResultSchema, RosterImportSchema } from '@paiban/domain'
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppConfig } from '../config'
import { userOf } from '../plugins/app/auth'
import { errors, MonthParamsSchema } from '../schemas/common'

const MONTH = '/api/teams/:team/months/:month'
const Lang = z.enum(['zh', 'en']).default('zh')
const ImportResult = RosterImportResultSchema.meta({ id: 'RosterImportResult' })

/** The roster as a sheet (issue 23): XLSX download, sheet import, swap and leave registers. */
const routes: FastifyPluginCallbackZod<AppConfig> = (app, _config, done) => {
  app.get(
    `${MONTH}/roster.xlsx`,
    {
      schema: {
        tags: ['exports'],
        summary:
          'The roster as the sheet a centre keeps (XLSX: grouped by job and team leader, holiday marks, coverage counts, A4 landscape one page wide)',
        params: MonthParamsSchema,
        querystring: z.object({ lang: Lang }),
        response: { 200: z.any(), ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { team, month } = request.params
      const file = await app.sheets.rosterFile(userOf(request), team, month, request.query.lang)
      return reply
        .header('content-type', file.type)
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(file.body)
    },
  )

  app.post(
    `${MONTH}/roster-import`,
    {
      schema: {
        tags: ['months'],
        summary: 'Read a roster sheet (XLSX, CSV in UTF-8 or GB18030) into the month (supervisor)',
        description:
          'With `?dryRun=1`: the preview only (every unknown name, unreadable cell and rule violation by sheet row and column), nothing stored. Without: a sheet that reads cleanly is stored as a new draft version (201; 409 if `version` is stale) and its mapping is remembered for the team; one that does not is answered 422 with the preview, nothing stored.',
        params: MonthParamsSchema,
        querystring: z.object({ dryRun: z.enum(['0', '1', 'true', 'false']).optional() }),
        body: RosterImportSchema,
        response: {
          200: ImportResult,
          201: ImportResult,
          422: ImportResult,
          ...errors(400, 401, 403, 404, 409, 413),
        },
      },
    },
    async (request, reply) => {
      const { team, month } = request.params
      const dryRun = request.query.dryRun === '1' || request.query.dryRun === 'true'
      const { status, result } = await app.sheets.importSheet(
        userOf(request),
        team,
        month,
        request.body,
        dryRun,
      )
      if (result.version) void reply.header('etag', `"${result.version.version}"`)
      return reply.code(status).send(result)
    },
  )

  app.get(
    `${MONTH}/registers/:register`,
    {
      schema: {
        tags: ['exports'],
        summary:
          'The swap register (换班登记表) or the leave register (请假登记表) of the month, CSV (BOM) or XLSX',
        params: MonthParamsSchema.extend({ register: z.enum(['swaps', 'leaves']) }),
        querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('csv'), lang: Lang }),
        response: { 200: z.any(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { team, month, register } = request.params
      const { format, lang } = request.query
      const file = await app.sheets.register(userOf(request), team, month, register, format, lang)
      return reply
        .header('content-type', file.type)
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(file.body)
    },
  )
  done()
}

export default routes
