import { CaseWriter } from '../testing/case-writer';
import { ReportingTestApp, USERS } from '../testing/reporting-test-app';
import { TestProjection } from '../testing/test-projection';
import type { RegionFiguresDto, RegionStatsDto } from './region-stats.response.dto';

const NOW = '2026-11-20T12:00:00+08:00';
const PERIOD = 'from=2026-10-01T00:00:00%2B08:00&to=2026-11-15T00:00:00%2B08:00';
const at = (date: string) => `${date}T09:00:00.000+08:00`;

/**
 * Each case with what happened to it and, worked out by hand for the period [10-01, 11-15) and now
 * (11-20 12:00), how it counts. Deadlines: verification 7 days, assistance 30 days after opening.
 */
interface CaseSpec {
  name: string;
  regionCode: string;
  openedOn: string;
  history: (cases: CaseWriter, caseId: string) => Promise<void>;
  stage: string;
  verificationDue: boolean;
  verifiedInTime: boolean;
  assistanceDue: boolean;
  assistedInTime: boolean;
  overdueNow: boolean;
  escalated: 'city' | 'province' | null;
  openedInPeriod: boolean;
}

const CASES: CaseSpec[] = [
  {
    // verify due 10-08, assist due 10-31: both met.
    name: 'c1',
    regionCode: '410423203201',
    openedOn: '2026-10-01',
    history: async (cases, id) => {
      await cases.verify(id, at('2026-10-03'));
      await cases.assist(id, at('2026-10-20'));
    },
    stage: 'assisting',
    verificationDue: true,
    verifiedInTime: true,
    assistanceDue: true,
    assistedInTime: true,
    overdueNow: false,
    escalated: null,
    openedInPeriod: true,
  },
  {
    // verify due 10-12 missed, verified 10-14; assist due 11-04 missed; escalated to the city on 11-11.
    name: 'c2',
    regionCode: '410423203202',
    openedOn: '2026-10-05',
    history: async (cases, id) => {
      await cases.recordMissed(id, 'verification', at('2026-10-12'));
      await cases.verify(id, at('2026-10-14'));
      await cases.escalate(id, 'city', at('2026-11-11'));
    },
    stage: 'verified',
    verificationDue: true,
    verifiedInTime: false,
    assistanceDue: true,
    assistedInTime: false,
    overdueNow: true,
    escalated: 'city',
    openedInPeriod: true,
  },
  {
    // dismissed at a visit in time; a dismissed case needs no assistance.
    name: 'c3',
    regionCode: '410423100201',
    openedOn: '2026-10-10',
    history: (cases, id) => cases.verify(id, at('2026-10-12'), 'dismissed', 'income recovered'),
    stage: 'dismissed',
    verificationDue: true,
    verifiedInTime: true,
    assistanceDue: false,
    assistedInTime: false,
    overdueNow: false,
    escalated: null,
    openedInPeriod: true,
  },
  {
    // verify due 11-17: after the period, and overdue now.
    name: 'c4',
    regionCode: '410423100202',
    openedOn: '2026-11-10',
    history: async () => undefined,
    stage: 'open',
    verificationDue: false,
    verifiedInTime: false,
    assistanceDue: false,
    assistedInTime: false,
    overdueNow: true,
    escalated: null,
    openedInPeriod: true,
  },
  {
    // opened before the period; its assistance fell due on 10-01 09:00, met.
    name: 'c5',
    regionCode: '410423100203',
    openedOn: '2026-09-01',
    history: async (cases, id) => {
      await cases.verify(id, at('2026-09-02'));
      await cases.assist(id, at('2026-09-25'));
    },
    stage: 'assisting',
    verificationDue: false,
    verifiedInTime: false,
    assistanceDue: true,
    assistedInTime: true,
    overdueNow: false,
    escalated: null,
    openedInPeriod: false,
  },
  {
    // never visited: verify due 10-09 and assist due 11-01 both missed; city on 10-16, province on 10-23.
    name: 'c6',
    regionCode: '410425100201',
    openedOn: '2026-10-02',
    history: async (cases, id) => {
      await cases.escalate(id, 'city', at('2026-10-16'));
      await cases.escalate(id, 'province', at('2026-10-23'));
    },
    stage: 'open',
    verificationDue: true,
    verifiedInTime: false,
    assistanceDue: true,
    assistedInTime: false,
    overdueNow: true,
    escalated: 'province',
    openedInPeriod: true,
  },
  {
    // Zhengzhou (4101): everything in time.
    name: 'c7',
    regionCode: '410102001001',
    openedOn: '2026-10-15',
    history: async (cases, id) => {
      await cases.verify(id, at('2026-10-16'));
      await cases.assist(id, at('2026-10-17'));
    },
    stage: 'assisting',
    verificationDue: true,
    verifiedInTime: true,
    assistanceDue: true,
    assistedInTime: true,
    overdueNow: false,
    escalated: null,
    openedInPeriod: true,
  },
  {
    // Shaanxi: never counted for Henan.
    name: 's1',
    regionCode: '610102001001',
    openedOn: '2026-10-15',
    history: async () => undefined,
    stage: 'open',
    verificationDue: true,
    verifiedInTime: false,
    assistanceDue: true,
    assistedInTime: false,
    overdueNow: true,
    escalated: null,
    openedInPeriod: true,
  },
];

/** `household_risk` rows by area: [category, risk level, how many]. */
const HOUSEHOLDS: [string, string, string, number][] = [
  ['410423203201', 'sudden_hardship', 'high', 2],
  ['410423203201', 'none', 'low', 3],
  ['410423100201', 'unstable', 'high', 1],
  ['410423100201', 'marginal', 'medium', 1],
  ['410425100201', 'marginal', 'high', 1],
  ['410425100201', 'none', 'medium', 1],
  ['410102001001', 'none', 'low', 1],
  ['610102001001', 'unstable', 'high', 1],
];

/** The figures of an area, counted from the tables above. */
function handCount(prefix: string): Omit<RegionFiguresDto, 'regionCode'> {
  const cases = CASES.filter((spec) => spec.regionCode.startsWith(prefix));
  const households = HOUSEHOLDS.filter(([region]) => region.startsWith(prefix));
  const sum = (rows: typeof households) => rows.reduce((total, [, , , count]) => total + count, 0);
  const count = (test: (spec: CaseSpec) => boolean) => cases.filter(test).length;
  const share = (met: number, due: number) => (due === 0 ? null : Math.round((met / due) * 10_000) / 10_000);
  const categories = ['unstable', 'marginal', 'sudden_hardship', 'none'];
  const levels = ['low', 'medium', 'high'];
  const stages = ['open', 'verified', 'assisting', 'long_term_follow_up', 'risk_eliminated', 'dismissed'];
  const vDue = count((spec) => spec.verificationDue);
  const vMet = count((spec) => spec.verificationDue && spec.verifiedInTime);
  const aDue = count((spec) => spec.assistanceDue);
  const aMet = count((spec) => spec.assistanceDue && spec.assistedInTime);
  return {
    households: {
      total: sum(households),
      byCategory: Object.fromEntries(
        categories.map((c) => [c, sum(households.filter((row) => row[1] === c))]),
      ),
      byRiskLevel: Object.fromEntries(levels.map((l) => [l, sum(households.filter((row) => row[2] === l))])),
      byCategoryAndRiskLevel: Object.fromEntries(
        categories.map((c) => [
          c,
          Object.fromEntries(
            levels.map((l) => [l, sum(households.filter((row) => row[1] === c && row[2] === l))]),
          ),
        ]),
      ),
    },
    cases: {
      total: cases.length,
      byStage: Object.fromEntries(stages.map((stage) => [stage, count((spec) => spec.stage === stage)])),
      openedInPeriod: count((spec) => spec.openedInPeriod),
    },
    deadlines: {
      verification: { due: vDue, metInTime: vMet, share: share(vMet, vDue) },
      assistance: { due: aDue, metInTime: aMet, share: share(aMet, aDue) },
      overdueNow: count((spec) => spec.overdueNow),
      escalated: {
        city: count((spec) => spec.escalated === 'city'),
        province: count((spec) => spec.escalated === 'province'),
      },
    },
  };
}

describe('GET /api/v1/stats/regions/{regionCode}', () => {
  let harness: ReportingTestApp;

  const stats = async (path: string, user = USERS.provinceStaff) =>
    (await harness.get(`/api/v1/stats/regions/${path}`, user).expect(200)).body as RegionStatsDto;

  beforeAll(async () => {
    harness = await ReportingTestApp.start({ label: 'reporting_stats', now: NOW });
    const cases = new CaseWriter(harness.store);
    const projection = new TestProjection(harness.dataSource, harness.store);
    for (const spec of CASES) {
      const caseId = await cases.open({
        householdId: `H-${spec.name}`,
        regionCode: spec.regionCode,
        openedAt: at(spec.openedOn),
      });
      await spec.history(cases, caseId);
      const state = await projection.case(caseId);
      expect(state?.stage).toBe(spec.stage);
    }
    let n = 0;
    for (const [regionCode, category, riskLevel, count] of HOUSEHOLDS) {
      for (let i = 0; i < count; i += 1) {
        n += 1;
        await harness.dataSource.query(
          `INSERT INTO household_risk (household_id, region_code, category, score, risk_level, alert, factors,
             policy_version, household_net_income_fen, per_capita_income_after_rigid_fen, out_of_pocket_in_window_fen,
             medical_threshold_fen, monitoring_standard_fen, guarantee_gaps, recent_shock, formerly_poor, monitored,
             member_count, open_case_id, assessed_at, next_reassessment_at, last_global_position, updated_at)
           VALUES ($1, $2, $3, $4, $5, $4 >= 50, '[]', '41-2024.1', 3000000, 1000000, 0, 2445600, 830000, '{}',
             false, false, false, 3, NULL, $6, NULL, 0, now())`,
          [
            `H-STATS-${n}`,
            regionCode,
            category,
            riskLevel === 'high' ? 60 : riskLevel === 'medium' ? 40 : 10,
            riskLevel,
            NOW,
          ],
        );
      }
    }
  });

  afterAll(async () => {
    await harness.close();
  });

  it('counts a province and each of its cities as a hand count does', async () => {
    const body = await stats(`41?${PERIOD}`);
    expect(body.period).toEqual({
      from: '2026-10-01T00:00:00.000+08:00',
      to: '2026-11-15T00:00:00.000+08:00',
    });
    expect(body.computedAt).toBe('2026-11-20T12:00:00.000+08:00');
    expect(body.region).toEqual({ regionCode: '41', ...handCount('41') });
    expect(body.children).toEqual([
      { regionCode: '4101', ...handCount('4101') },
      { regionCode: '4104', ...handCount('4104') },
    ]);
    // The same, spelt out for the province: 5 verification deadlines fell due, 3 were met.
    expect(body.region.deadlines.verification).toEqual({ due: 5, metInTime: 3, share: 0.6 });
    expect(body.region.deadlines.assistance).toEqual({ due: 5, metInTime: 3, share: 0.6 });
    expect(body.region.deadlines.overdueNow).toBe(3);
    expect(body.region.households.total).toBe(10);
  });

  it('breaks a city down by county and a county by township; a village has no children', async () => {
    const city = await stats(`4104?${PERIOD}`);
    expect(city.region).toEqual({ regionCode: '4104', ...handCount('4104') });
    expect(city.children.map((child) => child.regionCode)).toEqual(['410423', '410425']);
    expect(city.children[1]).toEqual({ regionCode: '410425', ...handCount('410425') });

    const county = await stats(`410423?${PERIOD}`, USERS.countyOfficer);
    expect(county.children).toEqual([
      { regionCode: '410423100', ...handCount('410423100') },
      { regionCode: '410423203', ...handCount('410423203') },
    ]);
    const village = await stats(`410423203201?${PERIOD}`, USERS.countyOfficer);
    expect(village.region).toEqual({ regionCode: '410423203201', ...handCount('410423203201') });
    expect(village.children).toEqual([]);
  });

  it('accepts zero-padded region codes and lets the bureau read statistics', async () => {
    const padded = await stats(`410000000000?${PERIOD}`, USERS.bureau);
    expect(padded.region).toEqual({ regionCode: '41', ...handCount('41') });
  });

  it('answers 404 for an area outside the reader’s region, broader or beside it', async () => {
    for (const region of ['410425', '4104', '41', '61']) {
      const response = await harness
        .get(`/api/v1/stats/regions/${region}?${PERIOD}`, USERS.countyOfficer)
        .expect(404);
      expect(response.body).toMatchObject({ code: 'region_not_found' });
    }
    await harness.get(`/api/v1/stats/regions/61?${PERIOD}`, USERS.bureau).expect(404);
  });

  it('refuses a malformed region or period with 400', async () => {
    const region = await harness.get('/api/v1/stats/regions/4', USERS.provinceStaff).expect(400);
    expect(region.body.issues).toEqual([
      { field: 'regionCode', message: expect.stringContaining('region code') },
    ]);
    const period = await harness
      .get(
        '/api/v1/stats/regions/41?from=2026-11-15T00:00:00%2B08:00&to=2026-10-01T00:00:00%2B08:00',
        USERS.provinceStaff,
      )
      .expect(400);
    expect(period.body.issues).toEqual([{ field: 'to', message: 'should be later than from' }]);
  });

  it('uses the 30 days before now as the default period', async () => {
    const body = await stats('41');
    expect(body.period).toEqual({
      from: '2026-10-21T12:00:00.000+08:00',
      to: '2026-11-20T12:00:00.000+08:00',
    });
  });
});
