import { useCallback, useEffect, useState } from 'react'
import type { AttendanceDay, AttendanceWrite } from '@paiban/domain'
import { api, ApiError } from '../api/client'
import type { Me } from '../api/types'
import { HandoverPanel } from '../components/handover-panel'
import { EmergencyGap, EmergencyLeaveButton, type Filed } from '../components/emergency-leave'
import { navigateTo } from '../router'
import { useI18n } from '../i18n/i18n'

type Mark = { arrivedAt?: string; leftAt?: string; noShow?: boolean }

/** Today as `YYYY-MM-DD` in the browser's zone (the team leader stands in the centre). */
function today(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/**
 * ATTEND-RECORD on a phone: the team leader on duty picks the shift, sees its people with their
 * report time, taps "all on time" (or one person's "on time"), and a time picker for whoever came
 * late; "save" stores the shift with the revision it was loaded on (409: someone saved in between).
 */
export function AttendancePage({
  me,
  date: requested,
  shift: requestedShift,
}: {
  me: Me
  date: string | null
  shift: string | null
}) {
  const { t } = useI18n()
  const date = requested ?? today()
  const shift = requestedShift === 'N' ? 'N' : 'D'
  const month = date.slice(0, 7)
  const [day, setDay] = useState<AttendanceDay | null>(null)
  const [marks, setMarks] = useState<Record<string, Mark>>({})
  const [editing, setEditing] = useState<string | null>(null)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const [filed, setFiled] = useState<Filed | null>(null)

  const load = useCallback(async () => {
    setMessage(null)
    try {
      const d = await api.attendance(me.team ?? '', month, date, shift)
      setDay(d)
      setMarks(
        Object.fromEntries(
          d.people
            .filter(p => p.record)
            .map(p => [
              p.agentId,
              {
                ...(p.record?.arrivedAt ? { arrivedAt: p.record.arrivedAt } : {}),
                ...(p.record?.leftAt ? { leftAt: p.record.leftAt } : {}),
                ...(p.record?.noShow ? { noShow: true } : {}),
              },
            ]),
        ),
      )
    } catch (e) {
      setDay(null)
      setMessage({ ok: false, text: t('errorPrefix', { message: (e as Error).message }) })
    }
  }, [me.team, month, date, shift, t])
  useEffect(() => {
    void load()
  }, [load])

  const go = (d: string, s: string) => navigateTo(`/attendance?date=${d}&shift=${s}`)
  const present = day?.people.filter(p => p.cell !== 'L') ?? []
  const set = (id: string, mark: Mark) => setMarks(m => ({ ...m, [id]: mark }))
  const allOnTime = () => {
    if (!day) return
    setMarks(m => {
      const next = { ...m }
      for (const p of present) if (!next[p.agentId]) next[p.agentId] = { arrivedAt: day.report }
      return next
    })
  }
  const save = async () => {
    if (!day) return
    setBusy(true)
    setMessage(null)
    const records: AttendanceWrite['records'] = present
      .filter(p => marks[p.agentId])
      .map(p => ({ agentId: p.agentId, ...marks[p.agentId] }))
    try {
      const saved = await api.recordAttendance(me.team ?? '', month, date, shift, {
        revision: day.revision,
        records,
      })
      setDay(saved)
      setMessage({ ok: true, text: t('attendanceSaved', { count: String(records.length) }) })
    } catch (e) {
      setMessage({
        ok: false,
        text:
          e instanceof ApiError && e.status === 409
            ? t('attendanceStale')
            : t('errorPrefix', { message: (e as Error).message }),
      })
    } finally {
      setBusy(false)
    }
  }
  const marked = present.filter(p => marks[p.agentId]).length

  return (
    <section className="page attendance" aria-labelledby="attendance-title">
      <h1 id="attendance-title">{t('attendanceTitle')}</h1>
      <div className="attendance-pick">
        <label className="inline-field">
          <span>{t('attendanceDate')}</span>
          <input type="date" value={date} onChange={e => e.target.value && go(e.target.value, shift)} />
        </label>
        <div className="segmented" role="group" aria-label={t('attendanceShift')}>
          {(['D', 'N'] as const).map(s => (
            <button key={s} type="button" aria-pressed={shift === s} onClick={() => go(date, s)}>
              {s === 'D' ? t('attendanceDay') : t('attendanceNight')}
            </button>
          ))}
        </div>
      </div>
      {day && (
        <>
          <p className="help">
            {t('attendanceReport', { report: day.report, start: day.start, end: day.end })}
            {day.revision > 0 && ` · ${t('attendanceRecordedBy', { by: day.recordedBy ?? '' })}`}
          </p>
          {filed && filed.target.date === date && filed.target.shift === shift && (
            <EmergencyGap team={me.team ?? ''} filed={filed} />
          )}
          <button
            type="button"
            className="big primary"
            onClick={allOnTime}
            disabled={marked === present.length}
          >
            {t('attendanceAllOnTime')}
          </button>
          <ul className="attendance-list">
            {day.people.map(p => {
              const mark = marks[p.agentId]
              const late = mark?.arrivedAt !== undefined && mark.arrivedAt > day.report
              return (
                <li
                  key={p.agentId}
                  data-agent={p.agentId}
                  className={mark?.noShow ? 'noshow' : late ? 'late' : mark ? 'ok' : ''}
                >
                  <div className="who">
                    <strong>{p.name}</strong>
                    <span>
                      {p.cell === 'L'
                        ? t('attendanceOnLeave')
                        : mark?.noShow
                          ? t('attendanceNoShow')
                          : mark?.arrivedAt
                            ? t('attendanceArrived', { time: mark.arrivedAt })
                            : t('attendanceReportAt', { time: day.report })}
                    </span>
                  </div>
                  {p.cell !== 'L' && (
                    <div className="actions">
                      <button
                        type="button"
                        className="big"
                        aria-label={t('attendanceOnTimeFor', { name: p.name })}
                        onClick={() => set(p.agentId, { arrivedAt: day.report })}
                      >
                        {t('attendanceOnTime')}
                      </button>
                      <button
                        type="button"
                        className="big"
                        aria-label={t('attendanceTimeFor', { name: p.name })}
                        onClick={() => setEditing(editing === p.agentId ? null : p.agentId)}
                      >
                        {t('attendanceTime')}
                      </button>
                    </div>
                  )}
                  {editing === p.agentId && (
                    <div className="times">
                      <label>
                        <span>{t('attendanceArrival')}</span>
                        <input
                          type="time"
                          value={mark?.arrivedAt ?? ''}
                          onChange={e =>
                            set(p.agentId, { ...mark, noShow: false, arrivedAt: e.target.value })
                          }
                        />
                      </label>
                      <label>
                        <span>{t('attendanceDeparture')}</span>
                        <input
                          type="time"
                          value={mark?.leftAt ?? ''}
                          onChange={e => set(p.agentId, { ...mark, leftAt: e.target.value })}
                        />
                      </label>
                      <button
                        type="button"
                        className="big"
                        onClick={() => {
                          set(p.agentId, { noShow: true })
                          setEditing(null)
                        }}
                      >
                        {t('attendanceNoShow')}
                      </button>
                      <EmergencyLeaveButton
                        team={me.team ?? ''}
                        big
                        target={{ agentId: p.agentId, name: p.name, job: p.job, date, shift }}
                        onFiled={async f => {
                          setEditing(null)
                          setMarks(m => {
                            const { [p.agentId]: _gone, ...rest } = m
                            return rest
                          })
                          await load()
                          setFiled(f)
                        }}
                      />
                    </div>
                  )}
                </li>
              )
            })}
          </ul>
          <div className="attendance-save">
            <span>{t('attendanceMarked', { marked: String(marked), total: String(present.length) })}</span>
            <button
              type="button"
              className="big primary"
              disabled={busy || marked === 0}
              onClick={() => void save()}
            >
              {t('attendanceSave')}
            </button>
          </div>
          <HandoverPanel team={me.team ?? ''} date={date} shift={shift} />
        </>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'unavailable'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  )
}
