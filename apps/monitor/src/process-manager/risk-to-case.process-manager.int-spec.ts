import { caseIdFor, caseStreamId, formatInstant } from '@monitoring/domain';
import { aClaim, aHousehold, anIncomeAssessment } from '@monitoring/domain/testing/household-events.builder';
import { ProjectionHarness } from '../projections/testing/projection.harness';

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => formatInstant(Date.now() - days * DAY_MS, 480);

/**
 * An officer records the verification of an open case after a new claim was appended and before the
 * projector has read either: the process manager's update, decided against the case as it knew it,
 * meets a stream that moved (WrongExpectedVersion), is decided again on the stored case and appended
 * once. With one event per batch the conflict shows at the batch's append; with larger batches the
 * projector reads the officer's event first and appends what it staged before folding it.
 */
describe.each([
  ['one event per batch', 1],
  ['both events in one batch', 50],
])('process manager: a case stream that moved under it (%s)', (_, batchSize) => {
  let harness: ProjectionHarness;

  beforeAll(async () => {
    harness = await ProjectionHarness.start({ label: `pm_conflict_${batchSize}`, batchSize });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('decides again on the stored case, appends its update once, and replays to the same read models', async () => {
    const household = aHousehold()
      .withId(`H41042300C${String(batchSize).padStart(3, '0')}`)
      .formerlyPoor()
      .withMembers(3);
    await harness.append(
      household.build(),
      anIncomeAssessment()
        .forHousehold(household)
        .forYear(2025)
        .netIncomeYuan(30_000)
        .on(daysAgo(200))
        .build(),
      aClaim().forHousehold(household).outOfPocketYuan(14_200).on(daysAgo(40)).build(),
    );
    await harness.caughtUp();
    const caseId = caseIdFor(household.householdId, 1);
    expect(await harness.store.streamVersion(caseStreamId(caseId))).toBe(1);

    await harness.projector.stop();
    const claim = aClaim().forHousehold(household).outOfPocketYuan(20_000).on(daysAgo(10)).build();
    await harness.append(claim);
    await harness.recordVerification(caseId, 'confirmed', new Date());
    harness.projector.start();
    await harness.caughtUp();

    const stream = await harness.store.readStream(caseStreamId(caseId));
    expect(stream.slice(0, 3).map((event) => event.type)).toEqual([
      'CaseOpened',
      'VerificationRecorded',
      'CaseRiskUpdated',
    ]);
    const updates = stream.filter((event) => event.metadata.causationId === claim.eventId);
    expect(updates.map((event) => event.type)).toEqual(['CaseRiskUpdated']);
    const [row] = await harness.cases(household.householdId);
    expect(row).toMatchObject({ case_id: caseId, stage: 'verified', stream_version: stream.length });
    // The confirmation in the log re-assessed the household as monitored.
    expect(await harness.risk(household.householdId)).toMatchObject({
      monitored: true,
      open_case_id: caseId,
    });

    const live = await harness.snapshot();
    const events = await harness.countEvents();
    await harness.replayFromZero(1);
    expect(await harness.snapshot()).toEqual(live);
    await harness.replayFromZero(100);
    expect(await harness.snapshot()).toEqual(live);
    expect(await harness.countEvents()).toBe(events);
  });
});
