import { deciderSpec } from '../testing/given-when-then';
import type { RecordVerification } from './case.commands';
import { caseDecider } from './case.decider';
import { caseEventId, caseIdFor } from './case-ids';
import type { CasePolicy } from './case-policy';
import {
  anAssessment,
  assistanceRecorded,
  assistingCase,
  CASE_ID,
  CASE_POLICY,
  caseDismissed,
  caseOpened,
  confirmVerification,
  day,
  deadlineMissed,
  dismissedCase,
  dismissVerification,
  eliminatedCase,
  followUpCase,
  HOUSEHOLD_ID,
  OFFICER,
  OPENED_AT,
  openCase,
  openedCase,
  recordAssistance,
  REGION_CODE,
  ruleViolation,
  TRIGGER_EVENT_ID,
  updateRisk,
  verificationConfirmed,
  verificationDismissed,
  verifiedCase,
} from './testing/case.builders';

const spec = deciderSpec(caseDecider);
const openedState = () => openedCase().reduce(caseDecider.evolve, caseDecider.initialState());

describe('case decider: opening', () => {
  it('opens a case with deadlines 7 and 30 days from the opening', () => {
    spec
      .given([])
      .when(openCase())
      .then([
        caseOpened({
          verificationDueAt: '2025-03-08T09:00:00.000+08:00',
          assistanceDueAt: '2025-03-31T09:00:00.000+08:00',
        }),
      ]);
  });

  it('counts the deadlines with the policy in force, across a year end', () => {
    const policy: CasePolicy = { ...CASE_POLICY, verificationDays: 10, assistanceDays: 45 };
    spec
      .given([])
      .when({ ...openCase(anAssessment().build(), '2025-12-28T20:00:00+08:00'), policy })
      .thenResult(([opened]) => {
        expect(opened.type).toBe('CaseOpened');
        expect(opened.data).toMatchObject({
          openedAt: '2025-12-28T20:00:00+08:00',
          verificationDueAt: '2026-01-07T20:00:00.000+08:00',
          assistanceDueAt: '2026-02-11T20:00:00.000+08:00',
        });
      });
  });

  it('records the opening assessment: category, score, factors with evidence, policy version, triggers', () => {
    spec
      .given([])
      .when(openCase())
      .thenResult(([opened], state) => {
        expect(opened.data).toMatchObject({
          caseId: caseIdFor(HOUSEHOLD_ID, 1),
          householdId: HOUSEHOLD_ID,
          regionCode: REGION_CODE,
          caseSequence: 1,
          category: 'sudden_hardship',
          score: 60,
          riskLevel: 'high',
          policyVersion: '41-2024.1',
          triggerEventIds: [TRIGGER_EVENT_ID],
          factors: [
            { code: 'medical_cost_very_high', points: 40, evidence: ['claim-1'] },
            { code: 'income_near_standard', points: 20, evidence: ['income-1'] },
          ],
        });
        expect(opened.metadata).toEqual({
          occurredAt: OPENED_AT,
          source: 'monitor',
          causationId: TRIGGER_EVENT_ID,
        });
        expect(state.stage).toBe('open');
      });
  });

  it('does nothing when the same opening is delivered again', () => {
    spec.given(openedCase()).when(openCase()).thenNothingHappens();
  });

  it('refuses to open a case for a household below the threshold', () => {
    spec
      .given([])
      .when(openCase(anAssessment().belowThreshold().build()))
      .thenThrows(ruleViolation('not_at_risk'), /below the alert threshold/);
  });

  it('refuses a case id that is not derived from the household and sequence', () => {
    spec
      .given([])
      .when({ ...openCase(), caseId: caseIdFor(HOUSEHOLD_ID, 2) })
      .thenThrows(ruleViolation('invalid_case_id'));
  });
});

describe('case decider: risk updates', () => {
  const worse = () =>
    anAssessment()
      .withFactors(
        { code: 'medical_cost_very_high', points: 40, evidence: ['claim-1', 'claim-2'] },
        { code: 'income_below_standard', points: 40, evidence: ['income-1'] },
      )
      .asOf(day(2))
      .build();

  it('records a changed assessment on the case', () => {
    spec
      .given(openedCase())
      .when(updateRisk(worse(), 'claim-2-event'))
      .then([
        {
          eventId: caseEventId(CASE_ID, 'CaseRiskUpdated', 'claim-2-event'),
          type: 'CaseRiskUpdated',
          schemaVersion: 1,
          data: {
            caseId: CASE_ID,
            householdId: HOUSEHOLD_ID,
            category: 'sudden_hardship',
            score: 80,
            riskLevel: 'high',
            factors: [
              { code: 'medical_cost_very_high', points: 40, evidence: ['claim-1', 'claim-2'] },
              { code: 'income_below_standard', points: 40, evidence: ['income-1'] },
            ],
            policyVersion: '41-2024.1',
            triggerEventIds: ['claim-2-event'],
            assessedAt: day(2),
          },
          metadata: { occurredAt: day(2), source: 'monitor', causationId: 'claim-2-event' },
        },
      ]);
  });

  it('records nothing for an assessment identical to the recorded risk, whatever its time or factor order', () => {
    spec
      .given(openedCase())
      .when(updateRisk(anAssessment().asOf(day(2)).build(), 'again'))
      .thenNothingHappens();
    const reordered = anAssessment()
      .withFactors(
        { code: 'income_near_standard', points: 20, evidence: ['income-1'] },
        { code: 'medical_cost_very_high', points: 40, evidence: ['claim-1'] },
      )
      .build();
    spec.given(openedCase()).when(updateRisk(reordered, 'reordered')).thenNothingHappens();
  });

  it('records nothing when the same update is delivered again', () => {
    const update = updateRisk(worse(), 'claim-2-event');
    spec
      .given([...openedCase(), ...caseDecider.decide(update, openedState())])
      .when(update)
      .thenNothingHappens();
  });

  it('records a factor resting on other events, even at the same score', () => {
    const sameScoreNewEvidence = anAssessment()
      .withFactors(
        { code: 'medical_cost_very_high', points: 40, evidence: ['claim-7'] },
        { code: 'income_near_standard', points: 20, evidence: ['income-1'] },
      )
      .build();
    spec
      .given(openedCase())
      .when(updateRisk(sameScoreNewEvidence, 'claim-7-event'))
      .thenResult((events) => expect(events.map((event) => event.type)).toEqual(['CaseRiskUpdated']));
  });

  it('records the household going back below the threshold', () => {
    spec
      .given(assistingCase())
      .when(updateRisk(anAssessment().belowThreshold().build(), 'income-2-event'))
      .thenResult(([updated], state) => {
        expect(updated.data).toMatchObject({ category: 'none', score: 20, riskLevel: 'low' });
        expect(state.stage).toBe('assisting');
      });
  });

  it('updates a case under long-term follow-up', () => {
    spec
      .given(followUpCase())
      .when(updateRisk(worse(), 'claim-2-event'))
      .thenResult((events) => expect(events).toHaveLength(1));
  });

  it('refuses updates of a closed case, a case not opened, or another household', () => {
    spec.given(eliminatedCase()).when(updateRisk(worse(), 'x')).thenThrows(ruleViolation('case_closed'));
    spec.given([]).when(updateRisk(worse(), 'x')).thenThrows(ruleViolation('case_not_opened'));
    spec
      .given(openedCase())
      .when(updateRisk(anAssessment().forHousehold('H999').build(), 'x'))
      .thenThrows(ruleViolation('wrong_household'));
  });
});

describe('case decider: verification', () => {
  it('records a confirmed visit and moves the case to verified', () => {
    spec
      .given(openedCase())
      .when(confirmVerification(day(3)))
      .thenResult((events, state) => {
        expect(events).toEqual([verificationConfirmed(day(3))]);
        expect(state).toMatchObject({
          stage: 'verified',
          confirmation: { category: 'sudden_hardship', officer: OFFICER, visitedAt: day(3) },
        });
      });
  });

  it('closes the case when the visit dismisses the warning', () => {
    spec
      .given(openedCase())
      .when(dismissVerification(day(3)))
      .thenResult((events, state) => {
        expect(events).toEqual([verificationDismissed(day(3)), caseDismissed(day(3))]);
        expect(state).toMatchObject({ stage: 'dismissed', closedAt: day(3) });
      });
  });

  it('needs notes saying why a warning is dismissed', () => {
    spec
      .given(openedCase())
      .when(dismissVerification(day(3), day(3), 'cmd-verify', '  '))
      .thenThrows(ruleViolation('reason_required'));
  });

  it('needs a category to confirm', () => {
    const withoutCategory = {
      ...confirmVerification(),
      confirmedCategory: undefined,
    } as unknown as RecordVerification;
    spec.given(openedCase()).when(withoutCategory).thenThrows(ruleViolation('category_required'));
    const categoryNone = {
      ...confirmVerification(),
      confirmedCategory: 'none',
    } as unknown as RecordVerification;
    spec.given(openedCase()).when(categoryNone).thenThrows(ruleViolation('category_required'));
  });

  it('verifies a case once', () => {
    spec
      .given(verifiedCase())
      .when(confirmVerification(day(4)))
      .thenThrows(ruleViolation('already_verified'));
    spec
      .given(assistingCase())
      .when(dismissVerification(day(12)))
      .thenThrows(ruleViolation('already_verified'));
    spec
      .given(followUpCase())
      .when(confirmVerification(day(300)))
      .thenThrows(ruleViolation('already_verified'));
  });

  it('refuses a verification on a closed case or a case not opened', () => {
    spec
      .given(dismissedCase())
      .when(confirmVerification(day(4)))
      .thenThrows(ruleViolation('case_closed'), /closed/);
    spec
      .given(eliminatedCase())
      .when(confirmVerification(day(300)))
      .thenThrows(ruleViolation('case_closed'));
    spec.given([]).when(confirmVerification()).thenThrows(ruleViolation('case_not_opened'));
  });

  it('refuses a visit in the future or before the warning', () => {
    spec
      .given(openedCase())
      .when(confirmVerification(day(3), day(4)))
      .thenThrows(ruleViolation('invalid_visit_time'));
    spec
      .given(openedCase())
      .when(confirmVerification(day(3), day(-1)))
      .thenThrows(ruleViolation('invalid_visit_time'));
  });

  it('records the missed deadline first when the visit is recorded after it and no job did', () => {
    spec
      .given(openedCase())
      .when(confirmVerification(day(8), day(8)))
      .then([
        deadlineMissed('verification', '2025-03-08T09:00:00.000+08:00', day(8), 'cmd-verify'),
        verificationConfirmed(day(8)),
      ]);
  });

  it('does not record the missed deadline twice', () => {
    spec
      .given([...openedCase(), deadlineMissed('verification', day(7), day(7))])
      .when(confirmVerification(day(8), day(8)))
      .then([verificationConfirmed(day(8))]);
  });

  it('records a dismissal at the deadline instant as late, after the deadline passed', () => {
    spec
      .given(openedCase())
      .when(dismissVerification(day(7), day(6)))
      .then([
        deadlineMissed('verification', day(7), day(7), 'cmd-verify'),
        verificationDismissed(day(6), day(7)),
        caseDismissed(day(7)),
      ]);
  });
});

describe('case decider: assistance', () => {
  it('refuses assistance before a confirmed verification', () => {
    spec
      .given(openedCase())
      .when(recordAssistance(day(2)))
      .thenThrows(ruleViolation('not_confirmed'));
  });

  it('moves the case to assisting with the first assistance, and keeps it there', () => {
    spec
      .given(verifiedCase())
      .when(recordAssistance(day(10)))
      .thenResult((events, state) => {
        expect(events).toEqual([assistanceRecorded(day(10))]);
        expect(state).toMatchObject({ stage: 'assisting', assistanceCount: 1 });
      });
    spec
      .given(assistingCase())
      .when(recordAssistance(day(12), 'cmd-assist-2'))
      .thenResult((events, state) => {
        expect(events).toEqual([assistanceRecorded(day(12), 'cmd-assist-2')]);
        expect(state).toMatchObject({ stage: 'assisting', assistanceCount: 2 });
      });
  });

  it('records assistance under long-term follow-up without leaving it', () => {
    spec
      .given(followUpCase())
      .when(recordAssistance(day(300), 'cmd-assist-3'))
      .thenResult((_events, state) => expect(state.stage).toBe('long_term_follow_up'));
  });

  it('refuses assistance on a closed case', () => {
    spec
      .given(eliminatedCase())
      .when(recordAssistance(day(300)))
      .thenThrows(ruleViolation('case_closed'));
    spec
      .given(dismissedCase())
      .when(recordAssistance(day(10)))
      .thenThrows(ruleViolation('case_closed'));
  });

  it('takes money only as whole, non-negative fen', () => {
    spec
      .given(verifiedCase())
      .when({ ...recordAssistance(), amountFen: 12.5 })
      .thenThrows(ruleViolation('invalid_amount'));
    spec
      .given(verifiedCase())
      .when({ ...recordAssistance(), amountFen: -100 })
      .thenThrows(ruleViolation('invalid_amount'));
    const { amountFen: _omitted, ...withoutAmount } = recordAssistance();
    spec
      .given(verifiedCase())
      .when(withoutAmount)
      .thenResult(([recorded]) => expect(recorded.data).not.toHaveProperty('amountFen'));
  });

  it('needs a description', () => {
    spec
      .given(verifiedCase())
      .when({ ...recordAssistance(), description: '' })
      .thenThrows(ruleViolation('description_required'));
  });

  it('records the missed assistance deadline first when the first assistance comes after it', () => {
    spec
      .given(verifiedCase())
      .when(recordAssistance(day(31)))
      .then([
        deadlineMissed('assistance', '2025-03-31T09:00:00.000+08:00', day(31), 'cmd-assist'),
        assistanceRecorded(day(31)),
      ]);
  });
});
