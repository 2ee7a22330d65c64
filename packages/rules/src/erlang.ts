/**
 * COVER-DEMAND (beyond the source): requirements from forecast contact volume with Erlang C, for
 * a service-level target (the source's KPIs: answer rate ≥ 95 %, answered within 30 s).
 */

/**
 * Erlang C: the probability that a contact waits, with `agents` agents and `erlangs` of offered
 * load (contacts per hour × handling hours). 1 when the agents cannot keep up.
 */
export function erlangC(agents: number, erlangs: number): number {
  if (agents <= erlangs) return 1
  // Erlang B by its stable recurrence, then C from B.
  let b = 1
  for (let k = 1; k <= agents; k++) b = (erlangs * b) / (k + erlangs * b)
  return (agents * b) / (agents - erlangs * (1 - b))
}

/**
 * The fewest agents that answer `serviceLevel` (0–1) of contacts within `answerSeconds`, for
 * `contactsPerHour` contacts of `handleSeconds` average handling time.
 * @example agentsForServiceLevel(100, 180, 0.8, 20) // 8
 */
export function agentsForServiceLevel(
  contactsPerHour: number,
  handleSeconds: number,
  serviceLevel: number,
  answerSeconds: number,
): number {
  const erlangs = (contactsPerHour * handleSeconds) / 3600
  if (erlangs === 0) return 0
  for (let n = Math.max(1, Math.floor(erlangs)); ; n++) {
    const waitProb = erlangC(n, erlangs)
    const sl = 1 - waitProb * Math.exp((-(n - erlangs) * answerSeconds) / handleSeconds)
    if (sl >= serviceLevel) return n
  }
}
