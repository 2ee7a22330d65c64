/**
 * The swap register (换班登记表) and leave register on the December fixture: who, which shifts
 * (the roster has approved swaps applied, so the shifts before the swap are read back from it),
 * who approved and when; CSV and XLSX renderings.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { parseMonthFile, type MonthFile } from '@paiban/domain'
import { leaveRegister, readSheetGrids, registerCsv, registerXlsx, swapRegister } from '@paiban/payroll'

function december(): MonthFile {
  const path = fileURLToPath(new URL('../../../fixtures/teams/cs-2026-12.month.json', import.meta.url))
  const parsed = parseMonthFile(JSON.parse(readFileSync(path, 'utf8')))
  if (!parsed.ok) throw new Error('bad fixture')
  return parsed.value
}

describe('swapRegister', () => {
  it('names who swapped which shifts and who approved when', () => {
    const file = december()
    const register = swapRegister(file, 'zh')
    expect(register.rows).toHaveLength(file.swaps.length)
    // s1: 徐婷 (a13) asked 蒋欣怡 (a07) for 12-10, returned 12-15; on the 10th a13 now works N, a07 D.
    const s1 = register.rows.find(r => r[0] === 's1')
    expect(s1?.slice(0, 4)).toEqual(['s1', '徐婷', '蒋欣怡', '2026-12-10'])
    expect(s1?.[4]).toBe('徐婷 白班 → 蒋欣怡; 蒋欣怡 夜班 → 徐婷')
    expect(s1?.[5]).toBe('2026-12-15')
    expect(s1?.[7]).toBe('已批准')
    expect(s1?.[8]).toBe('2026-12-06 08:55')
    expect(s1?.[9]).toContain('蒋欣怡(对方) 2026-12-06 09:12')
    expect(s1?.slice(10)).toEqual(['周敏', '2026-12-06 15:45'])
  })

  it('renders as CSV with a BOM and as XLSX with the title and headers', async () => {
    const file = december()
    const csv = registerCsv(swapRegister(file, 'en'), 'en')
    expect(csv.startsWith('\uFEFFID,Requester,Counterpart,Date,Shifts')).toBe(true)
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true })
    expect(parsed.data).toHaveLength(file.swaps.length + 1)
    const grid = (await readSheetGrids(await registerXlsx(leaveRegister(file, 'zh'), 'zh')))[0]
    expect(grid?.rows[0]?.[0]).toBe('请假登记表 客服一组 2026-12')
    expect(grid?.rows[1]?.slice(0, 5)).toEqual(['编号', '姓名', '日期', '班次', '类别'])
    expect((grid?.rows.length ?? 0) - 2).toBe(file.leaves.length)
  })

  it('writes only the header for a month without records', () => {
    const csv = registerCsv(swapRegister({ ...december(), swaps: [] }, 'zh'), 'zh')
    expect(csv.split('\r\n')).toEqual([
      '\uFEFF编号,申请人,对方,换班日期,班次,还班日期,还班班次,状态,提交时间,审批记录,批准人,批准时间',
      '',
    ])
  })
})

describe('leaveRegister', () => {
  it('lists every leave record with kind, certificate and approvals', () => {
    const file = december()
    const register = leaveRegister(file, 'en')
    expect(register.rows).toHaveLength(file.leaves.length)
    const sick = file.leaves.find(l => l.kind === 'sick')
    const row = register.rows.find(r => r[0] === sick?.id)
    expect(row?.[4]).toBe('sick leave')
    expect(row?.[6]).toBe(sick?.certificate ? 'yes' : 'not handed in')
  })

  it('says which approvals an import recorded and whether the approver confirmed them', () => {
    const file = december()
    const [first] = file.leaves
    if (!first) throw new Error('the fixture has no leave')
    const leave = {
      ...first,
      approvals: [
        { by: 'm1', role: 'manager' as const, recordedBy: 'supervisor' },
        {
          by: 's1',
          role: 'supervisor' as const,
          recordedBy: 'supervisor',
          confirmedAt: '2026-12-01T09:00:00+08:00',
        },
      ],
    }
    const line = (lang: 'zh' | 'en') =>
      leaveRegister({ ...file, leaves: [leave] }, lang).rows[0]?.join('|') ?? ''
    expect(line('en')).toContain('[recorded by import by supervisor, not confirmed by the approver]')
    expect(line('en')).toContain('[recorded by import by supervisor, confirmed by the approver]')
    expect(line('zh')).toContain('[由 supervisor 导入记录，本人未确认]')
  })
})
