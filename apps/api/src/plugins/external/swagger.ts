import swagger from '@fastify/swagger'
import fp from 'fastify-plugin'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'

/**
 * The OpenAPI document, generated from the routes' zod schemas and served at
 * `GET /api/openapi.json`. Registered before the routes: it collects them as they are added.
 */
export default fp(
  async app => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Paiban API',
          description:
            'Day/night shift rosters of a customer-service centre: months and their versions, sign-in and roles, rule checks, solver jobs. Sign in with POST /api/session; the session is a cookie.',
          version: '0.1.0',
        },
        components: {
          securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'paiban_session' } },
        },
        security: [{ session: [] }],
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    })
    app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger())
  },
  { name: 'swagger' },
)
