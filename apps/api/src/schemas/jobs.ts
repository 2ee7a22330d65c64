import { SolverJobSchema } from '@paiban/domain'

/** A solver job (`@paiban/domain`'s `SolverJobSchema`, OpenAPI id `Job`). */
export const JobSchema = SolverJobSchema.meta({ id: 'Job' })
