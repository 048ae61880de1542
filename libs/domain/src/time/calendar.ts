/**
 * Proleptic Gregorian calendar arithmetic on plain numbers, so the domain needs no global `Date`
 * (and no time zone of the machine it runs on). Day numbers count days since 1970-01-01.
 * The conversions are Howard Hinnant's `days_from_civil` / `civil_from_days`, exact for every year.
 */

/** A date without a time of day or zone, such as a birth date. */
export interface CalendarDate {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** 1–31. */
  readonly day: number;
}

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in the month (1–12) of the year. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];

/** The numbers name a real day (years 0–9999, the range ISO 8601 writes with four digits). */
export const isValidCalendarDate = (year: number, month: number, day: number): boolean =>
  Number.isInteger(year) &&
  Number.isInteger(month) &&
  Number.isInteger(day) &&
  year >= 0 &&
  year <= 9999 &&
  month >= 1 &&
  month <= 12 &&
  day >= 1 &&
  day <= daysInMonth(year, month);

/** Days since 1970-01-01 of a calendar date (negative before it). */
export const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
};

/** The calendar date of a day number (days since 1970-01-01). */
export const civilFromDays = (days: number): CalendarDate => {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
};

export const dayNumberOf = (date: CalendarDate): number => daysFromCivil(date.year, date.month, date.day);

/** Negative when `a` is before `b`, zero when equal, positive when after. */
export const compareCalendarDates = (a: CalendarDate, b: CalendarDate): number =>
  dayNumberOf(a) - dayNumberOf(b);

export const addDaysToDate = (date: CalendarDate, days: number): CalendarDate =>
  civilFromDays(dayNumberOf(date) + days);

/** Whole years from `birth` to `on` (an age as people count it: the birthday must have passed). */
export const fullYearsBetween = (birth: CalendarDate, on: CalendarDate): number => {
  const beforeBirthday = on.month < birth.month || (on.month === birth.month && on.day < birth.day);
  return on.year - birth.year - (beforeBirthday ? 1 : 0);
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict `YYYY-MM-DD`; undefined when the text is not one or names no real day. */
export const parseIsoDate = (text: string): CalendarDate | undefined => {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isValidCalendarDate(year, month, day) ? { year, month, day } : undefined;
};

// '00' to '99' made once: dates and times are written on every assessment, and padStart costs more.
const TWO_DIGITS = Array.from({ length: 100 }, (_, value) => String(value).padStart(2, '0'));

/** `value` in `width` digits, zeros first. */
export const padNumber = (value: number, width: number): string =>
  (width === 2 ? TWO_DIGITS[value] : undefined) ?? String(value).padStart(width, '0');

/** `YYYY-MM-DD`. */
export const formatIsoDate = (date: CalendarDate): string =>
  `${padNumber(date.year, 4)}-${padNumber(date.month, 2)}-${padNumber(date.day, 2)}`;

/** `YYYYMMDD`, the form inside resident ID numbers. */
export const formatCompactDate = (date: CalendarDate): string =>
  `${padNumber(date.year, 4)}${padNumber(date.month, 2)}${padNumber(date.day, 2)}`;
