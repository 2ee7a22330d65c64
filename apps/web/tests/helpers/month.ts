import { parseMonthFile, type MonthFile } from '@paiban/domain'
import { generateTeam } from '../../../../bench/team'

/** A generated month (bench/team.ts) of `size` agents, parsed. */
export function teamMonth(size: number, seed = 7): MonthFile {
  const parsed = parseMonthFile(generateTeam({ size, seed }))
  if (!parsed.ok) throw new Error(parsed.issues.map(i => `${i.path}: ${i.message}`).join('\n'))
  return parsed.value
}
