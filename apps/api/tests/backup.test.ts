import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { run, type Io } from '../../cli/src/main'
import { PASSWORD, signIn, testApp } from './helpers/app'
import { describeEachDb, freshDatabase, processDatabase, scratchDir } from './helpers/databases'

vi.setConfig({ hookTimeout: 180_000, testTimeout: 180_000 })

const TABLES = [
  'months',
  'roster_versions',
  'leaves',
  'swaps',
  'approvals',
  'audit_log',
  'sessions',
  'people',
]

/** Every row of the tables a centre cannot lose, in a stable order, as JSON. */
async function contents(dataDir: string): Promise<Record<string, string>> {
  const db = await PGlite.create({ dataDir })
  try {
    const out: Record<string, string> = {}
    for (const table of TABLES) {
      const { rows } = await db.query(`select * from ${table} order by 1`)
      out[table] = JSON.stringify(rows)
    }
    return out
  } finally {
    await db.close()
  }
}

describe('paiban backup / restore', () => {
  let database: Awaited<ReturnType<typeof processDatabase>>
  const errors: string[] = []
  const io: Io = { out: () => undefined, err: t => void errors.push(t), progress: () => undefined, env: {} }

  beforeAll(async () => {
    database = await processDatabase('pglite')
    const app = await testApp({ kind: 'pglite', dataDir: database.dataDir ?? '' })
    await signIn(app, 'supervisor', PASSWORD)
    await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { login: 'agent1', password: 'wrong-one' },
    })
    await app.close()
  })
  afterAll(() => database.drop())

  it('backs up a data directory and restores it into an empty one: months, requests, audit and sign-ins equal', async () => {
    const dir = database.dataDir ?? ''
    const scratch = scratchDir('backup')
    const file = join(scratch, 'paiban.backup.tar')
    expect(await run(['backup', '--out', file, '--data-dir', dir], io), errors.join('\n')).toBe(0)
    const target = join(scratch, 'restored', 'data')
    expect(await run(['restore', file, '--data-dir', target], io), errors.join('\n')).toBe(0)
    const [before, after] = [await contents(dir), await contents(target)]
    expect((JSON.parse(before.audit_log ?? '[]') as unknown[]).length).toBeGreaterThan(2)
    expect(after).toEqual(before)
    // A restored directory opens as a server's data, and a second restore into it is refused.
    const app = await testApp({ kind: 'pglite', dataDir: target }, { demo: { enabled: false, seconds: 1 } })
    expect((await signIn(app, 'supervisor', PASSWORD)).cookie).toBeTruthy()
    await app.close()
    expect(await run(['restore', file, '--data-dir', target], io)).toBe(2)
    expect(errors.at(-1)).toMatch(/not empty/)
  })

  it('refuses a directory that is not a Paiban data directory', async () => {
    const file = join(scratchDir('backup'), 'x.tar')
    expect(await run(['backup', '--out', file, '--data-dir', join(database.dataDir ?? '', 'nope')], io)).toBe(
      2,
    )
    expect(errors.at(-1)).toMatch(/not a Paiban data directory/)
  })
})

describeEachDb('the audit log', kind => {
  it('is append-only: UPDATE and DELETE are refused by the database', async () => {
    const database = await freshDatabase(kind)
    const app = await testApp(database.config)
    try {
      const count = async () => (await app.db.selectFrom('audit_log').select('id').execute()).length
      const before = await count()
      expect(before).toBeGreaterThan(0)
      await expect(sql`update audit_log set action = 'forged'`.execute(app.db)).rejects.toThrow(/append-only/)
      await expect(sql`delete from audit_log`.execute(app.db)).rejects.toThrow(/append-only/)
      expect(await count()).toBe(before)
    } finally {
      await app.close()
      await database.drop()
    }
  })
})
