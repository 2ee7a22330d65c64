import fp from 'fastify-plugin'

/**
 * The Content-Security-Policy of every answer. The web app's build has no inline script or
 * style element (checked by tests/headers.test.ts on the built index.html); React's `style`
 * props go through the CSSOM, which `style-src 'self'` does not block. `frame-ancestors 'none'`
 * (and X-Frame-Options for older browsers) keeps the app out of other sites' frames.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * Security headers on every answer; `Cache-Control: no-store` on every /api answer (names, sick
 * leave, pay and feeds must not stay in a shared browser's or proxy's cache). The web app's static
 * files keep their own caching. `Referrer-Policy: no-referrer`: a page never tells another site
 * which address it came from (an iCal feed's address is its secret).
 */
export default fp(
  (app, _options, done) => {
    app.addHook('onSend', (request, reply, payload, hookDone) => {
      void reply.header('content-security-policy', CONTENT_SECURITY_POLICY)
      void reply.header('x-content-type-options', 'nosniff')
      void reply.header('x-frame-options', 'DENY')
      void reply.header('referrer-policy', 'no-referrer')
      void reply.header('cross-origin-opener-policy', 'same-origin')
      if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store')
      hookDone(null, payload)
    })
    done()
  },
  { name: 'headers' },
)
