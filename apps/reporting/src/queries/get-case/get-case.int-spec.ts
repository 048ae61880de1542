import { aHouseholdWhoseSituationChanged, type ChangedHousehold } from '../../testing/household-scenario';
import { ReportingTestApp, USERS } from '../../testing/reporting-test-app';
import { TestProjection } from '../../testing/test-projection';
import type { CaseDetailDto } from './get-case.response.dto';

const NOW = '2026-11-20T12:00:00+08:00';

describe('GET /api/v1/cases/{id}', () => {
  let harness: ReportingTestApp;
  let household: ChangedHousehold;
  let neighbour: ChangedHousehold;

  beforeAll(async () => {
    harness = await ReportingTestApp.start({ label: 'reporting_case', now: NOW });
    const projection = new TestProjection(harness.dataSource, harness.store);
    household = await aHouseholdWhoseSituationChanged(harness.store, 'H-LUSHAN-03');
    neighbour = await aHouseholdWhoseSituationChanged(harness.store, 'H-NEIGHBOUR-03', '410425100201');
    await projection.household(household.householdId, NOW);
    await projection.household(neighbour.householdId, NOW);
  });

  afterAll(async () => {
    await harness.close();
  });

  it('answers the case with its record and every event of its stream', async () => {
    const body = (await harness.get(`/api/v1/cases/${household.caseId}`, USERS.countyOfficer).expect(200))
      .body as CaseDetailDto;
    expect(body).toMatchObject({
      caseId: household.caseId,
      householdId: household.householdId,
      regionCode: '410423203201',
      category: 'sudden_hardship',
      stage: 'assisting',
      score: 60,
      riskLevel: 'high',
      openedAt: '2026-03-10T12:00:00.000+08:00',
      verificationDueAt: '2026-03-17T12:00:00.000+08:00',
      assistanceDueAt: '2026-04-09T12:00:00.000+08:00',
      overdue: false,
      escalationLevel: 'none',
      verifiedAt: '2026-03-12T15:00:00.000+08:00',
      verificationOutcome: 'confirmed',
      firstAssistanceAt: '2026-03-20T10:00:00.000+08:00',
      assistanceCount: 1,
      verificationMissedAt: null,
      closedAt: null,
    });
    expect(body.history.map((entry) => [entry.type, entry.actor, entry.occurredAt])).toEqual([
      ['CaseOpened', null, '2026-03-10T12:00:00.000+08:00'],
      ['VerificationRecorded', 'county-officer-li', '2026-03-12T15:00:00.000+08:00'],
      ['AssistanceRecorded', 'county-officer-li', '2026-03-20T10:00:00.000+08:00'],
    ]);
    for (const entry of body.history) {
      expect(entry.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
      expect(entry.summary.length).toBeGreaterThan(0);
      expect(entry.summaryZh.length).toBeGreaterThan(0);
    }
    expect(body.history[0].summaryZh).toBe(
      '预警立案：突发严重困难户，风险评分 60（高）；2026-03-17前入户核实，2026-04-09前落实帮扶',
    );
  });

  it('masks members named in officers’ notes for readers who do not act on the case', async () => {
    const body = (await harness.get(`/api/v1/cases/${household.caseId}`, USERS.provinceStaff).expect(200))
      .body as CaseDetailDto;
    expect(JSON.stringify(body)).not.toContain('王建国');
    expect(body.history[1].details).toMatchObject({ notes: '王*国 in hospital, bills seen at the visit' });
  });

  it('answers 404 for another county’s case, an unknown case and a malformed id', async () => {
    for (const id of [neighbour.caseId, '00000000-0000-5000-8000-000000000000', 'not-a-case-id']) {
      const response = await harness.get(`/api/v1/cases/${id}`, USERS.countyOfficer).expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, code: 'case_not_found' });
    }
    await harness.get(`/api/v1/cases/${neighbour.caseId}`, USERS.otherCountyOfficer).expect(200);
  });
});
