import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { DataDirError, explainOpenFailure, LOCK_FILE, lockDataDir, secureDataDir } from './data-dir'

/**
 * Writes a backup of a PGlite data directory to `out`: PGlite's own dump (a tar of the data
 * directory, `dumpDataDir`), mode 0600. The directory is locked meanwhile, so the server must be
 * stopped first (PGlite is one process at a time). For PostgreSQL use `pg_dump`.
 * @returns the size of the backup, bytes.
 */
export async function backupDataDir(dataDir: string, out: string): Promise<number> {
  const dir = resolve(dataDir)
  if (!existsSync(dir) || !existsSync(resolve(dir, 'PG_VERSION')))
    throw new DataDirError(`${dir} is not a Paiban data directory (no PG_VERSION) / 不是排班数据目录`)
  const release = lockDataDir(dir)
  try {
    const db = await PGlite.create({ dataDir: dir }).catch((error: unknown) => {
      throw explainOpenFailure(dir, error)
    })
    try {
      const blob = await db.dumpDataDir('none')
      const bytes = Buffer.from(await blob.arrayBuffer())
      writeFileSync(out, bytes, { mode: 0o600 })
      return bytes.length
    } finally {
      await db.close()
    }
  } finally {
    secureDataDir(dir)
    release()
  }
}

/**
 * Restores a backup written by `backupDataDir` into `dataDir`, which must be empty or absent
 * (a restore never mixes with data already there). The result is 0700/0600 like a server's.
 */
export async function restoreDataDir(file: string, dataDir: string): Promise<void> {
  const dir = resolve(dataDir)
  if (existsSync(dir) && readdirSync(dir).some(name => name !== LOCK_FILE))
    throw new DataDirError(`${dir} is not empty: restore into an empty or new directory / 目标目录不为空`)
  secureDataDir(dir)
  const release = lockDataDir(dir)
  try {
    const blob = new Blob([readFileSync(file)])
    const db = await PGlite.create({ dataDir: dir, loadDataDir: blob })
    // A query proves the restored cluster opens.
    await db.query('select count(*) from kysely_migration')
    await db.close()
  } finally {
    secureDataDir(dir)
    release()
  }
}
