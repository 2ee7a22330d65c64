import { benchApi } from './api'
import { benchCurtois } from './curtois'
import { benchExact } from './exact'
import { benchGenerate } from './generate'
import { benchRules } from './rules'

/**
 * `pnpm bench [section…]`: runs the benchmarks and writes docs/benchmarks.md. Sections: rules, generate, api, exact, curtois.
 * Targets live here and in that file, never in unit tests.
 */
const SECTIONS: Record<string, () => Promise<string>> = {
  rules: benchRules,
  generate: benchGenerate,
  exact: benchExact,
  curtois: benchCurtois,
  api: benchApi,
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
