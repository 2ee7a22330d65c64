import type { NrpRoster } from './evaluate'
import type { NrpInstance } from './instance'

/**
 * A roster as JSON: shift IDs per employee (file order), `null` for a day off. This is the format the
 * CLI and the benchmark write next to an instance.
 */
export type NrpRosterJson = {
  /** Instance name, e.g. `Instance1`. */
  readonly instance: string
  readonly feasible: boolean
  /** FORMAT.md §4 objective of `roster`. */
  readonly objective: number
  /** Wall-clock seconds the solver ran. */
  readonly seconds: number
  /** Employee ID → one entry per day: a shift ID or `null`. */
  readonly roster: Readonly<Record<string, ReadonlyArray<string | null>>>
}

/** What `readRosterJson` returns: the JSON fields plus the roster as shift indices (-1 = off). */
export type NrpRosterFile = Omit<NrpRosterJson, 'roster'> & { readonly roster: number[][] }

/**
 * Reads the first roster block of a Strandmark `.out` file (solutions/README.md): one line
 * `ID: ` + 2 characters per day, ` .` for a day off, else the shift ID padded with `=`.
 * @throws Error naming the line when a row is malformed, an ID is unknown, or an employee is missing.
 * @example readStrandmarkRoster(instance, text)[0] // [-1, 0, 0, 0, -1, …]
 */
export function readStrandmarkRoster(instance: NrpInstance, text: string): number[][] {
  const shiftIndex = new Map(instance.shifts.map((s, i) => [s.id, i]))
  const employeeIndex = new Map(instance.staff.map((e, i) => [e.id, i]))
  const rows = new Map<number, number[]>()
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '')
    if (line.startsWith('Final solution')) break
    if (line.trim() === '') continue
    const match = /^\s*([^\s:]+): (.*)$/.exec(line)
    if (match === null) throw new Error(`Strandmark roster, line ${i + 1}: expected '<ID>: <cells>'`)
    const [, id = '', cells = ''] = match
    const e = employeeIndex.get(id)
    if (e === undefined) throw new Error(`Strandmark roster, line ${i + 1}: unknown employee ID '${id}'`)
    if (rows.has(e)) throw new Error(`Strandmark roster, line ${i + 1}: employee '${id}' appears twice`)
    if (cells.trimEnd().length !== 2 * instance.horizon) {
      throw new Error(
        `Strandmark roster, line ${i + 1}: expected ${2 * instance.horizon} characters for ${instance.horizon} days`,
      )
    }
    rows.set(
      e,
      Array.from({ length: instance.horizon }, (_, d) => {
        const cell = cells.slice(2 * d, 2 * d + 2)
        if (cell === ' .') return -1
        const s = shiftIndex.get(cell.replace(/=+$/, ''))
        if (s === undefined)
          throw new Error(`Strandmark roster, line ${i + 1}: unknown shift '${cell}' on day ${d}`)
        return s
      }),
    )
  }
  return instance.staff.map((employee, e) => {
    const row = rows.get(e)
    if (row === undefined) throw new Error(`Strandmark roster: no row for employee '${employee.id}'`)
    return row
  })
}

/**
 * Writes a roster as JSON text (one employee per line), with shift IDs and `null` for days off.
 * @example writeRosterJson(instance, roster, { instance: 'Instance1', feasible: true, objective: 607, seconds: 1.2 })
 */
export function writeRosterJson(
  instance: NrpInstance,
  roster: NrpRoster,
  info: Omit<NrpRosterJson, 'roster'>,
): string {
  const rows = instance.staff.map((employee, e) => {
    const cells = (roster[e] ?? []).map(s => (s < 0 ? null : (instance.shifts[s]?.id ?? null)))
    return `    ${JSON.stringify(employee.id)}: ${JSON.stringify(cells)}`
  })
  const head = [
    `  "instance": ${JSON.stringify(info.instance)}`,
    `  "feasible": ${JSON.stringify(info.feasible)}`,
    `  "objective": ${JSON.stringify(info.objective)}`,
    `  "seconds": ${JSON.stringify(info.seconds)}`,
  ]
  return `{\n${head.join(',\n')},\n  "roster": {\n${rows.join(',\n')}\n  }\n}\n`
}

/**
 * Reads roster JSON text written by `writeRosterJson` (or by hand) back into shift indices.
 * @throws Error when the text is not such JSON, an ID is unknown, or a row has the wrong length.
 */
export function readRosterJson(instance: NrpInstance, text: string): NrpRosterFile {
  const json = parseJson(text)
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('expected an object')
  const value = json as Record<string, unknown>
  const name = field(value, 'instance', 'string')
  const feasible = field(value, 'feasible', 'boolean')
  const objective = field(value, 'objective', 'number')
  const seconds = field(value, 'seconds', 'number')
  const rosterField = value['roster']
  if (typeof rosterField !== 'object' || rosterField === null || Array.isArray(rosterField)) {
    fail("'roster' must be an object of employee ID → days")
  }
  const byId = rosterField as Record<string, unknown>
  const shiftIndex = new Map(instance.shifts.map((s, i) => [s.id, i]))
  const known = new Set(instance.staff.map(e => e.id))
  for (const id of Object.keys(byId)) if (!known.has(id)) fail(`unknown employee ID '${id}'`)
  const roster = instance.staff.map(({ id }) => {
    const days = byId[id]
    if (!Array.isArray(days) || days.length !== instance.horizon) {
      fail(`employee '${id}' needs an array of ${instance.horizon} days`)
    }
    return days.map((cell: unknown, d) => {
      if (cell === null) return -1
      const s = typeof cell === 'string' ? shiftIndex.get(cell) : undefined
      if (s === undefined) fail(`employee '${id}', day ${d}: unknown shift ${JSON.stringify(cell)}`)
      return s
    })
  })
  return { instance: name, feasible, objective, seconds, roster }
}

type FieldTypes = { string: string; boolean: boolean; number: number }

function field<TKey extends keyof FieldTypes>(
  value: Record<string, unknown>,
  name: string,
  type: TKey,
): FieldTypes[TKey] {
  const v = value[name]
  if (typeof v !== type) fail(`'${name}' must be a ${type}`)
  return v as FieldTypes[TKey]
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error))
  }
}

function fail(message: string): never {
  throw new Error(`roster JSON: ${message}`)
}
