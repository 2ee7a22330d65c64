import { parseMonthFile, type InputIssue } from '@paiban/domain'

/** A small valid month file as written (February 2026: 28 days), for tests of the parser. */
export function input(): Record<string, unknown> & { agents: Array<Record<string, unknown>> } {
  return {
    format: 'paiban.month/1',
    team: { id: 'cs-1', name: '客服一组', timeZone: 'Asia/Shanghai' },
    month: '2026-02',
    policy: {},
    agents: [
      { id: 'a01', name: '张伟', job: 'phone', level: 'senior', role: 'teamLeader', teamLeaderId: 'a01' },
      { id: 'a02', name: '李娜', job: 'phone', level: 'intermediate', teamLeaderId: 'a01' },
    ],
    roster: { a01: 'DDDDD--'.repeat(4), a02: 'NNNNN--'.repeat(4) },
  }
}

/** The issues of parsing `value` (empty when it parses). */
export function issuesOf(value: unknown): InputIssue[] {
  const parsed = parseMonthFile(value)
  return parsed.ok ? [] : parsed.issues
}

/** The issue paths of parsing `value`. */
export function pathsOf(value: unknown): string[] {
  return issuesOf(value).map(i => i.path)
}
