import {
  AttendanceDaySchema,
  AttendanceWriteSchema,
  ClockImportResultSchema,
  ClockImportSchema,
  EmergencyLeaveResultSchema,
  EmergencyLeaveSchema,
  HandoverAckSchema,
  HandoverDaySchema,
  HandoverWriteSchema,
  IsoDateSchema,
  PayrollSheetSchema,
  ShiftSchema,
} from '@paiban/domain'
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod'
import type { AppConfig } from '../config'
import { userOf } from '../plugins/app/auth'
import { errors, MonthParamsSchema } from '../schemas/common'

const MONTH = '/api/teams/:team/months/:month'
const ShiftParamsSchema = MonthParamsSchema.extend({ date: IsoDateSchema, shift: ShiftSchema })

/** ATTEND-RECORD and LEAVE-EMERGENCY: schema + a call into the attendance service, per route. */
const routes: FastifyPluginCallbackZod<AppConfig> = (app, _config, done) => {
  app.get(
    `${MONTH}/attendance/:date/:shift`,
    {
      schema: {
        tags: ['attendance'],
        summary: "A shift's people with their report time and what was recorded (ATTEND-RECORD)",
        params: ShiftParamsSchema,
        response: { 200: AttendanceDaySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async request => {
      const { team, month, date, shift } = request.params
      return app.attendance.day(userOf(request), team, month, date, shift)
    },
  )

  app.put(
    `${MONTH}/attendance/:date/:shift`,
    {
      schema: {
        tags: ['attendance'],
        summary:
          'Record or correct a shift (the team leader on duty, or the supervisor); 409 when someone saved it since `revision`; audited',
        params: ShiftParamsSchema,
        body: AttendanceWriteSchema,
        response: { 200: AttendanceDaySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async request => {
      const { team, month, date, shift } = request.params
      return app.attendance.save(userOf(request), team, month, date, shift, request.body)
    },
  )

  app.post(
    `${MONTH}/attendance/import`,
    {
      schema: {
        tags: ['attendance'],
        summary:
          "Import the time clock's CSV export (employee number, date, in, out; columns mapped by header); any bad row named and nothing stored",
        params: MonthParamsSchema,
        body: ClockImportSchema,
        response: { 200: ClockImportResultSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async request => {
      const { team, month } = request.params
      return app.attendance.importClock(userOf(request), team, month, request.body)
    },
  )

  app.post(
    `${MONTH}/emergency-leaves`,
    {
      schema: {
        tags: ['attendance'],
        summary:
          'File emergency sick leave for an agent before the report time (LEAVE-EMERGENCY): the cell becomes L at once; answers the coverage gap',
        params: MonthParamsSchema,
        body: EmergencyLeaveSchema,
        response: { 201: EmergencyLeaveResultSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { team, month } = request.params
      const out = await app.attendance.emergencyLeave(userOf(request), team, month, request.body)
      return reply.code(201).send(out)
    },
  )

  app.get(
    `${MONTH}/payroll/table`,
    {
      schema: {
        tags: ['attendance'],
        summary:
          "The month's payroll table from plan + record (rules.md §7) as JSON: the CSV/XLSX columns, one row per agent, the totals row",
        params: MonthParamsSchema,
        response: { 200: PayrollSheetSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async request => app.attendance.payrollSheet(userOf(request), request.params.team, request.params.month),
  )

  app.get(
    `${MONTH}/handovers/:date/:shift`,
    {
      schema: {
        tags: ['attendance'],
        summary:
          "A shift's handover log (HANDOVER-LOG) with the day's swaps pre-filled, and who may write or acknowledge it",
        params: ShiftParamsSchema,
        response: { 200: HandoverDaySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async request => {
      const { team, month, date, shift } = request.params
      return app.handovers.day(userOf(request), team, month, date, shift)
    },
  )

  app.put(
    `${MONTH}/handovers/:date/:shift`,
    {
      schema: {
        tags: ['attendance'],
        summary:
          "The outgoing lead writes the shift's handover log (equipment, open problems, swaps); 409 when someone saved it since `revision`; audited",
        params: ShiftParamsSchema,
        body: HandoverWriteSchema,
        response: { 200: HandoverDaySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async request => {
      const { team, month, date, shift } = request.params
      return app.handovers.write(userOf(request), team, month, date, shift, request.body)
    },
  )

  app.post(
    `${MONTH}/handovers/:date/:shift/acknowledge`,
    {
      schema: {
        tags: ['attendance'],
        summary:
          'The incoming lead acknowledges the handover log at roll call; 409 on a stale `revision`; audited',
        params: ShiftParamsSchema,
        body: HandoverAckSchema,
        response: { 200: HandoverDaySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async request => {
      const { team, month, date, shift } = request.params
      return app.handovers.acknowledge(userOf(request), team, month, date, shift, request.body)
    },
  )

  done()
}

export default routes
