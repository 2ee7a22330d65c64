import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'

const DOC = new URL('../docs/benchmarks.md', import.meta.url)

/** One line naming the machine and date a measurement was taken on. */
export function machineLine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU'
  const gib = Math.round(totalmem() / 2 ** 30)
  return `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} × ${cpu}, ${gib} GiB, Node ${process.version}.`
}

/**
 * Replaces the section `name` of docs/benchmarks.md (between `<!-- bench:name -->` markers) with
 * `body`, keeping the other sections, so each benchmark can be re-run on its own.
 */
export function writeSection(name: string, body: string): void {
  const start = `<!-- bench:${name} -->`
  const end = `<!-- /bench:${name} -->`
  const block = `${start}\n${body.trim()}\n${end}`
  const doc = existsSync(DOC)
    ? readFileSync(DOC, 'utf8')
    : '# Benchmarks\n\nWritten by `pnpm bench` (`pnpm bench <section>` re-runs one section). Every number here was measured by that command on the machine named in its section.\n'
  const at = doc.indexOf(start)
  const stop = doc.indexOf(end)
  const next =
    at >= 0 && stop > at
      ? doc.slice(0, at) + block + doc.slice(stop + end.length)
      : `${doc.trimEnd()}\n\n${block}\n`
  writeFileSync(DOC, next)
}

/** A markdown table. */
export function table(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const line = (cells: ReadonlyArray<string | number>) => `| ${cells.join(' | ')} |`
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')
}
