import { readFileSync, writeFileSync } from 'node:fs'
import { say, type Lang } from '@paiban/domain'
import { importRoster, readSheetGrids, type SheetCell } from '@paiban/payroll'
import { fileArg, HOLIDAYS, langOf, parse } from '../args'
import { InputError, readJson, readMonthFile } from '../io'
import type { Io } from '../main'
import { printable } from '../output'

const ROSTER_USAGE =
  'paiban import roster SHEET.xlsx|SHEET.csv --month FILE.month.json [--out F] [--mapping MAP.json] [--sheet NAME] [--encoding utf-8|gb18030] [--json] [--lang zh|en]'

const CELLS = new Set<string>(['D', 'N', '-', 'L'])

/** `--mapping MAP.json`: `{ "早": "D", "晚": "N", "OFF": "-" }`, laid over the default mapping. */
function readMapping(path: string): Record<string, SheetCell> {
  const raw = readJson(path)
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new InputError([{ path: `${path}`, message: 'expected an object { "text": "D|N|-|L" }' }])
  const mapping: Record<string, SheetCell> = {}
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string' || !CELLS.has(v))
      throw new InputError([{ path: `${path}: ${k}`, message: 'expected one of D|N|-|L' }])
    mapping[k] = v as SheetCell
  }
  return mapping
}

function where(i: { sheet: string; cell?: string; row?: number }, lang: Lang): string {
  if (i.cell) return `${i.sheet}!${i.cell}`
  if (i.row !== undefined) return lang === 'zh' ? `${i.sheet} 第 ${i.row} 行` : `${i.sheet} row ${i.row}`
  return i.sheet
}

/**
 * `paiban import roster SHEET --month FILE [--out F]`: reads a roster sheet (XLSX, CSV in UTF-8 or
 * GB18030) into the month file's team and month, prints the preview (problems by sheet row and
 * column, then rule violations) and, only when the sheet reads cleanly, writes the month file with
 * the sheet's roster to `--out` (stdout with neither `--out` nor `--json`). Exit 2 when the sheet
 * is refused (nothing written), 1 when it was read but hard violations remain, 0 otherwise.
 */
async function importRosterCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    month: { type: 'string' },
    out: { type: 'string' },
    mapping: { type: 'string' },
    sheet: { type: 'string' },
    encoding: { type: 'string' },
    ...HOLIDAYS,
  })
  const lang = langOf(values.lang, io.env)
  const path = fileArg(positionals, ROSTER_USAGE)
  if (typeof values.month !== 'string')
    throw new InputError([
      { path: '--month', message: 'required: the month file whose team and month the sheet is for' },
    ])
  const encoding = values.encoding
  if (encoding !== undefined && encoding !== 'utf-8' && encoding !== 'gb18030')
    throw new InputError([{ path: '--encoding', message: 'expected one of utf-8|gb18030' }])
  const file = readMonthFile(values.month, values.holidays)
  const mapping = typeof values.mapping === 'string' ? readMapping(values.mapping) : undefined
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError([
      { path, message: code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})` },
    ])
  }
  let grids
  try {
    grids = await readSheetGrids(bytes, { ...(encoding ? { encoding } : {}), name: 'CSV' })
  } catch (error) {
    throw new InputError([{ path, message: `not a readable XLSX or CSV file (${(error as Error).message})` }])
  }
  const result = importRoster(grids, file, {
    ...(mapping ? { mapping } : {}),
    ...(typeof values.sheet === 'string' ? { sheet: values.sheet } : {}),
  })
  const hard = result.violations.filter(v => v.severity === 'hard').length
  // Refused (exit 2): stdout stays empty, as for every bad input (formats.md §2).
  if (values.json === true && result.ok) {
    io.out(
      JSON.stringify({
        ok: result.ok && hard === 0,
        sheet: result.sheet,
        issues: result.issues.map(i => ({ ...i, message: say(i.message, lang) })),
        violations: result.violations.map(v => printable(v, lang)),
        roster: result.file.roster,
      }),
    )
  }
  for (const i of result.issues)
    io.err(`${i.severity === 'error' ? '✗' : '!'} ${where(i, lang)}  ${say(i.message, lang)}`)
  if (!result.ok) {
    const errors = result.issues.filter(i => i.severity === 'error').length
    io.err(
      lang === 'zh'
        ? `未导入:${errors} 处问题,请改好表格后再导入(什么都没有写入)`
        : `not imported: ${errors} problem(s); fix the sheet and import again (nothing was written)`,
    )
    return 2
  }
  for (const v of result.violations)
    io.err(
      `${v.severity === 'hard' ? '✗' : '·'} ${(v.cell ? `${result.sheet}!${v.cell}` : '').padEnd(10)} ${v.rule.padEnd(15)} ${say(v.message, lang)}`,
    )
  const json = `${JSON.stringify(result.file, null, 2)}`
  const out = typeof values.out === 'string' ? values.out : undefined
  if (out !== undefined) {
    try {
      writeFileSync(out, `${json}\n`)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      throw new InputError([{ path: '--out', message: `cannot write ${out} (${code ?? 'error'})` }])
    }
    io.err(lang === 'zh' ? `已写入 ${out}` : `written to ${out}`)
  } else if (values.json !== true) io.out(json)
  io.err(
    lang === 'zh'
      ? `已读入 ${Object.keys(result.rows).length} 人(${result.sheet} 表头第 ${result.headerRow} 行),${hard} 条硬性规则违规`
      : `read ${Object.keys(result.rows).length} agents (${result.sheet}, header row ${result.headerRow}), ${hard} hard violation(s)`,
  )
  return hard > 0 ? 1 : 0
}

/** `paiban import roster …`: a roster sheet into a month file. */
export async function importCommand(args: string[], io: Io): Promise<number> {
  const [what, ...rest] = args
  if (what === 'roster') return importRosterCommand(rest, io)
  throw new InputError([
    {
      path: 'arguments',
      message: `${what === undefined ? 'expected roster' : `unknown import ${what}`}\nusage: ${ROSTER_USAGE}`,
    },
  ])
}
