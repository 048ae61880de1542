import {
  EMPTY_FILTERS,
  parseQueueFilters,
  queueApiQuery,
  queueFiltersToSearch,
  sameFilters,
  type QueueFilters,
} from './queue-filters';

describe('queue filters and the URL', () => {
  const full: QueueFilters = {
    region: '410423',
    category: ['unstable', 'sudden_hardship'],
    stage: ['open', 'verified'],
    overdue: true,
    openedFrom: '2026-03-01',
    openedTo: '2026-03-31',
  };

  it('writes every filter into the query string and reads the same filters back', () => {
    const search = queueFiltersToSearch(full);
    expect(search).toBe(
      '?region=410423&category=unstable%2Csudden_hardship&stage=open%2Cverified&overdue=true' +
        '&openedFrom=2026-03-01&openedTo=2026-03-31',
    );
    expect(parseQueueFilters(search)).toEqual(full);
  });

  it('writes nothing for no filters', () => {
    expect(queueFiltersToSearch(EMPTY_FILTERS)).toBe('');
    expect(parseQueueFilters('')).toEqual(EMPTY_FILTERS);
  });

  it('keeps overdue=false, which is a filter and not the absence of one', () => {
    expect(parseQueueFilters('?overdue=false')).toEqual({ ...EMPTY_FILTERS, overdue: false });
    expect(queueFiltersToSearch({ ...EMPTY_FILTERS, overdue: false })).toBe('?overdue=false');
  });

  it('writes lists in catalogue order, so the same choice always gives the same link', () => {
    const a = parseQueueFilters('?category=sudden_hardship,unstable');
    const b = parseQueueFilters('?category=unstable&category=sudden_hardship');
    expect(a.category).toEqual(['unstable', 'sudden_hardship']);
    expect(sameFilters(a, b)).toBe(true);
  });

  it('drops values that are not filters instead of failing on a stale or edited link', () => {
    expect(
      parseQueueFilters(
        '?region=4104x&category=poor,unstable&stage=closed&overdue=yes&openedFrom=2026-02-30&limit=5&cursor=abc',
      ),
    ).toEqual({ category: ['unstable'], stage: [] });
    expect(parseQueueFilters('?region=123').region).toBeUndefined();
    expect(parseQueueFilters('?region=410423203').region).toBe('410423203');
  });

  it('drops an end date before the start date', () => {
    expect(parseQueueFilters('?openedFrom=2026-03-10&openedTo=2026-03-01')).toEqual({
      ...EMPTY_FILTERS,
      openedFrom: '2026-03-10',
    });
  });

  it('asks the API for Beijing instants, nearest deadline first, with the cursor of the previous page', () => {
    const params = new URLSearchParams(queueApiQuery(full, { cursor: 'c1', limit: 20 }));
    expect(Object.fromEntries(params)).toEqual({
      region: '410423',
      category: 'unstable,sudden_hardship',
      stage: 'open,verified',
      overdue: 'true',
      openedFrom: '2026-03-01T00:00:00+08:00',
      openedTo: '2026-04-01T00:00:00+08:00',
      sort: 'deadline',
      limit: '20',
      cursor: 'c1',
    });
    expect(queueApiQuery(EMPTY_FILTERS)).toBe('?sort=deadline');
  });
});
