import { attendanceFacts, SEED_POLICY } from '@paiban/domain'
import { checkMonth, checkSwap } from '@paiban/rules'
import { describe, expect, it } from 'vitest'
import { agent, at, month, only, row, swapRequest, type MonthSpec } from './helpers/month'

// ATTEND-RECORD, ATTEND-EARLY, ATTEND-NOSHOW, ATTEND-DISCIPLINE, OT-EXTEND, HANDOVER-LOG (rules.md §5a).
// December 2026 has no holiday; October 2026 has the statutory 10-01 (Thursday) and the 调休
// workday Saturday 10-10.

const TEAM = [
  agent('t1', { role: 'teamLeader', teamLeaderId: 't1' }),
  agent('a1', { teamLeaderId: 't1' }),
  agent('a2', { teamLeaderId: 't1' }),
]
/** a1 on the day shift on 3 and 4, a2 on the night shift on 3 and 31, t1 on the day shift on 3. */
const ROSTER = {
  t1: row(31, '-', { 3: 'D' }),
  a1: row(31, '-', { 3: 'D', 4: 'D' }),
  a2: row(31, '-', { 3: 'N', 31: 'N' }),
}
const dec = (attendance: MonthSpec['attendance'], more: MonthSpec = {}) =>
  month({ agents: TEAM, roster: ROSTER, attendance, ...more })
/** October: a1 works D on 10-01 (statutory) and 10-10 (调休 workday), a2 N on both. */
const OCT_ROSTER = {
  t1: row(31, '-'),
  a1: row(31, '-', { 1: 'D', 10: 'D' }),
  a2: row(31, '-', { 1: 'N', 10: 'N' }),
}
const oct = (attendance: MonthSpec['attendance']) =>
  month({ month: '2026-10', agents: TEAM, roster: OCT_ROSTER, attendance })

describe('attendanceFacts', () => {
  it('reads a night kept open to 00:40 as 40 min past the 24:00 end', () => {
    const f = attendanceFacts(
      {
        agentId: 'a2',
        date: '2026-12-31',
        lateMinutes: 0,
        awayMinutes: 0,
        arrivedAt: '17:50',
        leftAt: '00:40',
      },
      'N',
      SEED_POLICY,
    )
    expect(f).toMatchObject({
      end: 1440,
      departure: 1480,
      overtimeMinutes: 40,
      attendedMinutes: 410,
      nightMinutes: 400,
    })
  })

  it('reads a night ending at 24:00 as on time, no overtime', () => {
    const f = attendanceFacts(
      { agentId: 'a2', date: '2026-12-03', lateMinutes: 0, awayMinutes: 0, leftAt: '24:00' },
      'N',
      SEED_POLICY,
    )
    expect(f).toMatchObject({ earlyMinutes: 0, overtimeMinutes: 0, attendedMinutes: 370, nightMinutes: 360 })
  })

  it('takes 00:00 after a night shift as its end (the next midnight)', () => {
    const f = attendanceFacts(
      { agentId: 'a2', date: '2026-12-03', lateMinutes: 0, awayMinutes: 0, leftAt: '00:00' },
      'N',
      SEED_POLICY,
    )
    expect(f).toMatchObject({ departure: 1440, earlyMinutes: 0, overtimeMinutes: 0 })
  })
})

describe('ATTEND-RECORD', () => {
  it('passes records that fit the roster', () => {
    const file = dec([
      { agentId: 'a1', date: '2026-12-03', arrivedAt: '08:50', leftAt: '18:00' },
      { agentId: 'a2', date: '2026-12-03', arrivedAt: '17:45', leftAt: '00:15' },
    ])
    expect(only(checkMonth(file), 'ATTEND-RECORD')).toEqual([])
  })

  it('names a record on a rest day', () => {
    expect(
      only(checkMonth(dec([{ agentId: 'a1', date: '2026-12-05', arrivedAt: '08:50' }])), 'ATTEND-RECORD'),
    ).toEqual([{ rule: 'ATTEND-RECORD', severity: 'hard', agentId: 'a1', date: '2026-12-05' }])
  })

  it('names a record of the other shift, a departure before the arrival and a second record', () => {
    const file = dec([
      { agentId: 'a1', date: '2026-12-03', shift: 'N' },
      { agentId: 'a1', date: '2026-12-04', arrivedAt: '09:00', leftAt: '08:00' },
      { agentId: 'a2', date: '2026-12-03', arrivedAt: '17:50' },
      { agentId: 'a2', date: '2026-12-03', arrivedAt: '17:55' },
    ])
    expect(only(checkMonth(file), 'ATTEND-RECORD').map(v => [v.agentId, v.date])).toEqual([
      ['a1', '2026-12-03'],
      ['a2', '2026-12-03'],
      ['a1', '2026-12-04'],
    ])
  })

  it('leaves records of another month alone', () => {
    expect(
      only(checkMonth(dec([{ agentId: 'a1', date: '2026-11-30', arrivedAt: '08:50' }])), 'ATTEND-RECORD'),
    ).toEqual([])
  })
})

describe('ATTEND-EARLY', () => {
  it('passes a departure at the end of the shift (24:00 for the night)', () => {
    const file = dec([
      { agentId: 'a1', date: '2026-12-03', leftAt: '18:00' },
      { agentId: 'a2', date: '2026-12-03', leftAt: '24:00' },
    ])
    expect(only(checkMonth(file), 'ATTEND-EARLY')).toEqual([])
  })

  it('names one minute early (a breach of discipline)', () => {
    expect(
      only(checkMonth(dec([{ agentId: 'a1', date: '2026-12-03', leftAt: '17:59' }])), 'ATTEND-EARLY'),
    ).toEqual([{ rule: 'ATTEND-EARLY', severity: 'soft', agentId: 'a1', date: '2026-12-03', shift: 'D' }])
  })

  it('names a night left at 23:40, before its 24:00 end', () => {
    const found = only(
      checkMonth(dec([{ agentId: 'a2', date: '2026-12-03', leftAt: '23:40' }])),
      'ATTEND-EARLY',
    )
    expect(found.map(v => [v.agentId, v.date, v.shift])).toEqual([['a2', '2026-12-03', 'N']])
  })

  it('follows policy.attendance.graceMinutes', () => {
    const file = dec([{ agentId: 'a1', date: '2026-12-03', leftAt: '17:55' }], {
      policy: { attendance: { graceMinutes: 5 } },
    })
    expect(only(checkMonth(file), 'ATTEND-EARLY')).toEqual([])
  })
})

describe('ATTEND-NOSHOW', () => {
  it('passes an agent who came', () => {
    expect(
      only(checkMonth(dec([{ agentId: 'a1', date: '2026-12-03', arrivedAt: '08:48' }])), 'ATTEND-NOSHOW'),
    ).toEqual([])
  })

  it('names a rostered shift recorded as not turned up', () => {
    expect(
      only(checkMonth(dec([{ agentId: 'a2', date: '2026-12-31', noShow: true }])), 'ATTEND-NOSHOW'),
    ).toEqual([{ rule: 'ATTEND-NOSHOW', severity: 'soft', agentId: 'a2', date: '2026-12-31', shift: 'N' }])
  })

  it('is no absence when approved leave covers the shift', () => {
    const file = month({
      agents: TEAM,
      roster: { ...ROSTER, a1: row(31, '-', { 3: 'L', 4: 'D' }) },
      leaves: [{ agentId: 'a1', date: '2026-12-03', shift: 'D', kind: 'sick', certificate: true, by: 't1' }],
      attendance: [{ agentId: 'a1', date: '2026-12-03', shift: 'D', noShow: true }],
    })
    expect(only(checkMonth(file), 'ATTEND-NOSHOW')).toEqual([])
    expect(only(checkMonth(file), 'ATTEND-RECORD')).toEqual([])
  })

  it('names a no-show on a statutory holiday', () => {
    expect(
      only(checkMonth(oct([{ agentId: 'a1', date: '2026-10-01', noShow: true }])), 'ATTEND-NOSHOW').map(
        v => v.date,
      ),
    ).toEqual(['2026-10-01'])
  })
})

describe('ATTEND-DISCIPLINE', () => {
  /** a1 on the day shift every weekday-ish pattern, so there are enough shifts to be late on. */
  const many = (attendance: MonthSpec['attendance']) =>
    month({ agents: TEAM, roster: { a1: row(31, 'DDDDD--') }, attendance })

  it('passes two breaches (no warning yet)', () => {
    const file = many([
      { agentId: 'a1', date: '2026-12-01', lateMinutes: 3 },
      { agentId: 'a1', date: '2026-12-02', leftAt: '17:50' },
    ])
    expect(only(checkMonth(file), 'ATTEND-DISCIPLINE')).toEqual([])
  })

  it('warns at the third breach, on its date', () => {
    const file = many([
      { agentId: 'a1', date: '2026-12-01', lateMinutes: 3 },
      { agentId: 'a1', date: '2026-12-02', leftAt: '17:50' },
      { agentId: 'a1', date: '2026-12-03', awayMinutes: 5 },
      { agentId: 'a1', date: '2026-12-04', lateMinutes: 1 },
    ])
    expect(only(checkMonth(file), 'ATTEND-DISCIPLINE')).toEqual([
      { rule: 'ATTEND-DISCIPLINE', severity: 'soft', agentId: 'a1', date: '2026-12-03' },
    ])
  })

  it('counts lateness and early leave of one shift as two breaches; a no-show as none', () => {
    const file = many([
      { agentId: 'a1', date: '2026-12-01', arrivedAt: '09:00', leftAt: '17:30' },
      { agentId: 'a1', date: '2026-12-02', noShow: true },
      { agentId: 'a1', date: '2026-12-03', arrivedAt: '08:51' },
    ])
    expect(only(checkMonth(file), 'ATTEND-DISCIPLINE').map(v => v.date)).toEqual(['2026-12-03'])
  })

  it('follows policy.discipline.warningAt', () => {
    const file = month({
      agents: TEAM,
      roster: { a1: row(31, 'DDDDD--') },
      policy: { discipline: { warningAt: 1 } },
      attendance: [{ agentId: 'a1', date: '2026-12-01', lateMinutes: 3 }],
    })
    expect(only(checkMonth(file), 'ATTEND-DISCIPLINE').map(v => v.date)).toEqual(['2026-12-01'])
  })
})

describe('OT-EXTEND', () => {
  it('passes a night that ends at 24:00', () => {
    expect(
      only(checkMonth(dec([{ agentId: 'a2', date: '2026-12-03', leftAt: '24:00' }])), 'OT-EXTEND'),
    ).toEqual([])
  })

  it('names the month’s last night kept open to 00:40 on the 1st', () => {
    const result = checkMonth(
      dec([{ agentId: 'a2', date: '2026-12-31', arrivedAt: '17:50', leftAt: '00:40' }]),
    )
    expect(only(result, 'OT-EXTEND')).toEqual([
      { rule: 'OT-EXTEND', severity: 'soft', agentId: 'a2', date: '2026-12-31', shift: 'N' },
    ])
    expect(only(result, 'ATTEND-RECORD')).toEqual([])
  })

  it('names a day shift waiting past 18:00 for a late relief', () => {
    expect(
      only(checkMonth(dec([{ agentId: 'a1', date: '2026-12-03', leftAt: '18:25' }])), 'OT-EXTEND').map(
        v => v.shift,
      ),
    ).toEqual(['D'])
  })

  it('pays overtime with the day on a statutory holiday (300 %) and at 150 % on a 调休 workday', () => {
    const result = checkMonth(
      oct([
        { agentId: 'a2', date: '2026-10-01', leftAt: '00:30' },
        { agentId: 'a2', date: '2026-10-10', leftAt: '00:30' },
      ]),
    )
    const found = result.violations.filter(v => v.rule === 'OT-EXTEND')
    expect(found.map(v => [v.date, v.message.en.includes('300 %'), v.message.en.includes('150 %')])).toEqual([
      ['2026-10-01', true, false],
      ['2026-10-10', false, true],
    ])
  })
})

describe('HANDOVER-LOG', () => {
  const worked = [
    { agentId: 't1', date: '2026-12-03', arrivedAt: '08:50' },
    { agentId: 'a2', date: '2026-12-03', arrivedAt: '17:50' },
  ]

  it('passes a day written by the outgoing lead and acknowledged by the incoming one', () => {
    const file = dec(worked, {
      handovers: [
        { date: '2026-12-03', shift: 'D', by: 't1', acknowledgedBy: 'a2' },
        { date: '2026-12-03', shift: 'N', by: 'a2' },
      ],
    })
    expect(only(checkMonth(file), 'HANDOVER-LOG')).toEqual([])
  })

  it('names a worked shift with no log', () => {
    expect(only(checkMonth(dec(worked)), 'HANDOVER-LOG').map(v => [v.date, v.shift])).toEqual([
      ['2026-12-03', 'D'],
      ['2026-12-03', 'N'],
    ])
  })

  it('names a log the incoming lead did not acknowledge', () => {
    const file = dec(worked, {
      handovers: [
        { date: '2026-12-03', shift: 'D', by: 't1' },
        { date: '2026-12-03', shift: 'N', by: 'a2' },
      ],
    })
    expect(only(checkMonth(file), 'HANDOVER-LOG')).toEqual([
      { rule: 'HANDOVER-LOG', severity: 'soft', agentId: 't1', date: '2026-12-03', shift: 'D' },
    ])
  })

  it('asks no acknowledgement of the month’s last night (the next month acknowledges it)', () => {
    const file = dec([{ agentId: 'a2', date: '2026-12-31', leftAt: '00:40' }], {
      handovers: [{ date: '2026-12-31', shift: 'N', by: 'a2' }],
    })
    expect(only(checkMonth(file), 'HANDOVER-LOG')).toEqual([])
  })
})

describe('SWAP-NOTICE', () => {
  // a1 D on 4; t1 rests on 4. The shift before 4 D is 3 N, reporting 2026-12-03 17:50.
  const file = dec([])
  const swap = (submittedAt: string) =>
    swapRequest({ requester: 'a1', counterpart: 't1', date: '2026-12-04', submittedAt })

  it('passes a swap asked before the report time of the shift before', () => {
    expect(only(checkSwap(file, swap(at('2026-12-03', '17:49'))), 'SWAP-NOTICE')).toEqual([])
  })

  it('names a swap asked at that report time', () => {
    expect(only(checkSwap(file, swap(at('2026-12-03', '17:50'))), 'SWAP-NOTICE')).toEqual([
      {
        rule: 'SWAP-NOTICE',
        severity: 'hard',
        agentId: 'a1',
        date: '2026-12-04',
        shift: 'D',
        requestId: 'req',
      },
    ])
  })

  it('measures a night shift from the same day’s day shift (08:50)', () => {
    const night = swapRequest({
      requester: 'a2',
      counterpart: 'a1',
      date: '2026-12-31',
      submittedAt: at('2026-12-31', '09:00'),
    })
    expect(only(checkSwap(file, night), 'SWAP-NOTICE').map(v => [v.date, v.shift])).toEqual([
      ['2026-12-31', 'N'],
    ])
    const inTime = { ...night, submittedAt: at('2026-12-31', '08:49') }
    expect(only(checkSwap(file, inTime), 'SWAP-NOTICE')).toEqual([])
  })

  it('measures a day shift on the 1st from the previous month’s last night', () => {
    const first = month({ agents: TEAM, roster: { a1: row(31, '-', { 1: 'D' }) } })
    const late = swapRequest({
      requester: 'a1',
      counterpart: 't1',
      date: '2026-12-01',
      submittedAt: at('2026-11-30', '18:00'),
    })
    expect(only(checkSwap(first, late), 'SWAP-NOTICE').map(v => v.date)).toEqual(['2026-12-01'])
  })
})

// Edges of the new record rules (issue 21 "Done when"): a night past 24:00, the month's last night
// into the 1st, a statutory holiday, a 调休 workday.
describe('edges of ATTEND-EARLY, ATTEND-NOSHOW and ATTEND-RECORD', () => {
  it('a night kept past 24:00 (left 00:10) is not early; the last night of the month left 00:40 on the 1st neither', () => {
    const file = dec([
      { agentId: 'a2', date: '2026-12-03', arrivedAt: '17:50', leftAt: '00:10' },
      { agentId: 'a2', date: '2026-12-31', arrivedAt: '17:50', leftAt: '00:40' },
    ])
    expect(only(checkMonth(file), 'ATTEND-EARLY')).toEqual([])
    expect(only(checkMonth(file), 'ATTEND-RECORD')).toEqual([])
  })

  it('the last night of the month left at 23:30 is early, on the 31st', () => {
    expect(
      only(checkMonth(dec([{ agentId: 'a2', date: '2026-12-31', leftAt: '23:30' }])), 'ATTEND-EARLY'),
    ).toEqual([{ rule: 'ATTEND-EARLY', severity: 'soft', agentId: 'a2', date: '2026-12-31', shift: 'N' }])
  })

  it('early leave on a statutory holiday and on a 调休 workday is named like any other day', () => {
    const found = only(
      checkMonth(
        oct([
          { agentId: 'a1', date: '2026-10-01', leftAt: '17:30' },
          { agentId: 'a1', date: '2026-10-10', leftAt: '17:30' },
        ]),
      ),
      'ATTEND-EARLY',
    )
    expect(found.map(v => v.date)).toEqual(['2026-10-01', '2026-10-10'])
  })

  it('a no-show on a 调休 workday night is an absence; a holiday record that fits the roster passes ATTEND-RECORD', () => {
    const result = checkMonth(
      oct([
        { agentId: 'a2', date: '2026-10-10', noShow: true },
        { agentId: 'a1', date: '2026-10-01', arrivedAt: '08:50', leftAt: '18:00' },
      ]),
    )
    expect(only(result, 'ATTEND-NOSHOW')).toEqual([
      { rule: 'ATTEND-NOSHOW', severity: 'soft', agentId: 'a2', date: '2026-10-10', shift: 'N' },
    ])
    expect(only(result, 'ATTEND-RECORD')).toEqual([])
  })

  it('a record on the holiday rest day of someone not rostered is named (ATTEND-RECORD)', () => {
    expect(
      only(checkMonth(oct([{ agentId: 'a1', date: '2026-10-02', arrivedAt: '08:50' }])), 'ATTEND-RECORD').map(
        v => [v.agentId, v.date],
      ),
    ).toEqual([['a1', '2026-10-02']])
  })
})
