import type { Leave } from '@paiban/domain'
import type { MonthContext } from './context'
import { firstDayBack } from './rules/leave-times'

/** The team leader's reminder to collect a sick leave's certificate (LEAVE-SICK-CERT). */
export type CertificateReminder = {
  /** The first day back: the certificate is due then (假条必须在病假到期后第一天交给班长). */
  readonly due: string
  /** `due`: today is the first day back; `overdue`: after it, LEAVE-SICK-CERT holds as absence. */
  readonly state: 'due' | 'overdue'
  readonly message: { readonly zh: string; readonly en: string }
}

/**
 * The reminder a team leader's inbox shows for `leave` on `today` (`YYYY-MM-DD`, the team's zone):
 * from the first day back after a sick leave (emergency or not) without its certificate, `due` on
 * that day and `overdue` after it. None before that day, for a certificate handed in, a leave
 * refused or cancelled, another kind of leave, or a first day back outside the month (the next
 * month's inbox reminds then).
 * @example certificateReminder(ctx, emergencyNightOf9th, '2026-12-11') // { due: '2026-12-11', state: 'due', … }
 */
export function certificateReminder(
  ctx: MonthContext,
  leave: Leave,
  today: string,
): CertificateReminder | undefined {
  if (leave.kind !== 'sick' || leave.certificate) return undefined
  if (leave.status !== 'approved' && leave.status !== 'pending') return undefined
  const due = firstDayBack(ctx, leave)
  if (due === undefined || today < due) return undefined
  const name = ctx.agentById.get(leave.agentId)?.name ?? leave.agentId
  const state = today === due ? 'due' : 'overdue'
  return {
    due,
    state,
    message:
      state === 'due'
        ? {
            zh: `${name} 今天(${due})返岗:请收取 ${leave.date} 病假的医疗证明`,
            en: `${name} is back today (${due}): collect the medical certificate for the sick leave of ${leave.date}`,
          }
        : {
            zh: `${name} ${leave.date} 病假的医疗证明应于 ${due} 交,至今未交(LEAVE-SICK-CERT):补交,否则按旷工处理`,
            en: `${name}'s medical certificate for the sick leave of ${leave.date} was due on ${due} and is missing (LEAVE-SICK-CERT): hand it in, otherwise it is absence`,
          },
  }
}
