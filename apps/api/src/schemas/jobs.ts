import { z } from 'zod'
import { JOB_STATUSES } from '../db/schema'

export const JobProgressSchema = z.object({
  /** Hard violation units of the best roster so far (0: every hard rule met). */
  hard: z.number(),
  /** Its weighted soft penalty. */
  soft: z.number(),
  elapsedMs: z.number(),
})

export const JobSchema = z
  .object({
    id: z.string(),
    team: z.string(),
    month: z.string(),
    status: z.enum(JOB_STATUSES),
    seconds: z.number(),
    seed: z.number().int(),
    replan: z.boolean(),
    baseVersion: z.number().int(),
    /** The draft version the job wrote (status done). */
    resultVersion: z.number().int().nullable(),
    progress: JobProgressSchema.nullable(),
    outcome: z
      .object({
        status: z.string(),
        ok: z.boolean(),
        hard: z.number(),
        soft: z.number(),
        elapsedMs: z.number(),
      })
      .nullable(),
    /** Why it failed, e.g. "interrupted by a restart". */
    error: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Job' })
