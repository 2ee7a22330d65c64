import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/**
 * The web app's end-to-end tests: a real browser (Debian's Chromium through playwright-core)
 * against the real API server started per test file. Kept out of the root `vitest run` (they need
 * Chromium and take a minute); run them with
 *   bash apps/web/scripts/e2e-setup.sh && npx vitest run -c apps/web/vitest.e2e.config.ts
 * The global setup builds the web app first, so the tests always run the current source.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    // Each file starts its own server and browser: one file at a time on two cores.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 240_000,
  },
})
