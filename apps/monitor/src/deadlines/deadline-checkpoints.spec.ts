import { evolveCase, initialCaseState, type CaseEvent } from '@monitoring/domain';
import {
  assistanceRecorded,
  CASE_ID,
  CASE_POLICY,
  caseEscalated,
  caseOpened,
  caseReopened,
  day,
  deadlineMissed,
  dismissedCase,
  eliminatedCase,
  openedCase,
  verificationConfirmed,
} from '@monitoring/domain/case/testing/case.builders';
import type { RecordedEvent } from '@monitoring/event-store';
import { checkpointsStartedBy, deadlineCheckpoints, deadlineJobId } from './deadline-checkpoints';

const fold = (events: CaseEvent[]) => events.reduce(evolveCase, initialCaseState());

const recorded = (event: CaseEvent, streamPosition = 1): RecordedEvent => ({
  ...event,
  streamId: `case-${CASE_ID}`,
  streamPosition,
  globalPosition: String(streamPosition),
  checkpoint: String(streamPosition),
  recordedAt: new Date(0),
});

describe('deadlineCheckpoints', () => {
  it('names both deadlines of an open case and the escalations behind the earlier one', () => {
    expect(deadlineCheckpoints(fold(openedCase()), CASE_POLICY)).toEqual([
      { caseId: CASE_ID, kind: 'verification', at: day(7) },
      { caseId: CASE_ID, kind: 'assistance', at: day(30) },
      { caseId: CASE_ID, kind: 'escalation-city', at: day(14) },
      { caseId: CASE_ID, kind: 'escalation-province', at: day(21) },
    ]);
  });

  it('moves the escalations to the assistance deadline once the visit is recorded in time', () => {
    expect(deadlineCheckpoints(fold([...openedCase(), verificationConfirmed()]), CASE_POLICY)).toEqual([
      { caseId: CASE_ID, kind: 'assistance', at: day(30) },
      { caseId: CASE_ID, kind: 'escalation-city', at: day(37) },
      { caseId: CASE_ID, kind: 'escalation-province', at: day(44) },
    ]);
  });

  it('drops a deadline recorded as missed and an escalation level reached', () => {
    const state = fold([
      ...openedCase(),
      deadlineMissed('verification', day(7), day(7)),
      caseEscalated('city', 'verification', day(14)),
    ]);
    expect(deadlineCheckpoints(state, CASE_POLICY)).toEqual([
      { caseId: CASE_ID, kind: 'assistance', at: day(30) },
      { caseId: CASE_ID, kind: 'escalation-province', at: day(21) },
    ]);
  });

  it('has nothing to check once assistance is in place or the case is closed', () => {
    expect(
      deadlineCheckpoints(
        fold([...openedCase(), verificationConfirmed(), assistanceRecorded()]),
        CASE_POLICY,
      ),
    ).toEqual([]);
    expect(deadlineCheckpoints(fold(dismissedCase()), CASE_POLICY)).toEqual([]);
    expect(deadlineCheckpoints(fold(eliminatedCase()), CASE_POLICY)).toEqual([]);
  });
});

describe('checkpointsStartedBy', () => {
  it('starts both deadlines when a case opens', () => {
    expect(checkpointsStartedBy(recorded(caseOpened()))).toEqual([
      { caseId: CASE_ID, kind: 'verification', at: day(7) },
      { caseId: CASE_ID, kind: 'assistance', at: day(30) },
    ]);
  });

  it('starts new deadlines when a case reopens: both back at open, assistance only back at verified', () => {
    const reopenedOpen = caseReopened({
      stage: 'open',
      reopenedAt: day(40),
      verificationDueAt: day(47),
      assistanceDueAt: day(70),
    });
    const reopenedVerified = caseReopened({
      stage: 'verified',
      reopenedAt: day(240),
      verificationDueAt: day(7),
      assistanceDueAt: day(270),
    });
    expect(checkpointsStartedBy(recorded(reopenedOpen))).toEqual([
      { caseId: CASE_ID, kind: 'verification', at: day(47) },
      { caseId: CASE_ID, kind: 'assistance', at: day(70) },
    ]);
    expect(checkpointsStartedBy(recorded(reopenedVerified))).toEqual([
      { caseId: CASE_ID, kind: 'assistance', at: day(270) },
    ]);
  });

  it('starts nothing for other case events', () => {
    expect(checkpointsStartedBy(recorded(verificationConfirmed()))).toEqual([]);
  });
});

describe('deadlineJobId', () => {
  it('derives the same id for the same checkpoint however its time is written, and no colon (BullMQ 5)', () => {
    const beijing = deadlineJobId({
      caseId: CASE_ID,
      kind: 'verification',
      at: '2025-03-08T09:00:00.000+08:00',
    });
    const utc = deadlineJobId({ caseId: CASE_ID, kind: 'verification', at: '2025-03-08T01:00:00Z' });
    expect(beijing).toBe(utc);
    expect(beijing).not.toContain(':');
    expect(deadlineJobId({ caseId: CASE_ID, kind: 'assistance', at: '2025-03-08T01:00:00Z' })).not.toBe(
      beijing,
    );
  });
});
