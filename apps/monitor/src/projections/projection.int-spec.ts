import { EventBus } from '@nestjs/cqrs';
import {
  assessRisk,
  caseIdFor,
  defaultPolicyDocuments,
  foldHousehold,
  formatInstant,
  householdStreamId,
  policyFor,
  upcastHouseholdEvent,
} from '@monitoring/domain';
import {
  aClaim,
  aClaimReversal,
  aHousehold,
  anIncomeAssessment,
  type HouseholdBuilder,
} from '@monitoring/domain/testing/household-events.builder';
import type { RecordedEvent } from '@monitoring/event-store';
import { CaseEventsProjected } from '../cases/case-events-projected.event';
import { ProjectionHarness } from './testing/projection.harness';

const DAY_MS = 86_400_000;
const BEIJING = 480;
/** Business times are set relative to the real time of the run: the store stamps appends with it. */
const startedAt = Date.now();
const daysAgo = (days: number): string => formatInstant(startedAt - days * DAY_MS, BEIJING);

/** A household of three with 30,000 yuan net income a year (formerly poor by default): stable until a large bill. */
const householdAtRisk = (householdId: string, formerlyPoor = true) => {
  const household = aHousehold().withId(householdId).withMembers(3);
  if (formerlyPoor) household.formerlyPoor();
  const income = anIncomeAssessment()
    .forHousehold(household)
    .forYear(2025)
    .netIncomeYuan(30_000)
    .on(daysAgo(200));
  return { household, events: [household.build(), income.build()] };
};

const bill = (household: HouseholdBuilder, yuan: number, settledDaysAgo: number) =>
  aClaim().forHousehold(household).outOfPocketYuan(yuan).settledOn(daysAgo(settledDaysAgo));

describe('monitor projection: household risk and cases from the log', () => {
  let harness: ProjectionHarness;

  beforeAll(async () => {
    harness = await ProjectionHarness.start({ label: 'projection' });
  });

  afterAll(async () => {
    await harness.close();
  });

  /** The domain's assessment of the household's stored events, as of its last event (max of business and append time). */
  const domainAssessment = async (householdId: string, monitored = false) => {
    const stored = await harness.store.readStream(householdStreamId(householdId));
    const events = stored.map((event) => upcastHouseholdEvent(event));
    const last = stored[stored.length - 1];
    const asOfMs = Math.max(Date.parse(last.metadata.occurredAt), last.recordedAt.getTime());
    const region = events.find((event) => event.type === 'HouseholdRegistered')!.data as {
      regionCode: string;
    };
    const policy = policyFor(region.regionCode, formatInstant(asOfMs), defaultPolicyDocuments);
    const asOf = formatInstant(asOfMs, BEIJING);
    return assessRisk(foldHousehold(events), policy, asOf, { monitored });
  };

  it("writes the domain's assessment of the household's events to household_risk", async () => {
    const { household, events } = householdAtRisk('H410423000101');
    await harness.append(...events, bill(household, 9_000, 40).build());
    await harness.caughtUp();

    const expected = await domainAssessment(household.householdId);
    const row = await harness.risk(household.householdId);
    expect(row).toMatchObject({
      region_code: household.regionCode,
      category: expected.category,
      score: expected.score,
      risk_level: expected.riskLevel,
      alert: expected.alert,
      factors: expected.factors,
      policy_version: expected.policyVersion,
      guarantee_gaps: expected.figures.guaranteeGaps,
      recent_shock: expected.figures.recentShock,
      formerly_poor: true,
      monitored: false,
      member_count: expected.figures.memberCount,
      open_case_id: expected.alert ? caseIdFor(household.householdId, 1) : null,
    });
    expect(Number(row!.household_net_income_fen)).toBe(expected.figures.householdNetIncomeFen);
    expect(Number(row!.per_capita_income_after_rigid_fen)).toBe(
      expected.figures.perCapitaIncomeAfterRigidFen,
    );
    expect(Number(row!.out_of_pocket_in_window_fen)).toBe(expected.figures.outOfPocketInWindowFen);
    expect(Number(row!.medical_threshold_fen)).toBe(expected.figures.medicalThresholdFen);
    expect(Number(row!.monitoring_standard_fen)).toBe(expected.figures.monitoringStandardFen);
    expect((row!.assessed_at as Date).toISOString()).toBe(new Date(expected.asOf).toISOString());
    expect(expected.factors.length).toBeGreaterThan(0);
  });

  it('opens one case when the score crosses the threshold and updates it, never a second one, on later events', async () => {
    const { household, events } = householdAtRisk('H410423000102');
    await harness.append(...events);
    await harness.caughtUp();
    expect((await harness.risk(household.householdId))!.alert).toBe(false);
    expect(await harness.cases(household.householdId)).toEqual([]);

    await harness.append(bill(household, 14_200, 30).build());
    await harness.caughtUp();
    const crossed = await harness.risk(household.householdId);
    const [opened] = await harness.cases(household.householdId);
    expect(crossed!.alert).toBe(true);
    expect(opened).toMatchObject({
      case_id: caseIdFor(household.householdId, 1),
      stage: 'open',
      score: crossed!.score,
      category: crossed!.category,
      stream_version: 1,
    });
    expect(crossed!.open_case_id).toBe(opened.case_id);
    // Deadlines count from the assessment time (the claim's append), never from the wall clock.
    expect((opened.opened_at as Date).getTime()).toBe((crossed!.assessed_at as Date).getTime());
    expect((opened.verification_due_at as Date).getTime()).toBe(
      (crossed!.assessed_at as Date).getTime() + 7 * DAY_MS,
    );
    expect(opened.next_deadline_check_at).toEqual(opened.verification_due_at);

    await harness.append(bill(household, 30_000, 10).build());
    await harness.caughtUp();
    const worse = await harness.risk(household.householdId);
    const cases = await harness.cases(household.householdId);
    expect(cases).toHaveLength(1);
    expect(worse!.score).toBeGreaterThan(crossed!.score as number);
    expect(cases[0]).toMatchObject({
      case_id: opened.case_id,
      stage: 'open',
      score: worse!.score,
      stream_version: 2,
    });
    expect(await harness.countEvents('CaseOpened')).toBe(
      (await harness.query(`SELECT 1 FROM monitoring_case`)).length,
    );
  });

  it('lowers the risk when a claim is reversed and records the lower risk on the open case', async () => {
    const { household, events } = householdAtRisk('H410423000103');
    const claim = bill(household, 14_200, 30);
    await harness.append(...events, claim.build());
    await harness.caughtUp();
    const before = await harness.risk(household.householdId);
    expect(before!.alert).toBe(true);

    await harness.append(aClaimReversal(claim).on(daysAgo(5)).build());
    await harness.caughtUp();
    const after = await harness.risk(household.householdId);
    const expected = await domainAssessment(household.householdId);
    expect(after!.score).toBe(expected.score);
    expect(after!.score).toBeLessThan(before!.score as number);
    expect(after!.alert).toBe(false);
    const [openCase] = await harness.cases(household.householdId);
    // The case stays open (only an officer closes it) and shows the household back below the threshold.
    expect(openCase).toMatchObject({ stage: 'open', score: after!.score, stream_version: 2 });
    expect(after!.open_case_id).toBe(openCase.case_id);
  });

  it("follows an officer's verification from the log: a confirmed case makes the household monitored", async () => {
    const { household, events } = householdAtRisk('H410423000104', false);
    await harness.append(...events, bill(household, 25_000, 20).build());
    await harness.caughtUp();
    const caseId = caseIdFor(household.householdId, 1);
    const [opened] = await harness.cases(household.householdId);
    expect(opened.stage).toBe('open');

    await harness.recordVerification(caseId, 'confirmed', new Date());
    await harness.caughtUp();
    const [verified] = await harness.cases(household.householdId);
    const risk = await harness.risk(household.householdId);
    expect(verified).toMatchObject({ case_id: caseId, stage: 'verified', verification_outcome: 'confirmed' });
    expect(verified.verified_at).not.toBeNull();
    // Re-assessed as monitored: the lower medical threshold of a confirmed case applies.
    expect(risk).toMatchObject({ monitored: true, open_case_id: caseId });
    const unmonitored = await domainAssessment(household.householdId, false);
    expect(Number(risk!.medical_threshold_fen)).toBeLessThan(unmonitored.figures.medicalThresholdFen);
    expect(risk!.score).toBe((await domainAssessment(household.householdId, true)).score);
    expect(verified.score).toBe(risk!.score);
    const [state] = await harness.query<{ latest_case_id: string; latest_case_state: { stage: string } }>(
      `SELECT latest_case_id, latest_case_state FROM household_projection_state WHERE household_id = $1`,
      [household.householdId],
    );
    expect(state).toMatchObject({ latest_case_id: caseId, latest_case_state: { stage: 'verified' } });
  });

  it('opens a second case only when the household crosses the threshold again after its case was dismissed', async () => {
    const { household, events } = householdAtRisk('H410423000105');
    const first = bill(household, 14_200, 60);
    await harness.append(...events, first.build());
    await harness.caughtUp();
    const firstCase = caseIdFor(household.householdId, 1);
    await harness.recordVerification(firstCase, 'dismissed', new Date());
    await harness.caughtUp();
    expect((await harness.risk(household.householdId))!.open_case_id).toBeNull();

    // Still above the threshold: no new crossing, no new case.
    await harness.append(bill(household, 1_000, 50).build());
    await harness.caughtUp();
    expect(await harness.cases(household.householdId)).toHaveLength(1);

    // Back below, then above again: a new crossing opens the household's second case.
    await harness.append(aClaimReversal(first).on(daysAgo(40)).build());
    await harness.caughtUp();
    expect((await harness.risk(household.householdId))!.alert).toBe(false);
    await harness.append(bill(household, 15_000, 30).build());
    await harness.caughtUp();
    const cases = await harness.cases(household.householdId);
    expect(cases.map((row) => [row.case_id, row.stage])).toEqual([
      [firstCase, 'dismissed'],
      [caseIdFor(household.householdId, 2), 'open'],
    ]);
    expect((await harness.risk(household.householdId))!.open_case_id).toBe(
      caseIdFor(household.householdId, 2),
    );
  });

  it('lowers the score at the daily re-assessment once a claim ages out of the window, with no new event', async () => {
    const { household, events } = householdAtRisk('H410423000106');
    await harness.append(...events, bill(household, 14_200, 355).build());
    await harness.caughtUp();
    const before = await harness.risk(household.householdId);
    expect(before!.alert).toBe(true);
    const edge = before!.next_reassessment_at as Date;
    expect(edge.getTime()).toBeLessThanOrEqual(startedAt + 10 * DAY_MS);
    const eventsBefore = await harness.countEvents();

    const result = await harness.reassessment.reassessDue(new Date(edge.getTime() + DAY_MS));
    const after = await harness.risk(household.householdId);
    expect(result.households).toBeGreaterThanOrEqual(1);
    expect(result.appended).toBeGreaterThanOrEqual(1);
    expect(after!.score).toBeLessThan(before!.score as number);
    expect((after!.next_reassessment_at as Date | null)?.getTime() ?? Infinity).toBeGreaterThan(
      edge.getTime() + DAY_MS,
    );
    // The open case records the lower risk, caused by the re-assessment.
    const [updated] = await harness.query<{ metadata: { causationId: string } }>(
      `SELECT metadata FROM events WHERE stream_id = $1 AND type = 'CaseRiskUpdated'`,
      [`case-${caseIdFor(household.householdId, 1)}`],
    );
    expect(updated.metadata.causationId).toMatch(new RegExp(`^reassessment:${household.householdId}:`));
    await harness.caughtUp();
    expect((await harness.cases(household.householdId))[0]).toMatchObject({ score: after!.score });

    // Run again at the same time: nothing is due, nothing appended.
    const again = await harness.reassessment.reassessDue(new Date(edge.getTime() + DAY_MS));
    expect(again).toEqual({ households: 0, appended: 0 });
    expect(await harness.countEvents()).toBe(eventsBefore + result.appended);
  });

  it('publishes the case events of each committed batch on the EventBus', async () => {
    const published: RecordedEvent[] = [];
    const subscription = harness.app.get(EventBus).subscribe((event) => {
      if (event instanceof CaseEventsProjected) published.push(...event.events);
    });
    try {
      const { household, events } = householdAtRisk('H410423000107');
      await harness.append(...events, bill(household, 14_200, 30).build());
      await harness.caughtUp();
      const caseId = caseIdFor(household.householdId, 1);
      expect(
        published.filter((event) => event.streamId === `case-${caseId}`).map((event) => event.type),
      ).toEqual(['CaseOpened']);
    } finally {
      subscription.unsubscribe();
    }
  });
});
