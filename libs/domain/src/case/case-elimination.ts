import type { RiskAssessment } from '../risk/risk-assessment';
import { formatInstant } from '../time/instant';
import type { CasePolicy } from './case-policy';
import { addCalendarMonthsAt, millisOf, offsetOf } from './case-time';

/**
 * Whether a household is stable enough for its risk to be eliminated (DESIGN §5): back below the
 * alert threshold, every basic-guarantee gap closed, and income at or above the monitoring standard
 * for the policy's `stableIncomeMonths` calendar months (counted on the calendar of `now`'s offset).
 */

export type StabilityCondition = 'below_threshold' | 'guarantees_secure' | 'income_stable';

export interface HouseholdStability {
  stable: boolean;
  /** The conditions not met, in the order above. */
  unmet: StabilityCondition[];
  /** One plain sentence per unmet condition, with the figures. */
  explanations: string[];
  /** When income will have been above the standard long enough, if it stays there; null if below. */
  incomeStableFrom: string | null;
}

export interface StabilityInput {
  assessment: RiskAssessment;
  incomeAboveStandardSince: string | null;
  policy: CasePolicy;
  now: string;
}

export const householdStability = ({
  assessment,
  incomeAboveStandardSince,
  policy,
  now,
}: StabilityInput): HouseholdStability => {
  const unmet: StabilityCondition[] = [];
  const explanations: string[] = [];

  if (assessment.alert) {
    unmet.push('below_threshold');
    explanations.push(`risk score ${assessment.score} is still at or above the alert threshold`);
  }
  const gaps = assessment.figures.guaranteeGaps;
  if (gaps.length > 0) {
    unmet.push('guarantees_secure');
    explanations.push(`basic-guarantee gaps still open: ${gaps.join(', ')}`);
  }

  const months = policy.stableIncomeMonths;
  let incomeStableFrom: string | null = null;
  if (incomeAboveStandardSince === null) {
    unmet.push('income_stable');
    explanations.push('income is below the monitoring standard');
  } else {
    const offset = offsetOf(now);
    const stableFromMillis = addCalendarMonthsAt(millisOf(incomeAboveStandardSince), months, offset);
    incomeStableFrom = formatInstant(stableFromMillis, offset);
    if (stableFromMillis > millisOf(now)) {
      unmet.push('income_stable');
      explanations.push(
        `income has been above the monitoring standard only since ${incomeAboveStandardSince}; ` +
          `${months} months are needed (until ${incomeStableFrom})`,
      );
    }
  }

  return { stable: unmet.length === 0, unmet, explanations, incomeStableFrom };
};
