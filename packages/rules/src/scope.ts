/**
 * Which part of a month a check looks at. A full check has no limits; a what-if (a swap, a leave,
 * one edited cell) limits per-agent rules to the agents it touches and per-date rules to its dates,
 * which is what keeps `checkSwap` in the low milliseconds on a 1000-agent month.
 */
export type Scope = {
  readonly agents?: ReadonlySet<string>
  readonly dates?: ReadonlySet<string>
}

/** No limits: the whole month. */
export const WHOLE_MONTH: Scope = {}

/** True when the scope includes the agent. */
export function inAgents(scope: Scope, id: string): boolean {
  return scope.agents === undefined || scope.agents.has(id)
}

/** True when the scope includes the date. */
export function inDates(scope: Scope, date: string): boolean {
  return scope.dates === undefined || scope.dates.has(date)
}
