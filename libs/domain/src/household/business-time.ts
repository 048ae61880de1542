import {
  type CalendarDate,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  formatIsoDate,
  fullYearsBetween,
  parseIsoDate,
} from '../time/calendar';
import { formatInstant, MILLIS_PER_DAY, MILLIS_PER_MINUTE, parseIsoDateTimeOrThrow } from '../time/instant';

/**
 * The calendar operations the household, policy and risk code need on epoch milliseconds, on top of
 * the shared time helpers (libs/domain/src/time). Business times are compared as epoch ms; calendar
 * questions (which year, whose birthday, which date to print) are asked at the policy's UTC offset.
 */

export const DAY_MS = MILLIS_PER_DAY;

/** Texts parsed lately: the projector parses the same event time and `asOf` several times per event. */
const recentlyParsed = new Map<string, number>();
const RECENTLY_PARSED_MAX = 256;

/** Epoch ms of an ISO 8601 date-time with offset; throws RangeError otherwise (stored events were validated). */
export const parseBusinessTime = (value: string): number => {
  const known = recentlyParsed.get(value);
  if (known !== undefined) return known;
  const epochMillis = parseIsoDateTimeOrThrow(value).epochMillis;
  if (recentlyParsed.size >= RECENTLY_PARSED_MAX) recentlyParsed.clear();
  recentlyParsed.set(value, epochMillis);
  return epochMillis;
};

/** Epoch ms → `2026-03-01T01:30:00.000Z`. */
export const formatUtc = (ms: number): string => formatInstant(ms, 0);

const parsedOffsets = new Map<string, number | undefined>();

const parseUtcOffsetText = (offset: string): number | undefined => {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!match || Number(match[2]) > 14 || Number(match[3]) > 59) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
};

/** `+08:00`, `-03:30`, `Z` → minutes east of UTC; undefined when it is not one. */
export const parseUtcOffset = (offset: string): number | undefined => {
  if (offset === 'Z') return 0;
  // Policies ask for their offset on every assessment; there are only a handful of offsets.
  if (parsedOffsets.has(offset)) return parsedOffsets.get(offset);
  const minutes = parseUtcOffsetText(offset);
  if (parsedOffsets.size < 64) parsedOffsets.set(offset, minutes);
  return minutes;
};

/** The calendar date of an instant at a UTC offset. */
export const civilDateAt = (ms: number, offsetMinutes: number): CalendarDate =>
  civilFromDays(Math.floor((ms + offsetMinutes * MILLIS_PER_MINUTE) / DAY_MS));

/** Midnight starting a calendar date at a UTC offset. */
export const startOfCivilDate = (date: CalendarDate, offsetMinutes: number): number =>
  daysFromCivil(date.year, date.month, date.day) * DAY_MS - offsetMinutes * MILLIS_PER_MINUTE;

/** `YYYY-MM-DD` of an instant at a UTC offset. */
export const formatDateAt = (ms: number, offsetMinutes: number): string =>
  formatIsoDate(civilDateAt(ms, offsetMinutes));

/** The date this many calendar months later; a day the month lacks becomes its last day (31 Jan + 1 → 28/29 Feb). */
export const addCalendarMonths = (date: CalendarDate, months: number): CalendarDate => {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
};

/** The first day on which a person born on `birth` is `age` years old (29 Feb birthdays: 1 March). */
export const birthdayOfAge = (birth: CalendarDate, age: number): CalendarDate => {
  const candidate = addCalendarMonths(birth, 12 * age);
  return fullYearsBetween(birth, candidate) >= age
    ? candidate
    : civilFromDays(daysFromCivil(candidate.year, candidate.month, candidate.day) + 1);
};

/** Strict `YYYY-MM-DD`, or undefined. */
export const parseCivilDate = (value: string): CalendarDate | undefined => parseIsoDate(value);
