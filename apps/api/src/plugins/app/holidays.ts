import {
  calendarYears,
  HolidayArrangementSchema,
  statutoryDays,
  withArrangement,
  type HolidayArrangement,
  type HolidayYear,
  type MonthFile,
} from '@paiban/domain'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { badRequest, staleVersion } from '../../errors'
import { audit } from './audit'
import type { SessionUser } from './auth'

declare module 'fastify' {
  interface FastifyInstance {
    holidays: HolidaysService
  }
}

/**
 * The newest imported arrangement of `year` (centre-wide), or undefined. Stored files were
 * validated before they were written; one that no longer parses is left out, not served.
 */
export async function latestArrangement(
  db: Kysely<Database>,
  year: number,
): Promise<
  { version: number; arrangement: HolidayArrangement; createdAt: Date; createdBy: string | null } | undefined
> {
  const row = await db
    .selectFrom('holiday_arrangements as h')
    .leftJoin('people as p', 'p.id', 'h.created_by')
    .select(['h.version', 'h.file', 'h.created_at', 'p.login'])
    .where('h.year', '=', year)
    .orderBy('h.version', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row) return undefined
  const parsed = HolidayArrangementSchema.safeParse(
    typeof row.file === 'string' ? JSON.parse(row.file) : row.file,
  )
  if (!parsed.success) return undefined
  return { version: row.version, arrangement: parsed.data, createdAt: row.created_at, createdBy: row.login }
}

/**
 * CAL-HOLIDAY: the month file with the centre's imported arrangement of its year in
 * `holidays.arrangement` (the database's wins over one the file carries), so every check, the
 * grid and a downloaded month read the same calendar.
 */
export async function withCentreCalendar(db: Kysely<Database>, file: MonthFile): Promise<MonthFile> {
  const latest = await latestArrangement(db, Number(file.month.slice(0, 4)))
  if (!latest) return file
  const merged = withArrangement(file, latest.arrangement)
  return merged.ok ? merged.value : file
}

/** The centre's holiday calendar per year: computed statutory days and the imported arrangements. */
export class HolidaysService {
  constructor(private readonly db: Kysely<Database>) {}

  /** A year's calendar as the API shows it. */
  async year(year: number): Promise<HolidayYear> {
    const latest = await latestArrangement(this.db, year)
    return {
      year,
      version: latest?.version ?? 0,
      statutory: [...statutoryDays(year)].map(([date, name]) => ({ date, name })),
      arrangementSource: latest ? 'imported' : calendarYears().has(year) ? 'built-in' : 'missing',
      arrangement: latest?.arrangement ?? null,
      createdAt: latest?.createdAt.toISOString() ?? null,
      createdBy: latest?.createdBy ?? null,
    }
  }

  /** The years with an imported arrangement, and this year and the next, newest first. */
  async years(today: Date = new Date()): Promise<HolidayYear[]> {
    const rows = await this.db.selectFrom('holiday_arrangements').select('year').distinct().execute()
    const now = today.getUTCFullYear()
    const years = [...new Set([now, now + 1, ...rows.map(r => r.year)])].sort((a, b) => b - a)
    return Promise.all(years.map(y => this.year(y)))
  }

  /**
   * Stores `arrangement` as the next version of its year, audited; `version` is the one the
   * caller replaces (0 for the first): a stale one is 409 and nothing is written.
   */
  async store(
    user: SessionUser,
    year: number,
    version: number,
    arrangement: HolidayArrangement,
  ): Promise<HolidayYear> {
    if (arrangement.year !== year)
      throw badRequest([{ path: 'year', message: `expected ${year} (the year in the URL)` }])
    try {
      await this.write(user, year, version, arrangement)
    } catch (error) {
      // Two uploads on the same version on PostgreSQL: the second insert hits the primary key.
      if ((error as { code?: string }).code === '23505') throw staleVersion(version, version + 1)
      throw error
    }
    return this.year(year)
  }

  private async write(user: SessionUser, year: number, version: number, arrangement: HolidayArrangement) {
    await this.db.transaction().execute(async trx => {
      const latest = await trx
        .selectFrom('holiday_arrangements')
        .select(eb => eb.fn.max('version').as('version'))
        .where('year', '=', year)
        .executeTakeFirst()
      const current = Number(latest?.version ?? 0)
      if (current !== version) throw staleVersion(version, current)
      // (year, version) is the primary key: a concurrent writer of the same version fails here.
      await trx
        .insertInto('holiday_arrangements')
        .values({
          year,
          version: current + 1,
          file: JSON.stringify(arrangement),
          source: arrangement.source,
          created_by: user.id,
        })
        .execute()
      await audit(trx, user, {
        action: 'holidays.import',
        entity: 'holidays',
        entityId: String(year),
        before: current === 0 ? null : { version: current },
        after: {
          version: current + 1,
          source: arrangement.source,
          breaks: arrangement.breaks.length,
          workdays: arrangement.workdays.length,
        },
      })
    })
  }
}

export default fp(
  (app, _config, done) => {
    app.decorate('holidays', new HolidaysService(app.db))
    done()
  },
  { name: 'holidays', dependencies: ['db'] },
)
