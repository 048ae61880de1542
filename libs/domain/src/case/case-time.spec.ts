import { formatInstant } from '../time/instant';
import { addCalendarMonthsAt, millisOf, offsetOf } from './case-time';

const BEIJING = 480;
const plusMonths = (iso: string, months: number, offset = BEIJING): string =>
  formatInstant(addCalendarMonthsAt(millisOf(iso), months, offset), offset);

describe('case time', () => {
  it('adds calendar months keeping the local time of day', () => {
    expect(plusMonths('2025-03-01T09:00:00+08:00', 6)).toBe('2025-09-01T09:00:00.000+08:00');
    expect(plusMonths('2025-09-15T23:30:00+08:00', 6)).toBe('2026-03-15T23:30:00.000+08:00');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(plusMonths('2025-08-31T10:00:00+08:00', 6)).toBe('2026-02-28T10:00:00.000+08:00');
    expect(plusMonths('2027-08-31T10:00:00+08:00', 6)).toBe('2028-02-29T10:00:00.000+08:00');
  });

  it('counts months on the calendar of the given offset, not UTC', () => {
    // 31 Jan 16:30 UTC is already 1 Feb in Beijing: a month later is 1 Mar there, not 28 Feb.
    expect(plusMonths('2025-01-31T16:30:00Z', 1)).toBe('2025-03-01T00:30:00.000+08:00');
    expect(plusMonths('2025-01-31T16:30:00Z', 1, 0)).toBe('2025-02-28T16:30:00.000Z');
  });

  it('reads the offset and the instant of ISO texts', () => {
    expect(offsetOf('2025-03-01T09:00:00+08:00')).toBe(480);
    expect(offsetOf('2025-03-01T01:00:00Z')).toBe(0);
    expect(millisOf('2025-03-01T09:00:00+08:00')).toBe(millisOf('2025-03-01T01:00:00Z'));
    expect(() => millisOf('2025-03-01')).toThrow(RangeError);
  });
});
