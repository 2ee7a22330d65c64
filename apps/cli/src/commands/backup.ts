import { backupDataDir, restoreDataDir } from '@paiban/api/backup'
import { DataDirError } from '@paiban/api/data-dir'
import { parse } from '../args'
import { InputError } from '../io'
import type { Io } from '../main'

const BACKUP_USAGE = 'paiban backup --out F [--data-dir D]'
const RESTORE_USAGE = 'paiban restore F [--data-dir D]'

/** The data directory: `--data-dir`, else PAIBAN_DATA_DIR, else ./data (as the server). */
const dataDirOf = (value: unknown, io: Io) =>
  typeof value === 'string' ? value : (io.env.PAIBAN_DATA_DIR ?? './data')

async function asInputError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof DataDirError) throw new InputError([{ path: '--data-dir', message: error.message }])
    throw error
  }
}

/** `paiban backup --out F [--data-dir D]`: a PGlite dump of the (stopped) server's data. */
export async function backupCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { out: { type: 'string' }, 'data-dir': { type: 'string' } })
  if (typeof values.out !== 'string' || positionals.length > 0)
    throw new InputError([{ path: '--out', message: `required: ${BACKUP_USAGE}` }])
  const out = values.out
  const bytes = await asInputError(() => backupDataDir(dataDirOf(values['data-dir'], io), out))
  io.err(`backup written to ${out} (${Math.ceil(bytes / 1024)} KiB)`)
  return 0
}

/** `paiban restore F [--data-dir D]`: a backup into an empty data directory. */
export async function restoreCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { 'data-dir': { type: 'string' } })
  const [file] = positionals
  if (file === undefined || positionals.length > 1)
    throw new InputError([{ path: 'FILE', message: `required: ${RESTORE_USAGE}` }])
  const dir = dataDirOf(values['data-dir'], io)
  await asInputError(() => restoreDataDir(file, dir))
  io.err(`restored ${file} into ${dir}`)
  return 0
}
