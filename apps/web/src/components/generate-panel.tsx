import type { JobOutcome } from '@paiban/domain'
import { useCallback, useEffect, useRef, useState } from 'react'
import { api, ApiError, errorText } from '../api/client'
import type { Job, JobProgress } from '../api/types'
import { pinnedCells, type EditorState } from '../grid/editor-state'
import type { TextKey } from '../i18n/dict'
import type { Vars } from '../i18n/format'
import { useI18n } from '../i18n/i18n'

/** A message kept as its key, so it follows the language switch. */
type Note = { key: TextKey; vars?: Vars; who?: NonNullable<JobOutcome['changedFor']> }

type Run =
  | { phase: 'idle'; note?: Note; error?: boolean }
  | { phase: 'starting' }
  | { phase: 'running'; job: Job; progress: JobProgress | null; history: JobProgress[] }

/** How many of the changed agents the done message names; the rest are counted. */
const NAMED = 8

/**
 * Generate the month with the solver on the server. The job works on its own copy: pinned cells
 * (sent as `keep`) and leave stay, every other cell is re-planned, and one new draft is written when
 * it is done (cancelling writes nothing). A month that was published is re-planned with minimal
 * change, after the supervisor says yes, and the result says how many cells changed and whose.
 * Progress streams over server-sent events; after a reload the page finds the month's running job
 * (`activeJob`) and follows it again.
 */
export function GeneratePanel({
  state,
  team,
  month,
  activeJob,
  publishedVersion,
  onReload,
  onBusy,
}: {
  state: EditorState
  team: string
  month: string
  /** The month's queued or running job, as the month's view says. */
  activeJob: { id: string } | null
  /** The version published last; null: never published. */
  publishedVersion: number | null
  onReload: () => Promise<void>
  onBusy: (busy: boolean) => void
}) {
  const { t, lang } = useI18n()
  const [seconds, setSeconds] = useState(5)
  const [run, setRun] = useState<Run>({ phase: 'idle' })
  const source = useRef<EventSource | null>(null)
  const following = useRef<string | null>(null)
  useEffect(() => () => source.current?.close(), [])

  const busy = run.phase !== 'idle'
  useEffect(() => onBusy(busy), [busy, onBusy])

  const finish = useCallback(
    async (job: Job) => {
      source.current?.close()
      source.current = null
      following.current = null
      await onReload()
      if (job.status === 'done') {
        const outcome = job.outcome
        const vars = {
          version: job.resultVersion ?? '?',
          hard: outcome?.hard ?? '?',
          soft: outcome?.soft ?? '?',
        }
        setRun({
          phase: 'idle',
          note:
            outcome?.changed === undefined
              ? { key: 'generateDone', vars }
              : {
                  key: 'generateDoneChanged',
                  vars: { ...vars, n: outcome.changed, people: outcome.changedFor?.length ?? 0 },
                  who: outcome.changedFor ?? [],
                },
        })
        return
      }
      setRun(
        job.status === 'cancelled'
          ? { phase: 'idle', note: { key: 'generateCancelled' } }
          : {
              phase: 'idle',
              note: { key: 'generateFailed', vars: { message: job.error ?? job.status } },
              error: true,
            },
      )
    },
    [onReload],
  )

  const follow = useCallback(
    (job: Job) => {
      if (following.current === job.id) return
      following.current = job.id
      setRun({ phase: 'running', job, progress: job.progress, history: job.progress ? [job.progress] : [] })
      const events = new EventSource(api.jobEventsUrl(job.id))
      source.current = events
      let ended = false
      events.addEventListener('progress', event => {
        const progress = JSON.parse((event as MessageEvent<string>).data) as JobProgress
        setRun(r =>
          r.phase === 'running' ? { ...r, progress, history: [...r.history, progress].slice(-60) } : r,
        )
      })
      events.addEventListener('end', event => {
        ended = true
        void finish(JSON.parse((event as MessageEvent<string>).data) as Job)
      })
      events.onerror = () => {
        if (ended) return
        // The stream broke (a proxy, a restart): ask for the job instead of reconnecting blindly.
        events.close()
        const poll = async () => {
          const now = await api.job(job.id)
          if (now.status === 'done' || now.status === 'failed' || now.status === 'cancelled')
            await finish(now)
          else {
            setRun(r => (r.phase === 'running' && now.progress ? { ...r, progress: now.progress } : r))
            setTimeout(() => void poll(), 1000)
          }
        }
        void poll()
      }
    },
    [finish],
  )

  // A job started before this page loaded (a reload, another tab): show it and follow it again.
  useEffect(() => {
    if (!activeJob || following.current === activeJob.id) return
    api.job(activeJob.id).then(follow, () => undefined)
  }, [activeJob, follow])

  const start = async () => {
    if (state.outbox.length > 0) {
      setRun({ phase: 'idle', note: { key: 'unsavedWait' }, error: true })
      return
    }
    if (publishedVersion !== null && !window.confirm(t('regenerateConfirm', { version: publishedVersion })))
      return
    setRun({ phase: 'starting' })
    try {
      const job = await api.generate(team, month, {
        seconds,
        replan: true,
        keep: pinnedCells(state),
        version: state.version,
      })
      follow(job)
    } catch (e) {
      const message =
        e instanceof ApiError && e.code === 'STALE_VERSION' ? t('staleTitle') : errorText(e, lang)
      setRun({ phase: 'idle', note: { key: 'generateFailed', vars: { message } }, error: true })
      // A 409 for a job already running (another tab): the reload shows it and the page follows it.
      await onReload()
    }
  }

  const cancel = async () => {
    if (run.phase !== 'running') return
    try {
      await api.cancelJob(run.job.id)
    } catch (e) {
      // Already finished: its end event brings the result.
      if (!(e instanceof ApiError && e.status === 409)) throw e
    }
  }

  const elapsed = run.phase === 'running' ? (run.progress?.elapsedMs ?? 0) : 0
  const totalSeconds = run.phase === 'running' ? run.job.seconds : seconds
  const total = totalSeconds * 1000
  const note = run.phase === 'idle' ? run.note : undefined
  return (
    <section className="generate" aria-labelledby="generate-title">
      <h2 id="generate-title" className="sr-only">
        {t('generate')}
      </h2>
      <div className="row">
        <label className="inline-field">
          <span>{t('generateSeconds')}</span>
          <input
            type="number"
            min={1}
            max={600}
            value={seconds}
            disabled={busy}
            onChange={e => setSeconds(Math.max(1, Math.min(600, Number(e.target.value) || 1)))}
          />
        </label>
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void start()}
          title={t('generateHint')}
        >
          {t('generate')}
        </button>
        {run.phase === 'running' && (
          <button type="button" onClick={() => void cancel()}>
            {t('cancelGenerate')}
          </button>
        )}
      </div>
      {run.phase !== 'idle' && (
        <div className="progress" role="status" aria-live="polite" data-testid="generate-progress">
          <label htmlFor="generate-progress">{t('generating')}</label>
          <progress id="generate-progress" max={total} value={Math.min(elapsed, total)} />
          <span>{t('generateProgress', { elapsed: (elapsed / 1000).toFixed(1), total: totalSeconds })}</span>
          {run.phase === 'running' && run.progress && (
            <span className="best" data-testid="best-score">
              {t('bestScore', { hard: run.progress.hard, soft: Math.round(run.progress.soft) })}
            </span>
          )}
          {run.phase === 'running' && run.history.length > 1 && <Sparkline history={run.history} />}
        </div>
      )}
      {note && (
        <p
          className={run.phase === 'idle' && run.error ? 'error' : 'ok'}
          role={run.phase === 'idle' && run.error ? 'alert' : 'status'}
          data-testid="generate-note"
        >
          {t(note.key, note.vars)}
          {note.who && note.who.length > 0 && (
            <>
              {' '}
              {note.who
                .slice(0, NAMED)
                .map(w => t('changedCells', { name: w.name, n: w.cells }))
                .join(t('listSeparator'))}
              {note.who.length > NAMED ? t('andMore', { n: note.who.length - NAMED }) : ''}
            </>
          )}
        </p>
      )}
    </section>
  )
}

/** The best score over time: hard violations weigh far more than soft, as the solver ranks them. */
function Sparkline({ history }: { history: readonly JobProgress[] }) {
  const scores = history.map(p => p.hard * 1000 + p.soft)
  const max = Math.max(...scores)
  const min = Math.min(...scores)
  const w = 120
  const h = 24
  const points = scores
    .map(
      (s, i) =>
        `${((i / (scores.length - 1)) * w).toFixed(1)},${(max === min ? h / 2 : ((s - min) / (max - min)) * (h - 2) + 1).toFixed(1)}`,
    )
    .join(' ')
  return (
    <svg className="sparkline" width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true">
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  )
}
