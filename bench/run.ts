import { benchApi } from './api'
import { benchCurtois } from './curtois'
import { benchCurtoisScaled } from './curtois-scaled'
import { benchExact } from './exact'
import { benchGenerate } from './generate'
import { benchRules } from './rules'
import { benchWeb } from './web'

/**
 * `pnpm bench [section…]`: runs the benchmarks and writes docs/benchmarks.md. Sections: rules, generate, exact, curtois, api, web, curtois-scaled.
 * Targets live here and in that file, never in unit tests.
 */
const SECTIONS: Record<string, () => Promise<string>> = {
  rules: benchRules,
  generate: benchGenerate,
  exact: benchExact,
  curtois: benchCurtois,
  api: benchApi,
  web: benchWeb,
  'curtois-scaled': () => benchCurtoisScaled(),
}

const wanted = process.argv.slice(2)
for (const name of wanted.length > 0 ? wanted : Object.keys(SECTIONS)) {
  const section = SECTIONS[name]
  if (!section) {
    process.stderr.write(`unknown section ${name}; sections: ${Object.keys(SECTIONS).join(', ')}\n`)
    process.exit(2)
  }
  process.stderr.write(`bench: ${name}…\n`)
  process.stdout.write(`${await section()}\n\n`)
}
