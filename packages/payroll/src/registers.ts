import { localTimeLabel, say, text, type Lang, type MonthFile, type Text } from '@paiban/domain'
import { SHIFT_NAME } from '@paiban/rules'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { LEAVE_NAME } from './columns'
import { BOM } from './csv'

/**
 * The registers the regulations ask for: the swap register (换班登记表: who swapped with whom,
 * which shifts, who approved and when) and the leave register (请假登记表), one line per record of
 * the month in submission order, every status included (a register records refusals too).
 */

/** One register: bilingual headers and plain rows, for CSV, XLSX and print. */
export type Register = {
  readonly kind: 'swaps' | 'leaves'
  readonly title: Text
  readonly headers: readonly Text[]
  readonly rows: ReadonlyArray<readonly string[]>
}

const STATUS: Record<string, Text> = {
  pending: text('待审批', 'pending'),
  approved: text('已批准', 'approved'),
  rejected: text('已驳回', 'rejected'),
  cancelled: text('已撤回', 'cancelled'),
}
const APPROVER: Record<string, Text> = {
  counterpart: text('对方', 'counterpart'),
  teamLeader: text('组长', 'team leader'),
  supervisor: text('主管', 'supervisor'),
  manager: text('经理', 'manager'),
}

function names(file: MonthFile): Map<string, string> {
  return new Map([...file.agents, ...file.people].map(p => [p.id, p.name]))
}

function instant(file: MonthFile, at: string | undefined): string {
  return at === undefined ? '' : localTimeLabel(at, file.team.timeZone)
}

/** The shift a cell holds, as a word: 白班 / 夜班 / 休 / 假. */
function shiftWord(cell: string | undefined, lang: Lang): string {
  if (cell === 'D' || cell === 'N') return say(SHIFT_NAME[cell], lang)
  if (cell === 'L') return lang === 'zh' ? '假' : 'leave'
  if (cell === '-') return lang === 'zh' ? '休' : 'rest'
  return ''
}

/** An approval a month file import recorded, said so: who imported it, and whether the approver confirmed it. */
function importNote(a: MonthFile['swaps'][number]['approvals'][number], lang: Lang): string {
  if (a.recordedBy === undefined) return ''
  const confirmed = a.confirmedAt !== undefined
  return lang === 'zh'
    ? `[由 ${a.recordedBy} 导入记录${confirmed ? '，本人已确认' : '，本人未确认'}]`
    : ` [recorded by import by ${a.recordedBy}${confirmed ? ', confirmed by the approver' : ', not confirmed by the approver'}]`
}

function approvals(
  file: MonthFile,
  list: MonthFile['swaps'][number]['approvals'],
  lang: Lang,
  who: Map<string, string>,
) {
  return list
    .map(
      a =>
        `${who.get(a.by) ?? a.by}(${say(APPROVER[a.role] ?? text(a.role, a.role), lang)})${a.at ? ` ${instant(file, a.at)}` : ''}${importNote(a, lang)}`,
    )
    .join(lang === 'zh' ? ';' : '; ')
}

/**
 * 换班登记表: per swap its id, requester, counterpart, date and the shifts exchanged that day (the
 * roster already has approved swaps applied, so the requester's given-up shift is the
 * counterpart's cell), the return date (还班) and its shifts, status, submission time, every
 * approval with role and time, and the final approver and time.
 * @example swapRegister(file, 'zh').rows[0] // ['s1', '李娜', '王芳', '2026-12-03', '李娜 白班 → 王芳', …]
 */
export function swapRegister(file: MonthFile, lang: Lang): Register {
  const who = names(file)
  const dayIndex = (date: string) => Number(date.slice(8, 10)) - 1
  const inMonth = (date: string) => date.startsWith(file.month)
  const shifts = (s: MonthFile['swaps'][number], date: string, giver: string, taker: string) => {
    if (!inMonth(date)) return ''
    const i = dayIndex(date)
    const applied = s.status === 'approved'
    // Before an approved swap the giver held what the taker holds now, and the other way round.
    const gave = (applied ? file.roster?.[taker] : file.roster?.[giver])?.[i]
    const got = (applied ? file.roster?.[giver] : file.roster?.[taker])?.[i]
    const g = who.get(giver) ?? giver
    const t = who.get(taker) ?? taker
    const out = `${g} ${shiftWord(gave, lang)} → ${t}`
    return got === 'D' || got === 'N' ? `${out}; ${t} ${shiftWord(got, lang)} → ${g}` : out
  }
  const rows = [...file.swaps]
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))
    .map(s => {
      const last = s.status === 'approved' ? s.approvals.at(-1) : undefined
      return [
        s.id,
        who.get(s.requester) ?? s.requester,
        who.get(s.counterpart) ?? s.counterpart,
        s.date,
        shifts(s, s.date, s.requester, s.counterpart),
        s.returnDate ?? '',
        s.returnDate === undefined ? '' : shifts(s, s.returnDate, s.counterpart, s.requester),
        say(STATUS[s.status] ?? text(s.status, s.status), lang),
        instant(file, s.submittedAt),
        approvals(file, s.approvals, lang, who),
        last ? (who.get(last.by) ?? last.by) : '',
        last ? instant(file, last.at) : '',
      ]
    })
  return {
    kind: 'swaps',
    title: text(
      `换班登记表 ${file.team.name} ${file.month}`,
      `Swap register ${file.team.name} ${file.month}`,
    ),
    headers: [
      text('编号', 'ID'),
      text('申请人', 'Requester'),
      text('对方', 'Counterpart'),
      text('换班日期', 'Date'),
      text('班次', 'Shifts'),
      text('还班日期', 'Return date'),
      text('还班班次', 'Return shifts'),
      text('状态', 'Status'),
      text('提交时间', 'Submitted'),
      text('审批记录', 'Approvals'),
      text('批准人', 'Approved by'),
      text('批准时间', 'Approved at'),
    ],
    rows,
  }
}

/**
 * 请假登记表: per leave record its id, agent, date, shift, kind, urgent, certificate (sick leave),
 * status, submission time and who filed it, every approval, the final approver and time.
 * @example leaveRegister(file, 'en').headers.map(h => h.en) // ['ID', 'Agent', 'Date', 'Shift', …]
 */
export function leaveRegister(file: MonthFile, lang: Lang): Register {
  const who = names(file)
  const yes = lang === 'zh' ? '是' : 'yes'
  const rows = [...file.leaves]
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.date.localeCompare(b.date))
    .map(l => {
      const last = l.status === 'approved' ? l.approvals.at(-1) : undefined
      return [
        l.id,
        who.get(l.agentId) ?? l.agentId,
        l.date,
        say(SHIFT_NAME[l.shift], lang),
        say(LEAVE_NAME[l.kind], lang),
        l.urgent ? yes : '',
        l.kind === 'sick' ? (l.certificate ? yes : lang === 'zh' ? '未交' : 'not handed in') : '',
        say(STATUS[l.status] ?? text(l.status, l.status), lang),
        instant(file, l.submittedAt),
        who.get(l.by) ?? l.by,
        approvals(file, l.approvals, lang, who),
        last ? (who.get(last.by) ?? last.by) : '',
        last ? instant(file, last.at) : '',
      ]
    })
  return {
    kind: 'leaves',
    title: text(
      `请假登记表 ${file.team.name} ${file.month}`,
      `Leave register ${file.team.name} ${file.month}`,
    ),
    headers: [
      text('编号', 'ID'),
      text('姓名', 'Agent'),
      text('日期', 'Date'),
      text('班次', 'Shift'),
      text('类别', 'Kind'),
      text('紧急', 'Urgent'),
      text('病假证明', 'Certificate'),
      text('状态', 'Status'),
      text('提交时间', 'Submitted'),
      text('提交人', 'Filed by'),
      text('审批记录', 'Approvals'),
      text('批准人', 'Approved by'),
      text('批准时间', 'Approved at'),
    ],
    rows,
  }
}

/** A register as CSV: BOM, headers in `lang`, CRLF, formula-like text escaped. */
export function registerCsv(register: Register, lang: Lang): string {
  const csv = Papa.unparse(
    { fields: register.headers.map(h => say(h, lang)), data: register.rows.map(r => [...r]) },
    { newline: '\r\n', escapeFormulae: true },
  )
  // papaparse ends a header without data rows with the newline already.
  return `${BOM}${csv.replace(/\r\n$/, '')}\r\n`
}

/** A register as XLSX: a title row, a bold frozen header with autofilter, A4 landscape one page wide. */
export async function registerXlsx(
  register: Register,
  lang: Lang,
  options: { readonly generatedAt?: string } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const at = new Date(options.generatedAt ?? '2000-01-01T00:00:00Z')
  workbook.creator = 'Paiban'
  workbook.created = at
  workbook.modified = at
  const sheet = workbook.addWorksheet(
    register.kind === 'swaps' ? (lang === 'zh' ? '换班登记' : 'Swaps') : lang === 'zh' ? '请假登记' : 'Leave',
    {
      views: [{ state: 'frozen', ySplit: 2 }],
    },
  )
  const n = register.headers.length
  sheet.mergeCells(1, 1, 1, n)
  sheet.getCell(1, 1).value = say(register.title, lang)
  sheet.getCell(1, 1).font = { bold: true, size: 14 }
  sheet.getRow(2).values = register.headers.map(h => say(h, lang))
  sheet.getRow(2).font = { bold: true }
  for (const row of register.rows) sheet.addRow([...row])
  register.headers.forEach((_, i) => {
    const longest = Math.max(
      ...[register.headers[i], ...register.rows.map(r => ({ zh: r[i] ?? '', en: r[i] ?? '' }))].map(
        t => say(t ?? text('', ''), lang).length,
      ),
    )
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, longest * 1.6))
  })
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: n } }
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '2:2',
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
