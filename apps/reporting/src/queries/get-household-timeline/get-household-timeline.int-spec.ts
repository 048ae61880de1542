import { aClaimRecord } from '@monitoring/domain/testing/source-records.builder';
import {
  aHouseholdWhoseSituationChanged,
  ingestRecord,
  type ChangedHousehold,
} from '../../testing/household-scenario';
import { ReportingTestApp, USERS } from '../../testing/reporting-test-app';
import { TestProjection } from '../../testing/test-projection';
import type { HouseholdTimelineDto } from './get-household-timeline.response.dto';

const NOW = '2026-11-20T12:00:00+08:00';

describe('GET /api/v1/households/{id}/timeline', () => {
  let harness: ReportingTestApp;
  let household: ChangedHousehold;
  let neighbour: ChangedHousehold;
  let lateClaimEventId: string;

  const timeline = async (householdId: string, user = USERS.countyOfficer) =>
    (await harness.get(`/api/v1/households/${householdId}/timeline`, user).expect(200))
      .body as HouseholdTimelineDto;

  beforeAll(async () => {
    harness = await ReportingTestApp.start({ label: 'reporting_timeline', now: NOW });
    const projection = new TestProjection(harness.dataSource, harness.store);
    household = await aHouseholdWhoseSituationChanged(harness.store, 'H-LUSHAN-02');
    neighbour = await aHouseholdWhoseSituationChanged(harness.store, 'H-NEIGHBOUR-02', '410425100201');
    // Recorded last, but settled in February: it belongs before the March bill.
    lateClaimEventId = (
      await ingestRecord(
        harness.store,
        'claims',
        aClaimRecord()
          .forHousehold(household.registration)
          .outpatient()
          .diagnosedWith('E11.9')
          .outOfPocket(1_420_000)
          .settledAt('2026-02-01T10:00:00+08:00')
          .build(),
      )
    ).eventId;
    await projection.household(household.householdId, NOW);
    await projection.household(neighbour.householdId, NOW);
  });

  afterAll(async () => {
    await harness.close();
  });

  it('lists every household and case event in business-time order, each with a summary in both languages', async () => {
    const body = await timeline(household.householdId);
    expect(body.householdId).toBe(household.householdId);
    expect(body.items.map((item) => item.type)).toEqual([
      'HouseholdRegistered',
      'IncomeAssessed',
      'ClaimSettled',
      'ClaimSettled',
      'CaseOpened',
      'VerificationRecorded',
      'AssistanceRecorded',
    ]);
    const occurred = body.items.map((item) => Date.parse(item.occurredAt));
    expect([...occurred].sort((a, b) => a - b)).toEqual(occurred);

    const late = body.items[2];
    expect(late).toMatchObject({
      eventId: lateClaimEventId,
      stream: 'household',
      caseId: null,
      source: 'medical_insurance',
      actor: null,
      summary: 'Claim settled: outpatient, out-of-pocket 14,200 yuan',
      summaryZh: '医保结算：门诊，个人自付 14,200 元',
    });
    // Recorded after everything else, though it happened before most of it.
    expect(Math.max(...body.items.map((item) => Date.parse(item.recordedAt)))).toBe(
      Date.parse(late.recordedAt),
    );

    const visit = body.items[5];
    expect(visit).toMatchObject({
      stream: 'case',
      caseId: household.caseId,
      source: 'monitor',
      actor: 'county-officer-li',
      summary: 'Home visit on 2026-03-12: risk confirmed, sudden severe hardship',
    });
  });

  it('shows the county officer names and diagnoses, never a full ID number or birth date', async () => {
    const body = await timeline(household.householdId, USERS.countyOfficer);
    const registration = body.items[0].details as { members: Record<string, unknown>[] };
    expect(registration.members.map((member) => member.name)).toEqual(['王建国', '李秀英', '王磊']);
    for (const member of registration.members) {
      expect(member.idNumber).toMatch(/^410423\*{8}[0-9X]{4}$/);
      expect(member).not.toHaveProperty('birthDate');
    }
    expect(body.items[3].details).toMatchObject({
      diagnosisCode: 'C34.1',
      diagnosisClass: { code: 'C00-D48', name: 'neoplasms', nameZh: '肿瘤' },
    });
    expect(body.items[6].summaryZh).toContain('王建国');
  });

  it('shows province staff without a county masked names and only the disease class', async () => {
    for (const reader of [USERS.provinceStaff, USERS.admin]) {
      const body = await timeline(household.householdId, reader);
      const text = JSON.stringify(body);
      expect(text).not.toMatch(/王建国|李秀英|王磊/);
      expect(text).not.toContain('C34.1');
      expect(text).not.toContain('E11.9');
      expect(body.items[3].details).toMatchObject({ diagnosisClass: { code: 'C00-D48' } });
      expect(body.items[3].details).not.toHaveProperty('diagnosisCode');
      expect(body.items[5].details).toMatchObject({ notes: '王*国 in hospital, bills seen at the visit' });
      expect(body.items[6].summary).toBe(
        'Assistance recorded: medical, 5,000 yuan (medical assistance for 王*国)',
      );
    }
  });

  it('gives province staff who hold the county names, but not diagnosis codes', async () => {
    const body = await timeline(household.householdId, USERS.provinceStaffOfCounty);
    expect(JSON.stringify(body)).toContain('王建国');
    expect(body.items[3].details).not.toHaveProperty('diagnosisCode');
  });

  it('answers 404 for another county’s household and for an unknown one', async () => {
    for (const id of [neighbour.householdId, 'H-NO-SUCH-HOUSEHOLD']) {
      const response = await harness
        .get(`/api/v1/households/${id}/timeline`, USERS.countyOfficer)
        .expect(404);
      expect(response.body).toMatchObject({ code: 'household_not_found' });
    }
    await harness
      .get(
        `/api/v1/households/${household.householdId}/timeline?asOf=2026-01-01T00:00:00Z`,
        USERS.countyOfficer,
      )
      .expect(400);
  });
});
