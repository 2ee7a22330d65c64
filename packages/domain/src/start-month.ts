import type { Staff } from './centre'
import { addDays, monthDates } from './dates'
import type { Coverage, MonthFile, MonthFileInput, Neighbours, Person } from './month-file'
import { neighboursForNext } from './neighbours'
import { parseMonthFile, type ParseResult } from './parse'
import type { PolicyInput } from './policy'
import { nextMonth } from './zone-time'

/**
 * The next month from the team as it stands (issue 18, formats.md `month next`): the same people,
 * policy and coverage, wishes and requests empty, the roster all `?`, and `previous` = the last
 * days of the month before so REST-6-1, REST-GAP and the night rules see across the boundary.
 */

/** Days of the month before that `previous` carries: enough for REST-6-1's default run of 6. */
export const PREVIOUS_DAYS = 6

/** The month before `month` (`YYYY-MM`). @example previousMonth('2027-01') // '2026-12' */
export function previousMonth(month: string): string {
  return addDays(`${month}-01`, -1).slice(0, 7)
}

/**
 * The last `n` days of each row of a roster, oldest first: the next month's `previous`. An
 * undecided day (`?`) counts as rest. Only the `ids` given are kept, when given.
 */
export function lastDays(
  roster: Readonly<Record<string, string>>,
  n = PREVIOUS_DAYS,
  ids?: ReadonlySet<string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(roster)
      .filter(([id]) => ids === undefined || ids.has(id))
      .map(([id, row]) => [id, row.slice(-n).replaceAll('?', '-')]),
  )
}

/** Whether a person who leaves on `leftOn` (or never: null) is still on the team on `date`. */
export const onTeam = (leftOn: string | null | undefined, date: string): boolean =>
  leftOn === null || leftOn === undefined || date < leftOn

export type StartMonthInput = {
  readonly team: { readonly id: string; readonly name: string; readonly timeZone: string }
  /** `YYYY-MM`. */
  readonly month: string
  /** Overrides of the seed policy. */
  readonly policy: PolicyInput
  readonly coverage: Coverage
  /** The team's people as they stand; leavers before the month are left out. */
  readonly staff: readonly Staff[]
  readonly people?: readonly Person[]
  /** The last days of the month before (see lastDays). */
  readonly previous?: Readonly<Record<string, string>>
  /** Requests of the months either side the checks must see (SWAP-CONSEC, LEAVE-APPROVER). */
  readonly neighbours?: Neighbours
}

/**
 * The month file of a month being started. A person who leaves during the month has `-` (pinned
 * rest) from their leaving date on, so the solver never rosters them there; one who left before
 * the month starts is not in it. A team leader who has left is named in the issues (a new one must
 * be given first), as is any other field the month file refuses.
 * @example startMonth({ team, month: '2027-02', policy: {}, coverage, staff }).ok // true
 */
export function startMonth(input: StartMonthInput): ParseResult<MonthFile> {
  const dates = monthDates(input.month)
  const first = dates[0] ?? `${input.month}-01`
  const staff = input.staff.filter(s => onTeam(s.leftOn, first))
  const ids = new Set(staff.map(s => s.id))
  const leftLeaders = staff.flatMap((s, i) =>
    s.teamLeaderId !== undefined && !ids.has(s.teamLeaderId)
      ? [
          {
            path: `agents[${i}].teamLeaderId`,
            message: `${s.name} (${s.id}): team leader ${s.teamLeaderId} has left or is not on the team; give them another`,
          },
        ]
      : [],
  )
  if (leftLeaders.length > 0) return { ok: false, issues: leftLeaders }
  const agents = staff.map(({ leftOn: _, ...agent }) => agent)
  const roster = Object.fromEntries(
    staff.map(s => [s.id, dates.map(date => (onTeam(s.leftOn, date) ? '?' : '-')).join('')]),
  )
  const file: MonthFileInput = {
    format: 'paiban.month/1',
    team: { ...input.team },
    month: input.month,
    policy: input.policy,
    agents,
    // The team's coverage by date holds every month's dates; the month file keeps its own.
    coverage: withDatesOf(input.coverage, input.month),
    previous: lastDays(input.previous ?? {}, PREVIOUS_DAYS, ids),
    roster,
    wishes: [],
    leaves: [],
    swaps: [],
    people: [...(input.people ?? [])],
    ...(input.neighbours ? { neighbours: input.neighbours } : {}),
  }
  return parseMonthFile(file)
}

/**
 * `paiban month next FILE`: the month after `file`'s, with its team, people, policy and coverage
 * (dates of the old month dropped), the roster all `?` and `previous` = the last 6 days of
 * `file`'s roster (approved leave stays `L`); `neighbours` carries `file`'s swaps on its last day
 * and its leave requests that reach into the last days.
 */
export function nextMonthFile(file: MonthFile): ParseResult<MonthFile> {
  const month = nextMonth(file.month)
  const inMonth = (date: string) => date.startsWith(`${month}-`)
  const dates = Object.fromEntries(Object.entries(file.coverage.dates ?? {}).filter(([d]) => inMonth(d)))
  const coverage: Coverage = {
    default: file.coverage.default,
    ...(file.coverage.weekday ? { weekday: file.coverage.weekday } : {}),
    ...(Object.keys(dates).length > 0 ? { dates } : {}),
  }
  return startMonth({
    team: file.team,
    month,
    policy: file.policy,
    coverage,
    staff: file.agents.map(a => ({ ...a, leftOn: null })),
    people: file.people,
    previous: lastDays(file.roster ?? {}),
    ...neighbourField(neighboursForNext(file, month, PREVIOUS_DAYS)),
  })
}

const neighbourField = (n: Neighbours | undefined) => (n ? { neighbours: n } : {})

/** `coverage` with only the dates of `month` (YYYY-MM) by date; none left drops `dates`. */
function withDatesOf(coverage: Coverage, month: string): Coverage {
  const { dates, ...rest } = coverage
  const kept = Object.entries(dates ?? {}).filter(([d]) => d.startsWith(`${month}-`))
  return kept.length > 0 ? { ...rest, dates: Object.fromEntries(kept) } : rest
}
