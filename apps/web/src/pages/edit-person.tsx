import { StaffSchema, type Staff, type StaffPatch, type TeamInfo } from '@paiban/domain'
import { useState } from 'react'
import { api, ApiError } from '../api/client'
import { JobField, LevelField } from '../components/staff-fields'
import { useI18n } from '../i18n/i18n'
import type { TextKey } from '../i18n/dict'

/** The fields a person is edited by, each with its label and the rule it must meet. */
const FIELDS = {
  name: { label: 'staffName', rule: 'staffRule_name' },
  job: { label: 'staffJob', rule: 'staffRule_job' },
  level: { label: 'staffLevel', rule: 'staffRule_level' },
  role: { label: 'signInRole', rule: 'staffRule_role' },
  teamLeaderId: { label: 'staffLeader', rule: 'staffRule_teamLeaderId' },
  nights: { label: 'staffNights', rule: 'staffRule_nights' },
  contractDays: { label: 'staffContractDays', rule: 'staffRule_contractDays' },
  team: { label: 'team', rule: 'staffRule_team' },
  from: { label: 'staffMoveFrom', rule: 'staffRule_from' },
} as const satisfies Record<string, { label: TextKey; rule: TextKey }>
type Field = keyof typeof FIELDS

type Issue = { field: Field | null; text: string }

/**
 * The form a person is edited in: name, job, level, role, team leader, nights and contract days,
 * checked with the month file's agent schema before it is sent; the admin may also move them to
 * another team from a date. An edit made on a person someone else changed since is refused (409).
 */
export function EditPerson(props: {
  team: string
  person: Staff
  people: readonly Staff[]
  teams: readonly TeamInfo[] | null
  onSaved: (text: string) => void
  onCancel: () => void
}) {
  const { t } = useI18n()
  const s = props.person
  const [name, setName] = useState(s.name)
  const [job, setJob] = useState<Staff['job']>(s.job)
  const [level, setLevel] = useState<Staff['level']>(s.level)
  const [role, setRole] = useState<Staff['role']>(s.role)
  const [leader, setLeader] = useState(s.teamLeaderId ?? '')
  const [nights, setNights] = useState(s.nights)
  const [contract, setContract] = useState(s.contractDays === undefined ? '' : String(s.contractDays))
  const [moveTo, setMoveTo] = useState('')
  const [from, setFrom] = useState('')
  const [issues, setIssues] = useState<Issue[]>([])
  const [busy, setBusy] = useState(false)

  const fieldIssue = (path: string, text?: string): Issue => {
    const key = path.split('.')[0] as Field
    const field = key in FIELDS ? key : null
    return { field, text: text ?? (field ? t(FIELDS[field].rule) : path) }
  }
  const labelled = (i: Issue) => (i.field ? `${t(FIELDS[i.field].label)}: ${i.text}` : i.text)

  /** Every broken field, named, in the reader's language; empty when the edit may be sent. */
  const check = (): Issue[] => {
    const found: Issue[] = []
    const days = contract.trim() === '' ? undefined : Number(contract)
    const parsed = StaffSchema.safeParse({
      ...s,
      name: name.trim(),
      job,
      level,
      role,
      teamLeaderId: leader.trim() || undefined,
      nights,
      contractDays: days,
    })
    if (!parsed.success) for (const i of parsed.error.issues) found.push(fieldIssue(String(i.path[0] ?? '')))
    const lead = leader.trim()
    if (lead && !moveTo && lead !== s.id && !props.people.some(p => p.id === lead && p.leftOn === null))
      found.push({ field: 'teamLeaderId', text: t('staffRule_leaderOnTeam', { id: lead, team: props.team }) })
    if (moveTo && from && !/^\d{4}-\d{2}-\d{2}$/.test(from)) found.push(fieldIssue('from'))
    return found
  }

  const save = async (event: React.FormEvent) => {
    event.preventDefault()
    const found = check()
    setIssues(found)
    if (found.length > 0) return
    const patch: Partial<StaffPatch> = {
      name: name.trim(),
      job,
      level,
      role,
      teamLeaderId: leader.trim() || null,
      nights,
      contractDays: contract.trim() === '' ? null : Number(contract),
      was: s,
      ...(moveTo ? { team: moveTo, ...(from ? { from } : {}) } : {}),
    }
    setBusy(true)
    try {
      await api.patchPerson(props.team, s.id, patch)
      props.onSaved(
        moveTo
          ? t('personMoved', { name: name.trim(), team: moveTo, date: from || t('staffMoveNow') })
          : t('personSaved', { name: name.trim() }),
      )
    } catch (e) {
      if (e instanceof ApiError && e.isStale)
        setIssues([{ field: null, text: t('personStale', { name: s.name }) }])
      else if (e instanceof ApiError && e.issues.length > 0)
        setIssues(e.issues.map(i => fieldIssue(i.path, `${t(fieldRule(i.path))} (${i.message})`)))
      else setIssues([{ field: null, text: t('errorPrefix', { message: (e as Error).message }) }])
    } finally {
      setBusy(false)
    }
  }
  const fieldRule = (path: string): TextKey => {
    const key = path.split('.')[0] as Field
    return key in FIELDS ? FIELDS[key].rule : 'staffRule_other'
  }
  const bad = (f: Field) => issues.some(i => i.field === f) || undefined
  const others = (props.teams ?? []).filter(x => x.id !== props.team && !x.archived)

  return (
    <form
      className="edit-person"
      onSubmit={e => void save(e)}
      aria-label={t('personEditOf', { name: s.name })}
    >
      <div className="row">
        <label className="inline-field">
          <span>{t('staffName')}</span>
          <input value={name} onChange={e => setName(e.target.value)} aria-invalid={bad('name')} size={8} />
        </label>
        <JobField value={job} onChange={setJob} invalid={bad('job')} />
        <LevelField value={level} onChange={setLevel} />
        <label className="inline-field">
          <span>{t('signInRole')}</span>
          <select value={role} onChange={e => setRole(e.target.value as Staff['role'])}>
            <option value="agent">{t('role_agent')}</option>
            <option value="teamLeader">{t('role_teamLeader')}</option>
          </select>
        </label>
        <label className="inline-field">
          <span>{t('staffLeader')}</span>
          <input
            value={leader}
            onChange={e => setLeader(e.target.value)}
            aria-invalid={bad('teamLeaderId')}
            placeholder={t('staffId')}
            size={6}
          />
        </label>
        <label className="inline-field">
          <input type="checkbox" checked={nights} onChange={e => setNights(e.target.checked)} />
          <span>{t('staffNights')}</span>
        </label>
        <label className="inline-field">
          <span>{t('staffContractDays')}</span>
          <input
            type="number"
            value={contract}
            onChange={e => setContract(e.target.value)}
            aria-invalid={bad('contractDays')}
            step={1}
          />
        </label>
      </div>
      {others.length > 0 && (
        <div className="row">
          <label className="inline-field">
            <span>{t('staffMoveTo')}</span>
            <select value={moveTo} onChange={e => setMoveTo(e.target.value)}>
              <option value="">{t('staffMoveStay')}</option>
              {others.map(x => (
                <option key={x.id} value={x.id}>
                  {x.name} ({x.id})
                </option>
              ))}
            </select>
          </label>
          {moveTo && (
            <label className="inline-field">
              <span>{t('staffMoveFrom')}</span>
              <input
                type="date"
                value={from}
                onChange={e => setFrom(e.target.value)}
                aria-invalid={bad('from')}
              />
            </label>
          )}
          {moveTo && <span className="help">{t('staffMoveHelp')}</span>}
        </div>
      )}
      {issues.length > 0 && (
        <ul className="error" role="alert" aria-label={t('importErrors')}>
          {issues.map((i, n) => (
            <li key={n}>{labelled(i)}</li>
          ))}
        </ul>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {t('save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  )
}
