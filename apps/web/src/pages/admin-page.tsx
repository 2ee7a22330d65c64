import { type ImportResult, type Role, type SignInInfo, type Staff, type TeamInfo } from '@paiban/domain'
import { Fragment, useCallback, useEffect, useState } from 'react'
import { api, ApiError } from '../api/client'
import { JobField, LevelField } from '../components/staff-fields'
import type { Me } from '../api/types'
import { useI18n } from '../i18n/i18n'
import { EditPerson } from './edit-person'

type Message = { ok: boolean; text: string } | null

function errorText(e: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (e instanceof ApiError && e.issues.length > 0)
    return e.issues.map(i => `${i.path}: ${i.message}`).join('\n')
  return t('errorPrefix', { message: (e as Error).message })
}

function Note({ message }: { message: Message }) {
  if (!message) return null
  return (
    <p className={message.ok ? 'ok' : 'error pre'} role={message.ok ? 'status' : 'alert'}>
      {message.text}
    </p>
  )
}

/**
 * The centre's admin (and a supervisor, for their own team's people): teams, the people on a
 * team with leavers, the staff sheet import with its preview, and sign-ins.
 */
export function AdminPage({ me }: { me: Me }) {
  const { t } = useI18n()
  const isAdmin = me.role === 'admin'
  const [teams, setTeams] = useState<TeamInfo[] | null>(null)
  const [team, setTeam] = useState<string | null>(me.team)
  const [message, setMessage] = useState<Message>(null)

  const loadTeams = useCallback(() => {
    if (!isAdmin) return
    api.adminTeams().then(
      list => {
        setTeams(list)
        setTeam(current => current ?? list.find(x => !x.archived)?.id ?? null)
      },
      (e: unknown) => setMessage({ ok: false, text: errorText(e, t) }),
    )
  }, [isAdmin, t])
  useEffect(loadTeams, [loadTeams])

  return (
    <section className="page" aria-labelledby="admin-title">
      <h1 id="admin-title">{isAdmin ? t('adminTitle') : t('peopleTitle')}</h1>
      <Note message={message} />
      {isAdmin && <TeamsCard teams={teams} selected={team} onSelect={setTeam} onChanged={loadTeams} />}
      {team && <PeopleCard key={`p-${team}`} team={team} teams={teams} />}
      {team && <ImportCard key={`i-${team}`} team={team} />}
      <SignInsCard me={me} teams={teams} team={team} />
    </section>
  )
}

function TeamsCard(props: {
  teams: TeamInfo[] | null
  selected: string | null
  onSelect: (id: string) => void
  onChanged: () => void
}) {
  const { t } = useI18n()
  const [id, setId] = useState('')
  const [name, setName] = useState('')
  const [zone, setZone] = useState('Asia/Shanghai')
  const [message, setMessage] = useState<Message>(null)
  const create = async (event: React.FormEvent) => {
    event.preventDefault()
    try {
      const made = await api.createTeam({ id, name, timeZone: zone })
      setMessage({ ok: true, text: t('teamCreated', { name: made.name }) })
      setId('')
      setName('')
      props.onChanged()
      props.onSelect(made.id)
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, t) })
    }
  }
  const archive = async (team: TeamInfo) => {
    try {
      await api.patchTeam(team.id, { archived: !team.archived })
      props.onChanged()
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, t) })
    }
  }
  return (
    <div className="card">
      <h2>{t('teamsTitle')}</h2>
      {props.teams && props.teams.length === 0 && <p className="help">{t('teamsNone')}</p>}
      {props.teams && props.teams.length > 0 && (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th>{t('teamId')}</th>
                <th>{t('teamName')}</th>
                <th>{t('timeZone')}</th>
                <th>{t('headCount')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {props.teams.map(x => (
                <tr key={x.id} aria-current={x.id === props.selected ? 'true' : undefined}>
                  <td>{x.id}</td>
                  <td>
                    {x.name}
                    {x.archived && <span className="help"> · {t('archived')}</span>}
                  </td>
                  <td>{x.timeZone}</td>
                  <td>{x.staff}</td>
                  <td className="row">
                    <button
                      type="button"
                      onClick={() => props.onSelect(x.id)}
                      disabled={x.id === props.selected}
                    >
                      {t('open')}
                    </button>
                    <button type="button" onClick={() => void archive(x)}>
                      {x.archived ? t('restore') : t('archive')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="row" onSubmit={e => void create(e)} aria-label={t('teamCreate')}>
        <label className="inline-field">
          <span>{t('teamId')}</span>
          <input value={id} onChange={e => setId(e.target.value)} placeholder="cs-2" required size={8} />
        </label>
        <label className="inline-field">
          <span>{t('teamName')}</span>
          <input
            value={name}
            onChange={e => setName(e.target.value)}
            placeholder="客服二组"
            required
            size={10}
          />
        </label>
        <label className="inline-field">
          <span>{t('timeZone')}</span>
          <input value={zone} onChange={e => setZone(e.target.value)} required size={14} />
        </label>
        <button type="submit" className="primary">
          {t('teamCreate')}
        </button>
      </form>
      <Note message={message} />
    </div>
  )
}

function PeopleCard({ team, teams }: { team: string; teams: TeamInfo[] | null }) {
  const { t } = useI18n()
  const [people, setPeople] = useState<Staff[] | null>(null)
  const [editing, setEditing] = useState<string | null>(null)
  const [message, setMessage] = useState<Message>(null)
  const [leaving, setLeaving] = useState<Record<string, string>>({})
  const load = useCallback(() => {
    api.people(team).then(setPeople, (e: unknown) => setMessage({ ok: false, text: errorText(e, t) }))
  }, [team, t])
  useEffect(load, [load])
  const leave = async (s: Staff) => {
    const date = leaving[s.id]
    try {
      await api.patchPerson(team, s.id, { leftOn: date ? date : null })
      setMessage({
        ok: true,
        text: date ? t('personLeaves', { name: s.name, date }) : t('personBack', { name: s.name }),
      })
      load()
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, t) })
    }
  }
  return (
    <div className="card">
      <h2>
        {t('peopleTitle')} · {team}
      </h2>
      <Note message={message} />
      <AddPerson team={team} onAdded={load} onMessage={setMessage} />
      {people && people.length === 0 && <p className="help">{t('peopleNone')}</p>}
      {people && people.length > 0 && (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th />
                <th>{t('staffId')}</th>
                <th>{t('staffName')}</th>
                <th>{t('staffJob')}</th>
                <th>{t('staffLevel')}</th>
                <th>{t('staffLeader')}</th>
                <th>{t('staffNights')}</th>
                <th>{t('staffLeftOn')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map(s => (
                <Fragment key={s.id}>
                  <tr className={s.leftOn ? 'muted' : undefined}>
                    <td>
                      <button
                        type="button"
                        aria-label={t('personEditOf', { name: s.name })}
                        aria-expanded={editing === s.id}
                        onClick={() => setEditing(editing === s.id ? null : s.id)}
                      >
                        {t('personEdit')}
                      </button>
                    </td>
                    <td>{s.id}</td>
                    <td>
                      {s.name}
                      {s.role === 'teamLeader' && <span className="help"> · {t('role_teamLeader')}</span>}
                    </td>
                    <td>{t(`job_${s.job}` as const)}</td>
                    <td>{t(`level_${s.level}` as const)}</td>
                    <td>{s.teamLeaderId ?? ''}</td>
                    <td>{s.nights ? t('yes') : t('no')}</td>
                    <td className="row">
                      <input
                        type="date"
                        aria-label={t('staffLeftOnOf', { name: s.name })}
                        value={leaving[s.id] ?? s.leftOn ?? ''}
                        onChange={e => setLeaving({ ...leaving, [s.id]: e.target.value })}
                      />
                      <button
                        type="button"
                        onClick={() => void leave(s)}
                        disabled={(leaving[s.id] ?? s.leftOn ?? '') === (s.leftOn ?? '')}
                      >
                        {t('save')}
                      </button>
                    </td>
                  </tr>
                  {editing === s.id && (
                    <tr className="edit-row">
                      <td colSpan={8}>
                        <EditPerson
                          team={team}
                          person={s}
                          people={people}
                          teams={teams}
                          onCancel={() => setEditing(null)}
                          onSaved={text => {
                            setEditing(null)
                            setMessage({ ok: true, text })
                            load()
                          }}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}

/** One person added by hand (someone who joins between imports). */
function AddPerson(props: { team: string; onAdded: () => void; onMessage: (m: Message) => void }) {
  const { t } = useI18n()
  const [id, setId] = useState('')
  const [name, setName] = useState('')
  const [job, setJob] = useState<Staff['job']>('phone')
  const [level, setLevel] = useState<Staff['level']>('junior')
  const [leader, setLeader] = useState('')
  const [nights, setNights] = useState(true)
  const add = async (event: React.FormEvent) => {
    event.preventDefault()
    try {
      await api.addPerson(props.team, {
        id,
        name,
        job,
        level,
        nights,
        ...(leader ? { teamLeaderId: leader } : {}),
      })
      props.onMessage({ ok: true, text: t('personAdded', { name }) })
      setId('')
      setName('')
      props.onAdded()
    } catch (e) {
      props.onMessage({ ok: false, text: errorText(e, t) })
    }
  }
  return (
    <form className="row" onSubmit={e => void add(e)} aria-label={t('personAdd')}>
      <label className="inline-field">
        <span>{t('staffId')}</span>
        <input value={id} onChange={e => setId(e.target.value)} required size={6} />
      </label>
      <label className="inline-field">
        <span>{t('staffName')}</span>
        <input value={name} onChange={e => setName(e.target.value)} required size={6} />
      </label>
      <JobField value={job} onChange={setJob} />
      <LevelField value={level} onChange={setLevel} />
      <label className="inline-field">
        <span>{t('staffLeader')}</span>
        <input value={leader} onChange={e => setLeader(e.target.value)} size={6} placeholder={t('staffId')} />
      </label>
      <label className="inline-field">
        <input type="checkbox" checked={nights} onChange={e => setNights(e.target.checked)} />
        <span>{t('staffNights')}</span>
      </label>
      <button type="submit">{t('personAdd')}</button>
    </form>
  )
}

function ImportCard({ team }: { team: string }) {
  const { t } = useI18n()
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<ImportResult | null>(null)
  const [message, setMessage] = useState<Message>(null)
  const [busy, setBusy] = useState(false)
  const run = async (dryRun: boolean) => {
    if (!file) return
    setBusy(true)
    setMessage(null)
    try {
      const result = await api.importPeople(team, file, dryRun)
      if (dryRun) setPreview(result)
      else {
        setPreview(null)
        setMessage({
          ok: true,
          text: t('staffImportStored', { created: result.created, updated: result.updated }),
        })
      }
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, t) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="card">
      <h2>{t('staffImportTitle')}</h2>
      <p className="help">{t('staffImportHelp')}</p>
      <div className="row">
        <input
          type="file"
          aria-label={t('staffImportFile')}
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={e => {
            setFile(e.target.files?.[0] ?? null)
            setPreview(null)
          }}
        />
        <button type="button" className="primary" disabled={!file || busy} onClick={() => void run(true)}>
          {t('staffImportPreview')}
        </button>
      </div>
      <Note message={message} />
      {preview && (
        <>
          <p role="status">
            {t('importSummary', {
              rows: preview.rows.length,
              created: preview.created,
              updated: preview.updated,
              errors: preview.errors.length,
            })}
          </p>
          {preview.errors.length > 0 && (
            <ul className="error" aria-label={t('importErrors')}>
              {preview.errors.map((e, i) => (
                <li key={i}>{t('importError', { row: e.row, column: e.column, message: e.message })}</li>
              ))}
            </ul>
          )}
          <div className="table-scroll preview">
            <table className="data">
              <thead>
                <tr>
                  <th>{t('importRow')}</th>
                  <th>{t('importAction')}</th>
                  <th>{t('staffId')}</th>
                  <th>{t('staffName')}</th>
                  <th>{t('staffJob')}</th>
                  <th>{t('staffLevel')}</th>
                  <th>{t('staffLeader')}</th>
                  <th>{t('staffNights')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map(r => (
                  <tr key={r.row}>
                    <td>{r.row}</td>
                    <td>{t(`importAction_${r.action}` as const)}</td>
                    <td>{r.agent.id}</td>
                    <td>
                      {r.agent.name}
                      {r.agent.role === 'teamLeader' && (
                        <span className="help"> · {t('role_teamLeader')}</span>
                      )}
                    </td>
                    <td>{t(`job_${r.agent.job}` as const)}</td>
                    <td>{t(`level_${r.agent.level}` as const)}</td>
                    <td>{r.agent.teamLeaderId ?? ''}</td>
                    <td>{r.agent.nights ? t('yes') : t('no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={busy || preview.errors.length > 0}
              onClick={() => void run(false)}
            >
              {t('staffImportConfirm')}
            </button>
            {preview.errors.length > 0 && <span className="help">{t('importFixFirst')}</span>}
          </div>
        </>
      )}
    </div>
  )
}

const ROLES_MADE: readonly Role[] = ['supervisor', 'teamLeader', 'agent', 'manager', 'hr', 'admin']

function SignInsCard({ me, teams, team }: { me: Me; teams: TeamInfo[] | null; team: string | null }) {
  const { t } = useI18n()
  const isAdmin = me.role === 'admin'
  const [list, setList] = useState<SignInInfo[] | null>(null)
  const [message, setMessage] = useState<Message>(null)
  const [login, setLogin] = useState('')
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('supervisor')
  const [agentId, setAgentId] = useState('')
  const [password, setPassword] = useState('')
  const [forTeam, setForTeam] = useState(team ?? '')
  useEffect(() => setForTeam(team ?? ''), [team])
  const load = useCallback(() => {
    api.signIns().then(setList, (e: unknown) => setMessage({ ok: false, text: errorText(e, t) }))
  }, [t])
  useEffect(load, [load])
  const agentRole = role === 'agent' || role === 'teamLeader'
  const create = async (event: React.FormEvent) => {
    event.preventDefault()
    try {
      await api.createSignIn({
        login,
        ...(name ? { name } : {}),
        role,
        team: role === 'admin' ? null : forTeam,
        agentId: agentRole ? agentId : null,
        password,
      })
      setMessage({ ok: true, text: t('signInCreated', { login }) })
      setLogin('')
      setName('')
      setAgentId('')
      setPassword('')
      load()
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, t) })
    }
  }
  const reset = async (s: SignInInfo) => {
    const next = window.prompt(t('resetPrompt', { login: s.login }))
    if (!next) return
    try {
      await api.resetPassword(s.id, next)
      setMessage({ ok: true, text: t('resetDone', { login: s.login }) })
      load()
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, t) })
    }
  }
  return (
    <div className="card">
      <h2>{t('signInsTitle')}</h2>
      <Note message={message} />
      {list && (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th>{t('login')}</th>
                <th>{t('staffName')}</th>
                <th>{t('signInRole')}</th>
                <th>{t('team')}</th>
                <th>{t('staffId')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map(s => (
                <tr key={s.id}>
                  <td>{s.login}</td>
                  <td>{s.name}</td>
                  <td>{t(`role_${s.role}` as const)}</td>
                  <td>{s.team ?? '—'}</td>
                  <td>{s.agentId ?? ''}</td>
                  <td className="row">
                    {s.mustChangePassword && <span className="help">{t('firstPasswordPending')}</span>}
                    {s.login !== me.login && (
                      <button type="button" onClick={() => void reset(s)}>
                        {t('resetPassword')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {isAdmin && (
        <form className="row" onSubmit={e => void create(e)} aria-label={t('signInCreate')}>
          <label className="inline-field">
            <span>{t('login')}</span>
            <input value={login} onChange={e => setLogin(e.target.value)} required size={10} />
          </label>
          <label className="inline-field">
            <span>{t('signInRole')}</span>
            <select value={role} onChange={e => setRole(e.target.value as Role)}>
              {ROLES_MADE.map(r => (
                <option key={r} value={r}>
                  {t(`role_${r}` as const)}
                </option>
              ))}
            </select>
          </label>
          {role !== 'admin' && (
            <label className="inline-field">
              <span>{t('team')}</span>
              <select value={forTeam} onChange={e => setForTeam(e.target.value)} required>
                <option value="" />
                {(teams ?? [])
                  .filter(x => !x.archived)
                  .map(x => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
              </select>
            </label>
          )}
          {agentRole ? (
            <label className="inline-field">
              <span>{t('staffId')}</span>
              <input value={agentId} onChange={e => setAgentId(e.target.value)} required size={8} />
            </label>
          ) : (
            <label className="inline-field">
              <span>{t('staffName')}</span>
              <input value={name} onChange={e => setName(e.target.value)} required size={8} />
            </label>
          )}
          <label className="inline-field">
            <span>{t('firstPassword')}</span>
            <input
              type="text"
              value={password}
              onChange={e => setPassword(e.target.value)}
              required
              minLength={8}
              size={12}
            />
          </label>
          <button type="submit" className="primary">
            {t('signInCreate')}
          </button>
        </form>
      )}
    </div>
  )
}
