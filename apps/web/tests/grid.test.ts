import { instantIn, monthCalendar, parseMonthFile, type MonthFile } from '@paiban/domain'
import { describe, expect, it } from 'vitest'
import { coverageLines } from '../src/grid/coverage'
import { changeCount, changedCells } from '../src/grid/diff'
import { groupAgents } from '../src/grid/layout'
import { applyChanges, liveCheck } from '../src/grid/live-check'
import { coverageKey, indexMarks } from '../src/grid/marks'
import { suggestFill } from '../src/grid/suggest'
import { teamMonth } from './helpers/month'

const file = teamMonth(36)

describe('groupAgents', () => {
  it('groups by job, then team leader, the leader first, every agent once', () => {
    const { order, rows } = groupAgents(file)
    expect(new Set(order).size).toBe(file.agents.length)
    const groups = rows.filter(r => r.kind === 'group')
    expect(groups.map(g => g.job)).toEqual(
      [...groups.map(g => g.job)].sort(
        (a, b) => ['phone', 'chat', 'email'].indexOf(a) - ['phone', 'chat', 'email'].indexOf(b),
      ),
    )
    rows.forEach((r, i) => {
      if (r.kind !== 'group' || !r.leaderId) return
      // A leader heads their own job's group; they may lead agents of other jobs too.
      if (file.agents.find(a => a.id === r.leaderId)?.job !== r.job) return
      const first = rows[i + 1]
      expect(first?.kind === 'agent' && first.agentId).toBe(r.leaderId)
    })
  })
})

describe('coverage and suggestions', () => {
  it('counts on-duty agents per shift and job against the requirement', () => {
    const live = liveCheck(file)
    const lines = coverageLines(live.ctx)
    const phoneDay = lines.find(l => l.shift === 'D' && l.job === 'phone')
    expect(phoneDay?.have).toHaveLength(31)
    const first = [...Object.values(file.roster ?? {})].filter(
      (row, i) => row[0] === 'D' && file.agents[i]?.job === 'phone',
    )
    expect(phoneDay?.have[0]).toBe(first.length)
  })

  it('suggests (fillHole) only agents who can take a short shift without a new hard violation, and a set that fills it', () => {
    // Empty one phone day shift until it is short, then ask who can cover it.
    let live = liveCheck(file)
    const phone = file.agents.filter(a => a.job === 'phone').map(a => a.id)
    const onDay = phone.filter(id => live.ctx.rows.get(id)?.[10] === 'D')
    live = applyChanges(
      live,
      onDay.map(agentId => ({ agentId, index: 10, cell: '-' as const })),
    )
    expect(
      live.all.some(v => v.rule === 'COVER-MIN' && v.date === `${file.month}-11` && v.shift === 'D'),
    ).toBe(true)
    const result = suggestFill(file, live, 10, 'D', 'phone')
    const candidates = result?.candidates ?? []
    expect(candidates.length).toBeGreaterThan(0)
    for (const c of candidates) {
      const after = applyChanges(live, [{ agentId: c.agentId, index: 10, cell: 'D' }])
      const newHard = after.all.filter(v => v.severity === 'hard' && v.agentId === c.agentId)
      expect(newHard, c.agentId).toEqual(
        live.all.filter(v => v.severity === 'hard' && v.agentId === c.agentId),
      )
    }
    // The suggested set fills the shortfall.
    const chosen = candidates.filter(c => c.chosen)
    expect(chosen).toHaveLength(result?.needed ?? -1)
    const fixed = applyChanges(
      live,
      chosen.map(c => ({ agentId: c.agentId, index: 10, cell: 'D' as const })),
    )
    expect(
      fixed.all.some(
        v => v.rule === 'COVER-MIN' && v.date === `${file.month}-11` && v.shift === 'D' && v.job === 'phone',
      ),
    ).toBe(false)
  })

  it('indexes violations by cell, agent and coverage line', () => {
    let live = liveCheck(file)
    const id = file.agents[0]?.id ?? ''
    live = applyChanges(
      live,
      Array.from({ length: 9 }, (_, index) => ({ agentId: id, index, cell: 'D' as const })),
    )
    const marks = indexMarks(live.all, live.ctx.dateIndex)
    const row = marks.cells.get(id)
    expect([...(row?.values() ?? [])].some(m => m.hard && m.rules.includes('REST-6-1'))).toBe(true)
    expect(marks.rowSignature.get(id)).toContain('REST-6-1')
    const cover = live.all.find(v => v.rule === 'COVER-MIN')
    if (cover?.shift && cover.date)
      expect(
        marks.coverage.has(coverageKey(cover.shift, cover.job, live.ctx.dateIndex.get(cover.date) ?? -1)),
      ).toBe(true)
  })
})

describe('changedCells', () => {
  it('lists the cells that differ from the published roster, with the published value', () => {
    const live = applyChanges(liveCheck(file), [{ agentId: file.agents[0]?.id ?? '', index: 2, cell: 'N' }])
    const reference: MonthFile['roster'] = { ...file.roster }
    const changes = changedCells(live.ctx.rows, reference ?? {})
    const was = file.roster?.[file.agents[0]?.id ?? '']?.[2]
    expect(changeCount(changes)).toBe(was === 'N' ? 0 : 1)
  })
})

describe('calendar data in the browser bundle', () => {
  it('knows 国庆节 and the 调休 workdays of 2026', () => {
    const cal = monthCalendar('2026-10')
    expect(cal.byDate.get('2026-10-01')?.name?.zh).toContain('国庆')
    expect(cal.days.some(d => d.isMakeupWorkday)).toBe(true)
  })
})

describe('instantIn', () => {
  it('writes an instant with the zone offset that a month file accepts', () => {
    const iso = instantIn('Asia/Shanghai', new Date('2026-12-01T01:30:00Z'))
    expect(iso).toBe('2026-12-01T09:30:00+08:00')
    const ok = parseMonthFile({
      format: 'paiban.month/1',
      team: { id: 't', name: 't' },
      month: '2026-12',
      policy: {},
      agents: [{ id: 'a', name: 'A', job: 'phone', level: 'junior' }],
      leaves: [{ agentId: 'a', date: '2026-12-02', shift: 'D', kind: 'annual', submittedAt: iso, by: 'a' }],
    })
    expect(ok.ok).toBe(true)
  })
})
