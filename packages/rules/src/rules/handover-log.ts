import { addDays, SHIFTS, type Shift, type Violation } from '@paiban/domain'
import { recordedShifts } from '../attendance'
import { nameOf } from '../context'
import { SHIFT_NAME, violation, type Rule } from '../rule'
import { inDates } from '../scope'

/**
 * HANDOVER-LOG (交接本): every shift that was worked (it has attendance records of people present)
 * has the handover log its outgoing lead writes (`handovers` of that date and shift), and when the
 * next shift was worked too, its lead acknowledged it (`acknowledgedBy`). The month's last night
 * hands over to the next month, which acknowledges it there. Soft, no penalty: the compliance
 * report lists what is missing.
 */
export const handoverLog: Rule = {
  id: 'HANDOVER-LOG',
  severity: 'soft',
  kind: 'date',
  check(ctx, scope) {
    const worked = new Set<string>()
    for (const r of recordedShifts(ctx)) if (!r.facts.noShow) worked.add(`${r.record.date}|${r.shift}`)
    const out: Violation[] = []
    for (const date of ctx.dates) {
      if (!inDates(scope, date)) continue
      for (const shift of SHIFTS) {
        if (!worked.has(`${date}|${shift}`)) continue
        const next: { date: string; shift: Shift } =
          shift === 'D' ? { date, shift: 'N' } : { date: addDays(date, 1), shift: 'D' }
        const log = ctx.file.handovers.find(h => h.date === date && h.shift === shift)
        const at = { date, shift, penalty: 0 }
        if (!log) {
          out.push(
            violation('HANDOVER-LOG', 'soft', at, {
              zh: `${date} ${SHIFT_NAME[shift].zh}没有交接日志:交班班长填写设备情况、疑难问题和调班情况`,
              en: `The ${SHIFT_NAME[shift].en} of ${date} has no handover log: the outgoing lead writes equipment, open problems and swaps`,
            }),
          )
          continue
        }
        if (log.acknowledgedBy === undefined && worked.has(`${next.date}|${next.shift}`))
          out.push(
            violation(
              'HANDOVER-LOG',
              'soft',
              { ...at, agentId: log.by },
              {
                zh: `${date} ${SHIFT_NAME[shift].zh}的交接日志(${nameOf(ctx, log.by)} 填写)未经接班班长确认`,
                en: `The handover log of the ${SHIFT_NAME[shift].en} of ${date} (written by ${nameOf(ctx, log.by)}) was not acknowledged by the incoming lead`,
              },
            ),
          )
      }
    }
    return out
  },
}
