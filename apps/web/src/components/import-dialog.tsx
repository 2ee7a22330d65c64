import type { RosterImportResult } from '@paiban/domain'
import { useEffect, useRef, useState } from 'react'
import { api, ApiError } from '../api/client'
import { pick } from '../i18n/format'
import { useI18n } from '../i18n/i18n'

type SheetCell = 'D' | 'N' | '-' | 'L'
const CELLS: ReadonlyArray<{
  cell: SheetCell
  key: 'cellNameD' | 'cellNameN' | 'cellNameRest' | 'cellNameL'
}> = [
  { cell: 'D', key: 'cellNameD' },
  { cell: 'N', key: 'cellNameN' },
  { cell: '-', key: 'cellNameRest' },
  { cell: 'L', key: 'cellNameL' },
]

/** The file's bytes as base64 (the API's `data`). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/**
 * The supervisor's sheet import: choose a file, see the preview (problems by sheet cell, the rule
 * check, the mapping of every text found, editable), confirm to store a draft version. Nothing is
 * stored before the confirm; a stale version (409) asks for a new preview.
 */
export function ImportDialog({
  team,
  month,
  version,
  onStored,
  onClose,
}: {
  team: string
  month: string
  version: number
  onStored: (version: number) => void
  onClose: () => void
}) {
  const { t, lang } = useI18n()
  const dialog = useRef<HTMLDialogElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [result, setResult] = useState<RosterImportResult | null>(null)
  const [mapping, setMapping] = useState<Record<string, SheetCell> | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  useEffect(() => {
    const el = dialog.current
    if (el && !el.open) el.showModal()
  }, [])

  const send = async (dryRun: boolean, chosen = file, map = mapping) => {
    if (!chosen) return
    setBusy(true)
    setMessage(null)
    try {
      const answer = await api.importRoster(
        team,
        month,
        { data: await base64Of(chosen), fileName: chosen.name, version, ...(map ? { mapping: map } : {}) },
        dryRun,
      )
      setResult(answer)
      setMapping(answer.mapping)
      if (answer.stored && answer.version) {
        setMessage({ ok: true, text: t('importStored', { version: String(answer.version.version) }) })
        onStored(answer.version.version)
      }
    } catch (e) {
      setMessage({
        ok: false,
        text:
          e instanceof ApiError && e.isStale
            ? t('importStale', { version: String(e.currentVersion ?? '?') })
            : t('errorPrefix', { message: (e as Error).message }),
      })
    } finally {
      setBusy(false)
    }
  }

  const errors = result?.issues.filter(i => i.severity === 'error') ?? []
  // Errors first; agents left out of the sheet are one line, not one per agent.
  const missing = result?.issues.filter(i => i.kind === 'missing-agent') ?? []
  const shown = [
    ...errors,
    ...(result?.issues.filter(i => i.severity !== 'error' && i.kind !== 'missing-agent') ?? []),
  ]
  const hard = result?.violations.filter(v => v.severity === 'hard').length ?? 0
  const setText = (key: string, value: string, cell: SheetCell | '') => {
    const next = { ...(mapping ?? {}) }
    if (cell === '') delete next[key]
    else next[value] = cell
    setMapping(next)
  }

  return (
    <dialog ref={dialog} className="import-dialog" aria-labelledby="import-title" onClose={onClose}>
      <h2 id="import-title">{t('importTitle')}</h2>
      <p className="help">{t('importHelp')}</p>
      <div className="row">
        <label className="inline-field">
          <span>{t('importFile')}</span>
          <input
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={e => {
              const chosen = e.target.files?.[0] ?? null
              setFile(chosen)
              setResult(null)
              if (chosen) void send(true, chosen, null)
            }}
          />
        </label>
        <button type="button" disabled={!file || busy} onClick={() => void send(true)}>
          {t('importPreview')}
        </button>
      </div>
      {busy && <p role="status">{t('importReading')}</p>}
      {result && (
        <div className="import-preview">
          {result.ok ? (
            <p className="ok" role="status">
              {t('importReadOk', {
                agents: String(Object.keys(result.rows).length),
                sheet: result.sheet,
                row: String(result.headerRow ?? '?'),
              })}
            </p>
          ) : (
            <p className="unavailable" role="alert">
              {t('importRefused', { count: String(errors.length) })}
            </p>
          )}
          {missing.length > 0 && (
            <p className="help">
              {t('importMissingAgents', {
                count: String(missing.length),
                names: missing
                  .slice(0, 8)
                  .map(i => i.agentId ?? '')
                  .join(lang === 'zh' ? '、' : ', '),
              })}
            </p>
          )}
          {shown.length > 0 && (
            <>
              <h3>{t('importIssues')}</h3>
              <table className="issues">
                <thead>
                  <tr>
                    <th>{t('importCell')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {shown.map((i, n) => (
                    <tr key={n} className={i.severity}>
                      <td>{i.cell ?? (i.row ? `${i.sheet} ${i.row}` : i.sheet)}</td>
                      <td>{pick(i.message, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <h3>{t('importMapping')}</h3>
          <p className="help">{t('importMappingHelp')}</p>
          <table className="mapping">
            <tbody>
              {result.seen.map(s => (
                <tr key={s.key}>
                  <td>
                    <code>{s.value === '' ? '∅' : s.value}</code>
                  </td>
                  <td>
                    <select
                      aria-label={s.value}
                      value={mapping?.[s.value] ?? mapping?.[s.key] ?? s.cell ?? ''}
                      onChange={e => setText(s.key, s.value, e.target.value as SheetCell | '')}
                    >
                      <option value="">{t('importUnreadable')}</option>
                      {CELLS.map(c => (
                        <option key={c.cell} value={c.cell}>
                          {t(c.key)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{t('importCount', { count: String(s.count) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.ok && (
            <>
              <h3>{t('importViolations', { hard: String(hard) })}</h3>
              <ul className="violations">
                {result.violations.slice(0, 50).map((v, n) => (
                  <li key={n} className={v.severity}>
                    <code>{v.cell ?? ''}</code> {v.rule} {pick(v.message, lang)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'unavailable'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <div className="row actions">
        <button
          type="button"
          className="primary"
          disabled={!result?.ok || result.stored || busy}
          onClick={() => void send(false)}
        >
          {t('importConfirm')}
        </button>
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('close')}
        </button>
      </div>
    </dialog>
  )
}
