import {
  dayOfDate,
  formatBeijing,
  formatDay,
  formatWithoutOffset,
  instantOf,
  localDayOf,
  monthsBefore,
  parseInstantWithOffset,
  yearOfDay,
} from './local-time';

describe('Beijing local time', () => {
  it('writes instants with the +08:00 offset, whole seconds', () => {
    const at = Date.parse('2026-03-14T01:23:11.999Z');
    expect(formatBeijing(at)).toBe('2026-03-14T09:23:11+08:00');
    expect(formatBeijing(Date.parse('2025-12-31T16:00:00Z'))).toBe('2026-01-01T00:00:00+08:00');
    expect(formatBeijing(Date.parse('2025-12-31T15:59:59Z'))).toBe('2025-12-31T23:59:59+08:00');
    expect(formatWithoutOffset(at)).toBe('2026-03-14T09:23:11');
  });

  it('agrees with the platform clock on many instants', () => {
    const mismatches: string[] = [];
    for (
      let at = Date.parse('1999-12-25T00:00:00Z');
      at < Date.parse('2001-03-01T00:00:00Z');
      at += 3_599_123
    ) {
      const expected = `${new Date(at + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
      if (formatBeijing(at) !== expected) mismatches.push(`${formatBeijing(at)} != ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('counts local days and months', () => {
    const day = dayOfDate('2026-11-16');
    expect(formatDay(day)).toBe('2026-11-16');
    expect(localDayOf(Date.parse('2026-11-15T16:00:00Z'))).toBe(day);
    expect(localDayOf(Date.parse('2026-11-15T15:59:59Z'))).toBe(day - 1);
    expect(instantOf(day, 0)).toBe(Date.parse('2026-11-16T00:00:00+08:00'));
    expect(formatDay(monthsBefore(day, 14))).toBe('2025-09-16');
    expect(formatDay(monthsBefore(dayOfDate('2026-03-31'), 1))).toBe('2026-02-28');
    expect(yearOfDay(dayOfDate('2025-12-31'))).toBe(2025);
    expect(yearOfDay(dayOfDate('2026-01-01'))).toBe(2026);
  });

  it('takes only date-times that carry an offset', () => {
    expect(parseInstantWithOffset('2026-11-16T00:00:00+08:00')).toBe(Date.parse('2026-11-15T16:00:00Z'));
    expect(parseInstantWithOffset('2026-11-16T00:00Z')).toBe(Date.parse('2026-11-16T00:00:00Z'));
    expect(() => parseInstantWithOffset('2026-11-16T00:00:00')).toThrow(RangeError);
    expect(() => parseInstantWithOffset('2026-11-16')).toThrow(RangeError);
  });
});
