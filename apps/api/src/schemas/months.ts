import { InstantSchema, IsoDateSchema, MonthFileSchema, SwapSchema, ViolationSchema } from '@paiban/domain'
import { z } from 'zod'
import { VERSION_SOURCES, VERSION_STATES } from '../db/schema'
import { trusted } from '../serialization'
import { VersionNumberSchema } from './common'

export const VersionInfoSchema = z
  .object({
    version: z.number().int(),
    state: z.enum(VERSION_STATES),
    source: z.enum(VERSION_SOURCES),
    createdAt: z.string(),
    /** Login of who made it (null: the system, e.g. the demo). */
    createdBy: z.string().nullable(),
    publishedAt: z.string().nullable(),
    publishedBy: z.string().nullable(),
    /** The solver job that generated it. */
    jobId: z.string().nullable(),
  })
  .meta({ id: 'VersionInfo' })

/** A month as the caller may see it: the version's info and its month file (formats.md §1). */
export const MonthViewSchema = trusted(
  VersionInfoSchema.extend({
    team: z.string(),
    month: z.string(),
    /** The latest version the month is at (supervisors), or the version shown (everyone else). */
    latestVersion: z.number().int(),
    file: MonthFileSchema,
  }).meta({ id: 'MonthView' }),
)

export const TeamsSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    timeZone: z.string(),
    months: z.array(
      z.object({
        month: z.string(),
        state: z.enum(VERSION_STATES),
        latestVersion: z.number().int(),
        publishedVersion: z.number().int().nullable(),
      }),
    ),
  }),
)

export const CellEditSchema = z.object({
  agentId: z.string().min(1),
  date: IsoDateSchema,
  cell: z.enum(['D', 'N', '-', 'L', '?']),
})

/** Cell edits made on `version`; applied only if it is still the latest. */
export const EditCellsSchema = z.object({
  version: VersionNumberSchema,
  edits: z.array(CellEditSchema).min(1).max(10_000),
})

export const PublishSchema = z.object({ version: VersionNumberSchema })

export const CheckResultSchema = z
  .object({ ok: z.boolean(), violations: z.array(ViolationSchema), version: z.number().int() })
  .meta({ id: 'CheckResult' })

/** A swap request as in a month file's `swaps`; `submittedAt` defaults to now. */
export const SwapRequestSchema = SwapSchema.extend({ submittedAt: InstantSchema.optional() })

export const GenerateSchema = z
  .object({
    /** Solver time limit. */
    seconds: z.number().min(0.1).max(600).default(10),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    /** true: re-plan every cell but approved leave (L); false: fill only the undecided cells (?). */
    replan: z.boolean().default(false),
  })
  // No body at all: every default.
  .prefault({})
