import { civilFromDays, daysFromCivil, daysInMonth } from '../time/calendar';
import { MILLIS_PER_DAY, MILLIS_PER_MINUTE, parseIsoDateTimeOrThrow, toEpochMillis } from '../time/instant';

/** Epoch milliseconds of an ISO 8601 instant with offset; throws a RangeError on anything else. */
export const millisOf = (isoDateTime: string): number => toEpochMillis(isoDateTime);

/** Minutes east of UTC written in the text (`+08:00` → 480). */
export const offsetOf = (isoDateTime: string): number => parseIsoDateTimeOrThrow(isoDateTime).offsetMinutes;

/**
 * The instant `months` calendar months after `epochMillis`, counted on the local calendar at
 * `offsetMinutes` with the same time of day; a day the target month lacks becomes its last day
 * (31 August + 6 months = 28 or 29 February).
 */
export const addCalendarMonthsAt = (epochMillis: number, months: number, offsetMinutes: number): number => {
  const local = epochMillis + offsetMinutes * MILLIS_PER_MINUTE;
  const dayNumber = Math.floor(local / MILLIS_PER_DAY);
  const timeOfDay = local - dayNumber * MILLIS_PER_DAY;
  const { year, month, day } = civilFromDays(dayNumber);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return (
    daysFromCivil(targetYear, targetMonth, targetDay) * MILLIS_PER_DAY +
    timeOfDay -
    offsetMinutes * MILLIS_PER_MINUTE
  );
};
