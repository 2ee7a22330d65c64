import type { Lang, Text } from '@paiban/domain'
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { TextKey } from './dict'
import { translate, type Vars } from './format'

type I18n = {
  readonly lang: Lang
  readonly setLang: (lang: Lang) => void
  /** UI text by key. */
  readonly t: (key: TextKey, vars?: Vars) => string
  /** A bilingual domain text (rule message, holiday name) in the current language. */
  readonly say: (text: Text) => string
}

const I18nContext = createContext<I18n | null>(null)
const STORAGE_KEY = 'paiban.lang'

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'
  } catch {
    return 'zh'
  }
}

/** Chinese by default; the choice is kept in localStorage and set on `<html lang>`. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang)
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
    document.title = translate(lang, 'appName') + (lang === 'zh' ? ' Paiban' : ' 排班')
  }, [lang])
  const setLang = useCallback((next: Lang) => {
    setLangState(next)
    try {
      localStorage.setItem(STORAGE_KEY, next)
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }, [])
  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars), say: text => text[lang] }),
    [lang, setLang],
  )
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

/** The current language and its text functions. */
export function useI18n(): I18n {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n outside <I18nProvider>')
  return value
}
