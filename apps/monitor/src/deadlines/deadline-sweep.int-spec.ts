import { caseEventId } from '@monitoring/domain';
import type { RecordedEvent } from '@monitoring/event-store';
import { CASE_POLICY, CaseWorkflowHarness, COUNTY, eventually } from '../cases/testing/case-workflow.harness';
import { deadlineJobId } from './deadline-checkpoints';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const deadlineEvents = (events: RecordedEvent[]) =>
  events.filter((event) => event.type === 'DeadlineMissed' || event.type === 'CaseEscalated');

describe('the deadline sweep', () => {
  let harness: CaseWorkflowHarness;
  let householdCounter = 0;

  beforeAll(async () => {
    // No workers here: only the sweep records deadlines (jobs are added to Redis, never run).
    harness = await CaseWorkflowHarness.start({ label: 'deadline-sweep', workflow: { sweepPageSize: 2 } });
  });

  afterAll(async () => {
    await harness?.close();
  });

  beforeEach(async () => {
    // Each test sees only its own cases in the read model (earlier cases stay due for escalation).
    await harness.dataSource.query('DELETE FROM monitoring_case');
  });

  async function openedCase(): Promise<{ caseId: string; verificationDueAt: string }> {
    householdCounter += 1;
    const caseId = await harness.openCase(`H${COUNTY}${String(householdCounter).padStart(6, '0')}`);
    await harness.project(caseId);
    const [opened] = await harness.caseEvents(caseId);
    return { caseId, verificationDueAt: (opened.data as { verificationDueAt: string }).verificationDueAt };
  }

  const at = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + plusMs);

  it('records a deadline whose job was lost with a flushed Redis', async () => {
    const { caseId, verificationDueAt } = await openedCase();
    await harness.publishProjected(caseId);
    const job = deadlineJobId({ caseId, kind: 'verification', at: verificationDueAt });
    await eventually(async () => (await harness.scheduler.queue.getJob(job)) ?? undefined);

    expect(await harness.flushQueues()).toBeGreaterThan(0);
    expect(await harness.scheduler.queue.getJob(job)).toBeUndefined();

    harness.clock.set(at(verificationDueAt, MINUTE_MS));
    const report = await harness.sweep.sweep(harness.clock.now());

    expect(report).toEqual({ due: 1, changed: 1, appended: 1, failed: 0 });
    const missed = deadlineEvents(await harness.caseEvents(caseId));
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({
      type: 'DeadlineMissed',
      eventId: caseEventId(caseId, 'DeadlineMissed', 'verification', Date.parse(verificationDueAt)),
      data: { deadline: 'verification', dueAt: verificationDueAt },
    });
    expect(missed[0].metadata.actor).toBeUndefined();
  });

  it('records each deadline once however often it sweeps, and leaves the case alone once re-projected', async () => {
    const { caseId, verificationDueAt } = await openedCase();
    harness.clock.set(at(verificationDueAt, MINUTE_MS));

    const first = await harness.sweep.sweep(harness.clock.now());
    const again = await harness.sweep.sweep(harness.clock.now()); // the read model has not caught up yet
    await harness.project(caseId);
    const afterProjection = await harness.sweep.sweep(harness.clock.now());

    expect(first.appended).toBe(1);
    expect(again).toEqual({ due: 1, changed: 0, appended: 0, failed: 0 });
    expect(afterProjection.due).toBe(0);
    expect(deadlineEvents(await harness.caseEvents(caseId))).toHaveLength(1);
  });

  it('escalates a case still overdue after the grace period to the city, later to the province', async () => {
    const { caseId, verificationDueAt } = await openedCase();
    const sweepAt = async (when: Date) => {
      harness.clock.set(when);
      const report = await harness.sweep.sweep(when);
      await harness.project(caseId);
      return report;
    };

    await sweepAt(at(verificationDueAt, MINUTE_MS));
    const beforeCity = await sweepAt(
      at(verificationDueAt, CASE_POLICY.escalateToCityAfterDays * DAY_MS - MINUTE_MS),
    );
    await sweepAt(at(verificationDueAt, CASE_POLICY.escalateToCityAfterDays * DAY_MS));
    const beforeProvince = await sweepAt(
      at(verificationDueAt, CASE_POLICY.escalateToProvinceAfterDays * DAY_MS - MINUTE_MS),
    );
    await sweepAt(at(verificationDueAt, CASE_POLICY.escalateToProvinceAfterDays * DAY_MS));

    expect(beforeCity.due).toBe(0);
    expect(beforeProvince.due).toBe(0);
    expect(deadlineEvents(await harness.caseEvents(caseId)).map((event) => [event.type, event.data])).toEqual(
      [
        ['DeadlineMissed', expect.objectContaining({ deadline: 'verification' })],
        ['CaseEscalated', expect.objectContaining({ level: 'city', deadline: 'verification' })],
        ['CaseEscalated', expect.objectContaining({ level: 'province', deadline: 'verification' })],
      ],
    );
  });

  it('catches up on everything due at once after a long outage: both deadlines and both escalations', async () => {
    const { caseId, verificationDueAt } = await openedCase();
    harness.clock.set(at(verificationDueAt, 60 * DAY_MS));
    await harness.sweep.sweep(harness.clock.now());
    const types = deadlineEvents(await harness.caseEvents(caseId)).map((event) => [
      event.type,
      (event.data as { deadline?: string; level?: string }).level ??
        (event.data as { deadline: string }).deadline,
    ]);
    expect(types).toEqual([
      ['DeadlineMissed', 'verification'],
      ['DeadlineMissed', 'assistance'],
      ['CaseEscalated', 'city'],
      ['CaseEscalated', 'province'],
    ]);
  });

  it('reads due cases page by page and checks every one of them once', async () => {
    const opened = await Promise.all([1, 2, 3, 4, 5].map(() => openedCase()));
    harness.clock.set(at(opened[opened.length - 1].verificationDueAt, MINUTE_MS));
    const report = await harness.sweep.sweep(harness.clock.now());
    expect(report).toEqual({ due: 5, changed: 5, appended: 5, failed: 0 });
    for (const { caseId } of opened) {
      const missed = deadlineEvents(await harness.caseEvents(caseId));
      expect(missed.map((event) => event.type)).toEqual(['DeadlineMissed']);
    }
  });

  it('passes over closed cases and cases not due yet', async () => {
    const notDue = await openedCase();
    const closed = await openedCase();
    await harness.dataSource.query(
      `UPDATE monitoring_case SET stage = 'dismissed', closed_at = $2, next_deadline_check_at = $3 WHERE case_id = $1`,
      [closed.caseId, harness.clock.now(), at(closed.verificationDueAt)],
    );
    harness.clock.set(at(notDue.verificationDueAt, MINUTE_MS));
    await harness.dataSource.query(
      `UPDATE monitoring_case SET next_deadline_check_at = $2 WHERE case_id = $1`,
      [notDue.caseId, at(notDue.verificationDueAt, 2 * MINUTE_MS)],
    );

    const report = await harness.sweep.sweep(harness.clock.now());

    expect(report.due).toBe(0);
    expect(deadlineEvents(await harness.caseEvents(notDue.caseId))).toHaveLength(0);
    expect(deadlineEvents(await harness.caseEvents(closed.caseId))).toHaveLength(0);
  });
});
