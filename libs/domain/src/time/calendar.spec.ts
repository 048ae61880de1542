import fc from 'fast-check';
import {
  addDaysToDate,
  civilFromDays,
  compareCalendarDates,
  daysFromCivil,
  daysInMonth,
  formatCompactDate,
  formatIsoDate,
  fullYearsBetween,
  isLeapYear,
  isValidCalendarDate,
  parseIsoDate,
} from './calendar';

const MILLIS_PER_DAY = 86_400_000;

describe('calendar arithmetic', () => {
  it('numbers days from 1970-01-01', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    expect(daysFromCivil(2000, 3, 1)).toBe(11017);
    expect(civilFromDays(0)).toEqual({ year: 1970, month: 1, day: 1 });
    expect(civilFromDays(-1)).toEqual({ year: 1969, month: 12, day: 31 });
  });

  it('agrees with the JavaScript Date for every day in years 0–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: daysFromCivil(0, 1, 1), max: daysFromCivil(9999, 12, 31) }), (days) => {
        const date = new Date(days * MILLIS_PER_DAY);
        const civil = civilFromDays(days);
        expect(civil).toEqual({
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
        });
        expect(daysFromCivil(civil.year, civil.month, civil.day)).toBe(days);
      }),
      { numRuns: 2000 },
    );
  });

  it('knows the Gregorian leap years', () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2023, 4)).toBe(30);
  });

  it('accepts real days only', () => {
    expect(isValidCalendarDate(2024, 2, 29)).toBe(true);
    expect(isValidCalendarDate(2023, 2, 29)).toBe(false);
    expect(isValidCalendarDate(2023, 13, 1)).toBe(false);
    expect(isValidCalendarDate(2023, 0, 1)).toBe(false);
    expect(isValidCalendarDate(2023, 4, 31)).toBe(false);
    expect(isValidCalendarDate(2023, 1, 1.5)).toBe(false);
  });

  it('parses strict YYYY-MM-DD and formats it back', () => {
    expect(parseIsoDate('1949-12-31')).toEqual({ year: 1949, month: 12, day: 31 });
    expect(parseIsoDate('1949-02-30')).toBeUndefined();
    expect(parseIsoDate('1949-2-3')).toBeUndefined();
    expect(parseIsoDate('1949-12-31T00:00:00Z')).toBeUndefined();
    expect(formatIsoDate({ year: 980, month: 1, day: 2 })).toBe('0980-01-02');
    expect(formatCompactDate({ year: 1949, month: 12, day: 31 })).toBe('19491231');
  });

  it('compares and moves dates by days across month and year ends', () => {
    expect(addDaysToDate({ year: 2024, month: 2, day: 28 }, 2)).toEqual({ year: 2024, month: 3, day: 1 });
    expect(addDaysToDate({ year: 2024, month: 12, day: 31 }, 1)).toEqual({ year: 2025, month: 1, day: 1 });
    expect(compareCalendarDates({ year: 2024, month: 1, day: 1 }, { year: 2023, month: 12, day: 31 })).toBe(
      1,
    );
  });

  it('counts full years of age only once the birthday has passed', () => {
    const birth = { year: 2000, month: 6, day: 15 };
    expect(fullYearsBetween(birth, { year: 2025, month: 6, day: 14 })).toBe(24);
    expect(fullYearsBetween(birth, { year: 2025, month: 6, day: 15 })).toBe(25);
  });
});
