import { z } from 'zod'
import { ROLES } from '../db/schema'

export const SignInSchema = z.object({
  login: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
})

/** The signed-in person. */
export const MeSchema = z
  .object({
    login: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    /** Their team's id. */
    team: z.string(),
    /** Their id in the team's month files; null for supervisor, manager and hr. */
    agentId: z.string().nullable(),
  })
  .meta({ id: 'Me' })
