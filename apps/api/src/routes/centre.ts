import {
  ImportResultSchema,
  PasswordChangeSchema,
  PasswordResetSchema,
  SettingsSchema,
  SettingsUpdateSchema,
  SignInCreateSchema,
  SignInInfoSchema,
  StaffPatchSchema,
  StaffSchema,
  StartMonthResultSchema,
  TeamCreateSchema,
  TeamInfoSchema,
  TeamPatchSchema,
} from '@paiban/domain'
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppConfig } from '../config'
import { SESSION_COOKIE, userOf } from '../plugins/app/auth'
import { errors, MonthParamsSchema, TeamIdSchema } from '../schemas/common'

const TeamParams = z.object({ team: TeamIdSchema })
const StaffParams = z.object({ team: TeamIdSchema, id: z.string().min(1).max(100) })

/** Staff sheets: CSV (any text type) or XLSX, as the raw request body. */
const SHEET_TYPES = [
  'text/csv',
  'text/plain',
  'application/csv',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
]
/** A staff sheet of a few thousand people is well under a megabyte; 8 MiB leaves room. */
const SHEET_LIMIT = 8 * 1024 * 1024

/**
 * The centre's own data (issue 18): teams, people and their import, sign-ins and passwords, team
 * settings, and starting a month. Thin: schema + a call into `app.centre` or `app.auth`.
 */
const routes: FastifyPluginCallbackZod<AppConfig> = (app, _config, done) => {
  app.addContentTypeParser(
    SHEET_TYPES,
    { parseAs: 'buffer', bodyLimit: SHEET_LIMIT },
    (_request, body, next) => next(null, body),
  )

  app.get(
    '/api/admin/teams',
    {
      schema: {
        tags: ['centre'],
        summary: 'Every team, archived ones too, with its jobs and head count (admin)',
        response: { 200: z.array(TeamInfoSchema), ...errors(401, 403) },
      },
    },
    async () => app.centre.teams(),
  )

  app.post(
    '/api/teams',
    {
      schema: {
        tags: ['centre'],
        summary: 'Create a team (admin); 409 if the id is taken',
        body: TeamCreateSchema,
        response: { 201: TeamInfoSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await app.centre.createTeam(userOf(request), request.body)),
  )

  app.patch(
    '/api/teams/:team',
    {
      schema: {
        tags: ['centre'],
        summary: 'Rename a team, change its time zone or jobs, archive or restore it (admin)',
        params: TeamParams,
        body: TeamPatchSchema,
        response: { 200: TeamInfoSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async request => app.centre.patchTeam(userOf(request), request.params.team, request.body),
  )

  app.get(
    '/api/teams/:team/people',
    {
      schema: {
        tags: ['centre'],
        summary: "The team's people, leavers too (with their leaving date)",
        params: TeamParams,
        response: { 200: z.array(StaffSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async request => app.centre.staff(app.db, request.params.team),
  )

  app.post(
    '/api/teams/:team/people',
    {
      schema: {
        tags: ['centre'],
        summary: 'Add a person to the team; 409 if the 工号 is on it already',
        params: TeamParams,
        body: StaffSchema,
        response: { 201: StaffSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await app.centre.addStaff(userOf(request), request.params.team, request.body)),
  )

  app.patch(
    '/api/teams/:team/people/:id',
    {
      schema: {
        tags: ['centre'],
        summary: 'Edit a person, take them out from a date on (`leftOn`), or move them (`team`, admin)',
        params: StaffParams,
        body: StaffPatchSchema,
        response: { 200: StaffSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async request =>
      app.centre.patchStaff(userOf(request), request.params.team, request.params.id, request.body),
  )

  app.post(
    '/api/teams/:team/people/import',
    {
      schema: {
        tags: ['centre'],
        summary: 'Import a staff sheet (CSV UTF-8/GB18030 or XLSX body); `?dryRun=1` only previews',
        description:
          'Nothing is stored while any row is bad (400, each issue `row N, column`); with `dryRun` the answer lists every row as it would be stored and every bad cell. Re-importing updates people by 工号.',
        params: TeamParams,
        querystring: z.object({ dryRun: z.enum(['0', '1', 'true', 'false']).optional() }),
        response: { 200: ImportResultSchema, ...errors(400, 401, 403, 404, 413, 415) },
      },
    },
    async request => {
      const body = request.body
      const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : '')
      const dryRun = request.query.dryRun === '1' || request.query.dryRun === 'true'
      return app.centre.importStaff(userOf(request), request.params.team, bytes, dryRun)
    },
  )

  app.get(
    '/api/signins',
    {
      schema: {
        tags: ['centre'],
        summary: 'Sign-ins: every one (admin), or your team’s (supervisor)',
        response: { 200: z.array(SignInInfoSchema), ...errors(401, 403) },
      },
    },
    async request => app.centre.signIns(userOf(request)),
  )

  app.post(
    '/api/signins',
    {
      schema: {
        tags: ['centre'],
        summary: 'Create a sign-in with a first password that must be changed (admin)',
        body: SignInCreateSchema,
        response: { 201: SignInInfoSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await app.centre.createSignIn(userOf(request), request.body)),
  )

  app.post(
    '/api/signins/:id/password',
    {
      schema: {
        tags: ['centre'],
        summary: 'Reset a password to a new first password (admin; supervisor for their team)',
        params: z.object({ id: z.coerce.number().int().min(1) }),
        body: PasswordResetSchema,
        response: { 204: z.null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await app.centre.resetPassword(userOf(request), request.params.id, request.body.password)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/api/me/password',
    {
      schema: {
        tags: ['session'],
        summary: 'Change your own password; your other sessions end',
        body: PasswordChangeSchema,
        response: { 204: z.null(), ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      await app.auth.changePassword(
        userOf(request),
        request.body.current,
        request.body.next,
        request.cookies[SESSION_COOKIE] ?? '',
      )
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/api/teams/:team/settings',
    {
      schema: {
        tags: ['centre'],
        summary: "The team's policy, shift times and coverage, with the seed defaults beside",
        params: TeamParams,
        response: { 200: SettingsSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async request => app.centre.settings(request.params.team),
  )

  app.put(
    '/api/teams/:team/settings',
    {
      schema: {
        tags: ['centre'],
        summary: 'A new settings version made on `version` (409 if stale); validated as the month file',
        params: TeamParams,
        body: SettingsUpdateSchema,
        response: { 200: SettingsSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async request => app.centre.updateSettings(userOf(request), request.params.team, request.body),
  )

  app.post(
    '/api/teams/:team/months/:month/start',
    {
      schema: {
        tags: ['months'],
        summary: 'Start a month from the team as it stands; 409 if it exists',
        description:
          'People, policy and coverage as they stand, wishes empty, the roster all `?`, `previous` = the last 6 days of the month before (its latest published roster, else its latest draft: `previousFrom.state`).',
        params: MonthParamsSchema,
        response: { 201: StartMonthResultSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await app.centre.startMonth(userOf(request), request.params.team, request.params.month)),
  )
  done()
}

export default routes
