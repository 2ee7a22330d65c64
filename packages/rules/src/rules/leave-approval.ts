import type { Violation } from '@paiban/domain'
import type { Leave } from '@paiban/domain'
import { nameOf } from '../context'
import { isLongLeave, leaveDays } from '../approval'
import { activeLeaves, confirmedApproval, hasApproval } from '../requests'
import { violation, type Rule } from '../rule'
import { inAgents } from '../scope'
import { firstDayBack, isEmergency } from './leave-times'

/**
 * LEAVE-APPROVER (3天内由主管批准,3天以上由经理批准): an approved request of up to
 * `policy.leave.supervisorMaxDays` (3) days carries a supervisor's (or manager's) approval; a
 * longer one a manager's. A request's days are its records sharing `requestId`, with those of the
 * months either side (`neighbours.leaves`): leave from 01-28 to 02-03 is one 7-day request in both
 * months. Each month judges the approvals of its own records. A roster `L` with no approved leave
 * record is leave nobody approved. A supervisor's or manager's approval recorded by a month file
 * import (`recordedBy`) counts only once the approver confirmed it.
 */
export const leaveApprover: Rule = {
  id: 'LEAVE-APPROVER',
  severity: 'hard',
  kind: 'request',
  check(ctx, scope) {
    const out: Violation[] = []
    const requests = new Map<string, Leave[]>()
    for (const leave of ctx.file.leaves) {
      // One request is one agent's: a requestId reused by someone else is another request.
      const key = `${leave.agentId}|${leave.requestId ?? `#${leave.id}`}`
      requests.set(key, [...(requests.get(key) ?? []), leave])
    }
    const maxDays = ctx.policy.leave.supervisorMaxDays
    for (const records of requests.values()) {
      const first = records[0]
      if (!first || !inAgents(scope, first.agentId)) continue
      const approved = records.filter(r => r.status === 'approved')
      if (approved.length === 0) continue
      const days = leaveDays(records, ctx)
      const needsManager = isLongLeave(ctx, records)
      // LEAVE-EMERGENCY: the team leader's filing holds, the paperwork follows after.
      const ok = approved.every(
        r =>
          hasApproval(ctx, r.approvals, 'manager') ||
          (!needsManager && (hasApproval(ctx, r.approvals, 'supervisor') || isEmergency(ctx, r))),
      )
      if (ok) continue
      const name = nameOf(ctx, first.agentId)
      const date = approved.map(r => r.date).sort()[0]
      // An approval a month file import recorded, not confirmed by the approver's own sign-in.
      const imported = approved
        .flatMap(r => r.approvals)
        .find(
          a => (a.role === 'manager' || (!needsManager && a.role === 'supervisor')) && !confirmedApproval(a),
        )
      const whose =
        imported?.role === 'manager' ? { zh: '经理', en: "manager's" } : { zh: '主管', en: "supervisor's" }
      out.push(
        violation(
          'LEAVE-APPROVER',
          'hard',
          { agentId: first.agentId, date, requestId: first.requestId ?? first.id },
          imported
            ? {
                zh: `${name} 的 ${days} 天请假的${whose.zh}批准由 ${imported.recordedBy ?? ''} 导入记录，${whose.zh}本人尚未登录确认：视为未批准`,
                en: `${name}'s ${days}-day leave carries a ${whose.en} approval recorded by import (by ${imported.recordedBy ?? ''}) that the approver has not confirmed with their own sign-in: it counts as missing`,
              }
            : needsManager
              ? {
                  zh: `${name} 的 ${days} 天请假超过 ${maxDays} 天,须由经理批准`,
                  en: `${name}'s ${days}-day leave is longer than ${maxDays} days and needs a manager's approval`,
                }
              : {
                  zh: `${name} 的 ${days} 天请假已生效但没有主管批准`,
                  en: `${name}'s ${days}-day leave is approved without a supervisor's approval`,
                },
        ),
      )
    }
    const approvedOn = new Set(
      activeLeaves(ctx)
        .filter(l => l.status === 'approved')
        .map(l => `${l.agentId}|${l.date}`),
    )
    for (const agent of ctx.agents) {
      if (!inAgents(scope, agent.id)) continue
      ctx.rows.get(agent.id)?.forEach((cell, i) => {
        const date = ctx.dates[i] ?? ''
        if (cell !== 'L' || approvedOn.has(`${agent.id}|${date}`)) return
        out.push(
          violation(
            'LEAVE-APPROVER',
            'hard',
            { agentId: agent.id, date },
            {
              zh: `${agent.name} ${date} 排为请假(L),但没有已批准的请假记录`,
              en: `${agent.name} is on leave (L) on ${date} without an approved leave record`,
            },
          ),
        )
      })
    }
    return out
  },
}

/**
 * LEAVE-SELF (事假必须由本人出面办理,不得由他人代请,病假除外): only sick leave may be filed by
 * someone else (e.g. the team leader); every other kind is filed by the agent.
 */
export const leaveSelf: Rule = {
  id: 'LEAVE-SELF',
  severity: 'hard',
  kind: 'request',
  check(ctx, scope) {
    return activeLeaves(ctx)
      .filter(l => l.kind !== 'sick' && l.by !== l.agentId && inAgents(scope, l.agentId))
      .map(l =>
        violation(
          'LEAVE-SELF',
          'hard',
          { agentId: l.agentId, date: l.date, shift: l.shift, requestId: l.id },
          {
            zh: `${nameOf(ctx, l.agentId)} ${l.date} 的请假由 ${nameOf(ctx, l.by)} 代办:除病假外必须本人办理`,
            en: `${nameOf(ctx, l.agentId)}'s leave for ${l.date} was filed by ${nameOf(ctx, l.by)}: only sick leave may be filed by someone else`,
          },
        ),
      )
  },
}

/**
 * LEAVE-SICK-CERT (病假满一天,必须持医疗单位证明方可生效,急诊除外): sick leave of a full shift needs
 * `certificate: true`. Approved without it is hard; pending without it is a soft reminder. An
 * emergency (`urgent`, LEAVE-EMERGENCY) hands it in on the first day back (假条必须在病假到期后第一天
 *交给班长): a soft reminder naming that date until the agent is recorded back at work
 * (an attendance record on or after that date), hard after.
 */
export const leaveSickCert: Rule = {
  id: 'LEAVE-SICK-CERT',
  severity: 'hard',
  kind: 'request',
  check(ctx, scope) {
    const out: Violation[] = []
    for (const l of activeLeaves(ctx)) {
      if (l.kind !== 'sick' || l.certificate || !inAgents(scope, l.agentId)) continue
      const name = nameOf(ctx, l.agentId)
      const at = { agentId: l.agentId, date: l.date, shift: l.shift, requestId: l.id }
      if (l.urgent) {
        const back = firstDayBack(ctx, l)
        const returned =
          back !== undefined &&
          ctx.file.attendance.some(a => a.agentId === l.agentId && a.date >= back && a.noShow !== true)
        const due = back ?? { zh: '下月第一个班', en: "next month's first shift" }
        const dueZh = typeof due === 'string' ? due : due.zh
        const dueEn = typeof due === 'string' ? due : due.en
        out.push(
          returned && l.status === 'approved'
            ? violation('LEAVE-SICK-CERT', 'hard', at, {
                zh: `${name} ${l.date} 的急病假证明应于返岗第一天 ${dueZh} 交给班长,至今未交:补交证明,否则按旷工处理`,
                en: `${name}'s certificate for the emergency sick leave of ${l.date} was due on the first day back (${dueEn}) and is missing: hand it in, otherwise it is absence`,
              })
            : violation(
                'LEAVE-SICK-CERT',
                'soft',
                { ...at, penalty: 0 },
                {
                  zh: `${name} ${l.date} 的急病假证明须在返岗第一天(${dueZh})交给班长`,
                  en: `${name}'s certificate for the emergency sick leave of ${l.date} is due on the first day back (${dueEn})`,
                },
              ),
        )
        continue
      }
      out.push(
        violation(
          'LEAVE-SICK-CERT',
          l.status === 'approved' ? 'hard' : 'soft',
          { ...at, ...(l.status === 'approved' ? {} : { penalty: 0 }) },
          {
            zh: `${name} ${l.date} 的病假需要医疗证明(急诊除外)`,
            en: `${name}'s sick leave for ${l.date} needs a medical certificate (emergencies excepted)`,
          },
        ),
      )
    }
    return out
  },
}
