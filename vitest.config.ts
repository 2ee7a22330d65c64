import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['packages/*/tests/**/*.test.ts', 'apps/*/tests/**/*.test.ts', 'tests/**/*.test.ts'],
    // The CLI tests spawn processes; keep the two cores for them rather than oversubscribing.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
})
