import { defaultPolicyDocuments } from '@monitoring/domain';
import { aClaimRecord } from '@monitoring/domain/testing/source-records.builder';
import {
  aHouseholdWhoseSituationChanged,
  ingestRecord,
  type ChangedHousehold,
} from '../../testing/household-scenario';
import { ReportingTestApp, USERS } from '../../testing/reporting-test-app';
import { TestProjection } from '../../testing/test-projection';
import type { HouseholdRiskDto } from './get-household.response.dto';

const NOW = '2026-11-20T12:00:00+08:00';

describe('GET /api/v1/households/{id}', () => {
  let harness: ReportingTestApp;
  let projection: TestProjection;
  let household: ChangedHousehold;
  let neighbour: ChangedHousehold;

  const get = async (path: string, user = USERS.countyOfficer, status = 200) =>
    (await harness.get(path, user).expect(status)).body as HouseholdRiskDto & {
      message: string;
      issues: unknown[];
    };

  beforeAll(async () => {
    harness = await ReportingTestApp.start({ label: 'reporting_household', now: NOW });
    projection = new TestProjection(harness.dataSource, harness.store);
    household = await aHouseholdWhoseSituationChanged(harness.store, 'H-LUSHAN-01');
    neighbour = await aHouseholdWhoseSituationChanged(harness.store, 'H-NEIGHBOUR-01', '410425100201');
    await projection.household(household.householdId, NOW);
    await projection.household(neighbour.householdId, NOW);
  });

  afterAll(async () => {
    await harness.close();
  });

  afterEach(() => {
    harness.clock.set(NOW);
  });

  it('answers the monitor’s current assessment with its factors and evidence', async () => {
    const body = await get(`/api/v1/households/${household.householdId}`);
    expect(body).toMatchObject({
      householdId: household.householdId,
      regionCode: '410423203201',
      // The bill is more than 180 days old: no longer a recent shock, so marginal (never poor).
      category: 'marginal',
      score: 80,
      riskLevel: 'high',
      policyVersion: '41-2024.1',
      openCaseId: household.caseId,
      asOf: '2026-11-20T12:00:00.000+08:00',
      source: 'read_model',
      figures: {
        householdNetIncomeFen: 6_000_000,
        outOfPocketInWindowFen: 5_000_000,
        memberCount: 3,
        formerlyPoor: false,
      },
    });
    expect(body.factors.map((factor) => [factor.code, factor.points])).toEqual([
      ['income_below_standard', 40],
      ['medical_cost_very_high', 40],
    ]);
    const medical = body.factors.find((factor) => factor.code === 'medical_cost_very_high');
    expect(medical?.evidence).toEqual([household.claimEventId]);
    expect(medical?.explanation).toContain('50,000 yuan');
    expect(medical?.explanationZh).toContain('50,000元');
  });

  it('answers as of a past business time from the household’s events, and differently from today', async () => {
    const before = await get(`/api/v1/households/${household.householdId}?asOf=2026-03-01T00:00:00%2B08:00`);
    expect(before).toMatchObject({
      score: 0,
      category: 'none',
      riskLevel: 'low',
      factors: [],
      openCaseId: null,
      asOf: '2026-03-01T00:00:00.000+08:00',
      source: 'replay',
      policyVersion: '41-2024.1',
    });
    const during = await get(`/api/v1/households/${household.householdId}?asOf=2026-03-11T00:00:00%2B08:00`);
    expect(during).toMatchObject({ score: 80, category: 'sudden_hardship', openCaseId: household.caseId });
    // The replay at the assessment time agrees with the read model.
    const today = await get(`/api/v1/households/${household.householdId}`);
    const replayedToday = await get(
      `/api/v1/households/${household.householdId}?asOf=2026-11-20T12:00:00%2B08:00`,
    );
    expect({ ...replayedToday, source: 'read_model' }).toEqual(today);
  });

  it('reads an unencoded + in the offset, as a URL written by hand sends it', async () => {
    const body = await get(`/api/v1/households/${household.householdId}?asOf=2026-03-01T00:00:00+08:00`);
    expect(body).toMatchObject({ score: 0, asOf: '2026-03-01T00:00:00.000+08:00' });
  });

  it('cuts, with knownAt, the events the system recorded later', async () => {
    const beforeLateClaim = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A claim settled in February, sent only now: it counts by its business time...
    await ingestRecord(
      harness.store,
      'claims',
      aClaimRecord()
        .forHousehold(household.registration)
        .outpatient()
        .outOfPocket(3_000_000)
        .settledAt('2026-02-01T10:00:00+08:00')
        .build(),
    );
    harness.clock.set(new Date());
    const asOf = '2026-03-01T00:00:00%2B08:00';
    const now = await get(`/api/v1/households/${household.householdId}?asOf=${asOf}`);
    expect(now.score).toBe(30);
    expect(now.factors.map((factor) => factor.code)).toEqual(['medical_cost_high']);
    // ...but the office did not know it before it was recorded.
    const knownAt = encodeURIComponent(beforeLateClaim.toISOString());
    const then = await get(`/api/v1/households/${household.householdId}?asOf=${asOf}&knownAt=${knownAt}`);
    expect(then).toMatchObject({ score: 0, factors: [], knownAt: beforeLateClaim.toISOString() });
  });

  it('masks ID numbers for every reader and names for readers who do not act on the case', async () => {
    const officer = await get(`/api/v1/households/${household.householdId}`, USERS.countyOfficer);
    expect(officer.members.map((member) => member.name)).toEqual(['王建国', '李秀英', '王磊']);
    for (const member of officer.members) expect(member.idNumber).toMatch(/^410423\*{8}[0-9X]{4}$/);

    for (const reader of [USERS.provinceStaff, USERS.admin]) {
      const body = await get(`/api/v1/households/${household.householdId}`, reader);
      expect(body.members.map((member) => member.name)).toEqual(['王*国', '李*英', '王*']);
      expect(JSON.stringify(body)).not.toMatch(/王建国|李秀英|王磊/);
      for (const member of body.members) expect(member.idNumber).toMatch(/^410423\*{8}[0-9X]{4}$/);
    }
    const countyStaff = await get(`/api/v1/households/${household.householdId}`, USERS.provinceStaffOfCounty);
    expect(countyStaff.members[0].name).toBe('王建国');
  });

  it('answers 404 for a household of another county and for one that does not exist', async () => {
    for (const path of [
      `/api/v1/households/${neighbour.householdId}`,
      `/api/v1/households/${neighbour.householdId}?asOf=2026-03-11T00:00:00%2B08:00`,
      '/api/v1/households/H-NO-SUCH-HOUSEHOLD',
      '/api/v1/households/%20not%20an%20id',
    ]) {
      const body = await get(path, USERS.countyOfficer, 404);
      expect(body).toMatchObject({ statusCode: 404, code: 'household_not_found' });
      expect(JSON.stringify(body)).not.toContain('410425');
    }
    expect((await get(`/api/v1/households/${neighbour.householdId}`, USERS.otherCountyOfficer)).score).toBe(
      80,
    );
  });

  it('answers 404 as of a time before the household was registered', async () => {
    await get(
      `/api/v1/households/${household.householdId}?asOf=2023-12-01T00:00:00%2B08:00`,
      USERS.countyOfficer,
      404,
    );
  });

  it.each([
    ['asOf=2026-13-01T00:00:00%2B08:00', 'asOf', 'not a calendar date'],
    ['asOf=2026-03-01', 'asOf', 'without a time of day'],
    ['asOf=2026-03-01T00:00:00', 'asOf', 'no UTC offset'],
    ['asOf=yesterday', 'asOf', 'not an ISO 8601 date-time'],
    ['knownAt=2026-03-01T25:00:00Z', 'knownAt', 'out of range'],
    ['asOf=2027-01-01T00:00:00%2B08:00', 'asOf', 'should not be in the future'],
    ['as_of=2026-03-01T00:00:00Z', 'as_of', 'unknown field'],
  ])('refuses %s with a 400 on %s', async (query, field, message) => {
    const body = await get(`/api/v1/households/${household.householdId}?${query}`, USERS.countyOfficer, 400);
    expect(body.issues).toEqual([{ field, message: expect.stringContaining(message) }]);
  });

  describe('with other policy documents', () => {
    let other: ReportingTestApp;

    beforeAll(async () => {
      // Only Shaanxi's document: a Henan household has no policy to be replayed under.
      const shaanxiOnly = defaultPolicyDocuments.filter((document) => document.provinceCode === '61');
      other = await ReportingTestApp.start({
        label: 'reporting_household_policies',
        now: NOW,
        policies: shaanxiOnly,
      });
      const changed = await aHouseholdWhoseSituationChanged(other.store, 'H-LUSHAN-09');
      await new TestProjection(other.dataSource, other.store).household(changed.householdId, NOW);
    });

    afterAll(async () => {
      await other.close();
    });

    it('replays under the documents the module was given', async () => {
      const response = await other
        .get('/api/v1/households/H-LUSHAN-09?asOf=2026-03-11T00:00:00%2B08:00', USERS.countyOfficer)
        .expect(400);
      expect(response.body.issues).toEqual([
        { field: 'asOf', message: 'no monitoring policy for province 41 was in force at that time' },
      ]);
      await other.get('/api/v1/households/H-LUSHAN-09', USERS.countyOfficer).expect(200);
    });
  });
});
