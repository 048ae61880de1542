import { caseEventId } from '@monitoring/domain';
import type { RecordedEvent } from '@monitoring/event-store';
import { bullConnection } from '@monitoring/platform';
import { TEST_REDIS_URL } from '@monitoring/testing';
import { Queue } from 'bullmq';
import { CASE_POLICY, CaseWorkflowHarness, COUNTY, eventually } from '../cases/testing/case-workflow.harness';
import { deadlineJobId, type DeadlineCheckpoint } from './deadline-checkpoints';
import {
  REASSESS_DUE_JOB,
  REASSESSMENT_QUEUE,
  SWEEP_SCHEDULER_ID,
  REASSESSMENT_SCHEDULER_ID,
} from './deadline-queues';
import { ReassessmentService } from '../process-manager/reassessment.service';

const DAY_MS = 86_400_000;
const SWEEP_EVERY_MS = 1_000;

/** Stands in for the projection's re-assessment service (another module's): records when it was asked. */
class RecordingReassessment implements Pick<ReassessmentService, 'reassessDue'> {
  readonly calls: Date[] = [];
  async reassessDue(now: Date | string): Promise<{ households: number; appended: number }> {
    this.calls.push(new Date(now));
    return { households: 0, appended: 0 };
  }
}

const ofType = (events: RecordedEvent[], type: string) => events.filter((event) => event.type === type);

// Jobs run on real (Redis) time: allow for a loaded machine.
jest.setTimeout(90_000);

describe('deadline jobs (BullMQ)', () => {
  const reassessment = new RecordingReassessment();
  let harness: CaseWorkflowHarness;
  let householdCounter = 0;

  beforeAll(async () => {
    harness = await CaseWorkflowHarness.start({
      label: 'deadline-jobs',
      workflow: { runWorkers: true, sweepEveryMs: SWEEP_EVERY_MS },
      providers: [{ provide: ReassessmentService, useValue: reassessment }],
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function openedCase(): Promise<{ caseId: string; verificationDueAt: string }> {
    householdCounter += 1;
    const caseId = await harness.openCase(`H${COUNTY}${String(householdCounter).padStart(6, '0')}`);
    const [opened] = await harness.caseEvents(caseId);
    return { caseId, verificationDueAt: (opened.data as { verificationDueAt: string }).verificationDueAt };
  }

  const at = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + plusMs);
  const jobState = async (checkpoint: DeadlineCheckpoint) =>
    (await harness.scheduler.queue.getJob(deadlineJobId(checkpoint)))?.getState();

  /** Waits until the case stream holds an event of this type, and returns those events. */
  const waitForEvents = (caseId: string, type: string) =>
    eventually(async () => {
      const found = ofType(await harness.caseEvents(caseId), type);
      return found.length > 0 ? found : undefined;
    });

  // Cases in these tests have no read-model row unless a test projects one, so the periodic sweep
  // (every second) cannot reach them: what they record, the delayed jobs recorded.

  it('records DeadlineMissed when the delayed job scheduled at the opening fires', async () => {
    const { caseId, verificationDueAt } = await openedCase();
    const verification: DeadlineCheckpoint = { caseId, kind: 'verification', at: verificationDueAt };
    // Due in 1.5 s on the clock: the job is added with that delay, then the clock passes the deadline.
    harness.clock.set(at(verificationDueAt, -1_500));

    await harness.publishProjected(caseId);
    expect(await eventually(() => jobState(verification))).toBe('delayed');
    harness.clock.advance(2_000);

    const missed = await waitForEvents(caseId, 'DeadlineMissed');
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({
      eventId: caseEventId(caseId, 'DeadlineMissed', 'verification', Date.parse(verificationDueAt)),
      data: { deadline: 'verification', dueAt: verificationDueAt },
    });
    expect(missed[0].metadata.actor).toBeUndefined();
  });

  it('schedules the escalation checks as further delayed jobs, which escalate to the city, then the province', async () => {
    const { caseId, verificationDueAt } = await openedCase();
    harness.clock.set(at(verificationDueAt, -300));
    await harness.publishProjected(caseId);
    harness.clock.advance(1_000);
    await waitForEvents(caseId, 'DeadlineMissed');

    const city: DeadlineCheckpoint = {
      caseId,
      kind: 'escalation-city',
      at: harness.timeAt(at(verificationDueAt, CASE_POLICY.escalateToCityAfterDays * DAY_MS)),
    };
    const province: DeadlineCheckpoint = {
      caseId,
      kind: 'escalation-province',
      at: harness.timeAt(at(verificationDueAt, CASE_POLICY.escalateToProvinceAfterDays * DAY_MS)),
    };
    expect(await eventually(() => jobState(city))).toBe('delayed');
    expect(await jobState(province)).toBe('delayed');

    // A week later on the clock: scheduling again re-times the waiting job to the clock.
    harness.clock.set(at(city.at, -300));
    await harness.scheduler.schedule([city]);
    harness.clock.advance(1_000);
    const [toCity] = await waitForEvents(caseId, 'CaseEscalated');
    expect(toCity.data).toMatchObject({ level: 'city', deadline: 'verification' });

    harness.clock.set(at(province.at, -300));
    await harness.scheduler.schedule([province]);
    harness.clock.advance(1_000);
    await eventually(async () => {
      const escalations = ofType(await harness.caseEvents(caseId), 'CaseEscalated');
      return escalations.length === 2 ? escalations : undefined;
    });
    expect(ofType(await harness.caseEvents(caseId), 'CaseEscalated').map((event) => event.data)).toEqual([
      expect.objectContaining({ level: 'city' }),
      expect.objectContaining({ level: 'province' }),
    ]);
  });

  it('records a deadline once when its job, a direct sweep and the periodic sweep all run', async () => {
    const cases = await Promise.all([1, 2, 3].map(() => openedCase()));
    for (const { caseId } of cases) await harness.project(caseId);
    harness.clock.set(at(cases[0].verificationDueAt, -100));
    for (const { caseId } of cases) await harness.publishProjected(caseId);
    const jobs = cases.map(({ caseId, verificationDueAt }) => ({
      caseId,
      kind: 'verification' as const,
      at: verificationDueAt,
    }));
    for (const job of jobs) await eventually(() => jobState(job));

    harness.clock.advance(1_000);
    const report = await harness.sweep.sweep(harness.clock.now());
    // Each job is removed once it has run to completion (a failed one would stay for inspection).
    for (const job of jobs)
      await eventually(async () => ((await jobState(job)) === undefined ? true : undefined));

    expect(report.failed).toBe(0);
    for (const { caseId } of cases) {
      expect(ofType(await harness.caseEvents(caseId), 'DeadlineMissed')).toHaveLength(1);
    }
  });

  it('lets the periodic sweep record a due deadline that has no job at all', async () => {
    const { caseId, verificationDueAt } = await openedCase();
    await harness.project(caseId);
    harness.clock.set(at(verificationDueAt, 60_000));

    const [missed] = await waitForEvents(caseId, 'DeadlineMissed');

    expect(missed.data).toMatchObject({ deadline: 'verification', dueAt: verificationDueAt });
  });

  it('registers the sweep and the daily re-assessment as repeatable jobs in the configured time zone', async () => {
    const reassessmentQueue = new Queue(REASSESSMENT_QUEUE, {
      connection: bullConnection(TEST_REDIS_URL),
      prefix: harness.redisPrefix,
    });
    try {
      // Registered in the background at start-up, so a process can start while Redis is down.
      const sweep = await eventually(
        async () => (await harness.scheduler.queue.getJobScheduler(SWEEP_SCHEDULER_ID)) ?? undefined,
      );
      const daily = await eventually(
        async () => (await reassessmentQueue.getJobScheduler(REASSESSMENT_SCHEDULER_ID)) ?? undefined,
      );
      expect(sweep).toMatchObject({ every: SWEEP_EVERY_MS });
      expect(daily).toMatchObject({ pattern: '5 0 * * *', tz: 'Asia/Shanghai' });
    } finally {
      await reassessmentQueue.close();
    }
  });

  it('runs the re-assessment of due households at the clock time when the daily job fires', async () => {
    const reassessmentQueue = new Queue(REASSESSMENT_QUEUE, {
      connection: bullConnection(TEST_REDIS_URL),
      prefix: harness.redisPrefix,
    });
    try {
      const calls = reassessment.calls.length;
      await reassessmentQueue.add(REASSESS_DUE_JOB, {});
      const now = await eventually(async () => reassessment.calls[calls]);
      expect(now.getTime()).toBe(harness.clock.now().getTime());
    } finally {
      await reassessmentQueue.close();
    }
  });
});
