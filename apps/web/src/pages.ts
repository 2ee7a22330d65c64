import type { Role } from './api/types'
import type { TextKey } from './i18n/dict'

/** The app's pages: their path, navigation label, and the roles that may open them. */
export const PAGES = [
  { id: 'roster', path: '/roster', label: 'navRoster', roles: ['supervisor'] },
  { id: 'mine', path: '/me', label: 'navMine', roles: ['agent', 'teamLeader'] },
  { id: 'inbox', path: '/inbox', label: 'navInbox', roles: ['agent', 'teamLeader', 'supervisor', 'manager'] },
  { id: 'overview', path: '/overview', label: 'navOverview', roles: ['manager'] },
  { id: 'payroll', path: '/payroll', label: 'navPayroll', roles: ['hr', 'supervisor'] },
  { id: 'attendance', path: '/attendance', label: 'navAttendance', roles: ['teamLeader', 'supervisor'] },
  {
    id: 'compliance',
    path: '/compliance',
    label: 'navCompliance',
    roles: ['supervisor', 'manager', 'hr'],
  },
  { id: 'print', path: '/print', label: 'navPrint', roles: ['supervisor', 'teamLeader', 'manager', 'hr'] },
  { id: 'admin', path: '/admin', label: 'navAdmin', roles: ['admin'] },
  { id: 'people', path: '/people', label: 'navPeople', roles: ['supervisor'] },
  { id: 'months', path: '/months', label: 'navMonths', roles: ['supervisor'] },
  { id: 'settings', path: '/settings', label: 'navSettings', roles: ['supervisor', 'admin'] },
  {
    id: 'password',
    path: '/password',
    label: 'navPassword',
    roles: ['agent', 'teamLeader', 'supervisor', 'manager', 'hr', 'admin'],
  },
  /** CAL-HOLIDAY: the centre-wide arrangement. */
  { id: 'holidays', path: '/holidays', label: 'navHolidays', roles: ['admin', 'supervisor', 'manager'] },
] as const satisfies ReadonlyArray<{ id: string; path: string; label: TextKey; roles: readonly Role[] }>

export type Page = (typeof PAGES)[number]

/** The pages a role may open, in navigation order. */
export function pagesFor(role: Role): Page[] {
  return PAGES.filter(p => (p.roles as readonly Role[]).includes(role))
}

/** Where a role starts after signing in (null: no page at all). */
export function homeOf(role: Role): string | null {
  return pagesFor(role)[0]?.path ?? null
}

/** The page at a path, if any. */
export function pageAt(path: string): Page | undefined {
  return PAGES.find(p => p.path === path)
}
