import { isPeriod, periodOf, periodSearch, statsQuery } from './periods';

const TODAY = '2026-11-23';

describe('dashboard periods', () => {
  it('reads a period of real days, in order and not in the future, from the URL', () => {
    expect(periodOf('?from=2026-10-01&to=2026-10-31', TODAY)).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(periodOf('?to=2026-11-23&from=2026-11-23&lang=en', TODAY)).toEqual({
      from: '2026-11-23',
      to: '2026-11-23',
    });
  });

  it.each([
    ['no period', ''],
    ['only a start', '?from=2026-10-01'],
    ['the end before the start', '?from=2026-10-31&to=2026-10-01'],
    ['an end after today', '?from=2026-11-01&to=2026-11-24'],
    ['a day that does not exist', '?from=2026-02-29&to=2026-03-01'],
    ['another format', '?from=2026/10/01&to=2026/10/31'],
  ])('falls back to the default for %s', (_case, search) => {
    expect(periodOf(search, TODAY)).toBeNull();
  });

  it('checks a period the way the URL is read', () => {
    expect(isPeriod('2026-10-01', '2026-10-01', TODAY)).toBe(true);
    expect(isPeriod('', '2026-10-01', TODAY)).toBe(false);
  });

  it('writes the period back into the URL, or nothing for the default', () => {
    expect(periodSearch({ from: '2026-10-01', to: '2026-10-31' })).toBe('?from=2026-10-01&to=2026-10-31');
    expect(periodSearch(null)).toBe('');
  });

  it('asks the API from the first day’s start in Beijing to the start of the day after the last', () => {
    const query = new URLSearchParams(statsQuery({ from: '2026-10-01', to: '2026-12-31' }));
    expect(query.get('from')).toBe('2026-10-01T00:00:00+08:00');
    expect(query.get('to')).toBe('2027-01-01T00:00:00+08:00');
    expect(statsQuery(null)).toBe('');
  });
});
