import { ISO_MONTH, ViolationSchema } from '@paiban/domain'
import { z } from 'zod'

/** One bad field: `agents[3].level`, `edits[0].cell`, `params.month`… */
export const IssueSchema = z.object({ path: z.string(), message: z.string() })

/** Every error the API answers: 4xx say what is wrong with which field; 5xx say only that it failed. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'BAD_REQUEST' }),
      message: z.string(),
      issues: z.array(IssueSchema).optional(),
      /** With 409 STALE_VERSION: the month's version now. */
      currentVersion: z.number().int().optional(),
      /** With 5xx: quote it to whoever reads the server's log. */
      requestId: z.string().optional(),
      /** What a person reads, in Chinese and English. */
      text: z.object({ zh: z.string(), en: z.string() }).optional(),
      /** With 422 from the rules: the violations, bilingual. */
      violations: z.array(ViolationSchema).optional(),
    }),
  })
  .meta({ id: 'Error' })

/** The error responses of a route, for its schema (and the OpenAPI document). */
export function errors<const TCodes extends readonly number[]>(
  ...codes: TCodes
): Record<TCodes[number], typeof ErrorSchema> {
  return Object.fromEntries(codes.map(code => [code, ErrorSchema])) as Record<
    TCodes[number],
    typeof ErrorSchema
  >
}

export const TeamIdSchema = z.string().min(1).max(64)
export const MonthSchema = z.string().regex(ISO_MONTH, 'expected a month YYYY-MM')

export const MonthParamsSchema = z.object({ team: TeamIdSchema, month: MonthSchema })
export const JobParamsSchema = z.object({ id: z.uuid('expected a job id (UUID)') })

/** A version number as the client last saw it. */
export const VersionNumberSchema = z.number().int().min(1)
