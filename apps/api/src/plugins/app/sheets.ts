import { rosterIssues, type Lang, type RosterImportInput, type RosterImportResult } from '@paiban/domain'
import {
  importRoster,
  leaveRegister,
  readSheetGrids,
  registerCsv,
  registerXlsx,
  rosterXlsx,
  swapRegister,
  type SheetCell,
} from '@paiban/payroll'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { AppConfig } from '../../config'
import type { Database } from '../../db/schema'
import { HttpError } from '../../errors'
import type { SessionUser } from './auth'
import type { MonthsService } from './months'
import type { RequestsService } from './requests'

declare module 'fastify' {
  interface FastifyInstance {
    sheets: SheetsService
  }
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** A download: file name, content type, bytes or text. */
export type Download = { name: string; type: string; body: string | Buffer }

/**
 * The roster as a sheet (issue 23): the XLSX download, the import of a centre's own sheet (preview,
 * then a draft version; the team's mapping remembered), and the swap and leave registers.
 */
export class SheetsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly months: MonthsService,
    private readonly requests: RequestsService,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  /** The roster sheet of the version `user` may see; 422 while a row is missing or undecided. */
  async rosterFile(user: SessionUser, team: string, month: string, lang: Lang): Promise<Download> {
    const view = await this.months.read(user, team, month)
    const missing = rosterIssues(view.file, { decided: true })
    if (missing.length > 0)
      throw new HttpError(
        422,
        'UNPROCESSABLE',
        'the roster is not complete: generate it or fill every day before exporting it',
        missing,
      )
    return {
      name: `roster-${team}-${month}-v${view.version}.xlsx`,
      type: XLSX,
      body: await rosterXlsx(view.file, lang, { generatedAt: this.now() }),
    }
  }

  /** The team's remembered mapping (empty until its first confirmed import). */
  async mapping(team: string): Promise<Record<string, SheetCell>> {
    const row = await this.db
      .selectFrom('sheet_mappings')
      .select('mapping')
      .where('team_id', '=', team)
      .executeTakeFirst()
    return row?.mapping ?? {}
  }

  /**
   * Reads a sheet into the latest version (supervisors see it) and answers the preview. Unless
   * `dryRun`, a sheet that reads cleanly becomes draft version latest + 1 (409 if `input.version`
   * is stale) and its mapping is remembered for the team, both in one transaction; a sheet that
   * does not read is answered 422 with the preview, and nothing is stored.
   */
  async importSheet(
    user: SessionUser,
    team: string,
    month: string,
    input: RosterImportInput,
    dryRun: boolean,
  ): Promise<{ status: 200 | 201 | 422; result: RosterImportResult }> {
    const view = await this.months.read(user, team, month)
    const base = input.version ?? view.version
    const file =
      base === view.version ? view.file : await this.months.versionFile(await this.monthId(team, month), base)
    const remembered = await this.mapping(team)
    const mapping = input.mapping ?? remembered
    const bytes = Buffer.from(input.data, 'base64')
    if (bytes.length === 0)
      throw new HttpError(400, 'BAD_REQUEST', 'data: empty file', [
        { path: 'data', message: 'expected the file, base64' },
      ])
    let grids
    try {
      grids = await readSheetGrids(bytes, { name: input.fileName ?? 'CSV' })
    } catch (error) {
      throw new HttpError(400, 'BAD_REQUEST', 'data: not a readable XLSX or CSV file', [
        { path: 'data', message: `not a readable XLSX or CSV file (${(error as Error).message})` },
      ])
    }
    const read = importRoster(grids, file, { mapping, ...(input.sheet ? { sheet: input.sheet } : {}) })
    const result: RosterImportResult = {
      ok: read.ok,
      stored: false,
      baseVersion: base,
      sheet: read.sheet,
      ...(read.headerRow === undefined ? {} : { headerRow: read.headerRow }),
      rows: { ...read.rows },
      columns: { ...read.columns },
      issues: read.issues.map(i => ({ ...i })),
      violations: read.violations.map(v => ({ ...v })),
      roster: { ...(read.file.roster ?? {}) },
      mapping: { ...mapping },
      seen: read.seen.map(s => ({ ...s })),
    }
    if (dryRun) return { status: 200, result }
    if (!read.ok) return { status: 422, result }
    const version = await this.months.importRoster(user, team, month, base, result.roster, async trx => {
      await trx
        .insertInto('sheet_mappings')
        .values({ team_id: team, mapping: JSON.stringify(mapping), updated_by: user.id })
        .onConflict(oc =>
          oc
            .column('team_id')
            .doUpdateSet({ mapping: JSON.stringify(mapping), updated_by: user.id, updated_at: new Date() }),
        )
        .execute()
    })
    return { status: 201, result: { ...result, stored: true, version } }
  }

  /** The swap or leave register of the version `user` may see, with the stored requests, as CSV or XLSX. */
  async register(
    user: SessionUser,
    team: string,
    month: string,
    kind: 'swaps' | 'leaves',
    format: 'csv' | 'xlsx',
    lang: Lang,
  ): Promise<Download> {
    const { version, file } = await this.requests.mergedView(user, team, month)
    const register = kind === 'swaps' ? swapRegister(file, lang) : leaveRegister(file, lang)
    const name = `${kind === 'swaps' ? 'swap' : 'leave'}-register-${team}-${month}-v${version}.${format}`
    if (format === 'csv') return { name, type: 'text/csv; charset=utf-8', body: registerCsv(register, lang) }
    return { name, type: XLSX, body: await registerXlsx(register, lang, { generatedAt: this.now() }) }
  }

  private async monthId(team: string, month: string): Promise<number> {
    const m = await this.months.findMonth(this.db, team, month)
    if (!m) throw new HttpError(404, 'NOT_FOUND', `no roster for ${team} ${month}`)
    return m.id
  }
}

export default fp(
  (app, _config: AppConfig, done) => {
    app.decorate('sheets', new SheetsService(app.db, app.months, app.requests))
    done()
  },
  { name: 'sheets', dependencies: ['db', 'months', 'requests'] },
)
