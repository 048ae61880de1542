import type { Role } from './api/types';

/** Where the reporting app serves the console (apps/reporting/src/console). */
export const BASE = '/console';

export type Route =
  | { name: 'home' }
  | { name: 'sign-in' }
  | { name: 'dashboard'; region: string | null }
  | { name: 'queue' }
  | { name: 'case'; caseId: string }
  | { name: 'bureau' }
  | { name: 'not-found' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REGION = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;

/** The page for a path under /console (the query string is the page's own business). */
export function matchRoute(pathname: string): Route {
  if (pathname !== BASE && !pathname.startsWith(`${BASE}/`)) return { name: 'not-found' };
  const parts = pathname
    .slice(BASE.length)
    .split('/')
    .filter((part) => part.length > 0)
    .map(decodeURIComponent);
  const [first, second, ...rest] = parts;
  if (rest.length > 0) return { name: 'not-found' };
  if (first === undefined) return { name: 'home' };
  if (first === 'sign-in' && second === undefined) return { name: 'sign-in' };
  if (first === 'queue' && second === undefined) return { name: 'queue' };
  if (first === 'bureau' && second === undefined) return { name: 'bureau' };
  if (first === 'dashboard') {
    if (second === undefined) return { name: 'dashboard', region: null };
    if (REGION.test(second)) return { name: 'dashboard', region: second };
  }
  if (first === 'cases' && second !== undefined && UUID.test(second)) return { name: 'case', caseId: second };
  return { name: 'not-found' };
}

export const paths = {
  signIn: (next?: string) => `${BASE}/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`,
  dashboard: (region?: string) => `${BASE}/dashboard${region ? `/${region}` : ''}`,
  queue: (search = '') => `${BASE}/queue${search}`,
  case: (caseId: string, asOf?: string) =>
    `${BASE}/cases/${encodeURIComponent(caseId)}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`,
  bureau: () => `${BASE}/bureau`,
};

/** Each role's first page after signing in. */
export function homeFor(role: Role): string {
  if (role === 'province_staff') return paths.dashboard();
  if (role === 'bureau') return paths.bureau();
  return paths.queue();
}

/** Only a path of this console may be the `next` page after signing in (no open redirect). */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith(`${BASE}/`) || next.startsWith('//') || next.includes('\\')) return null;
  return next;
}
