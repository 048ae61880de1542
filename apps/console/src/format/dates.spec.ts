import {
  beijingDateTime,
  beijingDayNumber,
  beijingTimeOfDay,
  endOfBeijingDay,
  formatDate,
  formatDateTime,
  isCalendarDate,
  nextBeijingDay,
} from './dates';

describe('dates in Beijing time', () => {
  it('shows instants in Asia/Shanghai whatever offset they were written with', () => {
    expect(formatDateTime('2026-03-01T01:30:00Z')).toBe('2026-03-01 09:30');
    expect(formatDateTime('2026-02-28T17:00:00.000Z')).toBe('2026-03-01 01:00');
    expect(formatDateTime('2026-03-01T00:05:00+08:00')).toBe('2026-03-01 00:05');
    expect(formatDate('2026-02-28T16:00:00Z')).toBe('2026-03-01');
    expect(formatDate('2026-02-28T15:59:59Z')).toBe('2026-02-28');
  });

  it('shows a dash for missing or unreadable values', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });

  it('counts Beijing calendar days', () => {
    const late = beijingDayNumber(Date.parse('2026-03-01T23:59:00+08:00'));
    const early = beijingDayNumber(Date.parse('2026-03-02T00:01:00+08:00'));
    expect(early - late).toBe(1);
    expect(beijingDayNumber(Date.parse('2026-03-01T00:00:00+08:00'))).toBe(late);
  });

  it('writes dates for the API with the +08:00 offset', () => {
    expect(beijingDateTime('2026-03-01', '09:30')).toBe('2026-03-01T09:30:00+08:00');
    expect(beijingDateTime('2026-03-01')).toBe('2026-03-01T00:00:00+08:00');
    expect(beijingDateTime('2026-03-01', '09:30:15')).toBe('2026-03-01T09:30:15+08:00');
    expect(beijingTimeOfDay(new Date('2026-03-01T01:30:15.900Z'))).toBe('09:30:15');
    expect(endOfBeijingDay('2025-12-31')).toBe('2025-12-31T23:59:59.999+08:00');
    expect(nextBeijingDay('2024-02-28')).toBe('2024-02-29');
    expect(nextBeijingDay('2025-12-31')).toBe('2026-01-01');
    expect(() => beijingDateTime('2026-02-30')).toThrow(RangeError);
    expect(() => beijingDateTime('2026-03-01', '24:00')).toThrow(RangeError);
  });

  it('knows real calendar days', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(isCalendarDate('2025-1-01')).toBe(false);
  });
});
