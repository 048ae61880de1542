import {
  type CalendarDate,
  civilFromDays,
  daysFromCivil,
  formatIsoDate,
  isValidCalendarDate,
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
  const localMillis =
    daysFromCivil(year, month, day) * MILLIS_PER_DAY +
    hour * MILLIS_PER_HOUR +
    minute * MILLIS_PER_MINUTE +
    second * MILLIS_PER_SECOND +
    millis;
  return {
    ok: true,
    value: {
      epochMillis: localMillis - offsetMinutes * MILLIS_PER_MINUTE,
      offsetMinutes,
      localDate: { year, month, day },
    },
  };
};

const parseOffset = (offset: string): number | undefined => {
  if (offset === 'Z') return 0;
  const sign = offset[0] === '-' ? -1 : 1;
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(4, 6));
  if (minutes > 59) return undefined;
  const total = sign * (hours * 60 + minutes) || 0; // `-00:00` is UTC, not -0
  return total < MIN_OFFSET_MINUTES || total > MAX_OFFSET_MINUTES ? undefined : total;
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

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** `+08:00`, or `Z` for UTC. */
export const formatOffset = (offsetMinutes: number): string => {
  if (offsetMinutes === 0) return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(magnitude / 60), 2)}:${pad(magnitude % 60, 2)}`;
};

/** `YYYY-MM-DDTHH:MM:SS.sss±HH:MM` of an instant, written in the given offset (UTC by default). */
export const formatInstant = (epochMillis: number, offsetMinutes = 0): string => {
  const local = epochMillis + offsetMinutes * MILLIS_PER_MINUTE;
  const days = Math.floor(local / MILLIS_PER_DAY);
  const msOfDay = local - days * MILLIS_PER_DAY;
  const time =
    `${pad(Math.floor(msOfDay / MILLIS_PER_HOUR), 2)}:` +
    `${pad(Math.floor((msOfDay % MILLIS_PER_HOUR) / MILLIS_PER_MINUTE), 2)}:` +
    `${pad(Math.floor((msOfDay % MILLIS_PER_MINUTE) / MILLIS_PER_SECOND), 2)}.` +
    pad(msOfDay % MILLIS_PER_SECOND, 3);
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
