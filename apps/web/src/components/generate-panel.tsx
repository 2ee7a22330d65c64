import { useEffect, useRef, useState } from 'react'
import { api, ApiError } from '../api/client'
import type { Job, JobProgress } from '../api/types'
import { blankUnpinned, type CellEdit, type EditorState } from '../grid/editor-state'
import type { TextKey } from '../i18n/dict'
import type { Vars } from '../i18n/format'
import { useI18n } from '../i18n/i18n'

/** The API takes at most this many cell edits per request. */
const EDITS_PER_REQUEST = 10_000

/** A message kept as its key, so it follows the language switch. */
type Note = { key: TextKey; vars?: Vars }

type Run =
  | { phase: 'idle'; note?: Note; error?: boolean }
  | { phase: 'starting' }
  | {
      phase: 'running'
      job: Job
      progress: JobProgress | null
      history: JobProgress[]
      restore: CellEdit[] | null
      version: number
    }

/** Sends edits in chunks the API accepts; returns the version after the last one. */
async function sendEdits(
  team: string,
  month: string,
  version: number,
  edits: readonly CellEdit[],
): Promise<number> {
  let v = version
  for (let i = 0; i < edits.length; i += EDITS_PER_REQUEST)
    v = (await api.editCells(team, month, v, edits.slice(i, i + EDITS_PER_REQUEST))).version
  return v
}

/**
 * Generate the month with the solver on the server: pinned cells (and leave) are kept by sending
 * `?` for every other cell first and asking the job to fill only those; with no pin the job
 * re-plans the month. Progress (elapsed time, the best roster's hard and soft score) streams over
 * server-sent events; cancelling stops the job and puts the blanked cells back.
 */
export function GeneratePanel({
  state,
  team,
  month,
  onReload,
  onBusy,
}: {
  state: EditorState
  team: string
  month: string
  onReload: () => Promise<void>
  onBusy: (busy: boolean) => void
}) {
  const { t } = useI18n()
  const [seconds, setSeconds] = useState(5)
  const [run, setRun] = useState<Run>({ phase: 'idle' })
  const source = useRef<EventSource | null>(null)
  useEffect(() => () => source.current?.close(), [])

  const busy = run.phase !== 'idle'
  useEffect(() => onBusy(busy), [busy, onBusy])

  const finish = async (job: Job, restore: CellEdit[] | null, version: number) => {
    source.current?.close()
    source.current = null
    if (job.status === 'done') {
      await onReload()
      setRun({
        phase: 'idle',
        note: {
          key: 'generateDone',
          vars: {
            version: job.resultVersion ?? '?',
            hard: job.outcome?.hard ?? '?',
            soft: job.outcome?.soft ?? '?',
          },
        },
      })
      return
    }
    try {
      if (restore && restore.length > 0) await sendEdits(team, month, version, restore)
    } catch {
      // Someone changed the month meanwhile: the reload below shows it as it is.
    }
    await onReload()
    setRun(
      job.status === 'cancelled'
        ? { phase: 'idle', note: { key: 'generateCancelled' } }
        : {
            phase: 'idle',
            note: { key: 'generateFailed', vars: { message: job.error ?? job.status } },
            error: true,
          },
    )
  }

  const follow = (job: Job, restore: CellEdit[] | null, version: number) => {
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
      void finish(JSON.parse((event as MessageEvent<string>).data) as Job, restore, version)
    })
    events.onerror = () => {
      if (ended) return
      // The stream broke (a proxy, a restart): ask for the job instead of reconnecting blindly.
      events.close()
      const poll = async () => {
        const now = await api.job(job.id)
        if (now.status === 'done' || now.status === 'failed' || now.status === 'cancelled')
          await finish(now, restore, version)
        else setTimeout(() => void poll(), 1000)
      }
      void poll()
    }
  }

  const start = async () => {
    if (state.outbox.length > 0) {
      setRun({ phase: 'idle', note: { key: 'unsavedWait' }, error: true })
      return
    }
    setRun({ phase: 'starting' })
    try {
      let version = state.version
      let restore: CellEdit[] | null = null
      const replan = state.pins.size === 0
      if (!replan) {
        const edits = blankUnpinned(state)
        version = await sendEdits(team, month, version, edits.blank)
        restore = edits.restore
      }
      const job = await api.generate(team, month, { seconds, replan })
      setRun({ phase: 'running', job, progress: null, history: [], restore, version })
      follow(job, restore, version)
    } catch (e) {
      const message = e instanceof ApiError && e.isStale ? t('staleTitle') : (e as Error).message
      setRun({ phase: 'idle', note: { key: 'generateFailed', vars: { message } }, error: true })
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
  const total = seconds * 1000
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
        <div className="progress" role="status" aria-live="polite">
          <label htmlFor="generate-progress">{t('generating')}</label>
          <progress id="generate-progress" max={total} value={Math.min(elapsed, total)} />
          <span>{t('generateProgress', { elapsed: (elapsed / 1000).toFixed(1), total: seconds })}</span>
          {run.phase === 'running' && run.progress && (
            <span className="best" data-testid="best-score">
              {t('bestScore', { hard: run.progress.hard, soft: Math.round(run.progress.soft) })}
            </span>
          )}
          {run.phase === 'running' && run.history.length > 1 && <Sparkline history={run.history} />}
        </div>
      )}
      {run.phase === 'idle' && run.note && (
        <p className={run.error ? 'error' : 'ok'} role={run.error ? 'alert' : 'status'}>
          {t(run.note.key, run.note.vars)}
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
