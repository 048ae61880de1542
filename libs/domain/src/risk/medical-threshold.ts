import { civilDateAt } from '../household/business-time';
import type { MonitoringPolicy } from '../policy/monitoring-policy';
import { policyUtcOffsetMinutes } from '../policy/policy-selection';

export class MissingRuralIncomeFigure extends Error {
  constructor(
    readonly policyVersion: string,
    readonly assessmentYear: number,
  ) {
    super(
      `policy ${policyVersion} has no national rural income figure for a year before ${assessmentYear}, ` +
        'so its medical threshold cannot be computed',
    );
    this.name = 'MissingRuralIncomeFigure';
  }
}

export interface MedicalThresholdFigure {
  thresholdFen: number;
  /** The lower tier: formerly poor, or monitored (a confirmed case not closed). */
  lowerTier: boolean;
  /** For a share threshold: the share and the income figure it is taken from. */
  share: { percent: number; year: number; ruralIncomeFen: number } | null;
}

/**
 * The out-of-pocket threshold in force at a time: a fixed sum, or a share of the national rural
 * per-capita disposable income of the latest year before the assessment's calendar year (on the
 * policy's clock): for 2026, 2025's 24,456 yuan → 12,228 / 24,456 yuan at 50% / 100%.
 */
export const medicalThresholdAt = (
  policy: MonitoringPolicy,
  at: number,
  lowerTier: boolean,
): MedicalThresholdFigure => {
  const threshold = policy.medical.threshold;
  if (threshold.kind === 'fixed_sum') {
    return {
      thresholdFen: lowerTier ? threshold.formerlyPoorOrMonitoredFen : threshold.othersFen,
      lowerTier,
      share: null,
    };
  }
  const assessmentYear = civilDateAt(at, policyUtcOffsetMinutes(policy)).year;
  // The latest year before the assessment's, without building arrays: this runs on every assessment.
  let year = Number.NEGATIVE_INFINITY;
  for (const key of Object.keys(policy.nationalRuralIncomeFen)) {
    const candidate = Number(key);
    if (candidate < assessmentYear && candidate > year) year = candidate;
  }
  if (year === Number.NEGATIVE_INFINITY)
    throw new MissingRuralIncomeFigure(policy.policyVersion, assessmentYear);
  const ruralIncomeFen = policy.nationalRuralIncomeFen[String(year)];
  const percent = lowerTier ? threshold.formerlyPoorOrMonitoredPercent : threshold.othersPercent;
  return {
    // Floor: a threshold in fen, never more lenient than the share says.
    thresholdFen: Math.floor((ruralIncomeFen * percent) / 100),
    lowerTier,
    share: { percent, year, ruralIncomeFen },
  };
};
