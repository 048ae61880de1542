import type { AuthUser } from '@monitoring/auth';
import type { AccessLogPageDto } from './access-log/read-access-log.response.dto';
import { encodeCaseQueueCursor } from './queries/list-cases/case-queue-cursor';
import { aHouseholdWhoseSituationChanged, type ChangedHousehold } from './testing/household-scenario';
import { ReportingTestApp, USERS } from './testing/reporting-test-app';
import { TestProjection } from './testing/test-projection';

const NOW = '2026-11-20T12:00:00+08:00';

/** Issue 6 on the reads: roles per route, region scoping by id and filter, the access log. */
describe('reporting API security', () => {
  let harness: ReportingTestApp;
  let household: ChangedHousehold;
  let neighbour: ChangedHousehold;

  beforeAll(async () => {
    harness = await ReportingTestApp.start({ label: 'reporting_security', now: NOW });
    const projection = new TestProjection(harness.dataSource, harness.store);
    household = await aHouseholdWhoseSituationChanged(harness.store, 'H-LUSHAN-04');
    neighbour = await aHouseholdWhoseSituationChanged(harness.store, 'H-NEIGHBOUR-04', '410425100201');
    await projection.household(household.householdId, NOW);
    await projection.household(neighbour.householdId, NOW);
  });

  afterAll(async () => {
    await harness.close();
  });

  describe('roles', () => {
    const routes = () => ({
      queue: '/api/v1/cases',
      case: `/api/v1/cases/${household.caseId}`,
      household: `/api/v1/households/${household.householdId}`,
      timeline: `/api/v1/households/${household.householdId}/timeline`,
      stats: '/api/v1/stats/regions/410423',
      accessLog: '/api/v1/audit/access-log',
    });
    type Route = keyof ReturnType<typeof routes>;
    const allowed: Record<Route, (keyof typeof USERS)[]> = {
      queue: ['provinceStaff', 'provinceStaffOfCounty', 'countyOfficer', 'admin'],
      case: ['provinceStaff', 'provinceStaffOfCounty', 'countyOfficer', 'admin'],
      household: ['provinceStaff', 'provinceStaffOfCounty', 'countyOfficer', 'admin'],
      timeline: ['provinceStaff', 'provinceStaffOfCounty', 'countyOfficer', 'admin'],
      stats: ['provinceStaff', 'provinceStaffOfCounty', 'countyOfficer', 'bureau', 'admin'],
      accessLog: ['admin'],
    };
    const cases = (Object.keys(allowed) as Route[]).flatMap((route) =>
      (Object.keys(USERS) as (keyof typeof USERS)[])
        .filter((user) => user !== 'otherCountyOfficer')
        .map((user) => [route, user, allowed[route].includes(user)] as const),
    );

    it.each(cases)('%s as %s: allowed %s', async (route, user, isAllowed) => {
      const response = await harness.get(routes()[route], USERS[user]);
      expect(response.status).toBe(isAllowed ? 200 : 403);
      if (!isAllowed) expect(JSON.stringify(response.body)).not.toContain(household.householdId);
    });

    it.each(Object.keys(allowed) as Route[])('%s without a token: 401', async (route) => {
      await harness.get(routes()[route]).expect(401);
    });
  });

  describe('a county officer and another county’s data', () => {
    const officer = USERS.countyOfficer;

    it('gets 404 for the household, its timeline and its case, by id', async () => {
      for (const path of [
        `/api/v1/households/${neighbour.householdId}`,
        `/api/v1/households/${neighbour.householdId}/timeline`,
        `/api/v1/cases/${neighbour.caseId}`,
      ]) {
        const response = await harness.get(path, officer).expect(404);
        expect(JSON.stringify(response.body)).not.toMatch(/410425|王建国|H-NEIGHBOUR-04.*score/);
      }
    });

    it('gets nothing by filter and 404 for the other county’s statistics', async () => {
      const queue = await harness.get('/api/v1/cases?region=410425', officer).expect(200);
      expect(queue.body).toEqual({ items: [], nextCursor: null, total: 0 });
      const own = await harness.get('/api/v1/cases', officer).expect(200);
      expect(own.body.items.map((item: { caseId: string }) => item.caseId)).toEqual([household.caseId]);
      await harness.get('/api/v1/stats/regions/410425', officer).expect(404);
    });

    it('gets 400 for a cursor of another reader or one pointing into the other county', async () => {
      const province = await harness
        .get('/api/v1/cases?limit=1&region=4104', USERS.provinceStaff)
        .expect(200);
      expect(province.body.nextCursor).not.toBeNull();
      const refused = await harness
        .get(`/api/v1/cases?cursor=${province.body.nextCursor}`, officer)
        .expect(400);
      expect(refused.body).toMatchObject({ code: 'invalid_cursor' });
      expect(JSON.stringify(refused.body)).not.toContain(neighbour.caseId);

      const forged = encodeCaseQueueCursor({
        sort: 'deadline',
        rank: 0,
        key: '0',
        caseId: neighbour.caseId,
        regionCode: neighbour.regionCode,
        passId: '00000000-0000-4000-8000-000000000000',
      });
      const response = await harness.get(`/api/v1/cases?cursor=${forged}`, officer).expect(400);
      expect(JSON.stringify(response.body)).not.toContain(neighbour.caseId);
    });
  });

  describe('access log', () => {
    const readLog = async (query: string, user: AuthUser = USERS.admin) =>
      (await harness.get(`/api/v1/audit/access-log${query}`, user).expect(200)).body as AccessLogPageDto;

    it('records every read of a household’s detail, timeline and case, answered or refused', async () => {
      harness.clock.set('2026-11-21T09:00:00+08:00');
      await harness.get(`/api/v1/households/${household.householdId}`, USERS.countyOfficer).expect(200);
      await harness
        .get(`/api/v1/households/${household.householdId}/timeline`, USERS.provinceStaff)
        .expect(200);
      await harness.get(`/api/v1/cases/${household.caseId}`, USERS.countyOfficer).expect(200);
      await harness
        .get(`/api/v1/households/${household.householdId}?asOf=2026-03-01T00:00:00%2B08:00`, USERS.admin)
        .expect(200);
      await harness.get(`/api/v1/households/${household.householdId}`, USERS.otherCountyOfficer).expect(404);
      harness.clock.set(NOW);

      const log = await readLog(`?household=${household.householdId}&from=2026-11-21T00:00:00%2B08:00`);
      expect(log.items.map((entry) => [entry.user, entry.role, entry.route, entry.outcome])).toEqual([
        ['county-officer-sun', 'county_officer', 'GET /api/v1/households/:id', 'not_found'],
        ['admin-wu', 'admin', 'GET /api/v1/households/:id', 'ok'],
        ['county-officer-li', 'county_officer', 'GET /api/v1/cases/:id', 'ok'],
        ['province-staff-zhao', 'province_staff', 'GET /api/v1/households/:id/timeline', 'ok'],
        ['county-officer-li', 'county_officer', 'GET /api/v1/households/:id', 'ok'],
      ]);
      const [refused, asOf, caseRead] = log.items;
      expect(refused).toMatchObject({
        region: '410425',
        householdId: household.householdId,
        caseId: null,
        accessedAt: '2026-11-21T01:00:00.000Z',
        url: `/api/v1/households/${household.householdId}`,
      });
      expect(refused.clientAddress).toMatch(/127\.0\.0\.1|::1/);
      expect(asOf.url).toBe(`/api/v1/households/${household.householdId}?asOf=2026-03-01T00:00:00%2B08:00`);
      expect(caseRead.caseId).toBe(household.caseId);
    });

    it('filters by user and time and pages newest first', async () => {
      const mine = await readLog('?user=county-officer-li');
      expect(mine.items.length).toBeGreaterThanOrEqual(2);
      expect(mine.items.every((entry) => entry.user === 'county-officer-li')).toBe(true);

      const all = await readLog('');
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const body: AccessLogPageDto = await readLog(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        ids.push(...body.items.map((entry) => entry.id));
        cursor = body.nextCursor;
      } while (cursor !== null);
      expect(ids).toEqual(all.items.map((entry) => entry.id));
      expect([...ids].sort((a, b) => Number(b) - Number(a))).toEqual(ids);

      const none = await readLog('?from=2030-01-01T00:00:00Z');
      expect(none).toEqual({ items: [], nextCursor: null });
      await harness.get('/api/v1/audit/access-log?cursor=garbage!', USERS.admin).expect(400);
      await harness.get('/api/v1/audit/access-log?limit=1000', USERS.admin).expect(400);
    });

    it('is readable by admins only', async () => {
      for (const user of [USERS.provinceStaff, USERS.countyOfficer, USERS.bureau, USERS.ingest]) {
        await harness.get('/api/v1/audit/access-log', user).expect(403);
      }
    });

    it('answers nothing of a household when its read cannot be logged', async () => {
      await harness.dataSource.query('ALTER TABLE household_access_log RENAME TO household_access_log_away');
      try {
        const response = await harness.get(
          `/api/v1/households/${household.householdId}`,
          USERS.countyOfficer,
        );
        expect(response.status).toBe(500);
        expect(JSON.stringify(response.body)).not.toContain('王建国');
        expect(JSON.stringify(response.body)).not.toContain('score');
      } finally {
        await harness.dataSource.query(
          'ALTER TABLE household_access_log_away RENAME TO household_access_log',
        );
      }
    });
  });
});
