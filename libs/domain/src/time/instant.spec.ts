import fc from 'fast-check';
import {
  addDays,
  compareInstants,
  formatInstant,
  formatOffset,
  localDateOf,
  parseIsoDateTime,
  toEpochMillis,
  tryParseIsoDateTime,
} from './instant';

const reasonOf = (text: string): string => {
  const parsed = parseIsoDateTime(text);
  if (parsed.ok) throw new Error(`expected ${text} to be rejected`);
  return parsed.reason;
};

describe('ISO 8601 date-times with offset', () => {
  it('parses to the same instant as the JavaScript Date', () => {
    for (const text of [
      '2025-03-01T10:00:00+08:00',
      '2025-03-01T10:00+08:00',
      '2025-03-01T02:00:00Z',
      '2025-03-01T02:00:00.123Z',
      '2025-02-28T21:30:00-04:30',
      '1969-12-31T23:59:59.999Z',
    ]) {
      expect(toEpochMillis(text)).toBe(new Date(text).getTime());
    }
  });

  it('keeps the written offset and the local date', () => {
    expect(tryParseIsoDateTime('2025-03-01T01:00:00+08:00')).toEqual({
      epochMillis: Date.UTC(2025, 1, 28, 17),
      offsetMinutes: 480,
      localDate: { year: 2025, month: 3, day: 1 },
    });
    expect(tryParseIsoDateTime('2025-03-01T01:00:00-00:00')?.offsetMinutes).toBe(0);
  });

  it('drops digits below the millisecond', () => {
    expect(toEpochMillis('2025-03-01T00:00:00.123456789Z')).toBe(Date.UTC(2025, 2, 1) + 123);
  });

  it('rejects a date-time without an offset, saying so', () => {
    expect(reasonOf('2025-03-01T10:00:00')).toMatch(/has no UTC offset/);
    expect(reasonOf('2025-03-01')).toMatch(/date without a time of day and offset/);
  });

  it('rejects impossible dates, times and offsets', () => {
    expect(reasonOf('2025-02-29T10:00:00+08:00')).toBe('2025-02-29 is not a calendar date');
    expect(reasonOf('2025-03-01T24:00:00+08:00')).toBe('time of day 24:00:00 is out of range');
    expect(reasonOf('2025-03-01T10:60+08:00')).toBe('time of day 10:60 is out of range');
    expect(reasonOf('2025-03-01T10:00:00+15:00')).toMatch(/offset \+15:00 is out of range/);
    expect(reasonOf('2025-03-01T10:00:00+08:60')).toMatch(/offset \+08:60 is out of range/);
  });

  it('rejects other spellings', () => {
    for (const text of [
      '2025-03-01 10:00:00+08:00',
      '2025-03-01t10:00:00z',
      '2025-03-01T10:00:00+0800',
      '',
      'x',
    ]) {
      expect(reasonOf(text)).toMatch(/is not an ISO 8601 date-time/);
    }
  });

  it('accepts exactly the valid fields in every spelling of seconds, milliseconds and offset', () => {
    const two = (value: number) => String(value).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.record({
          year: fc.integer({ min: 1000, max: 9999 }),
          month: fc.integer({ min: 0, max: 13 }),
          day: fc.integer({ min: 0, max: 32 }),
          hour: fc.integer({ min: 0, max: 24 }),
          minute: fc.integer({ min: 0, max: 60 }),
          second: fc.option(fc.integer({ min: 0, max: 60 })),
          millis: fc.option(fc.integer({ min: 0, max: 999 })),
          offset: fc.option(
            fc.record({
              sign: fc.constantFrom('+', '-'),
              hours: fc.integer({ min: 0, max: 15 }),
              minutes: fc.integer({ min: 0, max: 60 }),
            }),
          ),
        }),
        ({ year, month, day, hour, minute, second, millis, offset }) => {
          const secondText = second === null ? '' : `:${two(second)}`;
          const millisText = second === null || millis === null ? '' : `.${String(millis).padStart(3, '0')}`;
          const offsetText =
            offset === null ? 'Z' : `${offset.sign}${two(offset.hours)}:${two(offset.minutes)}`;
          const text = `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}${secondText}${millisText}${offsetText}`;
          const offsetMinutes =
            offset === null ? 0 : (offset.sign === '-' ? -1 : 1) * (offset.hours * 60 + offset.minutes);
          const local = Date.UTC(
            year,
            month - 1,
            day,
            hour,
            minute,
            second ?? 0,
            second === null ? 0 : (millis ?? 0),
          );
          const valid =
            new Date(local).getUTCDate() === day &&
            month >= 1 &&
            month <= 12 &&
            hour <= 23 &&
            minute <= 59 &&
            (second ?? 0) <= 59 &&
            (offset === null || offset.minutes <= 59) &&
            offsetMinutes >= -12 * 60 &&
            offsetMinutes <= 14 * 60;
          const parsed = tryParseIsoDateTime(text);
          if (!valid) expect(parsed).toBeUndefined();
          else expect(parsed?.epochMillis).toBe(local - offsetMinutes * 60_000);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('formats an instant in an offset, round-tripping through the parser', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2_000_000_000_000, max: 32_000_000_000_000 }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (millis, offset) => {
          const text = formatInstant(millis, offset);
          expect(tryParseIsoDateTime(text)?.epochMillis).toBe(millis);
          if (offset === 0) expect(text).toBe(new Date(millis).toISOString());
        },
      ),
    );
    expect(formatInstant(Date.UTC(2025, 2, 1, 2), 480)).toBe('2025-03-01T10:00:00.000+08:00');
    expect(formatOffset(-270)).toBe('-04:30');
  });

  it('adds days in the same offset and finds local dates', () => {
    expect(addDays('2025-03-01T10:00:00+08:00', 7)).toBe('2025-03-08T10:00:00.000+08:00');
    expect(addDays('2024-12-31T23:00:00+08:00', 1)).toBe('2025-01-01T23:00:00.000+08:00');
    expect(localDateOf('2025-03-01T01:00:00+08:00')).toEqual({ year: 2025, month: 3, day: 1 });
  });

  it('compares instants given in any form', () => {
    expect(compareInstants('2025-03-01T10:00:00+08:00', '2025-03-01T02:00:00Z')).toBe(0);
    expect(compareInstants(new Date('2025-03-01T02:00:01Z'), '2025-03-01T02:00:00Z')).toBe(1000);
    expect(() => toEpochMillis('2025-03-01T10:00:00')).toThrow(RangeError);
    expect(() => toEpochMillis(Number.NaN)).toThrow(RangeError);
  });
});
