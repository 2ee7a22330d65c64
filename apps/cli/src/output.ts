import { say, type Lang, type Violation } from '@paiban/domain'

/** A violation as the CLI prints it: the message in one language (spec/formats.md §2). */
export function printable(v: Violation, lang: Lang) {
  const { message, ...rest } = v
  return { ...rest, message: say(message, lang) }
}

/** One line per violation for people, hard ones first. */
export function humanReport(violations: readonly Violation[], lang: Lang): string {
  if (violations.length === 0) return lang === 'zh' ? '没有违反任何规则。' : 'No rule is broken.'
  const hard = violations.filter(v => v.severity === 'hard').length
  const head =
    lang === 'zh'
      ? `${hard} 条硬性规则违规,${violations.length - hard} 条软性提示:`
      : `${hard} hard violation(s), ${violations.length - hard} soft:`
  const lines = violations.map(
    v => `${v.severity === 'hard' ? '✗' : '·'} ${v.rule.padEnd(15)} ${say(v.message, lang)}`,
  )
  return [head, ...lines].join('\n')
}
