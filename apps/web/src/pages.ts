import type { Role } from './api/types'
import type { TextKey } from './i18n/dict'

/** The app's pages: their path, navigation label, and the roles that may open them. */
export const PAGES = [
  { id: 'roster', path: '/roster', label: 'navRoster', roles: ['supervisor'] },
  { id: 'mine', path: '/me', label: 'navMine', roles: ['agent', 'teamLeader'] },
  { id: 'inbox', path: '/inbox', label: 'navInbox', roles: ['teamLeader', 'supervisor', 'manager'] },
  { id: 'overview', path: '/overview', label: 'navOverview', roles: ['manager'] },
  { id: 'payroll', path: '/payroll', label: 'navPayroll', roles: ['hr', 'supervisor'] },
  { id: 'attendance', path: '/attendance', label: 'navAttendance', roles: ['teamLeader', 'supervisor'] },
  {
    id: 'compliance',
    path: '/compliance',
    label: 'navCompliance',
    roles: ['supervisor', 'manager', 'hr'],
  },
] as const satisfies ReadonlyArray<{ id: string; path: string; label: TextKey; roles: readonly Role[] }>

export type PageId = (typeof PAGES)[number]['id']
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
