import { defaultPolicyDocuments, type CaseEvent } from '@monitoring/domain';
import {
  assistanceRecorded,
  CASE_ID,
  caseDismissed,
  caseEscalated,
  caseOpened,
  caseReopened,
  day,
  deadlineMissed,
  HOUSEHOLD_ID,
  OPENED_AT,
  REGION_CODE,
  verificationConfirmed,
  verificationDismissed,
} from '@monitoring/domain/case/testing/case.builders';
import { BatchState } from './batch-state';
import { caseRowOf, foldCaseRecord, type CaseRow } from './case-record';
import { newHouseholdContext } from './household-context';

const UPDATED_AT = '2026-01-01T00:00:00.000Z';

/** Given these case events (positions 1..n), the `monitoring_case` row. */
const rowAfter = (...events: CaseEvent[]): CaseRow => {
  const record = foldCaseRecord(events.map((event, index) => ({ event, streamPosition: index + 1 })));
  if (record === null) throw new Error('no case was opened');
  return caseRowOf(record, defaultPolicyDocuments, UPDATED_AT);
};

const instant = (iso: string | null) => (iso === null ? null : new Date(iso).getTime());

describe('monitoring_case row', () => {
  it('shows an opened case waiting for its verification, the nearest deadline first', () => {
    const row = rowAfter(caseOpened());
    expect(row).toMatchObject({
      case_id: CASE_ID,
      household_id: HOUSEHOLD_ID,
      region_code: REGION_CODE,
      case_sequence: 1,
      stage: 'open',
      category: 'sudden_hardship',
      score: 60,
      opened_at: OPENED_AT,
      verified_at: null,
      closed_at: null,
      stream_version: 1,
      last_event_at: OPENED_AT,
    });
    expect(instant(row.next_due_at)).toBe(instant(day(7)));
    expect(instant(row.next_deadline_check_at)).toBe(instant(day(7)));
  });

  it('takes the officer category and waits for assistance once the verification is confirmed', () => {
    const row = rowAfter(caseOpened(), verificationConfirmed(day(2), day(2), 'cmd-verify', 'unstable'));
    expect(row).toMatchObject({
      stage: 'verified',
      category: 'unstable',
      confirmed_category: 'unstable',
      verified_at: day(2),
      verification_outcome: 'confirmed',
      stream_version: 2,
    });
    expect(instant(row.next_due_at)).toBe(instant(day(30)));
  });

  it('records the first assistance and counts the later ones', () => {
    const row = rowAfter(
      caseOpened(),
      verificationConfirmed(),
      assistanceRecorded(day(10), 'cmd-a1'),
      assistanceRecorded(day(12), 'cmd-a2'),
    );
    expect(row).toMatchObject({ stage: 'assisting', first_assistance_at: day(10), assistance_count: 2 });
    expect(row.next_due_at).toBeNull();
    expect(row.next_deadline_check_at).toBeNull();
  });

  it('records a missed deadline and an escalation, and waits for the next escalation', () => {
    const row = rowAfter(
      caseOpened(),
      deadlineMissed('verification', day(7), day(7)),
      caseEscalated('city', 'verification', day(14)),
    );
    expect(row).toMatchObject({
      stage: 'open',
      verification_missed_at: day(7),
      escalation_level: 'city',
      escalated_at: day(14),
    });
    // The verification is still pending (its deadline is recorded missed): next, the province.
    expect(instant(row.next_due_at)).toBe(instant(day(7)));
    expect(instant(row.next_deadline_check_at)).toBe(instant(day(21)));
  });

  it('closes a dismissed case with its reason and nothing left to check', () => {
    const row = rowAfter(caseOpened(), verificationDismissed(), caseDismissed());
    expect(row).toMatchObject({
      stage: 'dismissed',
      verification_outcome: 'dismissed',
      closed_at: day(3),
      closed_reason: 'bills paid by a commercial policy',
      next_due_at: null,
      next_deadline_check_at: null,
    });
  });

  it('starts over from a reopening: new deadlines, no verification yet, no longer closed', () => {
    const reopenedAt = day(40);
    const row = rowAfter(
      caseOpened(),
      deadlineMissed('verification', day(7), day(7)),
      verificationDismissed(day(8), day(8)),
      caseDismissed(day(8)),
      caseReopened({ stage: 'open', reopenedAt, verificationDueAt: day(47), assistanceDueAt: day(70) }),
    );
    expect(row).toMatchObject({
      stage: 'open',
      reopened_at: reopenedAt,
      verified_at: null,
      verification_outcome: null,
      verification_missed_at: null,
      closed_at: null,
      closed_reason: null,
      verification_due_at: day(47),
    });
    expect(instant(row.next_due_at)).toBe(instant(day(47)));
  });
});

describe('batch state: case events folded once', () => {
  it('skips an event at or below the case version and follows the household to its latest case', () => {
    const batch = new BatchState();
    const household = newHouseholdContext(HOUSEHOLD_ID);
    expect(batch.applyCaseEvent(household, CASE_ID, caseOpened(), 1)).toBe(true);
    expect(batch.applyCaseEvent(household, CASE_ID, caseOpened(), 1)).toBe(false);
    expect(batch.applyCaseEvent(household, CASE_ID, verificationConfirmed(), 2)).toBe(true);
    expect(batch.applyCaseEvent(household, CASE_ID, verificationConfirmed(), 2)).toBe(false);
    expect(household).toMatchObject({
      latestCaseId: CASE_ID,
      latestCaseVersion: 2,
      latestCase: { stage: 'verified' },
    });
    expect(batch.records.get(CASE_ID)).toMatchObject({ version: 2, verifiedAt: day(3) });
  });
});
