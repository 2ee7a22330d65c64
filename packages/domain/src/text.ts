/** The two languages every message a person reads exists in. */
export type Lang = 'zh' | 'en'

/** A message in Chinese and English. */
export type Text = { readonly zh: string; readonly en: string }

/** Builds a bilingual text. */
export function text(zh: string, en: string): Text {
  return { zh, en }
}

/** Picks the language of a {@link Text}. */
export function say(t: Text, lang: Lang): string {
  return t[lang]
}
