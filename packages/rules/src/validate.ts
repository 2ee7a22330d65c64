import type { InputIssue, Leave, MonthFile, Swap } from '@paiban/domain'

/**
 * Checks that a request fits the month it is checked against: known agents, dates in the month,
 * and for leave the shift the agent actually has. These are input errors (exit 2), not rule
 * violations: the request cannot be judged until they are fixed.
 */
export function requestIssues(file: MonthFile, request: Swap | Leave, prefix = 'request'): InputIssue[] {
  const ids = new Set(file.agents.map(a => a.id))
  const issues: InputIssue[] = []
  const inMonth = (date: string) => date.startsWith(`${file.month}-`)
  const agentField = (field: string, id: string) => {
    if (!ids.has(id)) issues.push({ path: `${prefix}.${field}`, message: `unknown agent id ${id}` })
  }
  const dateField = (field: string, date: string) => {
    if (!inMonth(date))
      issues.push({ path: `${prefix}.${field}`, message: `${date} is not in ${file.month}` })
  }
  if ('requester' in request) {
    agentField('requester', request.requester)
    agentField('counterpart', request.counterpart)
    dateField('date', request.date)
    if (request.returnDate !== undefined) dateField('returnDate', request.returnDate)
    return issues
  }
  agentField('agentId', request.agentId)
  dateField('date', request.date)
  const day = Number(request.date.slice(8, 10)) - 1
  const cell = file.roster?.[request.agentId]?.[day]
  if (issues.length === 0 && cell !== undefined && cell !== request.shift)
    issues.push({
      path: `${prefix}.shift`,
      message:
        cell === 'L'
          ? `${request.agentId} is already on leave on ${request.date}`
          : `${request.agentId} is not on shift ${request.shift} on ${request.date} (roster has “${cell}”)`,
    })
  return issues
}
