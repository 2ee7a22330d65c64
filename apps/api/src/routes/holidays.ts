import { HolidayArrangementSchema, HolidayYearSchema } from '@paiban/domain'
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { userOf } from '../plugins/app/auth'
import { errors } from '../schemas/common'

const YearParamsSchema = z.object({ year: z.coerce.number().int().min(1950).max(2100) })
const HolidayYear = HolidayYearSchema.meta({ id: 'HolidayYear' })

/**
 * CAL-HOLIDAY: the centre's holiday calendar per year. The statutory days are computed from the
 * law; the year's arrangement (`paiban.holidays/1`, formats.md §3) is uploaded once for every team,
 * versioned and audited, and every month file the server hands out carries it.
 */
const routes: FastifyPluginCallbackZod = (app, _options, done) => {
  app.get(
    '/api/holidays',
    {
      schema: {
        tags: ['holidays'],
        summary: 'The holiday calendar of this year, the next and every year with an imported arrangement',
        response: { 200: z.array(HolidayYear), ...errors(401, 403) },
      },
    },
    async () => app.holidays.years(),
  )

  app.get(
    '/api/holidays/:year',
    {
      schema: {
        tags: ['holidays'],
        summary: "A year's computed statutory days and its imported arrangement, if any",
        params: YearParamsSchema,
        response: { 200: HolidayYear, ...errors(400, 401, 403) },
      },
    },
    async request => app.holidays.year(request.params.year),
  )

  app.put(
    '/api/holidays/:year',
    {
      schema: {
        tags: ['holidays'],
        summary: "Upload a year's arrangement paiban.holidays/1 as its next version (supervisor, manager)",
        description:
          'The body is a `paiban.holidays/1` file, validated whole: an unknown format, a date outside its year or in two lists, or a `statutory` list that differs from the computed days is 400 naming the field and date, and nothing is stored. `version` is the version it replaces (0 for the first); a stale one is 409.',
        params: YearParamsSchema,
        querystring: z.object({ version: z.coerce.number().int().min(0) }),
        body: HolidayArrangementSchema,
        response: { 200: HolidayYear, ...errors(400, 401, 403, 409, 413) },
      },
    },
    async request =>
      app.holidays.store(userOf(request), request.params.year, request.query.version, request.body),
  )
  done()
}

export default routes
