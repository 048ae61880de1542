import { CaseWriter } from '../../testing/case-writer';
import { ReportingTestApp, USERS } from '../../testing/reporting-test-app';
import { TestProjection } from '../../testing/test-projection';
import { encodeCaseQueueCursor, decodeCaseQueueCursor } from './case-queue-cursor';
import type { CaseQueueItemDto, CaseQueuePageDto } from './list-cases.response.dto';

/**
 * The alert queue against real PostgreSQL: cases written by the domain's decider into the event
 * store, their `monitoring_case` rows written as the monitor's projector writes them.
 * The app's clock stands at 2026-11-20 12:00 Beijing time.
 */
describe('GET /api/v1/cases', () => {
  let harness: ReportingTestApp;
  let cases: CaseWriter;
  let projection: TestProjection;
  const ids: Record<string, string> = {};

  const at = (date: string, time = '09:00') => `${date}T${time}:00.000+08:00`;

  /** Opens a case and applies what happened to it, then writes its read-model row. */
  async function aCase(
    name: string,
    regionCode: string,
    openedOn: string,
    history: (caseId: string) => Promise<void> = async () => undefined,
    category: 'unstable' | 'marginal' | 'sudden_hardship' = 'sudden_hardship',
  ): Promise<void> {
    const caseId = await cases.open({
      householdId: `H-${name}`,
      regionCode,
      openedAt: at(openedOn),
      category,
    });
    await history(caseId);
    await projection.case(caseId);
    ids[name] = caseId;
  }

  const page = async (query: string, user = USERS.provinceStaff): Promise<CaseQueuePageDto> =>
    (await harness.get(`/api/v1/cases${query}`, user).expect(200)).body as CaseQueuePageDto;

  const names = (items: CaseQueueItemDto[]): string[] =>
    items.map((item) => Object.keys(ids).find((name) => ids[name] === item.caseId) ?? item.caseId);

  /** Follows nextCursor to the end; `between` runs after each page but the last. */
  async function allPages(
    query: string,
    user = USERS.provinceStaff,
    between: (pageNumber: number) => Promise<void> = async () => undefined,
  ): Promise<{ items: CaseQueueItemDto[]; pages: number }> {
    const items: CaseQueueItemDto[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const separator = query.includes('?') ? '&' : '?';
      const body: CaseQueuePageDto = await page(
        cursor === null ? query : `${query}${separator}cursor=${cursor}`,
        user,
      );
      items.push(...body.items);
      pages += 1;
      cursor = body.nextCursor;
      if (cursor !== null) await between(pages);
    } while (cursor !== null);
    return { items, pages };
  }

  beforeAll(async () => {
    harness = await ReportingTestApp.start({ label: 'reporting_queue', now: '2026-11-20T12:00:00+08:00' });
    cases = new CaseWriter(harness.store);
    projection = new TestProjection(harness.dataSource, harness.store);

    // Lushan county (410423).
    await aCase('A1', '410423203201', '2026-11-18');
    await aCase('A2', '410423203202', '2026-11-10', undefined, 'marginal');
    await aCase('A3', '410423100201', '2026-11-01', (id) => cases.verify(id, at('2026-11-03')), 'unstable');
    await aCase('A4', '410423100202', '2026-10-01', (id) => cases.verify(id, at('2026-10-05')), 'unstable');
    await aCase('A5', '410423100203', '2026-09-01', async (id) => {
      await cases.verify(id, at('2026-09-03'));
      await cases.assist(id, at('2026-09-10'));
    });
    await aCase('A6', '410423203203', '2026-08-01', (id) =>
      cases.verify(id, at('2026-08-03'), 'dismissed', 'income recovered'),
    );
    await aCase('A7', '410423203204', '2026-10-20', async (id) => {
      await cases.recordMissed(id, 'verification', at('2026-10-27'));
      await cases.escalate(id, 'city', at('2026-11-04'));
    });
    // Another county of the same city (410425), a county of another city (4101), another province (61).
    await aCase('B1', '410425100201', '2026-11-12');
    await aCase(
      'B2',
      '410425100202',
      '2026-09-15',
      async (id) => {
        await cases.verify(id, at('2026-09-16'));
        await cases.assist(id, at('2026-09-20'));
      },
      'marginal',
    );
    await aCase('C1', '410102001001', '2026-11-15');
    await aCase('S1', '610102001001', '2026-11-16');
  });

  afterAll(async () => {
    await harness.close();
  });

  it('lists the cases of the reader’s province, nearest pending deadline first, closed ones last', async () => {
    const body = await page('');
    // Pending deadlines: A7 verify 10-27, A4 assist 10-31, A2 verify 11-17, B1 verify 11-19, C1 verify 11-22,
    // A1 verify 11-25, A3 assist 12-01; then assisting A5 (opened 09-01), B2 (09-15); then closed A6.
    expect(names(body.items)).toEqual(['A7', 'A4', 'A2', 'B1', 'C1', 'A1', 'A3', 'A5', 'B2', 'A6']);
    expect(body.total).toBe(10);
    expect(body.nextCursor).toBeNull();
  });

  it('answers the contract’s fields, deadlines on the province’s clock', async () => {
    const body = await page('?region=410423203204');
    expect(body.items).toEqual([
      {
        caseId: ids.A7,
        householdId: 'H-A7',
        regionCode: '410423203204',
        category: 'sudden_hardship',
        stage: 'open',
        score: 60,
        openedAt: '2026-10-20T09:00:00.000+08:00',
        verificationDueAt: '2026-10-27T09:00:00.000+08:00',
        assistanceDueAt: '2026-11-19T09:00:00.000+08:00',
        overdue: true,
        escalationLevel: 'city',
      },
    ]);
  });

  it('filters by region prefix, county, category, stage and opening time', async () => {
    expect(names((await page('?region=410423')).items).sort()).toEqual([
      'A1',
      'A2',
      'A3',
      'A4',
      'A5',
      'A6',
      'A7',
    ]);
    expect(names((await page('?region=4104')).items).sort()).toEqual(
      ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'B1', 'B2'].sort(),
    );
    expect(names((await page('?county=410425')).items).sort()).toEqual(['B1', 'B2']);
    expect(names((await page('?category=unstable')).items).sort()).toEqual(['A3', 'A4']);
    expect(names((await page('?category=marginal&stage=open')).items)).toEqual(['A2']);
    expect(names((await page('?stage=verified,assisting')).items)).toEqual(['A4', 'A3', 'A5', 'B2']);
    const opened = await page('?openedFrom=2026-11-01T00:00:00%2B08:00&openedTo=2026-11-15T00:00:00%2B08:00');
    expect(names(opened.items).sort()).toEqual(['A2', 'A3', 'B1']);
    expect(opened.total).toBe(3);
  });

  it('filters overdue cases against the injected clock', async () => {
    const overdue = await page('?overdue=true');
    expect(names(overdue.items)).toEqual(['A7', 'A4', 'A2', 'B1']);
    expect(overdue.items.every((item) => item.overdue)).toBe(true);
    expect(names((await page('?overdue=false')).items)).toEqual(['C1', 'A1', 'A3', 'A5', 'B2', 'A6']);

    harness.clock.set('2026-11-23T09:00:00+08:00');
    try {
      expect(names((await page('?overdue=true')).items)).toEqual(['A7', 'A4', 'A2', 'B1', 'C1']);
    } finally {
      harness.clock.set('2026-11-20T12:00:00+08:00');
    }
  });

  it('sorts by opening time or score on request', async () => {
    expect(names((await page('?sort=openedAt&region=4104')).items)).toEqual([
      'A1',
      'B1',
      'A2',
      'A3',
      'A7',
      'A4',
      'B2',
      'A5',
      'A6',
    ]);
    const byScore = await page('?sort=score&limit=3');
    expect(byScore.items.map((item) => item.score)).toEqual([60, 60, 60]);
    expect(byScore.nextCursor).not.toBeNull();
  });

  it('keeps a county officer to their county, whatever the filters', async () => {
    const own = await page('', USERS.countyOfficer);
    expect(names(own.items).sort()).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7']);
    expect(own.total).toBe(7);
    expect(await page('?region=410425', USERS.countyOfficer)).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
    expect(await page('?county=410425', USERS.countyOfficer)).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
    expect(await page('?region=61', USERS.provinceStaff)).toEqual({ items: [], nextCursor: null, total: 0 });
    // A broader region filter narrows to the reader's own region.
    expect((await page('?region=41', USERS.countyOfficer)).total).toBe(7);
  });

  it('pages with a cursor through every case once, the total counting all pages', async () => {
    const { items, pages } = await allPages('?limit=3');
    expect(pages).toBe(4);
    expect(names(items)).toEqual(['A7', 'A4', 'A2', 'B1', 'C1', 'A1', 'A3', 'A5', 'B2', 'A6']);
    const first = await page('?limit=3');
    expect(first.total).toBe(10);
    expect(first.items).toHaveLength(3);
  });

  it('returns every case exactly once while cases change between pages', async () => {
    const before = new Set(Object.keys(ids).filter((name) => name !== 'S1'));
    const { items } = await allPages('?limit=3', USERS.provinceStaff, async (pageNumber) => {
      if (pageNumber !== 1) return;
      // Page 1 showed A7, A4, A2. Now: A2 (shown) is dismissed and moves to the closed end; A4 (shown)
      // gets assistance and moves among the assisting; A1 (not shown yet) is verified and moves later;
      // a new case opens; A7 (shown) escalates further without moving.
      await cases.verify(
        ids.A2,
        at('2026-11-20', '10:00'),
        'dismissed',
        'bills covered by commercial insurance',
      );
      await cases.assist(ids.A4, at('2026-11-20', '10:00'));
      await cases.verify(ids.A1, at('2026-11-20', '10:00'));
      await cases.escalate(ids.A7, 'province', at('2026-11-20', '10:00'));
      for (const name of ['A2', 'A4', 'A1', 'A7']) await projection.case(ids[name]);
      await aCase('N1', '410423203205', '2026-11-20');
    });
    const seen = names(items);
    expect(new Set(seen).size).toBe(seen.length);
    for (const name of before) expect(seen).toContain(name);
    expect(seen).toContain('N1');
    expect(seen).toHaveLength(before.size + 1);
  });

  it('refuses a malformed cursor, or one of another sort, with 400', async () => {
    for (const cursor of ['not-a-cursor', 'AAAA', Buffer.from('{"v":1}').toString('base64url')]) {
      const response = await harness.get(`/api/v1/cases?cursor=${cursor}`, USERS.provinceStaff).expect(400);
      expect(response.body).toMatchObject({ code: 'invalid_cursor', issues: [{ field: 'cursor' }] });
    }
    const { nextCursor } = await page('?limit=2');
    const response = await harness
      .get(`/api/v1/cases?sort=score&cursor=${nextCursor}`, USERS.provinceStaff)
      .expect(400);
    expect(response.body.message).toContain('sort=deadline');
  });

  it('never lets a cursor carry a county officer outside their county', async () => {
    // A province reader's cursor stopping at B1 (county 410425): refused for the officer of 410423.
    const provincePages: CaseQueuePageDto[] = [];
    let cursor: string | null = null;
    do {
      const body: CaseQueuePageDto = await page(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      provincePages.push(body);
      cursor = body.nextCursor;
    } while (cursor !== null && names(provincePages.at(-1)?.items ?? [])[0] !== 'B1');
    expect(cursor).not.toBeNull();
    const atB1 = cursor as string;
    const refused = await harness
      .get(`/api/v1/cases?limit=1&cursor=${atB1}`, USERS.countyOfficer)
      .expect(400);
    expect(refused.body).toMatchObject({ code: 'invalid_cursor' });
    expect(JSON.stringify(refused.body)).not.toContain('410425');

    // A hand-made cursor of the officer's own pass pointing into the other county: refused as well.
    const own = await page('?limit=1', USERS.countyOfficer);
    const ownCursor = decodeCaseQueueCursor(own.nextCursor as string);
    expect(ownCursor).toBeDefined();
    const forged = encodeCaseQueueCursor({
      ...(ownCursor as NonNullable<typeof ownCursor>),
      regionCode: '410425100201',
    });
    await harness.get(`/api/v1/cases?limit=1&cursor=${forged}`, USERS.countyOfficer).expect(400);

    // Another reader's cursor inside the officer's county: refused (the pass is not theirs).
    const provinceFirst = await page('?limit=1');
    const other = await harness
      .get(`/api/v1/cases?limit=1&cursor=${provinceFirst.nextCursor}`, USERS.countyOfficer)
      .expect(400);
    expect(other.body.message).toContain('not yours');
  });

  it('refuses bad filters with field-level 400s and an unauthenticated call with 401', async () => {
    const response = await harness
      .get('/api/v1/cases?limit=500&overdue=maybe', USERS.provinceStaff)
      .expect(400);
    expect(response.body).toMatchObject({
      statusCode: 400,
      code: 'invalid_query',
      issues: expect.arrayContaining([
        { field: 'limit', message: 'should be a whole number from 1 to 200' },
        { field: 'overdue', message: 'should be true or false' },
      ]),
    });
    await harness.get('/api/v1/cases').expect(401);
  });
});
