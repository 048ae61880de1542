import {
  defaultPolicyDocuments,
  parseIsoDateTimeOrThrow,
  type CaseEvent,
  type HouseholdEvent,
} from '@monitoring/domain';
import { caseOpened, CASE_ID, verificationConfirmed } from '@monitoring/domain/case/testing/case.builders';
import { aClaim, aHousehold, anIncomeAssessment } from '@monitoring/domain/testing/household-events.builder';
import type { RecordedEvent } from '@monitoring/event-store';
import type { CaseStream, ReadEvent } from '../../events/household-streams';
import { replayHousehold } from './household-replay';

const ms = (iso: string): number => parseIsoDateTimeOrThrow(iso).epochMillis;

/** An event as read back from the store, recorded at `recordedAt` (by default at its business time). */
const read = <E extends HouseholdEvent | CaseEvent>(
  event: E,
  recordedAt = event.metadata.occurredAt,
): ReadEvent<E> => ({
  recorded: {
    ...event,
    streamId: 's',
    streamPosition: 1,
    globalPosition: '1',
    checkpoint: '1',
    recordedAt: new Date(ms(recordedAt)),
  } as RecordedEvent,
  event,
});

const household = aHousehold().neverPoor().withMembers(3).registeredOn('2024-01-15');
const registration = household.build();
const income = anIncomeAssessment()
  .forHousehold(household)
  .forYear(2025)
  .netIncomeYuan(60_000)
  .on('2026-01-10')
  .build();

const replay = (
  events: ReadEvent<HouseholdEvent>[],
  asOf: string,
  knownAt: string | null = null,
  cases: CaseStream[] = [],
) => {
  const outcome = replayHousehold(
    events,
    cases,
    ms(asOf),
    knownAt === null ? null : ms(knownAt),
    defaultPolicyDocuments,
  );
  if (!outcome.ok) throw new Error(`no replay: ${outcome.reason}`);
  return outcome.replay;
};

describe('household replay as of a business time', () => {
  const bigBill = aClaim().forHousehold(household).outOfPocketYuan(50_000).settledOn('2026-03-10').build();
  const events = [read(registration), read(income), read(bigBill)];

  it('answers differently before and after the household’s situation changed', () => {
    const before = replay(events, '2026-03-01T00:00:00+08:00');
    const after = replay(events, '2026-04-01T00:00:00+08:00');
    expect(before.assessment).toMatchObject({ score: 0, category: 'none', riskLevel: 'low' });
    expect(after.assessment).toMatchObject({ category: 'sudden_hardship', riskLevel: 'high', alert: true });
    expect(after.assessment.factors.map((factor) => factor.code).sort()).toEqual([
      'income_below_standard',
      'medical_cost_very_high',
    ]);
    expect(
      after.assessment.factors.find((factor) => factor.code === 'medical_cost_very_high')?.evidence,
    ).toEqual([bigBill.eventId]);
    expect(after.policy.policyVersion).toBe('41-2024.1');
    expect(after.members).toHaveLength(3);
  });

  it('leaves out, with knownAt, what was recorded after it', () => {
    const lateBill = read(bigBill, '2026-04-20T10:00:00+08:00');
    const lateEvents = [read(registration), read(income), lateBill];
    expect(
      replay(lateEvents, '2026-04-01T00:00:00+08:00', '2026-04-01T00:00:00+08:00').assessment.score,
    ).toBe(0);
    expect(
      replay(lateEvents, '2026-04-01T00:00:00+08:00', '2026-05-01T00:00:00+08:00').assessment.score,
    ).toBeGreaterThanOrEqual(50);
    // Without a knownAt cut, a late fact counts by its business time.
    expect(replay(lateEvents, '2026-04-01T00:00:00+08:00').assessment.score).toBeGreaterThanOrEqual(50);
  });

  it('applies the lower medical threshold while a confirmed case was open, and names that case', () => {
    const bill = aClaim().forHousehold(household).outOfPocketYuan(15_000).settledOn('2025-03-05').build();
    const opened = caseOpened();
    const confirmed = verificationConfirmed();
    const cases: CaseStream[] = [{ caseId: CASE_ID, events: [read(opened), read(confirmed)] }];
    const history = [read(registration), read(income), read(bill)];

    const beforeVisit = replay(history, '2025-03-03T00:00:00+08:00', null, cases);
    const afterVisit = replay(history, '2025-03-06T00:00:00+08:00', null, cases);
    expect(beforeVisit.openCaseId).toBe(CASE_ID);
    expect(beforeVisit.assessment.factors.map((factor) => factor.code)).not.toContain('medical_cost_high');
    expect(afterVisit.assessment.factors.map((factor) => factor.code)).toContain('medical_cost_high');
    expect(replay(history, '2025-02-28T00:00:00+08:00', null, cases).openCaseId).toBeNull();
  });

  it('refuses a time before the household was registered or before any policy was in force', () => {
    expect(
      replayHousehold(
        [read(registration)],
        [],
        ms('2024-01-01T00:00:00+08:00'),
        null,
        defaultPolicyDocuments,
      ),
    ).toEqual({
      ok: false,
      reason: 'not_registered',
    });
    const early = aHousehold().registeredOn('2022-06-01').build();
    expect(
      replayHousehold([read(early)], [], ms('2023-06-01T00:00:00+08:00'), null, defaultPolicyDocuments),
    ).toEqual({
      ok: false,
      reason: 'no_policy',
      provinceCode: '41',
    });
  });
});
