import { JOBS, LEVELS, type Staff } from '@paiban/domain'
import { useI18n } from '../i18n/i18n'

/** A person's job (岗位), picked from the domain's jobs, labelled in the page's language. */
export function JobField(props: {
  value: Staff['job']
  onChange: (job: Staff['job']) => void
  invalid?: boolean
}) {
  const { t } = useI18n()
  return (
    <label className="inline-field">
      <span>{t('staffJob')}</span>
      <select
        value={props.value}
        onChange={e => props.onChange(e.target.value as Staff['job'])}
        aria-invalid={props.invalid}
      >
        {JOBS.map(j => (
          <option key={j} value={j}>
            {t(`job_${j}` as const)}
          </option>
        ))}
      </select>
    </label>
  )
}

/** A person's level (级别), picked from the domain's levels, labelled in the page's language. */
export function LevelField(props: { value: Staff['level']; onChange: (level: Staff['level']) => void }) {
  const { t } = useI18n()
  return (
    <label className="inline-field">
      <span>{t('staffLevel')}</span>
      <select value={props.value} onChange={e => props.onChange(e.target.value as Staff['level'])}>
        {LEVELS.map(l => (
          <option key={l} value={l}>
            {t(`level_${l}` as const)}
          </option>
        ))}
      </select>
    </label>
  )
}
