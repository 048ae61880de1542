import type { RiskCategory, RiskLevel } from '../events/case.events';

/** Factor codes the API reports (DESIGN §4). */
export type FactorCode =
  | 'income_below_standard'
  | 'income_near_standard'
  | 'medical_cost_high'
  | 'medical_cost_very_high'
  | 'income_fall'
  | 'disaster_loss'
  | 'guarantee_schooling'
  | 'guarantee_insurance'
  | 'guarantee_housing'
  | 'guarantee_water'
  | 'no_labour'
  | 'severe_disability_or_major_disease';

export type GuaranteeGap = 'schooling' | 'insurance' | 'housing' | 'water';

export interface RiskFactor {
  code: FactorCode;
  points: number;
  /** Plain language with the figures, e.g. "out-of-pocket medical cost 14,200 yuan in 365 days, over the 12,228 yuan threshold". */
  explanation: string;
  /** The same in Chinese, for officers and the console. */
  explanationZh: string;
  /** Ids of the events behind the factor. */
  evidence: string[];
}

/** The explainable result of `assessRisk(state, policy, asOf)`. */
export interface RiskAssessment {
  householdId: string;
  regionCode: string;
  score: number;
  riskLevel: RiskLevel;
  category: RiskCategory;
  /** Score at or above the policy's alert threshold. */
  alert: boolean;
  factors: RiskFactor[];
  policyVersion: string;
  /** ISO 8601 business time the assessment is for. */
  asOf: string;
  figures: {
    /** Household net income used (null until the household has any income figure). */
    householdNetIncomeFen: number | null;
    memberCount: number;
    /** Per-capita income after rigid (out-of-pocket medical) expenditure; null without income. */
    perCapitaIncomeAfterRigidFen: number | null;
    outOfPocketInWindowFen: number;
    medicalThresholdFen: number;
    monitoringStandardFen: number;
    guaranteeGaps: GuaranteeGap[];
    /** A shock factor (out-of-pocket, income fall, disaster) fired within the last 180 days. */
    recentShock: boolean;
  };
}
