import { resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, Migrator, PostgresDialect, type MigrationResult } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import type { DatabaseConfig } from '../config'
import { explainOpenFailure, lockDataDir, secureDataDir } from './data-dir'
import { MIGRATIONS } from './migrations'
import type { Database } from './schema'

/** An open database: the query builder and which engine is behind it. */
export type Db = {
  readonly db: Kysely<Database>
  readonly kind: DatabaseConfig['kind']
  /** The PGlite data directory (for the free-space check); undefined for PostgreSQL or a dump. */
  readonly dataDir?: string
  /** Closes the pool or the PGlite instance (an open PGlite keeps Node running). */
  readonly close: () => Promise<void>
}

/**
 * Opens the configured database: PGlite in a data directory (created with its parents; PGlite
 * does not create them) or from a dump (tests), or PostgreSQL through a `pg` pool.
 */
export async function openDatabase(config: DatabaseConfig): Promise<Db> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, kind: 'postgres', close: () => db.destroy() }
  }
  let pglite: PGlite
  if (config.dataDir !== undefined) {
    const dir = resolve(config.dataDir)
    let release: (() => void) | undefined
    try {
      secureDataDir(dir)
      release = lockDataDir(dir)
      pglite = await PGlite.create({ dataDir: dir })
      secureDataDir(dir)
    } catch (error) {
      release?.()
      throw explainOpenFailure(dir, error)
    }
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) })
    return {
      db,
      kind: 'pglite',
      dataDir: dir,
      close: async () => {
        try {
          await db.destroy()
          secureDataDir(dir)
        } finally {
          release?.()
        }
      },
    }
  } else {
    pglite = await PGlite.create(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {})
  }
  // The dialect closes PGlite when kysely is destroyed.
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) })
  return { db, kind: 'pglite', close: () => db.destroy() }
}

/**
 * Brings the schema up to date (`MIGRATIONS`, recorded in `kysely_migration`). Kysely's migrator
 * takes a lock, so several processes starting at once on one PostgreSQL run each migration once.
 * @returns the names of the migrations this call ran.
 */
export async function migrate(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error')
    throw new Error(
      `database migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      {
        cause: error,
      },
    )
  }
  return (results ?? []).filter(r => r.status === 'Success').map(r => r.migrationName)
}
