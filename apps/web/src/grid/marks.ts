import type { Job, Shift, Violation } from '@paiban/domain'

/** What the grid draws for the violations on one cell, agent or coverage line. */
export type Mark = { readonly hard: boolean; readonly rules: readonly string[] }

/** The violations indexed by where the grid shows them. */
export type Marks = {
  /** agent id → day index → mark (violations naming the agent and a date of the month). */
  readonly cells: ReadonlyMap<string, ReadonlyMap<number, Mark>>
  /** agent id → mark (violations naming the agent but no date: fairness, contract days). */
  readonly agents: ReadonlyMap<string, Mark>
  /** `shift:job:index` → mark (coverage violations: a date and shift, maybe a job). */
  readonly coverage: ReadonlyMap<string, Mark>
  /** agent id → a short signature of the row's marks, so unchanged rows skip re-rendering. */
  readonly rowSignature: ReadonlyMap<string, string>
}

function add(map: Map<string, { hard: boolean; rules: string[] }>, key: string, v: Violation) {
  const mark = map.get(key)
  if (!mark) map.set(key, { hard: v.severity === 'hard', rules: [v.rule] })
  else {
    mark.hard ||= v.severity === 'hard'
    if (!mark.rules.includes(v.rule)) mark.rules.push(v.rule)
  }
}

/** The key of a coverage line's date in {@link Marks.coverage}. */
export const coverageKey = (shift: Shift, job: Job | undefined, index: number) =>
  `${shift}:${job ?? '*'}:${index}`

/** Indexes violations for the grid; `dateIndex` maps the month's dates to day indexes. */
export function indexMarks(violations: readonly Violation[], dateIndex: ReadonlyMap<string, number>): Marks {
  const cells = new Map<string, Map<string, { hard: boolean; rules: string[] }>>()
  const agents = new Map<string, { hard: boolean; rules: string[] }>()
  const coverage = new Map<string, { hard: boolean; rules: string[] }>()
  for (const v of violations) {
    const index = v.date === undefined ? undefined : dateIndex.get(v.date)
    if (v.agentId !== undefined) {
      if (index === undefined) add(agents, v.agentId, v)
      else {
        let row = cells.get(v.agentId)
        if (!row) cells.set(v.agentId, (row = new Map<string, { hard: boolean; rules: string[] }>()))
        add(row, String(index), v)
      }
    } else if (index !== undefined && v.shift !== undefined)
      add(coverage, coverageKey(v.shift, v.job, index), v)
  }
  const cellMarks = new Map<string, Map<number, Mark>>()
  const rowSignature = new Map<string, string>()
  for (const [id, row] of cells) {
    const byIndex = new Map<number, Mark>()
    const parts: string[] = []
    for (const [i, mark] of row) {
      byIndex.set(Number(i), mark)
      parts.push(`${i}${mark.hard ? 'h' : 's'}${mark.rules.join(',')}`)
    }
    cellMarks.set(id, byIndex)
    rowSignature.set(id, parts.join(';'))
  }
  for (const [id, mark] of agents)
    rowSignature.set(id, `${rowSignature.get(id) ?? ''}|${mark.hard ? 'h' : 's'}${mark.rules.join(',')}`)
  return { cells: cellMarks, agents, coverage, rowSignature }
}
