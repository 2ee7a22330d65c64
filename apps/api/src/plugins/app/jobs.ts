import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { hostname } from 'node:os'
import type { MonthFile, SolverJob } from '@paiban/domain'
import type { FastifyBaseLogger } from 'fastify'
import fp from 'fastify-plugin'
import { CompiledQuery, sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import PgBoss from 'pg-boss'
import type { AppConfig } from '../../config'
import type { Database, JobOutcome, JobProgress, JobRow, JobStatus } from '../../db/schema'
import { forbidden, HttpError, notFound } from '../../errors'
import { runSolver, type SolverRun } from '../../solver/run'
import { audit, type Actor } from './audit'
import type { SessionUser } from './auth'
import type { MonthsService } from './months'

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobsService
  }
}

/** A solver job as the API shows it. */
export type JobView = SolverJob

/** What a job's subscribers hear: progress while it runs, then its final state. */
export type JobEvent = { type: 'progress'; progress: JobProgress } | { type: 'end'; job: JobView }

export const INTERRUPTED = 'interrupted by a restart'
const TERMINAL: readonly JobStatus[] = ['done', 'failed', 'cancelled']
export const isTerminal = (status: JobStatus) => TERMINAL.includes(status)

const QUEUE = 'paiban-solve'

/** Where jobs wait: in this process (PGlite), or in the database through pg-boss (PostgreSQL). */
interface JobQueue {
  start(run: (id: string) => Promise<void>): Promise<void>
  /** Called inside the transaction that creates the job row, so both commit or neither. */
  enqueue(trx: Transaction<Database>, id: string, seconds: number): Promise<void>
  /** After the transaction committed: wake the local runner. */
  committed(id: string): void
  stop(): Promise<void>
}

/** The in-process queue: PGlite has one process by construction. */
class MemoryQueue implements JobQueue {
  private readonly pending: string[] = []
  private active = 0
  private run: ((id: string) => Promise<void>) | null = null

  constructor(private readonly concurrency: number) {}

  start(run: (id: string) => Promise<void>): Promise<void> {
    this.run = run
    this.pump()
    return Promise.resolve()
  }
  enqueue(): Promise<void> {
    return Promise.resolve()
  }
  committed(id: string): void {
    this.pending.push(id)
    this.pump()
  }
  private pump(): void {
    const run = this.run
    if (!run) return
    while (this.active < this.concurrency) {
      const id = this.pending.shift()
      if (id === undefined) break
      this.active++
      void run(id).finally(() => {
        this.active--
        this.pump()
      })
    }
  }
  stop(): Promise<void> {
    this.run = null
    this.pending.length = 0
    return Promise.resolve()
  }
}

/**
 * pg-boss: jobs wait in the database, and every server process with a concurrency above 0 takes
 * them, so several processes (or machines) share the solving.
 */
class BossQueue implements JobQueue {
  private readonly boss: PgBoss
  private readonly workers: string[] = []

  constructor(
    url: string,
    private readonly concurrency: number,
    private readonly log: FastifyBaseLogger,
  ) {
    this.boss = new PgBoss({ connectionString: url, max: 2, schedule: false, supervise: true })
    this.boss.on('error', error => this.log.error({ err: error }, 'pg-boss'))
  }

  async start(run: (id: string) => Promise<void>): Promise<void> {
    await this.boss.start()
    await this.boss.createQueue(QUEUE)
    for (let i = 0; i < this.concurrency; i++)
      this.workers.push(
        await this.boss.work<{ jobId: string }>(
          QUEUE,
          { batchSize: 1, pollingIntervalSeconds: 1 },
          async jobs => {
            for (const job of jobs) await run(job.data.jobId)
          },
        ),
      )
  }
  async enqueue(trx: Transaction<Database>, id: string, seconds: number): Promise<void> {
    // pg-boss writes through our transaction: the job row and its queue entry commit together.
    const db = {
      executeSql: async (text: string, values: unknown[]) => {
        const result = await trx.executeQuery(CompiledQuery.raw(text, values ?? []))
        return { rows: result.rows }
      },
    }
    await this.boss.send(
      QUEUE,
      { jobId: id },
      { db, retryLimit: 0, expireInSeconds: Math.ceil(seconds) + 300 },
    )
  }
  committed(): void {
    for (const worker of this.workers) this.boss.notifyWorker(worker)
  }
  async stop(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true, timeout: 5000 })
  }
}

type Running = { run: SolverRun | null; progress: JobProgress | null; heartbeat: NodeJS.Timeout | null }

/** Blanks every cell but approved leave, for a job that re-plans the whole month. */
function blank(file: MonthFile): MonthFile {
  if (!file.roster) return file
  return {
    ...file,
    roster: Object.fromEntries(
      Object.entries(file.roster).map(([id, row]) => [id, row.replace(/[^L]/g, '?')]),
    ),
  }
}

/**
 * Solver jobs: created queued, run in a worker thread by whichever process takes them, their
 * progress streamed to subscribers and kept in the job row, cancellable, and never silently lost:
 * a job whose process died is marked failed ("interrupted by a restart") — at startup with PGlite,
 * and when its heartbeat goes stale with PostgreSQL, where other processes may still be running
 * theirs.
 */
export class JobsService {
  /** This process, as written in `solver_jobs.worker`. */
  readonly instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  private readonly running = new Map<string, Running>()
  private readonly bus = new EventEmitter()
  private readonly queue: JobQueue
  private sweeper: NodeJS.Timeout | null = null
  private stopping = false

  constructor(
    private readonly db: Kysely<Database>,
    private readonly months: MonthsService,
    private readonly config: AppConfig,
    private readonly log: FastifyBaseLogger,
  ) {
    this.bus.setMaxListeners(0)
    const { database, jobs } = config
    this.queue =
      database.kind === 'postgres'
        ? new BossQueue(database.url, jobs.concurrency, log)
        : new MemoryQueue(Math.max(1, jobs.concurrency))
  }

  private get heartbeatMs(): number {
    return Math.max(200, Math.min(2000, (this.config.jobs.staleSeconds * 1000) / 4))
  }

  /** Recovers jobs a previous process left behind, then starts taking jobs. */
  async start(): Promise<void> {
    if (this.config.database.kind === 'pglite') {
      // One process owns a PGlite directory: whatever it was running when it stopped is lost.
      await this.failInterrupted(sql<boolean>`true`)
      const queued = await this.db
        .selectFrom('solver_jobs')
        .select('id')
        .where('status', '=', 'queued')
        .orderBy('created_at')
        .execute()
      await this.queue.start(id => this.run(id))
      for (const { id } of queued) this.queue.committed(id)
      return
    }
    await this.sweep()
    this.sweeper = setInterval(
      () => void this.sweep(),
      Math.max(1000, (this.config.jobs.staleSeconds * 1000) / 2),
    )
    this.sweeper.unref()
    await this.queue.start(id => this.run(id))
  }

  /** PostgreSQL: fails running jobs whose heartbeat stopped (their process died). */
  private async sweep(): Promise<void> {
    try {
      const stale = this.config.jobs.staleSeconds
      await this.failInterrupted(
        sql<boolean>`coalesce(heartbeat_at, started_at, created_at) < now() - make_interval(secs => ${stale})`,
      )
    } catch (error) {
      this.log.error({ err: error }, 'sweeping interrupted solver jobs failed')
    }
  }

  private async failInterrupted(condition: RawBuilder<boolean>): Promise<void> {
    const failed = await this.db.transaction().execute(async trx => {
      const rows = await trx
        .updateTable('solver_jobs')
        .set({ status: 'failed', error: INTERRUPTED, finished_at: new Date() })
        .where('status', '=', 'running')
        .where(condition)
        .returning(['id', 'team_id', 'worker'])
        .execute()
      for (const row of rows)
        await audit(trx, null, {
          action: 'job.interrupted',
          teamId: row.team_id,
          entity: 'job',
          entityId: row.id,
          before: { status: 'running', worker: row.worker },
          after: { status: 'failed', error: INTERRUPTED },
        })
      return rows
    })
    if (failed.length > 0) this.log.warn({ jobs: failed.map(j => j.id) }, `solver jobs ${INTERRUPTED}`)
  }

  /** Stops taking jobs; this process's running jobs end as failed ("interrupted by a restart"). */
  async stop(): Promise<void> {
    this.stopping = true
    if (this.sweeper) clearInterval(this.sweeper)
    await this.queue.stop()
    const ids = [...this.running.keys()]
    await Promise.all([...this.running.values()].map(r => (r.run ? r.run.cancel() : Promise.resolve())))
    if (ids.length > 0)
      await this.failInterrupted(sql<boolean>`id in (${sql.join(ids)}) and worker = ${this.instance}`)
    for (const id of ids) await this.emitEnd(id)
  }

  /** Creates a job for the month's latest version (supervisor) and queues it. */
  async create(
    user: SessionUser,
    team: string,
    month: string,
    options: { seconds: number; seed: number; replan: boolean },
  ): Promise<JobView> {
    if (this.stopping)
      throw new HttpError(503, 'UNAVAILABLE', 'the server is stopping; try again in a moment')
    const latest = await this.months.latestFile(team, month)
    const id = randomUUID()
    await this.db.transaction().execute(async trx => {
      await trx
        .insertInto('solver_jobs')
        .values({
          id,
          team_id: team,
          month_id: latest.month.id,
          month,
          status: 'queued',
          base_version: latest.version,
          seconds: options.seconds,
          seed: options.seed,
          replan: options.replan,
          created_by: user.id,
        })
        .execute()
      await this.queue.enqueue(trx, id, options.seconds)
      await audit(trx, user, {
        action: 'job.create',
        teamId: team,
        entity: 'job',
        entityId: id,
        after: { status: 'queued', month, baseVersion: latest.version, ...options },
      })
    })
    this.queue.committed(id)
    return this.view(id)
  }

  /** A job of the caller's team. */
  async get(user: SessionUser, id: string): Promise<JobView> {
    const job = await this.view(id)
    if (job.team !== user.teamId) throw forbidden('this job belongs to another team')
    return job
  }

  /** Cancels a queued or running job: the worker thread is stopped and no version is written. */
  async cancel(user: SessionUser, id: string): Promise<JobView> {
    await this.get(user, id)
    const cancelled = await this.db.transaction().execute(async trx => {
      const row = await trx
        .updateTable('solver_jobs')
        .set({ status: 'cancelled', finished_at: new Date() })
        .where('id', '=', id)
        .where('status', 'in', ['queued', 'running'])
        .returning(['status', 'worker'])
        .executeTakeFirst()
      if (!row) return false
      await audit(trx, user, {
        action: 'job.cancel',
        teamId: user.teamId,
        entity: 'job',
        entityId: id,
        after: { status: 'cancelled' },
      })
      return true
    })
    if (!cancelled) {
      const job = await this.view(id)
      throw new HttpError(409, 'CONFLICT', `the job is already ${job.status}`)
    }
    // Running here: stop the thread now. Running elsewhere: its heartbeat sees the status.
    await this.running.get(id)?.run?.cancel()
    await this.emitEnd(id)
    return this.view(id)
  }

  /** Listens to one job's events; returns the unsubscribe function. */
  subscribe(id: string, listener: (event: JobEvent) => void): () => void {
    this.bus.on(id, listener)
    return () => this.bus.off(id, listener)
  }

  /** The latest progress of a job this process runs (fresher than the row). */
  localProgress(id: string): JobProgress | null {
    return this.running.get(id)?.progress ?? null
  }

  async view(id: string): Promise<JobView> {
    const row = await this.db
      .selectFrom('solver_jobs as j')
      .leftJoin('people as p', 'p.id', 'j.created_by')
      .selectAll('j')
      .select('p.login')
      .where('j.id', '=', id)
      .executeTakeFirst()
    if (!row) throw notFound(`no job ${id}`)
    return toView(row)
  }

  private async emitEnd(id: string): Promise<void> {
    this.bus.emit(id, { type: 'end', job: await this.view(id) } satisfies JobEvent)
  }

  /**
   * The roster of the month's published version, or undefined before it is published: a re-plan of
   * a published month keeps every published cell that needs no change (the solver's `keep`).
   */
  private async publishedRoster(monthId: number): Promise<Record<string, string> | undefined> {
    const month = await this.db
      .selectFrom('months')
      .select('published_version')
      .where('id', '=', monthId)
      .executeTakeFirst()
    if (month?.published_version == null) return undefined
    return (await this.months.versionFile(monthId, month.published_version)).roster
  }

  /** Takes a queued job and runs it to its end; never throws (the queue would retry or crash). */
  private async run(id: string): Promise<void> {
    if (this.stopping) return
    const state: Running = { run: null, progress: null, heartbeat: null }
    this.running.set(id, state)
    try {
      const job = await this.db
        .updateTable('solver_jobs')
        .set({ status: 'running', started_at: new Date(), heartbeat_at: new Date(), worker: this.instance })
        .where('id', '=', id)
        .where('status', '=', 'queued')
        .returningAll()
        .executeTakeFirst()
      if (!job) return // cancelled while queued, or taken by another process
      if (this.stopping) {
        await this.finishFailed(id, INTERRUPTED)
        return
      }
      const base = await this.months.versionFile(job.month_id, job.base_version)
      const keep = job.replan ? await this.publishedRoster(job.month_id) : undefined
      const run = runSolver(
        {
          file: job.replan ? blank(base) : base,
          seconds: job.seconds,
          seed: job.seed,
          ...(keep ? { keep: { roster: keep } } : {}),
        },
        p => {
          state.progress = { hard: p.hard, soft: p.soft, elapsedMs: Math.round(p.elapsedMs) }
          this.bus.emit(id, { type: 'progress', progress: state.progress } satisfies JobEvent)
        },
      )
      state.run = run
      state.heartbeat = setInterval(() => void this.heartbeat(id, state), this.heartbeatMs)
      let result: Awaited<SolverRun['done']>
      try {
        result = await run.done
      } catch (error) {
        await this.finishFailed(id, `the solver failed: ${(error as Error).message}`)
        return
      }
      if (result === null) return // cancelled: cancel() wrote the row
      const outcome: JobOutcome = {
        status: result.status,
        ok: result.ok,
        hard: result.hard,
        soft: result.soft,
        elapsedMs: Math.round(result.elapsedMs),
        ...(keep ? { changed: result.changed } : {}),
      }
      await this.finishDone(job, result.file, outcome)
    } catch (error) {
      this.log.error({ err: error, job: id }, 'solver job failed')
      await this.finishFailed(id, 'internal error while running the job').catch(() => undefined)
    } finally {
      if (state.heartbeat) clearInterval(state.heartbeat)
      this.running.delete(id)
      if (!this.stopping) await this.emitEnd(id).catch(() => undefined)
    }
  }

  /** Writes progress and the heartbeat; stops the thread when the job was cancelled elsewhere. */
  private async heartbeat(id: string, state: Running): Promise<void> {
    try {
      const row = await this.db
        .updateTable('solver_jobs')
        .set({
          heartbeat_at: new Date(),
          ...(state.progress ? { progress: JSON.stringify(state.progress) } : {}),
        })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .where('worker', '=', this.instance)
        .returning('id')
        .executeTakeFirst()
      if (!row) await state.run?.cancel()
    } catch (error) {
      this.log.error({ err: error, job: id }, 'solver job heartbeat failed')
    }
  }

  /** The generated roster becomes a new draft version, unless the job was cancelled meanwhile. */
  private async finishDone(job: JobRow, file: MonthFile, outcome: JobOutcome): Promise<void> {
    const creator = job.created_by
      ? await this.db
          .selectFrom('people')
          .select(['id', 'login'])
          .where('id', '=', job.created_by)
          .executeTakeFirst()
      : undefined
    const actor: Actor = creator ?? null
    await this.db.transaction().execute(async trx => {
      const m = await trx
        .selectFrom('months')
        .selectAll()
        .where('id', '=', job.month_id)
        .forUpdate()
        .executeTakeFirstOrThrow()
      const claimed = await trx
        .updateTable('solver_jobs')
        .set({
          status: 'done',
          finished_at: new Date(),
          outcome: JSON.stringify(outcome),
          result_version: m.latest_version + 1,
        })
        .where('id', '=', job.id)
        .where('status', '=', 'running')
        .returning('id')
        .executeTakeFirst()
      if (!claimed) return // cancelled or interrupted while finishing: write nothing
      const { number } = await this.months.appendVersion(trx, m, file, 'generate', actor, job.id)
      await audit(trx, actor, {
        action: 'job.done',
        teamId: job.team_id,
        entity: 'job',
        entityId: job.id,
        before: { status: 'running', baseVersion: job.base_version },
        after: { status: 'done', resultVersion: number, outcome },
      })
    })
  }

  private async finishFailed(id: string, error: string): Promise<void> {
    await this.db.transaction().execute(async trx => {
      const row = await trx
        .updateTable('solver_jobs')
        .set({ status: 'failed', error, finished_at: new Date() })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .returning('team_id')
        .executeTakeFirst()
      if (row)
        await audit(trx, null, {
          action: 'job.fail',
          teamId: row.team_id,
          entity: 'job',
          entityId: id,
          before: { status: 'running' },
          after: { status: 'failed', error },
        })
    })
  }
}

function toView(row: JobRow & { login: string | null }): JobView {
  return {
    id: row.id,
    team: row.team_id,
    month: row.month,
    status: row.status,
    seconds: row.seconds,
    seed: row.seed,
    replan: row.replan,
    baseVersion: row.base_version,
    resultVersion: row.result_version,
    progress: row.progress,
    outcome: row.outcome,
    error: row.error,
    createdBy: row.login,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  }
}

export default fp(
  async (app, config: AppConfig) => {
    const jobs = new JobsService(app.db, app.months, config, app.log)
    app.decorate('jobs', jobs)
    await jobs.start()
    app.addHook('preClose', async () => {
      await jobs.stop()
    })
  },
  { name: 'jobs', dependencies: ['db', 'months'] },
)
