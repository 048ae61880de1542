import { BadRequestException } from '@nestjs/common';
import { ZodQueryPipe } from '../../http/zod-query.pipe';
import { listCasesQuerySchema } from './list-cases.query';

const pipe = new ZodQueryPipe(listCasesQuerySchema);

const issuesOf = (query: Record<string, unknown>): { field: string; message: string }[] => {
  try {
    pipe.transform(query);
  } catch (error) {
    if (error instanceof BadRequestException) {
      return (error.getResponse() as { issues: { field: string; message: string }[] }).issues;
    }
    throw error;
  }
  throw new Error('expected the query to be refused');
};

describe('alert queue query', () => {
  it('takes defaults: nearest deadline first, 50 a page', () => {
    expect(pipe.transform({})).toEqual({ sort: 'deadline', limit: 50 });
  });

  it('reads filters: region prefixes normalised, lists, booleans, instants', () => {
    const query = pipe.transform({
      region: '410400',
      county: '410423',
      category: 'unstable,sudden_hardship',
      stage: ['open', 'verified', 'open'],
      overdue: 'true',
      openedFrom: '2026-03-01T00:00:00+08:00',
      // An unencoded + arrives as a space.
      openedTo: '2026-04-01T00:00:00 08:00',
      limit: '200',
    });
    expect(query).toMatchObject({
      region: '4104',
      county: '410423',
      category: ['unstable', 'sudden_hardship'],
      stage: ['open', 'verified'],
      overdue: true,
      limit: 200,
    });
    expect(query.openedFrom?.epochMillis).toBe(Date.parse('2026-02-28T16:00:00Z'));
    expect(query.openedTo?.epochMillis).toBe(Date.parse('2026-03-31T16:00:00Z'));
  });

  it.each([
    [{ limit: '201' }, 'limit', 'from 1 to 200'],
    [{ limit: '0' }, 'limit', 'from 1 to 200'],
    [{ limit: 'ten' }, 'limit', 'whole number'],
    [{ stage: 'closed' }, 'stage', 'unknown value "closed"'],
    [{ category: '' }, 'category', 'at least one'],
    [{ overdue: 'yes' }, 'overdue', 'true or false'],
    [{ region: '99' }, 'region', 'region code or prefix'],
    [{ region: '41042' }, 'region', 'region code or prefix'],
    [{ county: '4104' }, 'county', '6-digit county code'],
    [{ openedFrom: '2026-03-01' }, 'openedFrom', 'without a time of day'],
    [{ openedFrom: '2026-03-01T00:00:00' }, 'openedFrom', 'no UTC offset'],
    [{ sort: 'name' }, 'sort', 'unknown value "name"'],
    [{ regoin: '41' }, 'regoin', 'unknown field'],
    [{ limit: ['10', '20'] }, 'limit', 'should be a string'],
  ])('refuses %j with an issue on %s', (query, field, message) => {
    const issues = issuesOf(query);
    expect(issues).toEqual([expect.objectContaining({ field })]);
    expect(issues[0].message).toContain(message);
  });

  it('refuses a period that ends before it starts', () => {
    expect(
      issuesOf({ openedFrom: '2026-04-01T00:00:00+08:00', openedTo: '2026-03-01T00:00:00+08:00' }),
    ).toEqual([{ field: 'openedTo', message: 'should be later than openedFrom' }]);
  });
});
