import { createHash, randomBytes } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { describe, it } from 'vitest'
import { buildApp } from '../../src/app'
import type { DatabaseConfig } from '../../src/config'
import { testConfig } from './app'

/**
 * Test databases for both engines. Building one from nothing costs seconds (PGlite's initdb, the
 * demo's two solver runs), so each is built once per source hash as a template — a PGlite dump in
 * .cache/api-test/, a PostgreSQL template database — and every suite gets a fresh copy of it.
 */

export type DbKind = 'pglite' | 'postgres'
export const DB_KINDS: readonly DbKind[] = ['pglite', 'postgres']

const REPO = fileURLToPath(new URL('../../../../', import.meta.url))
export const PG_URL = process.env.PAIBAN_TEST_DATABASE_URL

/**
 * `describe` once per database. Without PAIBAN_TEST_DATABASE_URL the PostgreSQL suite fails under
 * CI=true (it must not pass by skipping) and is skipped, visibly, elsewhere.
 */
export function describeEachDb(name: string, body: (kind: DbKind) => void): void {
  for (const kind of DB_KINDS) {
    const title = `${name} [${kind}]`
    if (kind === 'postgres' && !PG_URL) {
      if (process.env.CI === 'true')
        describe(title, () => {
          it('has a PostgreSQL to run against', () => {
            throw new Error(
              'PAIBAN_TEST_DATABASE_URL is not set: run the suite through `bash scripts/test.sh`',
            )
          })
        })
      else {
        console.warn(
          `skipping "${title}": PAIBAN_TEST_DATABASE_URL is not set (bash scripts/test.sh sets it)`,
        )
        describe.skip(title, () => body(kind))
      }
      continue
    }
    describe(title, () => body(kind))
  }
}

/**
 * A hash of the sources that shape a template: a changed migration, demo or month-file schema
 * builds a new one. (Solver changes alter only the demo's generated cells: the template stays valid.)
 */
const SOURCE_HASH = (() => {
  const hash = createHash('sha256')
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name.endsWith('.ts')) hash.update(path).update(readFileSync(path))
    }
  }
  for (const dir of ['apps/api/src', 'packages/domain/src']) walk(join(REPO, dir))
  return hash.digest('hex').slice(0, 12)
})()

const CACHE_ROOT = join(REPO, '.cache', 'api-test')
const CACHE = join(CACHE_ROOT, SOURCE_HASH)

/** Drops templates of older sources (an hour old: a concurrent run may still read a recent one). */
function pruneCache(): void {
  if (!existsSync(CACHE_ROOT)) return
  for (const name of readdirSync(CACHE_ROOT)) {
    const path = join(CACHE_ROOT, name)
    if (name !== SOURCE_HASH && Date.now() - statSync(path).mtimeMs > 3_600_000)
      rmSync(path, { recursive: true, force: true })
  }
}

/** A unique scratch directory under the OS temp dir. */
export function scratchDir(label: string): string {
  const dir = join(tmpdir(), `paiban-${label}-${randomBytes(4).toString('hex')}`)
  mkdirSync(dir, { recursive: true })
  return dir
}

const dumps = new Map<string, Promise<Blob>>()

/** A PGlite dump, built once (then read from the cache): `empty` is initdb only; `seeded` has the schema and the demo. */
export function pgliteDump(kind: 'empty' | 'seeded'): Promise<Blob> {
  let dump = dumps.get(kind)
  if (!dump) {
    dump = (async () => {
      const file = join(CACHE, `${kind}.tar`)
      if (!existsSync(file)) {
        pruneCache()
        mkdirSync(CACHE, { recursive: true })
        const dir = scratchDir(`template-${kind}`)
        try {
          if (kind === 'empty') await (await PGlite.create({ dataDir: join(dir, 'data') })).close()
          else {
            const empty = await pgliteDump('empty')
            await (await PGlite.create({ dataDir: join(dir, 'data'), loadDataDir: empty })).close()
            const app = await buildApp(testConfig({ kind: 'pglite', dataDir: join(dir, 'data') }))
            await app.close()
          }
          const db = await PGlite.create({ dataDir: join(dir, 'data') })
          const blob = await db.dumpDataDir('none')
          await db.close()
          // Another worker may be writing the same template: write aside, then rename (atomic).
          const aside = `${file}.${process.pid}.${randomBytes(3).toString('hex')}`
          writeFileSync(aside, Buffer.from(await blob.arrayBuffer()))
          renameSync(aside, file)
        } finally {
          rmSync(dir, { recursive: true, force: true })
        }
      }
      return new Blob([readFileSync(file)])
    })()
    dumps.set(kind, dump)
  }
  return dump
}

/** Retries `fn` for a few seconds (PostgreSQL refuses to copy or rename a database in use). */
async function retry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn()
    } catch (error) {
      if (attempt >= 40) throw error
      await new Promise(resolve => setTimeout(resolve, 250))
    }
  }
}

/** Runs SQL on the server's maintenance database. */
async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  if (!PG_URL) throw new Error('PAIBAN_TEST_DATABASE_URL is not set')
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

const urlFor = (database: string) => {
  const url = new URL(PG_URL ?? '')
  url.pathname = `/${database}`
  return url.toString()
}

let pgTemplate: Promise<string> | null = null

/** The PostgreSQL template database (schema, pg-boss and the demo), built once per source hash. */
function postgresTemplate(): Promise<string> {
  pgTemplate ??= (async () => {
    const name = `paiban_tpl_${SOURCE_HASH}`
    // Two test files may get here at once: the advisory lock lets one build it.
    await admin(async client => {
      await client.query('select pg_advisory_lock(727002)')
      try {
        const found = await client.query('select 1 from pg_database where datname = $1', [name])
        if (found.rowCount) return
        // Templates of older sources are never used again.
        const old = await client.query<{ datname: string }>(
          "select datname from pg_database where datname like 'paiban\\_tpl\\_%' and datname <> $1",
          [name],
        )
        for (const row of old.rows) await client.query(`drop database if exists ${row.datname} with (force)`)
        const building = `${name}_building`
        await client.query(`drop database if exists ${building} with (force)`)
        await client.query(`create database ${building}`)
        const app = await buildApp(testConfig({ kind: 'postgres', url: urlFor(building) }))
        await app.close()
        // The app's connections may take a moment to go away after close.
        await retry(() => client.query(`alter database ${building} rename to ${name}`))
      } finally {
        await client.query('select pg_advisory_unlock(727002)')
      }
    })
    return name
  })()
  return pgTemplate
}

/** A fresh database for one suite: a copy of the seeded template, or empty. */
export type TestDatabase = { readonly config: DatabaseConfig; readonly drop: () => Promise<void> }

export async function freshDatabase(kind: DbKind, seeded = true): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dump = await pgliteDump(seeded ? 'seeded' : 'empty')
    return { config: { kind: 'pglite', loadDataDir: dump }, drop: () => Promise.resolve() }
  }
  const name = `paiban_t_${randomBytes(5).toString('hex')}`
  const template = seeded ? await postgresTemplate() : 'template0'
  // A template copied while a connection lingers fails; one being copied by another suite too.
  await admin(client => retry(() => client.query(`create database ${name} template ${template}`)))
  return {
    config: { kind: 'postgres', url: urlFor(name), poolSize: 5 },
    drop: () => dropDatabase(name),
  }
}

/**
 * Drops a test database: without force while the closed app's connections may still be ending
 * (terminating one of those surfaces in this process as an uncaught 57P01), by force after a few
 * seconds (a killed server's connections, say).
 */
async function dropDatabase(name: string): Promise<void> {
  await admin(async client => {
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        await client.query(`drop database if exists ${name}`)
        return
      } catch {
        await new Promise(resolve => setTimeout(resolve, 250))
      }
    }
    await client.query(`drop database if exists ${name} with (force)`)
  })
}

/**
 * A database a separate server process can open: a PGlite data directory on disk (from the
 * template) or a fresh PostgreSQL database. Returns the environment that points a server at it.
 */
export async function processDatabase(
  kind: DbKind,
  seeded = true,
): Promise<{ env: Record<string, string>; dataDir?: string; drop: () => Promise<void> }> {
  if (kind === 'postgres') {
    const db = await freshDatabase('postgres', seeded)
    if (db.config.kind !== 'postgres') throw new Error('expected postgres')
    return { env: { DATABASE_URL: db.config.url }, drop: db.drop }
  }
  const dir = scratchDir('server')
  // A data dir whose parents do not exist yet: the server must create them.
  const dataDir = join(dir, 'nested', 'data')
  if (seeded) {
    mkdirSync(dataDir, { recursive: true })
    await (await PGlite.create({ dataDir, loadDataDir: await pgliteDump('seeded') })).close()
  }
  return {
    env: { PAIBAN_DATA_DIR: dataDir },
    dataDir,
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  }
}
