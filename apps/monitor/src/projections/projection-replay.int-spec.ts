import { ProjectionHarness } from './testing/projection.harness';
import { playScenario } from './testing/projection.scenario';

describe('monitor projection: replays', () => {
  let harness: ProjectionHarness;

  beforeAll(async () => {
    harness = await ProjectionHarness.start({ label: 'projection_replay', batchSize: 5 });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('gives identical read models when the log is replayed from zero, and appends no case event again', async () => {
    const { households, expectedCases } = await playScenario(harness, 'H4104230R');
    const live = await harness.snapshot();
    const eventsLive = await harness.countEvents();
    expect(live.household_risk.map((row) => row.household_id)).toEqual(households);
    for (const [householdId, count] of expectedCases) {
      expect([householdId, (await harness.cases(householdId)).length]).toEqual([householdId, count]);
    }

    // Other batch boundaries, same answer: every assessment is at its event's time, every case id derived.
    await harness.replayFromZero(3);
    expect(await harness.snapshot()).toEqual(live);
    await harness.replayFromZero(500);
    expect(await harness.snapshot()).toEqual(live);
    expect(await harness.countEvents()).toBe(eventsLive);
  });
});

describe('monitor projection: a projector killed between the case append and the commit', () => {
  let harness: ProjectionHarness;
  const kills: number[] = [];

  beforeAll(async () => {
    harness = await ProjectionHarness.start({
      label: 'projection_kill',
      batchSize: 4,
      faults: {
        afterCaseAppends: ({ appended }) => {
          // Die once in each of the first two batches that appended case events.
          if (appended > 0 && kills.length < 2) {
            kills.push(appended);
            throw new Error('killed after appending case events, before committing the read models');
          }
        },
      },
    });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('resumes from its checkpoint to read models identical to an uninterrupted run, with no case opened twice', async () => {
    const { expectedCases } = await playScenario(harness, 'H4104230K');
    expect(kills).toHaveLength(2);
    const resumed = await harness.snapshot();
    for (const [householdId, count] of expectedCases) {
      expect([householdId, (await harness.cases(householdId)).length]).toEqual([householdId, count]);
    }
    const expectedTotal = [...expectedCases.values()].reduce((sum, count) => sum + count, 0);
    expect(await harness.countEvents('CaseOpened')).toBe(expectedTotal);

    await harness.replayFromZero(50);
    expect(await harness.snapshot()).toEqual(resumed);
  });
});
