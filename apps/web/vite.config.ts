import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const source = (pkg: string) => fileURLToPath(new URL(`../../packages/${pkg}/src/index.ts`, import.meta.url))

/**
 * The web app: built to `dist/`, which the API serves on its own port. The workspace packages are
 * compiled from source (they export `./src/index.ts`), so the browser runs the very same rule
 * checks as the server. In dev, `/api` goes to the API on port 3000.
 */
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@paiban/domain': source('domain'),
      '@paiban/rules': source('rules'),
    },
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The rules, zod, luxon and the holiday data make one ~300 kB chunk; that is expected.
    chunkSizeWarningLimit: 1200,
  },
})
