import { beijingDateTime, isCalendarDate, nextBeijingDay } from './dates';

/** A period of Beijing calendar days, both included, as the URL gives it (`?from=…&to=…`). */
export interface DayPeriod {
  from: string;
  to: string;
}

/** The period in the URL, or null (the API's last 30 days) when it is missing or not a real period. */
export function periodOf(search: string, today: string): DayPeriod | null {
  const params = new URLSearchParams(search);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  return isPeriod(from, to, today) ? { from, to } : null;
}

/** Both days real, in order, and the last no later than today. */
export const isPeriod = (from: string, to: string, today: string): boolean =>
  isCalendarDate(from) && isCalendarDate(to) && from <= to && to <= today;

/** The period as the URL's query string (`''` for the default). */
export const periodSearch = (period: DayPeriod | null): string =>
  period ? `?from=${period.from}&to=${period.to}` : '';

/** The period as the API's [from, to) instants: from the first day's start to the day after the last. */
export function statsQuery(period: DayPeriod | null): string {
  if (!period) return '';
  const from = encodeURIComponent(beijingDateTime(period.from));
  const to = encodeURIComponent(beijingDateTime(nextBeijingDay(period.to)));
  return `?from=${from}&to=${to}`;
}
