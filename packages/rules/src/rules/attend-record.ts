import { attendanceFacts, minutesClock, type Violation } from '@paiban/domain'
import { isWorked, nameOf } from '../context'
import { SHIFT_NAME, violation, type Rule } from '../rule'
import { inAgents } from '../scope'

/**
 * ATTEND-RECORD: the record of a shift must fit the roster: one record per agent and date, for a
 * shift the agent is rostered on (swaps applied; a rest day or leave has nothing to record but a
 * no-show on leave), and a departure after the arrival. A record that breaks this cannot be paid
 * from, so it is hard; the violation names the record so the team leader can correct it. Records
 * dated outside the month are another month's and are not looked at.
 */
export const attendRecord: Rule = {
  id: 'ATTEND-RECORD',
  severity: 'hard',
  kind: 'agent',
  check(ctx, scope) {
    const out: Violation[] = []
    const seen = new Set<string>()
    for (const record of ctx.file.attendance) {
      const i = ctx.dateIndex.get(record.date)
      if (i === undefined || !inAgents(scope, record.agentId)) continue
      const cell = ctx.rows.get(record.agentId)?.[i]
      const shift = record.shift ?? (isWorked(cell) ? cell : undefined)
      const name = nameOf(ctx, record.agentId)
      const at = { agentId: record.agentId, date: record.date, ...(shift ? { shift } : {}) }
      const key = `${record.agentId}|${record.date}`
      if (seen.has(key)) {
        out.push(
          violation('ATTEND-RECORD', 'hard', at, {
            zh: `${name} ${record.date} 有两条考勤记录:删除多余的一条`,
            en: `${name} has two attendance records on ${record.date}: remove one`,
          }),
        )
        continue
      }
      seen.add(key)
      const fits =
        cell === '?' || (shift !== undefined && cell === shift) || (cell === 'L' && record.noShow === true)
      if (!fits) {
        const planned = isWorked(cell)
          ? SHIFT_NAME[cell]
          : cell === 'L'
            ? { zh: '请假', en: 'on leave' }
            : { zh: '休息', en: 'resting' }
        const what = shift ? SHIFT_NAME[shift] : { zh: '班次', en: 'shift' }
        out.push(
          violation('ATTEND-RECORD', 'hard', at, {
            zh: `${name} ${record.date} 记录了${what.zh}的考勤,但排班表为${planned.zh}:改正记录或排班`,
            en: `${name} has an attendance record for the ${what.en} on ${record.date} but the roster has them ${planned.en}: correct the record or the roster`,
          }),
        )
        continue
      }
      if (shift === undefined) continue
      const facts = attendanceFacts(record, shift, ctx.policy)
      if (facts.outBeforeIn)
        out.push(
          violation('ATTEND-RECORD', 'hard', at, {
            zh: `${name} ${record.date} 的下班时间 ${minutesClock(facts.departure)} 早于到岗时间 ${minutesClock(facts.arrival)}:改正记录`,
            en: `${name}'s departure ${minutesClock(facts.departure)} on ${record.date} is before the arrival ${minutesClock(facts.arrival)}: correct the record`,
          }),
        )
    }
    return out
  },
}
