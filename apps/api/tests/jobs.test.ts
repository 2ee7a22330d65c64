import type { MonthFile } from '@paiban/domain'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { json, monthUrl, NEXT, signIn, testApp, type Client } from './helpers/app'
import { describeEachDb, freshDatabase, processDatabase, type TestDatabase } from './helpers/databases'

vi.setConfig({ hookTimeout: 180_000 })

type Job = {
  id: string
  status: string
  progress: { hard: number; soft: number; elapsedMs: number } | null
  resultVersion: number | null
  outcome: { ok: boolean; changed?: number } | null
  error: string | null
  worker?: string
}
type Version = { version: number; state: string; source: string; jobId: string | null }

/** Parses a server-sent event stream into its events. */
export function events(body: string): Array<{ event: string; data: unknown }> {
  return body
    .split('\n\n')
    .filter(block => block.startsWith('event:'))
    .map(block => {
      const [head, data] = block.split('\n')
      return {
        event: head?.slice('event: '.length) ?? '',
        data: JSON.parse(data?.slice('data: '.length) ?? 'null') as unknown,
      }
    })
}

/** Polls a job until `done(job)` holds. */
export async function waitFor(
  client: Client,
  id: string,
  done: (job: Job) => boolean,
  seconds = 30,
): Promise<Job> {
  const until = Date.now() + seconds * 1000
  for (;;) {
    const job = json<Job>(await client.get(`/api/jobs/${id}`))
    if (done(job)) return job
    if (Date.now() > until) throw new Error(`job ${id} is still ${job.status}`)
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}

describeEachDb('solver jobs', kind => {
  let db: TestDatabase
  let app: FastifyInstance
  let supervisor: Client

  beforeAll(async () => {
    db = await freshDatabase(kind)
    app = await testApp(db.config)
    supervisor = await signIn(app, 'supervisor')
  })
  afterAll(async () => {
    await app.close()
    await db.drop()
  })

  const versions = async () => json<Version[]>(await supervisor.get(`${monthUrl(NEXT)}/versions`))
  const generate = async (body: unknown) => supervisor.post(`${monthUrl(NEXT)}/generate`, body)

  it('runs generateMonth in a worker thread, streams its progress, and writes a new draft', async () => {
    const before = await versions()
    const next = (before[0]?.version ?? 0) + 1
    const response = await generate({ seconds: 1, seed: 3, replan: true })
    expect(response.statusCode).toBe(202)
    const job = json<Job>(response)
    expect(response.headers.location).toBe(`/api/jobs/${job.id}`)
    // The stream ends when the job does.
    const stream = await supervisor.get(`/api/jobs/${job.id}/events`)
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/)
    const received = events(stream.body)
    expect(received[0]?.event).toBe('job')
    expect(received.some(e => e.event === 'progress')).toBe(true)
    const progress = received.filter(e => e.event === 'progress').map(e => e.data as Job['progress'])
    expect(
      progress.every(p => p !== null && typeof p.hard === 'number' && typeof p.elapsedMs === 'number'),
    ).toBe(true)
    expect(received.at(-1)).toMatchObject({
      event: 'end',
      data: { status: 'done', resultVersion: next },
    })
    const done = json<Job>(await supervisor.get(`/api/jobs/${job.id}`))
    expect(done).toMatchObject({ status: 'done', outcome: { ok: true }, error: null })
    const after = await versions()
    expect(after[0]).toMatchObject({ version: next, source: 'generate', jobId: job.id })
  })

  it('re-plans a published month with minimal change: the outcome counts the cells that differ from the published roster', async () => {
    const published = (await versions()).find(v => v.state === 'published')
    expect(published).toBeDefined()
    const file = json<MonthFile>(await supervisor.get(`${monthUrl(NEXT)}/versions/${published?.version}`))
    const job = json<Job>(await generate({ seconds: 1, seed: 5, replan: true }))
    await supervisor.get(`/api/jobs/${job.id}/events`)
    const done = json<Job>(await supervisor.get(`/api/jobs/${job.id}`))
    expect(done.status).toBe('done')
    const result = json<MonthFile>(await supervisor.get(`${monthUrl(NEXT)}/versions/${done.resultVersion}`))
    let differ = 0
    for (const [id, row] of Object.entries(result.roster ?? {}))
      for (let d = 0; d < row.length; d++) if (row[d] !== file.roster?.[id]?.[d]) differ++
    expect(done.outcome?.changed).toBe(differ)
    // A published month that met the rules needs few changes, not a new plan (42 agents × 31 days).
    expect(differ).toBeLessThan(42 * 31 * 0.05)
  })

  it('cancels a running job: the worker stops, the job says cancelled, no version is written', async () => {
    const before = await versions()
    const job = json<Job>(await generate({ seconds: 60, replan: true }))
    await waitFor(supervisor, job.id, j => j.status === 'running' && j.progress !== null)
    expect(app.jobs.localProgress(job.id)).not.toBeNull()
    const cancelled = await supervisor.delete(`/api/jobs/${job.id}`)
    expect(cancelled.statusCode).toBe(200)
    expect(json(cancelled)).toMatchObject({ status: 'cancelled', resultVersion: null })
    await waitFor(supervisor, job.id, () => app.jobs.localProgress(job.id) === null, 10)
    expect(json(await supervisor.get(`/api/jobs/${job.id}`))).toMatchObject({ status: 'cancelled' })
    expect(await versions()).toEqual(before)
    // Its stream says so at once; a second cancel is a conflict.
    expect(events((await supervisor.get(`/api/jobs/${job.id}/events`)).body).at(-1)).toMatchObject({
      event: 'end',
      data: { status: 'cancelled' },
    })
    expect((await supervisor.delete(`/api/jobs/${job.id}`)).statusCode).toBe(409)
  })

  it('cancels a queued job before it ever runs', async () => {
    const before = await versions()
    const first = json<Job>(await generate({ seconds: 60, replan: true }))
    const second = json<Job>(await generate({ seconds: 1 }))
    await waitFor(supervisor, first.id, j => j.status === 'running')
    expect(json<Job>(await supervisor.get(`/api/jobs/${second.id}`)).status).toBe('queued')
    expect(json(await supervisor.delete(`/api/jobs/${second.id}`))).toMatchObject({ status: 'cancelled' })
    expect(json(await supervisor.delete(`/api/jobs/${first.id}`))).toMatchObject({ status: 'cancelled' })
    await new Promise(resolve => setTimeout(resolve, 1500))
    expect(json(await supervisor.get(`/api/jobs/${second.id}`))).toMatchObject({ status: 'cancelled' })
    expect(await versions()).toEqual(before)
  })

  it('a bad job request is 400 naming the field, and creates no job', async () => {
    const count = async () =>
      Number(
        (
          await app.db
            .selectFrom('solver_jobs')
            .select(eb => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const jobs = await count()
    const response = await generate({ seconds: 0, seed: -1 })
    expect(response.statusCode).toBe(400)
    expect(json(response)).toMatchObject({
      error: { code: 'BAD_REQUEST', issues: [{ path: 'seconds' }, { path: 'seed' }] },
    })
    expect(await count()).toBe(jobs)
  })

  if (kind === 'postgres')
    it('goes through pg-boss: a job queued by one process is run by another', async () => {
      // A second app on the same database that only enqueues.
      const enqueuer = await testApp(db.config, {
        demo: { enabled: false, seconds: 1 },
        jobs: { concurrency: 0, staleSeconds: 3 },
      })
      try {
        const client = await signIn(enqueuer, 'supervisor')
        const job = json<Job>(await client.post(`${monthUrl(NEXT)}/generate`, { seconds: 0.5 }))
        const done = await waitFor(client, job.id, j => j.status === 'done')
        expect(done.resultVersion).not.toBeNull()
        const row = await app.db
          .selectFrom('solver_jobs')
          .select('worker')
          .where('id', '=', job.id)
          .executeTakeFirstOrThrow()
        expect(row.worker).toBe(app.jobs.instance)
        expect(row.worker).not.toBe(enqueuer.jobs.instance)
        const queued = await app.db
          .selectFrom('pgboss.job' as never)
          .select(['state' as never])
          .where('data' as never, '@>' as never, JSON.stringify({ jobId: job.id }) as never)
          .execute()
        expect(queued).toEqual([{ state: 'completed' }])
      } finally {
        await enqueuer.close()
      }
    })
})

describe('solver jobs across a graceful restart [pglite]', () => {
  it('a running job ends failed ("interrupted by a restart"); a queued one runs after the restart', async () => {
    const db = await processDatabase('pglite')
    const config = { kind: 'pglite' as const, dataDir: db.dataDir ?? '' }
    try {
      const first = await testApp(config)
      let supervisor = await signIn(first, 'supervisor')
      const running = json<Job>(
        await supervisor.post(`${monthUrl(NEXT)}/generate`, { seconds: 60, replan: true }),
      )
      const queued = json<Job>(await supervisor.post(`${monthUrl(NEXT)}/generate`, { seconds: 0.5 }))
      await waitFor(supervisor, running.id, j => j.status === 'running')
      await first.close()

      const second = await testApp(config)
      try {
        supervisor = await signIn(second, 'supervisor')
        expect(json(await supervisor.get(`/api/jobs/${running.id}`))).toMatchObject({
          status: 'failed',
          error: 'interrupted by a restart',
          resultVersion: null,
        })
        const done = await waitFor(supervisor, queued.id, j => j.status === 'done')
        expect(done.resultVersion).not.toBeNull()
      } finally {
        await second.close()
      }
    } finally {
      await db.drop()
    }
  })
})
