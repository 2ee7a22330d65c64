/** A shift type of a Curtois & Qu instance (FORMAT.md §2, SECTION_SHIFTS). */
export type NrpShift = {
  /** Case-sensitive shift ID, e.g. `D` or `d1`. */
  readonly id: string
  /** Length of the shift in minutes. */
  readonly minutes: number
  /** Indices (into `NrpInstance.shifts`) of the shifts that must not be worked on the day after this one. */
  readonly forbiddenNext: readonly number[]
}

/** An employee of a Curtois & Qu instance (FORMAT.md §2, SECTION_STAFF and SECTION_DAYS_OFF). */
export type NrpEmployee = {
  /** Case-sensitive employee ID, e.g. `A` or `AB`. */
  readonly id: string
  /** Per shift index: the most days the employee may work that shift; 0 = never. Missing in the file = horizon. */
  readonly maxShifts: readonly number[]
  readonly maxTotalMinutes: number
  readonly minTotalMinutes: number
  readonly maxConsecutiveShifts: number
  readonly minConsecutiveShifts: number
  readonly minConsecutiveDaysOff: number
  readonly maxWeekends: number
  /** Days (0-based, ascending, no duplicates) on which the employee must not work. */
  readonly daysOff: readonly number[]
}

/** A shift-on or shift-off request (soft): `shift` is an index into `NrpInstance.shifts`. */
export type NrpRequest = {
  readonly employee: number
  readonly day: number
  readonly shift: number
  readonly weight: number
}

/** The preferred staffing of one (day, shift) pair (soft). */
export type NrpCover = {
  readonly day: number
  readonly shift: number
  readonly requirement: number
  readonly weightUnder: number
  readonly weightOver: number
}

/**
 * A parsed Curtois & Qu instance. Employees and shifts are referred to by their index in `staff` and
 * `shifts` (file order); day 0 is a Monday.
 */
export type NrpInstance = {
  /** Number of days H; days are `0 … H-1`. */
  readonly horizon: number
  readonly shifts: readonly NrpShift[]
  readonly staff: readonly NrpEmployee[]
  readonly onRequests: readonly NrpRequest[]
  readonly offRequests: readonly NrpRequest[]
  /** One line per (day, shift), at index `day * shifts.length + shift`; a pair missing in the file has requirement 0 and weights 0. */
  readonly cover: readonly NrpCover[]
}

const SECTIONS = [
  'SECTION_HORIZON',
  'SECTION_SHIFTS',
  'SECTION_STAFF',
  'SECTION_DAYS_OFF',
  'SECTION_SHIFT_ON_REQUESTS',
  'SECTION_SHIFT_OFF_REQUESTS',
  'SECTION_COVER',
] as const
type Section = (typeof SECTIONS)[number]

type Line = { readonly no: number; readonly text: string }

/**
 * Parses the text of a Curtois & Qu instance (`InstanceN.txt`, FORMAT.md), with CRLF or LF line endings.
 * Sections are keyed on their `SECTION_*` headers, so blank lines and comments may appear anywhere.
 * @throws Error naming the line number when the text is malformed (unknown ID, bad number, wrong field count…).
 * @example parseNrpInstance(readFileSync('Instance1.txt', 'utf8')).staff.length // 8
 */
export function parseNrpInstance(text: string): NrpInstance {
  const sections = splitSections(text)
  const horizon = parseHorizon(required(sections, 'SECTION_HORIZON'))
  const shifts = parseShifts(required(sections, 'SECTION_SHIFTS'))
  const shiftIndex = indexById(shifts)
  const staffLines = required(sections, 'SECTION_STAFF')
  const daysOff = parseDaysOff(sections.get('SECTION_DAYS_OFF') ?? [], staffIds(staffLines), horizon)
  const staff = staffLines.map((line, e) => parseEmployee(line, shiftIndex, horizon, daysOff[e] ?? []))
  const employeeIndex = indexById(staff)
  const parseRequests = (section: Section): NrpRequest[] =>
    (sections.get(section) ?? []).map(line => parseRequest(line, employeeIndex, shiftIndex, horizon))
  return {
    horizon,
    shifts,
    staff,
    onRequests: parseRequests('SECTION_SHIFT_ON_REQUESTS'),
    offRequests: parseRequests('SECTION_SHIFT_OFF_REQUESTS'),
    cover: parseCover(sections.get('SECTION_COVER') ?? [], shiftIndex, horizon),
  }
}

function splitSections(text: string): Map<Section, Line[]> {
  const sections = new Map<Section, Line[]>()
  let current: Line[] | undefined
  text.split('\n').forEach((raw, i) => {
    const line = { no: i + 1, text: raw.replace(/\r$/, '').trim() }
    if (line.text === '' || line.text.startsWith('#')) return
    if (line.text.startsWith('SECTION_')) {
      const name = SECTIONS.find(s => s === line.text)
      if (name === undefined) fail(line, `unknown section '${line.text}'`)
      if (sections.has(name)) fail(line, `section ${name} appears twice`)
      current = []
      sections.set(name, current)
      return
    }
    if (current === undefined) fail(line, `data before the first SECTION_ header: '${line.text}'`)
    current.push(line)
  })
  return sections
}

function required(sections: Map<Section, Line[]>, name: Section): Line[] {
  const lines = sections.get(name)
  if (lines === undefined) throw new Error(`Curtois instance: missing ${name}`)
  return lines
}

function parseHorizon(lines: Line[]): number {
  const [first, second] = lines
  if (first === undefined) throw new Error('Curtois instance: SECTION_HORIZON has no value')
  if (second !== undefined) fail(second, 'SECTION_HORIZON must hold exactly one number')
  const horizon = integer(first, first.text, 'horizon')
  if (horizon < 1) fail(first, 'the horizon must be at least 1 day')
  return horizon
}

function parseShifts(lines: Line[]): NrpShift[] {
  if (lines.length === 0) throw new Error('Curtois instance: SECTION_SHIFTS is empty')
  const raw = lines.map(line => {
    const fields = line.text.split(',')
    if (fields.length < 2 || fields.length > 3) {
      fail(line, `expected 'ShiftID,LengthMinutes,ForbiddenNext', got ${fields.length} fields`)
    }
    const [id = '', minutes = '', next = ''] = fields
    if (id === '') fail(line, 'empty shift ID')
    return { line, id, minutes: integer(line, minutes, 'shift length'), next }
  })
  const index = new Map<string, number>()
  raw.forEach(({ line, id }, i) => {
    if (index.has(id)) fail(line, `duplicate shift ID '${id}'`)
    index.set(id, i)
  })
  // Forbidden-next lists may name shifts declared on later lines, so resolve after the whole section.
  return raw.map(({ line, id, minutes, next }) => ({
    id,
    minutes,
    forbiddenNext: next === '' ? [] : unique(next.split('|').map(t => lookup(line, index, t, 'shift'))),
  }))
}

function staffIds(lines: Line[]): Map<string, number> {
  const index = new Map<string, number>()
  lines.forEach((line, e) => {
    const id = line.text.split(',')[0] ?? ''
    if (id === '') fail(line, 'empty employee ID')
    if (index.has(id)) fail(line, `duplicate employee ID '${id}'`)
    index.set(id, e)
  })
  return index
}

function parseEmployee(
  line: Line,
  shiftIndex: Map<string, number>,
  horizon: number,
  daysOff: readonly number[],
): NrpEmployee {
  const fields = line.text.split(',')
  if (fields.length !== 8) fail(line, `expected 8 fields in SECTION_STAFF, got ${fields.length}`)
  const [id = '', maxShiftsField = '', ...numbers] = fields
  const [maxTotal, minTotal, maxCons, minCons, minOff, maxWeekends] = numbers.map((value, i) =>
    integer(line, value, STAFF_FIELDS[i] ?? 'field'),
  ) as [number, number, number, number, number, number]
  return {
    id,
    maxShifts: parseMaxShifts(line, maxShiftsField, shiftIndex, horizon),
    maxTotalMinutes: maxTotal,
    minTotalMinutes: minTotal,
    maxConsecutiveShifts: maxCons,
    minConsecutiveShifts: minCons,
    minConsecutiveDaysOff: minOff,
    maxWeekends,
    daysOff,
  }
}

const STAFF_FIELDS = [
  'MaxTotalMinutes',
  'MinTotalMinutes',
  'MaxConsecutiveShifts',
  'MinConsecutiveShifts',
  'MinConsecutiveDaysOff',
  'MaxWeekends',
]

function parseMaxShifts(
  line: Line,
  field: string,
  shiftIndex: Map<string, number>,
  horizon: number,
): number[] {
  const max = new Array<number>(shiftIndex.size).fill(horizon)
  const seen = new Set<number>()
  if (field === '') return max
  for (const pair of field.split('|')) {
    const [id = '', value, extra] = pair.split('=')
    if (value === undefined || extra !== undefined)
      fail(line, `expected 'ShiftID=N' in MaxShifts, got '${pair}'`)
    const s = lookup(line, shiftIndex, id, 'shift')
    if (seen.has(s)) fail(line, `shift '${id}' appears twice in MaxShifts`)
    seen.add(s)
    max[s] = integer(line, value, `MaxShifts of '${id}'`)
  }
  return max
}

function parseDaysOff(lines: Line[], employees: Map<string, number>, horizon: number): number[][] {
  const daysOff = Array.from({ length: employees.size }, () => new Set<number>())
  for (const line of lines) {
    const [id = '', ...days] = line.text.split(',')
    const set = daysOff[lookup(line, employees, id, 'employee')]
    for (const day of days) {
      if (day === '') continue
      set?.add(dayNumber(line, day, horizon))
    }
  }
  return daysOff.map(set => [...set].sort((a, b) => a - b))
}

function parseRequest(
  line: Line,
  employees: Map<string, number>,
  shifts: Map<string, number>,
  horizon: number,
): NrpRequest {
  const fields = line.text.split(',')
  if (fields.length !== 4) fail(line, `expected 'EmployeeID,Day,ShiftID,Weight', got ${fields.length} fields`)
  const [employee = '', day = '', shift = '', weight = ''] = fields
  return {
    employee: lookup(line, employees, employee, 'employee'),
    day: dayNumber(line, day, horizon),
    shift: lookup(line, shifts, shift, 'shift'),
    weight: integer(line, weight, 'weight'),
  }
}

function parseCover(lines: Line[], shifts: Map<string, number>, horizon: number): NrpCover[] {
  const count = shifts.size
  const cover: Array<NrpCover | undefined> = new Array<NrpCover | undefined>(horizon * count).fill(undefined)
  for (const line of lines) {
    const fields = line.text.split(',')
    if (fields.length !== 5) {
      fail(line, `expected 'Day,ShiftID,Requirement,WeightUnder,WeightOver', got ${fields.length} fields`)
    }
    const [dayField = '', shiftField = '', req = '', under = '', over = ''] = fields
    const day = dayNumber(line, dayField, horizon)
    const shift = lookup(line, shifts, shiftField, 'shift')
    if (cover[day * count + shift] !== undefined)
      fail(line, `second cover line for day ${day}, shift '${shiftField}'`)
    cover[day * count + shift] = {
      day,
      shift,
      requirement: integer(line, req, 'requirement'),
      weightUnder: integer(line, under, 'weight for under'),
      weightOver: integer(line, over, 'weight for over'),
    }
  }
  return cover.map(
    (line, i) =>
      line ?? { day: Math.floor(i / count), shift: i % count, requirement: 0, weightUnder: 0, weightOver: 0 },
  )
}

function indexById(items: ReadonlyArray<{ readonly id: string }>): Map<string, number> {
  return new Map(items.map((item, i) => [item.id, i]))
}

function lookup(line: Line, index: Map<string, number>, id: string, what: string): number {
  const i = index.get(id)
  if (i === undefined) fail(line, `unknown ${what} ID '${id}'`)
  return i
}

function integer(line: Line, value: string, what: string): number {
  // The public Instance15 writes a requirement of zero as `-0`: it is zero, not a negative number.
  if (!/^(?:\d+|-0+)$/.test(value)) fail(line, `expected a non-negative integer for ${what}, got '${value}'`)
  return Number(value) + 0
}

function dayNumber(line: Line, value: string, horizon: number): number {
  const day = integer(line, value, 'day')
  if (day >= horizon) fail(line, `day ${day} is outside the horizon 0…${horizon - 1}`)
  return day
}

function unique(values: number[]): number[] {
  return [...new Set(values)]
}

function fail(line: Line, message: string): never {
  throw new Error(`Curtois instance, line ${line.no}: ${message}`)
}
