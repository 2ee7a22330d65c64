/**
 * Bad input never crashes the command line: month files and requests mutated at random (fixed
 * seed) are either accepted (exit 0/1, JSON on stdout) or refused with exit 2, a message naming a
 * field on stderr and nothing on stdout — never an internal error or a stack trace.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { run, type Io } from '../apps/cli/src/main'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DECEMBER = JSON.parse(
  readFileSync(join(ROOT, 'fixtures/teams/cs-2026-12.month.json'), 'utf8'),
) as Record<string, unknown>
const dir = mkdtempSync(join(tmpdir(), 'paiban-fuzz-'))

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Values a careless export or a hand edit puts where something else belongs. */
const junk: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 40 }),
  fc.constantFrom(
    '',
    'D',
    'N',
    '?',
    'x',
    '2026-02-30',
    '2026-13-01',
    '25:00',
    'a01',
    'phone',
    '张伟',
    'DDDDDD-',
  ),
  fc.constant<Json>([]),
  fc.constant<Json>({}),
)

/** Every path (keys and indices) into a JSON value, up to a depth. */
function paths(value: Json, depth = 4, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (depth === 0 || value === null || typeof value !== 'object') return [prefix]
  const keys: Array<string | number> = Array.isArray(value)
    ? value.map((_, i) => i).slice(0, 3)
    : Object.keys(value)
  return [
    prefix,
    ...keys.flatMap(k => paths((value as Record<string, Json>)[k] as Json, depth - 1, [...prefix, k])),
  ]
}

/** A copy of `value` with the thing at `path` replaced (or deleted when `replacement` is undefined). */
function mutate(value: Json, path: ReadonlyArray<string | number>, replacement: Json | undefined): Json {
  if (path.length === 0) return replacement ?? null
  const [head, ...rest] = path as [string | number, ...Array<string | number>]
  if (Array.isArray(value)) {
    const copy = [...value]
    if (replacement === undefined && rest.length === 0) copy.splice(Number(head), 1)
    else copy[Number(head)] = mutate(copy[Number(head)] as Json, rest, replacement)
    return copy
  }
  if (value === null || typeof value !== 'object') return value
  const copy = { ...value }
  if (replacement === undefined && rest.length === 0) delete copy[head]
  else copy[head] = mutate(copy[head] as Json, rest, replacement)
  return copy
}

async function runCli(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const io: Io = {
    out: t => out.push(t),
    err: t => err.push(t),
    progress: () => {},
    env: { LANG: 'en_US.UTF-8' },
  }
  const code = await run(args, io)
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

const ALL_PATHS = paths(DECEMBER as Json)

/** 1 to `maxLength` edits of the December file: a path and its junk replacement (undefined deletes it). */
const monthEdits = (maxLength: number) =>
  fc.array(fc.tuple(fc.constantFrom(...ALL_PATHS), fc.option(junk, { nil: undefined })), {
    minLength: 1,
    maxLength,
  })

/** The December file with the edits applied in order. */
const mutated = (edits: ReadonlyArray<readonly [ReadonlyArray<string | number>, Json | undefined]>): Json =>
  edits.reduce<Json>((v, [path, replacement]) => mutate(v, path, replacement), DECEMBER as Json)

describe('paiban on mutated input', () => {
  it('check: accepted or refused with the field named, never an internal error', async () => {
    let refused = 0
    await fc.assert(
      fc.asyncProperty(monthEdits(3), async edits => {
        const file = mutated(edits)
        const path = join(dir, 'fuzz.month.json')
        writeFileSync(path, JSON.stringify(file))
        const { code, stdout, stderr } = await runCli(['check', path, '--json'])
        expect([0, 1, 2], stderr).toContain(code)
        expect(stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/)
        if (code === 2) {
          refused++
          expect(stdout).toBe('')
          // The message names the file and a field path inside it.
          expect(stderr).toMatch(/fuzz\.month\.json: \S+/)
        } else expect(() => JSON.parse(stdout) as unknown).not.toThrow()
      }),
      { numRuns: 150, seed: 20261125 },
    )
    // The mutations are not all harmless: many must be refused.
    expect(refused).toBeGreaterThan(30)
  })

  it('swap-check and leave-check: bad requests are refused naming request.<field>', async () => {
    const monthPath = join(ROOT, 'fixtures/teams/cs-2026-12.month.json')
    const swap = {
      id: 'x1',
      requester: 'a04',
      counterpart: 'a05',
      date: '2026-12-10',
      submittedAt: '2026-12-01T09:00:00+08:00',
      status: 'pending',
      approvals: [],
    }
    const leave = {
      id: 'x2',
      agentId: 'a03',
      date: '2026-12-20',
      shift: 'D',
      kind: 'personal',
      submittedAt: '2026-12-01T09:00:00+08:00',
      by: 'a03',
      status: 'pending',
      approvals: [],
    }
    for (const [command, request] of [
      ['swap-check', swap],
      ['leave-check', leave],
    ] as const) {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...paths(request as Json, 2).filter(p => p.length > 0)),
          fc.option(junk, { nil: undefined }),
          async (path, replacement) => {
            const requestPath = join(dir, `${command}.json`)
            writeFileSync(requestPath, JSON.stringify(mutate(request, path, replacement)))
            const { code, stdout, stderr } = await runCli([
              command,
              monthPath,
              '--request',
              requestPath,
              '--json',
            ])
            expect([0, 1, 2], stderr).toContain(code)
            expect(stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/)
            if (code === 2) {
              expect(stdout).toBe('')
              expect(stderr).toMatch(/request\.\w+|request:/)
            }
          },
        ),
        { numRuns: 60, seed: 7 },
      )
    }
  })

  it('generate: a parseable but odd month is generated or explained, never an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(monthEdits(2), async edits => {
        const file = mutated(edits)
        const path = join(dir, 'fuzz-generate.month.json')
        writeFileSync(path, JSON.stringify(file))
        const { code, stdout, stderr } = await runCli(['generate', path, '--seconds', '0.2', '--json'])
        expect([0, 1, 2], stderr).toContain(code)
        expect(stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/)
        if (code !== 2) {
          const summary = JSON.parse(stdout) as { ok: boolean; hard: number }
          expect(summary.ok).toBe(code === 0)
        }
      }),
      { numRuns: 40, seed: 11 },
    )
  })
})
