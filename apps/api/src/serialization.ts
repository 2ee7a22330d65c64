import type { FastifySerializerCompiler } from 'fastify'
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod'

const TRUSTED = new WeakSet<object>()

/**
 * Marks a response schema whose data the server built only from input it validated on the way in
 * (a stored month file is parsed before it is written and again when it is read). Its responses
 * are serialised without validating them a second time: for a month file that check costs more
 * than the rest of the request. The schema still documents the response in OpenAPI.
 */
export function trusted<TSchema extends object>(schema: TSchema): TSchema {
  TRUSTED.add(schema)
  return schema
}

type ZodSerializerCompiler = typeof zodSerializerCompiler
type Schema = ZodSerializerCompiler extends FastifySerializerCompiler<infer T> ? T : never

/** fastify-type-provider-zod's serializer, except for trusted schemas (plain JSON.stringify). */
export const serializerCompiler: FastifySerializerCompiler<Schema> = route =>
  TRUSTED.has(route.schema) ? (data: unknown) => JSON.stringify(data) : zodSerializerCompiler(route)
