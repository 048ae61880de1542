import { deciderSpec } from '../testing/given-when-then';
import { caseDecider } from './case.decider';
import { householdStability } from './case-elimination';
import { CaseRuleViolation } from './case-rule-violation';
import {
  anAssessment,
  assistingCase,
  CASE_POLICY,
  day,
  dismissedCase,
  eliminatedCase,
  eliminateRisk,
  followUpCase,
  longTermFollowUpStarted,
  openedCase,
  recordAssistance,
  riskEliminated,
  ruleViolation,
  updateRisk,
  verifiedCase,
} from './testing/case.builders';

const spec = deciderSpec(caseDecider);

/** The refusal's details (the unmet conditions), or a failure if the command was not refused. */
const unmetConditions = (command: ReturnType<typeof eliminateRisk>): readonly string[] => {
  const state = assistingCase().reduce(caseDecider.evolve, caseDecider.initialState());
  try {
    caseDecider.decide(command, state);
  } catch (error) {
    if (error instanceof CaseRuleViolation && error.code === 'household_not_stable') return error.details;
    throw error;
  }
  throw new Error('expected the elimination to be refused as household_not_stable');
};

// Income above the standard since 2025-03-31 09:00 (day 30); six months later is 2025-09-30 09:00,
// the 31st clamped to the last day of September.
const STABLE_FROM = '2025-09-30T09:00:00+08:00';
const JUST_BEFORE_STABLE = '2025-09-30T08:59:59.999+08:00';

describe('risk elimination', () => {
  it('eliminates the risk of a stable, assisted household and closes the case', () => {
    spec
      .given(assistingCase())
      .when(eliminateRisk())
      .thenResult((events, state) => {
        expect(events).toEqual([riskEliminated(day(220))]);
        expect(state).toMatchObject({ stage: 'risk_eliminated', closedAt: day(220) });
      });
  });

  it('needs the household below the alert threshold', () => {
    const stillAtRisk = anAssessment().asOf(day(219)).build();
    spec
      .given(assistingCase())
      .when(eliminateRisk({ assessment: stillAtRisk }))
      .thenThrows(
        ruleViolation('household_not_stable'),
        /risk score 60 is still at or above the alert threshold/,
      );
    expect(unmetConditions(eliminateRisk({ assessment: stillAtRisk }))).toEqual(['below_threshold']);
  });

  it('needs every basic-guarantee gap closed', () => {
    const withGaps = anAssessment().belowThreshold().withGuaranteeGaps('housing', 'water').build();
    spec
      .given(assistingCase())
      .when(eliminateRisk({ assessment: withGaps }))
      .thenThrows(ruleViolation('household_not_stable'), /guarantee gaps still open: housing, water/);
    expect(unmetConditions(eliminateRisk({ assessment: withGaps }))).toEqual(['guarantees_secure']);
  });

  it('needs income above the standard now', () => {
    expect(unmetConditions(eliminateRisk({ incomeAboveStandardSince: null }))).toEqual(['income_stable']);
  });

  it('needs income above the standard for the policy period, counted in calendar months', () => {
    spec
      .given(assistingCase())
      .when(eliminateRisk({ now: JUST_BEFORE_STABLE }))
      .thenThrows(
        ruleViolation('household_not_stable'),
        /6 months are needed \(until 2025-09-30T09:00:00.000\+08:00\)/,
      );
    spec
      .given(assistingCase())
      .when(eliminateRisk({ now: STABLE_FROM }))
      .thenResult((events) => expect(events.map((event) => event.type)).toEqual(['RiskEliminated']));
    spec
      .given(assistingCase())
      .when(eliminateRisk({ now: STABLE_FROM, policy: { ...CASE_POLICY, stableIncomeMonths: 7 } }))
      .thenThrows(ruleViolation('household_not_stable'));
  });

  it('lists every unmet condition', () => {
    const command = eliminateRisk({
      assessment: anAssessment().withGuaranteeGaps('schooling').build(),
      incomeAboveStandardSince: day(200),
    });
    expect(unmetConditions(command)).toEqual(['below_threshold', 'guarantees_secure', 'income_stable']);
  });

  it('keeps a household no member can work, covered by social assistance, under long-term follow-up', () => {
    spec
      .given(assistingCase())
      .when(eliminateRisk({ noMemberAbleToWork: true, coveredBySocialAssistance: true }))
      .thenResult((events, state) => {
        expect(events).toEqual([longTermFollowUpStarted(day(220))]);
        expect(state).toMatchObject({ stage: 'long_term_follow_up', followUpSince: day(220) });
      });
  });

  it('starts long-term follow-up only for a stable household', () => {
    spec
      .given(assistingCase())
      .when(
        eliminateRisk({
          noMemberAbleToWork: true,
          coveredBySocialAssistance: true,
          incomeAboveStandardSince: null,
        }),
      )
      .thenThrows(ruleViolation('household_not_stable'));
  });

  it('eliminates the risk of a household without working members that social assistance does not cover', () => {
    spec
      .given(assistingCase())
      .when(eliminateRisk({ noMemberAbleToWork: true, coveredBySocialAssistance: false }))
      .then([riskEliminated(day(220))]);
  });

  it('refuses to start long-term follow-up twice, and eliminates once a member can work', () => {
    spec
      .given(followUpCase())
      .when(eliminateRisk({ commandId: 'cmd-2', noMemberAbleToWork: true, coveredBySocialAssistance: true }))
      .thenThrows(ruleViolation('already_long_term_follow_up'));
    spec
      .given(followUpCase())
      .when(eliminateRisk({ commandId: 'cmd-2', coveredBySocialAssistance: true }))
      .then([riskEliminated(day(220), 'cmd-2')]);
  });

  it('needs a confirmed case with assistance in place', () => {
    spec.given(openedCase()).when(eliminateRisk()).thenThrows(ruleViolation('not_confirmed'));
    spec.given(verifiedCase()).when(eliminateRisk()).thenThrows(ruleViolation('no_assistance_recorded'));
    spec.given([]).when(eliminateRisk()).thenThrows(ruleViolation('case_not_opened'));
  });

  it('refuses a closed case', () => {
    spec
      .given(eliminatedCase())
      .when(eliminateRisk({ commandId: 'cmd-2' }))
      .thenThrows(ruleViolation('case_closed'));
    spec.given(dismissedCase()).when(eliminateRisk()).thenThrows(ruleViolation('case_closed'));
  });

  it("refuses another household's assessment and an elimination without a reason", () => {
    spec
      .given(assistingCase())
      .when(eliminateRisk({ assessment: anAssessment().forHousehold('H999').belowThreshold().build() }))
      .thenThrows(ruleViolation('wrong_household'));
    spec
      .given(assistingCase())
      .when(eliminateRisk({ reason: ' ' }))
      .thenThrows(ruleViolation('reason_required'));
  });

  it('leaves an eliminated case closed to every command but reopening', () => {
    spec
      .given(eliminatedCase())
      .when(recordAssistance(day(230)))
      .thenThrows(ruleViolation('case_closed'));
    spec
      .given(eliminatedCase())
      .when(updateRisk(anAssessment().build(), 'claim-9', day(230)))
      .thenThrows(ruleViolation('case_closed'));
  });
});

describe('householdStability', () => {
  it('says when income will be stable long enough', () => {
    const stability = householdStability({
      assessment: anAssessment().belowThreshold().build(),
      incomeAboveStandardSince: '2025-03-31T01:00:00.000Z',
      policy: CASE_POLICY,
      now: '2025-06-01T09:00:00+08:00',
    });
    expect(stability).toEqual({
      stable: false,
      unmet: ['income_stable'],
      explanations: [expect.stringContaining('only since 2025-03-31T01:00:00.000Z')],
      incomeStableFrom: '2025-09-30T09:00:00.000+08:00',
    });
  });
});
