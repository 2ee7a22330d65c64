import {
  instantIn,
  LeaveKindSchema,
  violationKey,
  type Leave,
  type LeaveKind,
  type MonthFile,
  type Violation,
} from '@paiban/domain'
import { checkLeave, SHIFT_NAME } from '@paiban/rules'
import { useEffect, useMemo, useState, type FormEvent } from 'react'
import { api } from '../api/client'
import type { Me } from '../api/types'
import { dateLabel } from '../i18n/format'
import { useI18n } from '../i18n/i18n'
import { CheckResultView } from './check-result'
import { SentMessage, useSend } from './send-state'

/**
 * The leave records a request makes: one per date from `from` to `to` on which the agent has a
 * shift (a rest day needs no leave), sharing one request id.
 */
export function leaveRecords(
  file: MonthFile,
  input: {
    agentId: string
    by: string
    from: string
    to: string
    kind: LeaveKind
    urgent: boolean
    certificate: boolean
    now: string
  },
): Leave[] {
  const row = file.roster?.[input.agentId] ?? ''
  const out: Leave[] = []
  for (let i = 0; i < row.length; i++) {
    const date = `${file.month}-${String(i + 1).padStart(2, '0')}`
    if (date < input.from || date > input.to) continue
    const cell = row[i]
    if (cell !== 'D' && cell !== 'N') continue
    out.push({
      id: `draft-${date}`,
      agentId: input.agentId,
      date,
      shift: cell,
      kind: input.kind,
      urgent: input.urgent,
      certificate: input.certificate,
      requestId: 'draft',
      submittedAt: input.now,
      by: input.by,
      status: 'pending',
      approvals: [],
    })
  }
  return out
}

/**
 * What-if of a (possibly multi-day) leave request: each day through `checkLeave`, with the other
 * days of the request already on file so LEAVE-APPROVER sees its full length.
 */
export function checkLeaveRequest(file: MonthFile, records: readonly Leave[]): Violation[] {
  const seen = new Map<string, Violation>()
  for (const record of records) {
    const others = records.filter(r => r !== record)
    const withOthers: MonthFile = { ...file, leaves: [...file.leaves, ...others] }
    for (const v of checkLeave(withOthers, record).violations) seen.set(violationKey(v), v)
  }
  return [...seen.values()]
}

/**
 * Ask for leave: kind and dates; the rule check (notice, nights, holidays, approver) shows at once,
 * then the server's leave-check (the same state as on submit) decides. A shift left short does not
 * stop the agent: it is marked "needs cover" for the supervisor.
 */
export function LeaveForm({
  file,
  me,
  team,
  onSent,
}: {
  file: MonthFile
  me: Me
  team: string
  onSent: () => Promise<void>
}) {
  const { t, lang } = useI18n()
  const self = me.agentId ?? ''
  const [agentId, setAgentId] = useState(self)
  const [kind, setKind] = useState<LeaveKind>('personal')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [urgent, setUrgent] = useState(false)
  const [certificate, setCertificate] = useState(false)
  const { sent, send } = useSend('POST …/leaves')

  // A team leader may file (sick) leave for their own agents (LEAVE-SELF).
  const forWhom = useMemo(
    () => (me.role === 'teamLeader' ? file.agents.filter(a => a.id === self || a.teamLeaderId === self) : []),
    [file, me.role, self],
  )
  const first = `${file.month}-01`
  const last = `${file.month}-${String((file.roster?.[agentId] ?? '').length).padStart(2, '0')}`
  const records = useMemo(
    () =>
      from
        ? leaveRecords(file, {
            agentId,
            by: self,
            from,
            to: to || from,
            kind,
            urgent,
            certificate,
            now: instantIn(file.team.timeZone),
          })
        : [],
    [file, agentId, self, from, to, kind, urgent, certificate],
  )
  const violations = useMemo(
    () => (records.length > 0 ? checkLeaveRequest(file, records) : null),
    [file, records],
  )
  type Judged = {
    key: string
    ok: boolean
    violations: Violation[]
    needsCover: boolean
    steps: Array<'counterpart' | 'teamLeader' | 'supervisor' | 'manager'>
    duplicate?: { zh: string; en: string }
  }
  const [server, setServer] = useState<Judged | null>(null)
  const draftKey =
    records.length > 0
      ? `${agentId}|${kind}|${urgent}|${certificate}|${records.map(r => r.date).join(',')}`
      : ''
  useEffect(() => {
    setServer(null)
    if (!draftKey) return
    const timer = setTimeout(() => {
      api
        .leaveCheck(team, file.month, {
          ...(agentId !== self ? { agentId } : {}),
          dates: records.map(r => r.date),
          kind,
          urgent,
          certificate,
        })
        .then(
          result => setServer({ key: draftKey, ...result }),
          () => setServer(null),
        )
    }, 250)
    return () => clearTimeout(timer)
  }, [draftKey, team, file.month, agentId, self, records, kind, urgent, certificate])
  const judged = server && server.key === draftKey ? server : null
  const shown = judged ? judged.violations : violations
  const allowed = judged !== null && judged.ok

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!allowed) return
    await send(async () => {
      await api.requestLeave(team, file.month, {
        ...(agentId !== self ? { agentId } : {}),
        dates: records.map(r => r.date),
        kind,
        urgent,
        certificate,
      })
    }, onSent)
  }

  return (
    <form className="card leave-form" aria-labelledby="leave-title" onSubmit={e => void submit(e)}>
      <h2 id="leave-title">{t('askLeave')}</h2>
      {forWhom.length > 1 && (
        <>
          <label htmlFor="leave-for">{t('leaveFor')}</label>
          <select id="leave-for" value={agentId} onChange={e => setAgentId(e.target.value)}>
            {forWhom.map(a => (
              <option key={a.id} value={a.id}>
                {a.id === self ? `${a.name}(${t('myself')})` : a.name}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor="leave-kind">{t('leaveKind')}</label>
      <select id="leave-kind" value={kind} onChange={e => setKind(e.target.value as LeaveKind)}>
        {LeaveKindSchema.options.map(k => (
          <option key={k} value={k}>
            {t(`leave_${k}`)}
          </option>
        ))}
      </select>
      <div className="row">
        <span className="field">
          <label htmlFor="leave-from">{t('leaveFrom')}</label>
          <input
            id="leave-from"
            type="date"
            min={first}
            max={last}
            value={from}
            onChange={e => setFrom(e.target.value)}
          />
        </span>
        <span className="field">
          <label htmlFor="leave-to">{t('leaveTo')}</label>
          <input
            id="leave-to"
            type="date"
            min={from || first}
            max={last}
            value={to}
            onChange={e => setTo(e.target.value)}
          />
        </span>
      </div>
      <label className="check">
        <input type="checkbox" checked={urgent} onChange={e => setUrgent(e.target.checked)} /> {t('urgent')}
      </label>
      {kind === 'sick' && (
        <label className="check">
          <input type="checkbox" checked={certificate} onChange={e => setCertificate(e.target.checked)} />{' '}
          {t('certificate')}
        </label>
      )}
      {from && records.length === 0 && <p className="note">{t('leaveNoShift')}</p>}
      {records.length > 0 && (
        <p className="note">
          {records.map(r => `${dateLabel(r.date, lang)} ${SHIFT_NAME[r.shift][lang]}`).join('、')}
        </p>
      )}
      {shown && <CheckResultView violations={shown} testId="leave-check" coverApart />}
      {draftKey && !judged && <p className="note">{t('checkingServer')}</p>}
      {judged && judged.steps.length > 0 && (
        <p className="note" data-testid="leave-steps">
          {t('leaveSteps', { steps: judged.steps.map(step => t(`approvalRole_${step}`)).join(' → ') })}
        </p>
      )}
      {judged?.duplicate && (
        <p className="error" role="alert" data-testid="leave-duplicate">
          {t('duplicateRequest')} {judged.duplicate[lang]}
        </p>
      )}
      <button type="submit" className="primary" disabled={!allowed}>
        {t('send')}
      </button>
      <SentMessage sent={sent} />
    </form>
  )
}
