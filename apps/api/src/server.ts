import { parseWith } from '@paiban/domain'
import { buildApp } from './app'
import { configFromEnv, EnvSchema } from './config'
import { startWatchdog } from './watchdog'

/**
 * The only place that reads the environment and listens. `pnpm start` runs this file; see
 * README.md for the variables.
 */
const env = parseWith(EnvSchema, process.env)
if (!env.ok) {
  for (const issue of env.issues) process.stderr.write(`${issue.path}: ${issue.message}\n`)
  process.exit(2)
}
const { port, host, hangMs, config } = configFromEnv(env.value)
const app = await buildApp(config).catch((error: unknown) => {
  // A start that cannot use its data says why (read-only, full, in use by another process).
  process.stderr.write(`paiban: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})

let closing = false
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'closing')
    // A second signal, or a close that hangs, ends the process anyway.
    setTimeout(() => process.exit(1), 8_000).unref()
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'close failed')
        process.exit(1)
      },
    )
  })

await app.listen({ port, host })
// From here on a blocked event loop ends the process (a first start's demo solve comes before).
startWatchdog(hangMs)
