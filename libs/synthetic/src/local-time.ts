/**
 * Beijing-time arithmetic for the generator. Departments write business times in UTC+08:00, so
 * every generated time is a whole second written with the `+08:00` offset; days are counted as
 * local days since 1970-01-01 (Beijing), which keeps the calendar maths to integers.
 */

export const MILLIS_PER_DAY = 86_400_000;
const OFFSET_MILLIS = 8 * 3_600_000;
export const BEIJING_OFFSET = '+08:00';

/** The Beijing-local day an instant falls on. */
export const localDayOf = (epochMillis: number): number =>
  Math.floor((epochMillis + OFFSET_MILLIS) / MILLIS_PER_DAY);

/** The instant `secondOfDay` seconds after Beijing midnight of `day`. */
export const instantOf = (day: number, secondOfDay: number): number =>
  day * MILLIS_PER_DAY - OFFSET_MILLIS + secondOfDay * 1_000;

/** `YYYY-MM-DDT` of local days, cached: formatting times is a hot path of the generator. */
const dayPrefixes = new Map<number, string>();
const MAX_CACHED_DAYS = 20_000;

const dayPrefix = (day: number): string => {
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size >= MAX_CACHED_DAYS) dayPrefixes.clear();
    prefix = `${formatDay(day)}T`;
    dayPrefixes.set(day, prefix);
  }
  return prefix;
};

const twoDigits = (value: number): string => (value < 10 ? `0${value}` : String(value));

/** `2026-03-14T09:23:11+08:00` (whole seconds). */
export const formatBeijing = (epochMillis: number): string => {
  const local = epochMillis + OFFSET_MILLIS;
  const day = Math.floor(local / MILLIS_PER_DAY);
  const second = Math.floor((local - day * MILLIS_PER_DAY) / 1_000);
  return (
    dayPrefix(day) +
    `${twoDigits(Math.floor(second / 3_600))}:${twoDigits(Math.floor((second % 3_600) / 60))}:${twoDigits(second % 60)}` +
    BEIJING_OFFSET
  );
};

/** The same instant without its offset: what a careless exporter writes (a malformed record). */
export const formatWithoutOffset = (epochMillis: number): string =>
  new Date(epochMillis + OFFSET_MILLIS).toISOString().slice(0, 19);

/** `YYYY-MM-DD` of a local day. */
export const formatDay = (day: number): string => new Date(day * MILLIS_PER_DAY).toISOString().slice(0, 10);

/** The local day of a `YYYY-MM-DD` date. */
export const dayOfDate = (date: string): number =>
  Math.floor(Date.parse(`${date}T00:00:00Z`) / MILLIS_PER_DAY);

export const yearOfDay = (day: number): number => Number(dayPrefix(day).slice(0, 4));

/** The local day of 1 January (month 1) or any month start of a year. */
export const dayOfYearMonth = (year: number, month: number, dayOfMonth = 1): number =>
  Math.floor(Date.UTC(year, month - 1, dayOfMonth) / MILLIS_PER_DAY);

/** The local day `months` calendar months before `day` (clamped to the month's last day). */
export const monthsBefore = (day: number, months: number): number => {
  const date = new Date(day * MILLIS_PER_DAY);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return Math.floor(target.getTime() / MILLIS_PER_DAY);
};

/** Parses an ISO 8601 date-time that carries an offset (`Z` or `±HH:MM`); anything else is refused. */
export const parseInstantWithOffset = (text: string): number => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    throw new RangeError(
      `${JSON.stringify(text)} is not an ISO 8601 date-time with offset, e.g. 2026-11-16T00:00:00+08:00`,
    );
  }
  const millis = Date.parse(text);
  if (!Number.isFinite(millis)) throw new RangeError(`${JSON.stringify(text)} is not a valid date-time`);
  return millis;
};
