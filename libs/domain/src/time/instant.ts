import {
  type CalendarDate,
  civilFromDays,
  daysFromCivil,
  formatIsoDate,
  isValidCalendarDate,
  padNumber,
} from './calendar';

/**
 * Instants written as ISO 8601 date-times with an offset (`2025-03-01T10:00:00+08:00`), the form of
 * every business time in the system, parsed and formatted with plain arithmetic. The offset is kept:
 * the local date where a fact happened (Beijing time for our departments) is part of its meaning.
 */

export const MILLIS_PER_SECOND = 1_000;
export const MILLIS_PER_MINUTE = 60_000;
export const MILLIS_PER_HOUR = 3_600_000;
export const MILLIS_PER_DAY = 86_400_000;

/** Offsets in use in the world run from −12:00 to +14:00. */
const MIN_OFFSET_MINUTES = -12 * 60;
const MAX_OFFSET_MINUTES = 14 * 60;

export interface ParsedDateTime {
  /** Milliseconds since 1970-01-01T00:00:00Z. */
  readonly epochMillis: number;
  /** The offset written in the text, in minutes east of UTC (`+08:00` → 480). */
  readonly offsetMinutes: number;
  /** The calendar date in the text's own offset: the local day the fact happened. */
  readonly localDate: CalendarDate;
}

export type DateTimeParse = { ok: true; value: ParsedDateTime } | { ok: false; reason: string };

/** Anything that names an instant: an ISO 8601 text with offset, epoch milliseconds, or a `Date`. */
export type InstantInput = string | number | { getTime(): number };

export const DATE_TIME_EXAMPLE = '2025-03-01T10:00:00+08:00';

// Uppercase `T` and `Z` only, seconds and fractions optional, offset in the extended `±HH:MM` form.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Parses an ISO 8601 date-time that carries its offset, or says in plain words why it is not one. */
export const parseIsoDateTime = (text: string): DateTimeParse => {
  const common = parseCommonForm(text);
  if (common !== undefined) return { ok: true, value: common };
  const match = DATE_TIME.exec(text);
  if (!match) {
    return {
      ok: false,
      reason: DATE_ONLY.test(text)
        ? `is a date without a time of day and offset; expected e.g. ${DATE_TIME_EXAMPLE}`
        : `is not an ISO 8601 date-time; expected e.g. ${DATE_TIME_EXAMPLE}`,
    };
  }
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  if (offset === undefined) {
    return { ok: false, reason: `has no UTC offset; add Z or ±HH:MM, e.g. ${DATE_TIME_EXAMPLE}` };
  }
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  if (!isValidCalendarDate(year, month, day)) {
    return { ok: false, reason: `${y}-${mo}-${d} is not a calendar date` };
  }
  const [hour, minute, second] = [Number(h), Number(mi), s === undefined ? 0 : Number(s)];
  if (hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: `time of day ${h}:${mi}${s === undefined ? '' : `:${s}`} is out of range` };
  }
  const offsetMinutes = parseOffset(offset);
  if (offsetMinutes === undefined) {
    return { ok: false, reason: `offset ${offset} is out of range (-12:00 to +14:00)` };
  }
  // Sub-millisecond digits are dropped: the system keeps milliseconds.
  const millis = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0').slice(0, 3));
  return {
    ok: true,
    value: parsedDateTime(year, month, day, hour, minute, second, millis, offsetMinutes),
  };
};

const parsedDateTime = (
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  offsetMinutes: number,
): ParsedDateTime => {
  const localMillis =
    daysFromCivil(year, month, day) * MILLIS_PER_DAY +
    hour * MILLIS_PER_HOUR +
    minute * MILLIS_PER_MINUTE +
    second * MILLIS_PER_SECOND +
    millis;
  return {
    epochMillis: localMillis - offsetMinutes * MILLIS_PER_MINUTE,
    offsetMinutes,
    localDate: { year, month, day },
  };
};

const parseOffset = (offset: string): number | undefined => {
  if (offset === 'Z') return 0;
  return offsetOf(offset[0], Number(offset.slice(1, 3)), Number(offset.slice(4, 6)));
};

/** Minutes east of UTC of `±HH:MM`, or undefined when out of range. */
const offsetOf = (sign: string, hours: number, minutes: number): number | undefined => {
  if (minutes > 59) return undefined;
  const total = (sign === '-' ? -1 : 1) * (hours * 60 + minutes) || 0; // `-00:00` is UTC, not -0
  return total < MIN_OFFSET_MINUTES || total > MAX_OFFSET_MINUTES ? undefined : total;
};

/** The number written by `count` ASCII digits at `start`, or -1 if one of them is not a digit. */
const digitsAt = (text: string, start: number, count: number): number => {
  let value = 0;
  for (let index = start; index < start + count; index += 1) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
};

/**
 * The form every stored business time has, `2025-03-01T10:00:00` with optional `.sss` and `Z` or
 * `±HH:MM`, read character by character: the projector parses one per event, and the regex with its
 * captures costs several times more. Undefined for any other text or any value out of range, which
 * the regex path then parses (or words the error for).
 */
const parseCommonForm = (text: string): ParsedDateTime | undefined => {
  const length = text.length;
  const withMillis = length === 24 || length === 29;
  if (!withMillis && length !== 20 && length !== 25) return undefined;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') {
    return undefined;
  }
  if (withMillis && text[19] !== '.') return undefined;
  const offsetStart = withMillis ? 23 : 19;
  let offsetMinutes: number | undefined = 0;
  if (length - offsetStart === 1) {
    if (text[offsetStart] !== 'Z') return undefined;
  } else {
    const sign = text[offsetStart];
    const hours = digitsAt(text, offsetStart + 1, 2);
    const minutes = digitsAt(text, offsetStart + 4, 2);
    if ((sign !== '+' && sign !== '-') || text[offsetStart + 3] !== ':' || hours < 0 || minutes < 0) {
      return undefined;
    }
    offsetMinutes = offsetOf(sign, hours, minutes);
    if (offsetMinutes === undefined) return undefined;
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const millis = withMillis ? digitsAt(text, 20, 3) : 0;
  if (hour < 0 || minute < 0 || second < 0 || millis < 0) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // A non-digit reads as -1, which no calendar date has.
  if (!isValidCalendarDate(year, month, day)) return undefined;
  return parsedDateTime(year, month, day, hour, minute, second, millis, offsetMinutes);
};

/** The parsed instant, or undefined when the text is not an ISO 8601 date-time with offset. */
export const tryParseIsoDateTime = (text: string): ParsedDateTime | undefined => {
  const parsed = parseIsoDateTime(text);
  return parsed.ok ? parsed.value : undefined;
};

/** Like `tryParseIsoDateTime`, for texts the system wrote itself: a bad one is a bug, so it throws. */
export const parseIsoDateTimeOrThrow = (text: string): ParsedDateTime => {
  const parsed = parseIsoDateTime(text);
  if (!parsed.ok) throw new RangeError(`${JSON.stringify(text)} ${parsed.reason}`);
  return parsed.value;
};

/** Epoch milliseconds of an instant given as ISO text (with offset), a number or a `Date`. */
export const toEpochMillis = (instant: InstantInput): number => {
  const millis =
    typeof instant === 'string'
      ? parseIsoDateTimeOrThrow(instant).epochMillis
      : typeof instant === 'number'
        ? instant
        : instant.getTime();
  if (!Number.isFinite(millis)) throw new RangeError(`not an instant: ${String(instant)}`);
  return millis;
};

/** `+08:00`, or `Z` for UTC. */
export const formatOffset = (offsetMinutes: number): string => {
  if (offsetMinutes === 0) return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetMinutes);
  return `${sign}${padNumber(Math.floor(magnitude / 60), 2)}:${padNumber(magnitude % 60, 2)}`;
};

/** `YYYY-MM-DDTHH:MM:SS.sss±HH:MM` of an instant, written in the given offset (UTC by default). */
export const formatInstant = (epochMillis: number, offsetMinutes = 0): string => {
  const local = epochMillis + offsetMinutes * MILLIS_PER_MINUTE;
  const days = Math.floor(local / MILLIS_PER_DAY);
  const msOfDay = local - days * MILLIS_PER_DAY;
  const time =
    `${padNumber(Math.floor(msOfDay / MILLIS_PER_HOUR), 2)}:` +
    `${padNumber(Math.floor((msOfDay % MILLIS_PER_HOUR) / MILLIS_PER_MINUTE), 2)}:` +
    `${padNumber(Math.floor((msOfDay % MILLIS_PER_MINUTE) / MILLIS_PER_SECOND), 2)}.` +
    padNumber(msOfDay % MILLIS_PER_SECOND, 3);
  return `${formatIsoDate(civilFromDays(days))}T${time}${formatOffset(offsetMinutes)}`;
};

/** The instant `days` whole days (of 24 hours) later, written in the same offset as the input. */
export const addDays = (isoDateTime: string, days: number): string =>
  addMillis(isoDateTime, days * MILLIS_PER_DAY);

/** The instant `millis` later, written in the same offset as the input. */
export const addMillis = (isoDateTime: string, millis: number): string => {
  const parsed = parseIsoDateTimeOrThrow(isoDateTime);
  return formatInstant(parsed.epochMillis + millis, parsed.offsetMinutes);
};

/** The local calendar date of an ISO date-time, in its own offset. */
export const localDateOf = (isoDateTime: string): CalendarDate =>
  parseIsoDateTimeOrThrow(isoDateTime).localDate;

/** Negative when `a` is earlier than `b`, zero when the same instant, positive when later. */
export const compareInstants = (a: InstantInput, b: InstantInput): number =>
  toEpochMillis(a) - toEpochMillis(b);
