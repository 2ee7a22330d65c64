import { MeSchema as DomainMeSchema } from '@paiban/domain'

export { SignInSchema } from '@paiban/domain'

/** The signed-in person (`@paiban/domain`'s `MeSchema`, OpenAPI id `Me`). */
export const MeSchema = DomainMeSchema.meta({ id: 'Me' })
