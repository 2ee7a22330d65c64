import {
  CheckResultSchema as DomainCheckResultSchema,
  InstantSchema,
  IsoDateSchema,
  MonthViewSchema as DomainMonthViewSchema,
  SwapSchema,
  TeamSummarySchema,
  VersionInfoSchema as DomainVersionInfoSchema,
} from '@paiban/domain'
import { z } from 'zod'
import { trusted } from '../serialization'
import { VersionNumberSchema } from './common'

/** The shapes themselves are `@paiban/domain`'s (apps/web reads them too); here they get their OpenAPI ids. */

export const VersionInfoSchema = DomainVersionInfoSchema.meta({ id: 'VersionInfo' })

/** A month as the caller may see it: the version's info and its month file (formats.md §1). */
export const MonthViewSchema = trusted(DomainMonthViewSchema.meta({ id: 'MonthView' }))

export const TeamsSchema = z.array(TeamSummarySchema)

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

export const CheckResultSchema = DomainCheckResultSchema.meta({ id: 'CheckResult' })

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
