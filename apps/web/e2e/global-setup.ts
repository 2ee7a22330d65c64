import { buildWeb } from './harness'

/** Builds the web app (to apps/web/dist) once before the end-to-end tests. */
export default async function setup(): Promise<void> {
  if (process.env.PAIBAN_E2E_SKIP_BUILD === '1') return
  await buildWeb()
}
