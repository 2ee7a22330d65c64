import {
  IsoDateSchema,
  JOBS,
  StaffSchema,
  type ImportError,
  type Job,
  type Level,
  type Staff,
} from '@paiban/domain'
import ExcelJS from 'exceljs'

/**
 * The staff sheet HR already has, read into the team's people: XLSX, or CSV in UTF-8 (with or
 * without a BOM) or GB18030 (what Chinese Excel saves as "CSV"). Headers may be Chinese or English;
 * every bad cell is reported with its row (the header is row 1) and its column header.
 */

/** Most rows a sheet may have: a centre's staff list, not a database dump. */
export const MAX_ROWS = 5000

type Field = 'id' | 'name' | 'job' | 'level' | 'role' | 'teamLeader' | 'nights' | 'contractDays' | 'leftOn'

/** Header names of each field (compared lower-case, without spaces, `_` or `-`). */
const HEADERS: Record<Field, readonly string[]> = {
  id: ['工号', '员工编号', '员工工号', '编号', 'id', 'employeeid', 'staffid', 'agentid', 'employeeno'],
  name: ['姓名', '名字', '员工姓名', 'name'],
  job: ['岗位', '工种', '岗位/工种', '工种/岗位', 'job', 'channel'],
  level: ['级别', '等级', '职级', 'level'],
  role: ['角色', '职务', 'role'],
  teamLeader: ['班长', '组长', '班长工号', '所属班长', 'teamleader', 'teamleaderid', 'leader'],
  nights: ['能否上夜班', '夜班', '上夜班', '可上夜班', '能上夜班', 'nights', 'nightshifts', 'night'],
  contractDays: ['合同天数', '合同工作日', '合同出勤天数', 'contractdays', 'contract'],
  leftOn: ['离职日期', '离职日', 'lefton', 'leavingdate', 'leftdate'],
}
const REQUIRED: readonly Field[] = ['id', 'name', 'job', 'level']

const key = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '')
const FIELD_OF = new Map<string, Field>(
  (Object.entries(HEADERS) as Array<[Field, readonly string[]]>).flatMap(([field, names]) =>
    names.map(name => [key(name), field] as const),
  ),
)

const JOB_WORDS: Record<string, Job> = {
  phone: 'phone',
  电话: 'phone',
  热线: 'phone',
  语音: 'phone',
  话务: 'phone',
  chat: 'chat',
  online: 'chat',
  在线: 'chat',
  文字: 'chat',
  聊天: 'chat',
  在线客服: 'chat',
  email: 'email',
  'e-mail': 'email',
  mail: 'email',
  邮件: 'email',
  邮箱: 'email',
}
const LEVEL_WORDS: Record<string, Level> = {
  trainee: 'trainee',
  新客服: 'trainee',
  实习: 'trainee',
  见习: 'trainee',
  junior: 'junior',
  初级: 'junior',
  intermediate: 'intermediate',
  中级: 'intermediate',
  senior: 'senior',
  高级: 'senior',
  资深: 'senior',
  reserve: 'reserve',
  储备: 'reserve',
  储备主管: 'reserve',
}
const ROLE_WORDS: Record<string, 'agent' | 'teamLeader'> = {
  agent: 'agent',
  客服: 'agent',
  坐席: 'agent',
  teamleader: 'teamLeader',
  leader: 'teamLeader',
  班长: 'teamLeader',
  组长: 'teamLeader',
}
const YES = new Set(['是', '能', '可以', '可', 'y', 'yes', 'true', '1', '√', '✓'])
const NO = new Set(['否', '不能', '不可以', '不可', '不', 'n', 'no', 'false', '0', '×', '✗'])

/** A sheet as rows of cell texts; row 0 is the header. */
export type Sheet = string[][]

/** The sheet's bytes as rows, or the one reason it cannot be read. */
export async function readSheet(
  bytes: Buffer,
): Promise<{ ok: true; rows: Sheet } | { ok: false; error: ImportError }> {
  const fileError = (message: string) => ({
    ok: false as const,
    error: { row: 1, column: '(file)', message },
  })
  if (bytes.length === 0 || bytes.toString('utf8').trim() === '')
    return fileError(
      'the file is empty: expected a header row (工号, 姓名, 岗位, 级别 …) and a row per person',
    )
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    try {
      return { ok: true, rows: await readXlsx(bytes) }
    } catch {
      return fileError('not a readable XLSX workbook: save it again from Excel or WPS as .xlsx or .csv')
    }
  }
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
    return fileError('an old .xls workbook: save it as .xlsx or .csv (UTF-8) and import that')
  const text = decodeText(bytes)
  if (text === undefined)
    return fileError('not a CSV or XLSX file: the bytes are neither UTF-8 nor GB18030 text')
  return { ok: true, rows: parseCsv(text) }
}

/**
 * CSV bytes as text: UTF-8 (a BOM is dropped) when they are valid UTF-8, else GB18030. Undefined
 * for bytes that are no text at all (NUL bytes, or control characters).
 */
export function decodeText(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes)
    } catch {
      return undefined
    }
  }
  // Text has few control characters but tab, CR and LF; junk has many.
  let controls = 0
  for (const c of text) {
    const code = c.charCodeAt(0)
    if ((code < 32 && c !== '\t' && c !== '\n' && c !== '\r') || code === 0x7f || code === 0xfffd) controls++
  }
  if (controls > Math.max(2, text.length / 1000)) return undefined
  return text
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF or LF); a tab or semicolon header picks that delimiter. */
export function parseCsv(text: string): Sheet {
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const delimiter = [',', '\t', ';'].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best,
  )
  const rows: Sheet = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"' && cell === '') quoted = true
    else if (c === delimiter) {
      row.push(cell)
      cell = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += c
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return rows.filter(r => r.some(c => c.trim() !== ''))
}

/** The first worksheet of an XLSX workbook as rows of cell texts. */
async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  if (!sheet) return []
  const rows: Sheet = []
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell)
    })
    rows[number - 1] = Array.from(cells, c => c ?? '')
  })
  return Array.from(rows, r => r ?? []).filter(r => r.some(c => c.trim() !== ''))
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (value !== null && typeof value === 'object' && 'result' in value) {
    const result = value.result
    return result instanceof Date
      ? result.toISOString().slice(0, 10)
      : typeof result === 'object'
        ? ''
        : String(result ?? '')
  }
  return cell.text ?? ''
}

/** The team as it stands, for re-imports: existing people by 工号, and the jobs the team staffs. */
export type TeamState = { readonly jobs: readonly Job[]; readonly staff: readonly Staff[] }

/**
 * The people of a sheet as they would be stored, and every bad cell. The `班长` column names a
 * person's team leader by 工号 or 姓名 — someone in the sheet or already on the team; whoever is
 * named becomes a team leader (a `角色` column, if any, says it instead). A blank `能否上夜班`
 * means yes.
 */
export function staffFromSheet(
  rows: Sheet,
  team: TeamState,
): { staff: Array<{ row: number; agent: Staff }>; errors: ImportError[] } {
  const errors: ImportError[] = []
  const header = rows[0] ?? []
  const columns = new Map<Field, { index: number; name: string }>()
  header.forEach((name, index) => {
    const field = FIELD_OF.get(key(name))
    if (field && !columns.has(field)) columns.set(field, { index, name: name.trim() })
  })
  for (const field of REQUIRED)
    if (!columns.has(field))
      errors.push({
        row: 1,
        column: HEADERS[field][0] ?? field,
        message: `missing column ${HEADERS[field][0]} (or ${HEADERS[field].slice(1, 4).join(', ')}); the header row has: ${header.filter(Boolean).join(', ') || 'nothing'}`,
      })
  if (errors.length > 0) return { staff: [], errors }
  if (rows.length < 2)
    return { staff: [], errors: [{ row: 1, column: '(file)', message: 'no people below the header row' }] }
  if (rows.length - 1 > MAX_ROWS)
    return {
      staff: [],
      errors: [{ row: MAX_ROWS + 2, column: '(file)', message: `more than ${MAX_ROWS} rows` }],
    }

  const col = (field: Field) => columns.get(field)
  const get = (cells: string[], field: Field) => {
    const c = col(field)
    return c ? (cells[c.index] ?? '').trim() : ''
  }
  const err = (row: number, field: Field, message: string) =>
    errors.push({ row, column: col(field)?.name ?? HEADERS[field][0] ?? field, message })

  type Draft = { row: number; agent: Omit<Staff, 'teamLeaderId'>; leader: string; roleGiven: boolean }
  const drafts: Draft[] = []
  const seen = new Map<string, number>()
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2
    const id = get(cells, 'id')
    const name = get(cells, 'name')
    let bad = false
    if (id === '') {
      err(row, 'id', 'required: every person needs a 工号')
      bad = true
    } else if (seen.has(id)) {
      err(row, 'id', `duplicate 工号 ${id} (also on row ${seen.get(id)})`)
      bad = true
    } else seen.set(id, row)
    if (name === '') {
      err(row, 'name', 'required')
      bad = true
    }
    const jobText = get(cells, 'job')
    const job = JOB_WORDS[jobText.toLowerCase()]
    if (!job) {
      err(row, 'job', `unknown job "${jobText}": expected one of ${JOBS.join('|')} (电话, 在线, 邮件)`)
      bad = true
    } else if (!team.jobs.includes(job)) {
      err(row, 'job', `the team does not staff ${job}: it staffs ${team.jobs.join(', ')}`)
      bad = true
    }
    const levelText = get(cells, 'level')
    const level = LEVEL_WORDS[levelText.toLowerCase()]
    if (!level) {
      err(
        row,
        'level',
        `unknown level "${levelText}": expected one of trainee|junior|intermediate|senior|reserve (新客服, 初级, 中级, 高级, 储备)`,
      )
      bad = true
    }
    const nightsText = get(cells, 'nights').toLowerCase()
    const nights = nightsText === '' || YES.has(nightsText) ? true : NO.has(nightsText) ? false : undefined
    if (nights === undefined) {
      err(row, 'nights', `expected 是 or 否 (yes or no), got "${nightsText}"`)
      bad = true
    }
    const contractText = get(cells, 'contractDays')
    const contractDays = contractText === '' ? undefined : Number(contractText)
    if (
      contractDays !== undefined &&
      (!Number.isInteger(contractDays) || contractDays < 0 || contractDays > 31)
    ) {
      err(row, 'contractDays', `expected a whole number of days 0–31, got "${contractText}"`)
      bad = true
    }
    const roleText = get(cells, 'role')
    const role = roleText === '' ? undefined : ROLE_WORDS[key(roleText)]
    if (roleText !== '' && !role) {
      err(row, 'role', `unknown role "${roleText}": expected 客服 or 班长 (agent or teamLeader)`)
      bad = true
    }
    const leftText = get(cells, 'leftOn')
    if (leftText !== '' && !IsoDateSchema.safeParse(leftText).success) {
      err(row, 'leftOn', `expected a date YYYY-MM-DD, got "${leftText}"`)
      bad = true
    }
    if (bad || !job || !level || nights === undefined) return
    drafts.push({
      row,
      agent: {
        id,
        name,
        job,
        level,
        role: role ?? 'agent',
        nights,
        ...(contractDays !== undefined ? { contractDays } : {}),
        leftOn: leftText === '' ? null : leftText,
      },
      leader: get(cells, 'teamLeader'),
      roleGiven: role !== undefined,
    })
  })

  // Team leaders by 工号 or 姓名: the sheet first, then the team as it stands.
  const byId = new Map<string, string>()
  const byName = new Map<string, string[]>()
  for (const s of [...team.staff.filter(s => s.leftOn === null), ...drafts.map(d => d.agent)]) {
    byId.set(s.id, s.id)
    byName.set(s.name, [...new Set([...(byName.get(s.name) ?? []), s.id])])
  }
  // Every 工号 in the sheet, valid or not, so a bad row does not make its leader "unknown" too.
  for (const id of seen.keys()) byId.set(id, id)
  const leaders = new Set<string>()
  const resolved = drafts.map(d => {
    if (d.leader === '') return { ...d, teamLeaderId: undefined }
    const named = byName.get(d.leader)
    const id = byId.get(d.leader) ?? (named?.length === 1 ? named[0] : undefined)
    if (!id) {
      err(
        d.row,
        'teamLeader',
        named && named.length > 1
          ? `${d.leader} names ${named.length} people: give the team leader's 工号`
          : `team leader ${d.leader} is not in the sheet nor on the team`,
      )
      return undefined
    }
    leaders.add(id)
    return { ...d, teamLeaderId: id }
  })
  const staff: Array<{ row: number; agent: Staff }> = []
  for (const d of resolved) {
    if (!d) continue
    const isLeader = d.roleGiven ? d.agent.role === 'teamLeader' : leaders.has(d.agent.id)
    const agent = StaffSchema.parse({
      ...d.agent,
      role: isLeader ? 'teamLeader' : 'agent',
      teamLeaderId: d.teamLeaderId ?? (isLeader ? d.agent.id : undefined),
    })
    staff.push({ row: d.row, agent })
  }
  errors.sort((a, b) => a.row - b.row)
  return { staff, errors }
}
