import { caseRiskOf, isRiskChanged } from './case-risk';
import { anAssessment } from './testing/case.builders';

/** The case's recorded risk is what it took from an assessment with these factors. */
const recorded = (...factors: Parameters<ReturnType<typeof anAssessment>['withFactors']>) =>
  caseRiskOf(
    anAssessment()
      .withFactors(...factors)
      .build(),
  );

const assessed = (...factors: Parameters<ReturnType<typeof anAssessment>['withFactors']>) =>
  anAssessment()
    .withFactors(...factors)
    .build();

describe('isRiskChanged', () => {
  const medical = { code: 'medical_cost_very_high' as const, points: 40, evidence: ['claim-1', 'claim-2'] };
  const income = { code: 'income_near_standard' as const, points: 20, evidence: ['income-1'] };

  it('sees no change in the same factors with the same evidence, in order or not', () => {
    expect(isRiskChanged(recorded(medical, income), assessed(medical, income))).toBe(false);
    expect(isRiskChanged(recorded(medical, income), assessed(income, medical))).toBe(false);
    expect(
      isRiskChanged(
        recorded(medical, income),
        assessed({ ...medical, evidence: ['claim-2', 'claim-1'] }, income),
      ),
    ).toBe(false);
  });

  it('sees a factor gained or lost, and a piece of evidence gained', () => {
    expect(isRiskChanged(recorded(medical), assessed(medical, income))).toBe(true);
    expect(isRiskChanged(recorded(medical, income), assessed(medical))).toBe(true);
    expect(
      isRiskChanged(
        recorded(medical, income),
        assessed({ ...medical, evidence: ['claim-1', 'claim-2', 'claim-3'] }, income),
      ),
    ).toBe(true);
  });

  it('sees other evidence or other points behind as many factors and pieces of evidence', () => {
    expect(
      isRiskChanged(
        recorded(medical, income),
        assessed({ ...medical, evidence: ['claim-1', 'claim-3'] }, income),
      ),
    ).toBe(true);
    expect(
      isRiskChanged(
        recorded(medical, income),
        assessed(income, { ...medical, evidence: ['claim-3', 'claim-1'] }),
      ),
    ).toBe(true);
    // Same total score and evidence count, the points moved between factors.
    expect(
      isRiskChanged(
        recorded(medical, income),
        assessed({ ...medical, points: 30 }, { ...income, points: 30 }),
      ),
    ).toBe(true);
  });
});
