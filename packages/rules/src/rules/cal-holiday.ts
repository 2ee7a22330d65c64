import { violation, type Rule } from '../rule'

/**
 * CAL-HOLIDAY: the month's calendar must come from real holiday data. A year the calendar has no
 * data for is reported (soft, no penalty) so nobody mistakes it for a month without holidays.
 */
export const calHoliday: Rule = {
  id: 'CAL-HOLIDAY',
  severity: 'soft',
  kind: 'team',
  check(ctx) {
    return ctx.calendar.warnings.map(message =>
      violation('CAL-HOLIDAY', 'soft', { date: ctx.dates[0], penalty: 0 }, message),
    )
  },
}
