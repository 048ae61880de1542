import {
  addCalendarMonths,
  birthdayOfAge,
  civilDateAt,
  formatDateAt,
  parseBusinessTime,
  parseUtcOffset,
  startOfCivilDate,
} from './business-time';

describe('business time', () => {
  it('reads the calendar date of an instant on the province clock', () => {
    const instant = parseBusinessTime('2025-12-31T17:30:00Z');
    expect(civilDateAt(instant, 480)).toEqual({ year: 2026, month: 1, day: 1 });
    expect(civilDateAt(instant, 0)).toEqual({ year: 2025, month: 12, day: 31 });
    expect(formatDateAt(instant, 480)).toBe('2026-01-01');
  });

  it('finds midnight of a date at an offset', () => {
    expect(startOfCivilDate({ year: 2026, month: 1, day: 1 }, 480)).toBe(
      parseBusinessTime('2025-12-31T16:00:00Z'),
    );
  });

  it('adds calendar months, clamping to the month’s last day', () => {
    expect(addCalendarMonths({ year: 2025, month: 8, day: 31 }, 6)).toEqual({
      year: 2026,
      month: 2,
      day: 28,
    });
    expect(addCalendarMonths({ year: 2025, month: 11, day: 15 }, 3)).toEqual({
      year: 2026,
      month: 2,
      day: 15,
    });
    expect(addCalendarMonths({ year: 2025, month: 3, day: 15 }, -3)).toEqual({
      year: 2024,
      month: 12,
      day: 15,
    });
  });

  it('dates a birthday at an age, 29 February birthdays on 1 March in common years', () => {
    expect(birthdayOfAge({ year: 2012, month: 5, day: 1 }, 16)).toEqual({ year: 2028, month: 5, day: 1 });
    expect(birthdayOfAge({ year: 2012, month: 2, day: 29 }, 16)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(birthdayOfAge({ year: 2012, month: 2, day: 29 }, 15)).toEqual({ year: 2027, month: 3, day: 1 });
  });

  it('parses offsets and rejects what is not one', () => {
    expect(parseUtcOffset('+08:00')).toBe(480);
    expect(parseUtcOffset('-03:30')).toBe(-210);
    expect(parseUtcOffset('Z')).toBe(0);
    expect(parseUtcOffset('+8')).toBeUndefined();
    expect(parseUtcOffset('+15:00')).toBeUndefined();
  });

  it('requires an offset on business times', () => {
    expect(() => parseBusinessTime('2026-03-01T10:00:00')).toThrow(RangeError);
  });
});
