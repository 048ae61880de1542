import type { CaseEvent } from '../events/case.events';
import { deciderSpec, fold } from '../testing/given-when-then';
import { caseDecider } from './case.decider';
import { deadlineActions } from './case-deadlines';
import { caseIdFor } from './case-ids';
import {
  assistanceRecorded,
  assistingCase,
  CASE_POLICY,
  caseDismissed,
  caseEscalated,
  caseReopened,
  confirmVerification,
  day,
  deadlineMissed,
  dismissedCase,
  eliminatedCase,
  followUpCase,
  HOUSEHOLD_ID,
  openedCase,
  recordAssistance,
  recordMissedDeadline,
  reopenCase,
  ruleViolation,
  verificationDismissed,
  verifiedCase,
} from './testing/case.builders';

const spec = deciderSpec(caseDecider);
const stateOf = (events: readonly CaseEvent[]) => fold(caseDecider, events);

// Reopened at day 240 = 2025-10-27T09:00+08:00; a new assistance deadline 30 days later.
const REOPENED_AT = day(240);

describe('reopening a case', () => {
  it('returns a prematurely eliminated case to verified, with a new assistance deadline from the reopening', () => {
    spec
      .given(eliminatedCase())
      .when(reopenCase(REOPENED_AT))
      .thenResult((events, state) => {
        expect(events).toEqual([
          caseReopened({
            stage: 'verified',
            reopenedAt: REOPENED_AT,
            verificationDueAt: '2025-03-08T09:00:00.000+08:00',
            assistanceDueAt: '2025-11-26T09:00:00.000+08:00',
          }),
        ]);
        expect(state).toMatchObject({
          stage: 'verified',
          reopenedAt: REOPENED_AT,
          confirmation: { category: 'sudden_hardship' },
          assistanceDueAt: '2025-11-26T09:00:00.000+08:00',
        });
      });
  });

  it('needs new assistance after reopening an eliminated case, on time', () => {
    const reopened = [
      ...eliminatedCase(),
      ...caseDecider.decide(reopenCase(REOPENED_AT), stateOf(eliminatedCase())),
    ];
    spec
      .given(reopened)
      .when(confirmVerification(day(241)))
      .thenThrows(ruleViolation('already_verified'));
    spec
      .given(reopened)
      .when(recordAssistance(day(250), 'cmd-assist-again'))
      .thenResult((events, state) => {
        expect(events).toEqual([assistanceRecorded(day(250), 'cmd-assist-again')]);
        expect(state.stage).toBe('assisting');
      });
    expect(deadlineActions(stateOf(reopened), CASE_POLICY, day(269))).toEqual([]);
    expect(deadlineActions(stateOf(reopened), CASE_POLICY, day(270))).toEqual([
      recordMissedDeadline('assistance', day(270)),
    ]);
  });

  it('returns a dismissed case to open, with new verification and assistance deadlines', () => {
    spec
      .given(dismissedCase())
      .when(reopenCase(day(20)))
      .thenResult((events, state) => {
        expect(events).toEqual([
          caseReopened({
            stage: 'open',
            reopenedAt: day(20),
            verificationDueAt: '2025-03-28T09:00:00.000+08:00',
            assistanceDueAt: '2025-04-20T09:00:00.000+08:00',
          }),
        ]);
        expect(state).toMatchObject({ stage: 'open', verificationDueAt: '2025-03-28T09:00:00.000+08:00' });
      });
  });

  it('verifies a reopened dismissed case again, but not with a visit from before the reopening', () => {
    const reopened = [
      ...dismissedCase(),
      ...caseDecider.decide(reopenCase(day(20)), stateOf(dismissedCase())),
    ];
    spec
      .given(reopened)
      .when(confirmVerification(day(22), day(19)))
      .thenThrows(ruleViolation('invalid_visit_time'));
    spec
      .given(reopened)
      .when(confirmVerification(day(22), day(21), 'cmd-verify-again'))
      .thenResult((_events, state) => expect(state.stage).toBe('verified'));
  });

  it('keeps the escalation level, and records the new cycle deadlines on their own', () => {
    const history = [
      ...openedCase(),
      deadlineMissed('verification', '2025-03-08T09:00:00.000+08:00', day(7)),
      caseEscalated('city', 'verification', day(14)),
      verificationDismissed(day(15)),
      caseDismissed(day(15)),
    ];
    const reopened = [...history, ...caseDecider.decide(reopenCase(day(20)), stateOf(history))];
    expect(stateOf(reopened)).toMatchObject({ stage: 'open', escalationLevel: 'city' });
    spec
      .given(reopened)
      .when(recordMissedDeadline('verification', day(27)))
      .then([deadlineMissed('verification', '2025-03-28T09:00:00.000+08:00', day(27))]);
  });

  it('reopens only a closed case', () => {
    spec.given(openedCase()).when(reopenCase()).thenThrows(ruleViolation('case_not_closed'));
    spec.given(verifiedCase()).when(reopenCase()).thenThrows(ruleViolation('case_not_closed'));
    spec.given(assistingCase()).when(reopenCase()).thenThrows(ruleViolation('case_not_closed'));
    spec.given(followUpCase()).when(reopenCase()).thenThrows(ruleViolation('case_not_closed'));
    spec.given([]).when(reopenCase()).thenThrows(ruleViolation('case_not_opened'));
  });

  it("reopens only the household's latest case, so it never has two open", () => {
    spec
      .given(eliminatedCase())
      .when({ ...reopenCase(), householdLatestCaseId: caseIdFor(HOUSEHOLD_ID, 2) })
      .thenThrows(ruleViolation('superseded_by_newer_case'));
  });

  it('needs a reason', () => {
    spec
      .given(eliminatedCase())
      .when({ ...reopenCase(), reason: '' })
      .thenThrows(ruleViolation('reason_required'));
  });
});
