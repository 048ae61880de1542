import { caseIdFor, formatInstant } from '@monitoring/domain';
import {
  aClaimRecord,
  aHouseholdRegistration,
  anIncomeAssessment,
} from '@monitoring/domain/testing/source-records.builder';
import { LiveProjector } from '../../monitor/src/projections/live.projector';
import type { CaseDetailDto } from './queries/get-case/get-case.response.dto';
import type { HouseholdTimelineDto } from './queries/get-household-timeline/get-household-timeline.response.dto';
import type { HouseholdRiskDto } from './queries/get-household/get-household.response.dto';
import type { CaseQueuePageDto } from './queries/list-cases/list-cases.response.dto';
import type { RegionStatsDto } from './stats/region-stats.response.dto';
import { ingestRecord } from './testing/household-scenario';
import { ReportingTestApp, USERS } from './testing/reporting-test-app';

const DAY_MS = 86_400_000;

/**
 * The reporting API on read models written by the monitor's own projector (and cases opened by its
 * process manager), not by the tests: the contract between the two contexts, end to end. Business
 * times are taken relative to the real clock, because the projector assesses each event at the later
 * of its business time and its append time.
 */
describe('reporting API on the monitor’s projector', () => {
  let harness: ReportingTestApp;
  const householdId = 'H-PROJECTED-01';
  const neighbourId = 'H-PROJECTED-02';
  const caseId = caseIdFor(householdId, 1);
  const neighbourCaseId = caseIdFor(neighbourId, 1);

  async function aHouseholdWithABigBill(id: string, regionCode: string, now: Date): Promise<void> {
    const beijing = (ms: number) => formatInstant(ms, 480);
    const registration = aHouseholdRegistration()
      .withHouseholdId(id)
      .inRegion(regionCode)
      .neverPoor()
      .withMembers(3)
      .occurredAt('2024-01-15T09:00:00+08:00');
    const incomeAt = now.getTime() - 60 * DAY_MS;
    const ingestNow = beijing(now.getTime());
    await ingestRecord(harness.store, 'registry', registration.build(), ingestNow);
    await ingestRecord(
      harness.store,
      'income',
      anIncomeAssessment()
        .forHousehold(registration)
        .forYear(new Date(incomeAt).getUTCFullYear() - 1)
        .netIncome(6_000_000, 3)
        .occurredAt(beijing(incomeAt))
        .build(),
      ingestNow,
    );
    await ingestRecord(
      harness.store,
      'claims',
      aClaimRecord()
        .forHousehold(registration)
        .inpatient()
        .outOfPocket(5_000_000)
        .settledAt(beijing(now.getTime() - 10 * DAY_MS))
        .build(),
      ingestNow,
    );
  }

  beforeAll(async () => {
    const now = new Date();
    harness = await ReportingTestApp.start({
      label: 'reporting_projector',
      now: now.toISOString(),
      withProjector: true,
    });
    await aHouseholdWithABigBill(householdId, '410423203201', now);
    await aHouseholdWithABigBill(neighbourId, '410425100201', now);
    // The process manager appends the openings to the log, and the projector then projects them too.
    const projector = harness.app.get(LiveProjector);
    for (let attempt = 0; ; attempt += 1) {
      await projector.waitUntilCaughtUp(30_000);
      const [{ cases }] = await harness.dataSource.query(
        `SELECT count(*)::int AS cases FROM monitoring_case`,
      );
      if (cases === 2) break;
      if (attempt > 100) throw new Error(`the monitor opened ${cases} cases, expected 2`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    harness.clock.set(new Date());
  });

  afterAll(async () => {
    await harness.close();
  });

  it('answers the projector’s assessment, and the same by replaying the events as of its time', async () => {
    const current = (await harness.get(`/api/v1/households/${householdId}`, USERS.countyOfficer).expect(200))
      .body as HouseholdRiskDto;
    expect(current).toMatchObject({
      householdId,
      source: 'read_model',
      score: 80,
      category: 'sudden_hardship',
      riskLevel: 'high',
      openCaseId: caseId,
    });
    expect(current.factors.map((factor) => factor.code).sort()).toEqual([
      'income_below_standard',
      'medical_cost_very_high',
    ]);
    const replayed = (
      await harness
        .get(
          `/api/v1/households/${householdId}?asOf=${encodeURIComponent(current.asOf)}`,
          USERS.countyOfficer,
        )
        .expect(200)
    ).body as HouseholdRiskDto;
    expect({ ...replayed, source: 'read_model' }).toEqual(current);
  });

  it('lists the case the monitor opened in the county officer’s queue only', async () => {
    const queue = (await harness.get('/api/v1/cases', USERS.countyOfficer).expect(200))
      .body as CaseQueuePageDto;
    expect(queue.total).toBe(1);
    expect(queue.items[0]).toMatchObject({
      caseId,
      householdId,
      stage: 'open',
      category: 'sudden_hardship',
      overdue: false,
    });
    expect(Date.parse(queue.items[0].verificationDueAt) - Date.parse(queue.items[0].openedAt)).toBe(
      7 * DAY_MS,
    );
    const province = (await harness.get('/api/v1/cases', USERS.provinceStaff).expect(200))
      .body as CaseQueuePageDto;
    expect(province.items.map((item) => item.caseId).sort()).toEqual([caseId, neighbourCaseId].sort());
    await harness.get(`/api/v1/cases/${neighbourCaseId}`, USERS.countyOfficer).expect(404);
  });

  it('shows the opening in the case history and in the household’s timeline', async () => {
    const detail = (await harness.get(`/api/v1/cases/${caseId}`, USERS.countyOfficer).expect(200))
      .body as CaseDetailDto;
    expect(detail.history.map((entry) => [entry.type, entry.source])).toEqual([['CaseOpened', 'monitor']]);
    const timeline = (
      await harness.get(`/api/v1/households/${householdId}/timeline`, USERS.countyOfficer).expect(200)
    ).body as HouseholdTimelineDto;
    expect(timeline.items.map((item) => item.type)).toEqual([
      'HouseholdRegistered',
      'IncomeAssessed',
      'ClaimSettled',
      'CaseOpened',
    ]);
  });

  it('counts the projected households and cases in the statistics', async () => {
    const stats = (await harness.get('/api/v1/stats/regions/4104', USERS.provinceStaff).expect(200))
      .body as RegionStatsDto;
    expect(stats.region.households).toMatchObject({ total: 2, byCategory: { sudden_hardship: 2 } });
    expect(stats.region.cases).toMatchObject({ total: 2, byStage: { open: 2 }, openedInPeriod: 2 });
    expect(stats.children.map((child) => [child.regionCode, child.cases.total])).toEqual([
      ['410423', 1],
      ['410425', 1],
    ]);
  });
});
