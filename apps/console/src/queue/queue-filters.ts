import { CATEGORIES, STAGES, type Category, type Stage } from '../api/types';
import { beijingDateTime, isCalendarDate, nextBeijingDay } from '../format/dates';

/** The alert queue's filters: what the page's URL holds, so a link shows the same queue. */
export interface QueueFilters {
  /** Region code prefix: 2, 4, 6, 9 or 12 digits. */
  region?: string;
  category: Category[];
  stage: Stage[];
  overdue?: boolean;
  /** Beijing calendar days, inclusive at both ends. */
  openedFrom?: string;
  openedTo?: string;
}

export const EMPTY_FILTERS: QueueFilters = { category: [], stage: [] };

const REGION_PREFIX = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;

export const isRegionPrefix = (value: string): boolean => REGION_PREFIX.test(value);

function listOf<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T[] {
  const given = new Set(
    params
      .getAll(name)
      .flatMap((value) => value.split(','))
      .map((value) => value.trim()),
  );
  // The catalogue's order, so the same choice always writes the same URL.
  return allowed.filter((value) => given.has(value));
}

/**
 * Reads the filters from a query string. A hand-edited or stale link never breaks the page: values
 * that are not filters are left out (and the URL written back without them).
 */
export function parseQueueFilters(search: string): QueueFilters {
  const params = new URLSearchParams(search);
  const filters: QueueFilters = {
    category: listOf(params, 'category', CATEGORIES),
    stage: listOf(params, 'stage', STAGES),
  };
  const region = params.get('region')?.trim();
  if (region && isRegionPrefix(region)) filters.region = region;
  const overdue = params.get('overdue');
  if (overdue === 'true' || overdue === 'false') filters.overdue = overdue === 'true';
  const from = params.get('openedFrom');
  if (from && isCalendarDate(from)) filters.openedFrom = from;
  const to = params.get('openedTo');
  if (to && isCalendarDate(to) && !(filters.openedFrom && to < filters.openedFrom)) filters.openedTo = to;
  return filters;
}

function entries(filters: QueueFilters): [string, string][] {
  const out: [string, string][] = [];
  if (filters.region) out.push(['region', filters.region]);
  if (filters.category.length > 0) out.push(['category', filters.category.join(',')]);
  if (filters.stage.length > 0) out.push(['stage', filters.stage.join(',')]);
  if (filters.overdue !== undefined) out.push(['overdue', String(filters.overdue)]);
  if (filters.openedFrom) out.push(['openedFrom', filters.openedFrom]);
  if (filters.openedTo) out.push(['openedTo', filters.openedTo]);
  return out;
}

/** The page's query string for these filters (`?region=410423&overdue=true`, or empty). */
export function queueFiltersToSearch(filters: QueueFilters): string {
  const search = new URLSearchParams(entries(filters)).toString();
  return search ? `?${search}` : '';
}

/**
 * The `GET /api/v1/cases` query for a page of the queue: the same filters with days turned into
 * Beijing instants (`openedTo` inclusive becomes "before the next day"), the server's nearest-deadline
 * order, and the cursor of the previous page.
 */
export function queueApiQuery(
  filters: QueueFilters,
  page: { cursor?: string | null; limit?: number } = {},
): string {
  const params = new URLSearchParams();
  for (const [name, value] of entries(filters)) {
    if (name === 'openedFrom') params.set(name, beijingDateTime(value));
    else if (name === 'openedTo') params.set(name, beijingDateTime(nextBeijingDay(value)));
    else params.set(name, value);
  }
  params.set('sort', 'deadline');
  if (page.limit !== undefined) params.set('limit', String(page.limit));
  if (page.cursor) params.set('cursor', page.cursor);
  return `?${params.toString()}`;
}

export function sameFilters(a: QueueFilters, b: QueueFilters): boolean {
  return queueFiltersToSearch(a) === queueFiltersToSearch(b);
}
