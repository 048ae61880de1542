import type { CaseFactor } from '../events/case.events';
import type { RiskAssessment } from '../risk/risk-assessment';
import type { CaseRisk } from './case-state';

/** A factor as a case records it: code, points and the events behind it (explanations stay on the household). */
export const caseFactorsOf = (assessment: RiskAssessment): CaseFactor[] =>
  assessment.factors.map((factor) => ({
    code: factor.code,
    points: factor.points,
    evidence: [...factor.evidence],
  }));

export const caseRiskOf = (assessment: RiskAssessment): CaseRisk => ({
  category: assessment.category,
  score: assessment.score,
  riskLevel: assessment.riskLevel,
  factors: caseFactorsOf(assessment),
  policyVersion: assessment.policyVersion,
  assessedAt: assessment.asOf,
});

// Order-free comparison: a reassessment may list the same factors and evidence in another order.
const factorKey = (factor: CaseFactor): string =>
  JSON.stringify([factor.code, factor.points, [...factor.evidence].sort()]);
const factorsKey = (factors: readonly CaseFactor[]): string => JSON.stringify(factors.map(factorKey).sort());

/**
 * The assessment says something the case does not know yet: another score, level or category, or a
 * factor gained, lost, re-weighted or resting on other events. The assessment time and the policy
 * version alone are no change, so a redelivered or merely repeated assessment updates nothing.
 */
export const isRiskChanged = (recorded: CaseRisk, assessment: RiskAssessment): boolean =>
  recorded.score !== assessment.score ||
  recorded.riskLevel !== assessment.riskLevel ||
  recorded.category !== assessment.category ||
  (!sameFactorsInOrder(recorded.factors, assessment.factors) &&
    // Equal factor lists have as many factors and pieces of evidence: a cheap, sure sign of a change.
    (recorded.factors.length !== assessment.factors.length ||
      evidenceCount(recorded.factors) !== evidenceCount(assessment.factors) ||
      factorsKey(recorded.factors) !== factorsKey(caseFactorsOf(assessment))));

const evidenceCount = (factors: readonly { evidence: readonly string[] }[]): number =>
  factors.reduce((sum, factor) => sum + factor.evidence.length, 0);

/**
 * The usual answer without building keys: the same factors with the same evidence, in the same
 * order. Anything else falls through to the order-free comparison.
 */
const sameFactorsInOrder = (
  recorded: readonly CaseFactor[],
  assessed: readonly RiskAssessment['factors'][number][],
): boolean => {
  if (recorded.length !== assessed.length) return false;
  for (let index = 0; index < recorded.length; index += 1) {
    const a = recorded[index];
    const b = assessed[index];
    if (a.code !== b.code || a.points !== b.points || a.evidence.length !== b.evidence.length) return false;
    for (let item = 0; item < a.evidence.length; item += 1) {
      if (a.evidence[item] !== b.evidence[item]) return false;
    }
  }
  return true;
};
