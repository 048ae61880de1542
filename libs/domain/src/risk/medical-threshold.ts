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

type RuralIncomeFigures = MonitoringPolicy['nationalRuralIncomeFen'];

/** Per table of figures (loaded policies are never changed), the answers of `latestYearBefore` so far. */
const latestYears = new WeakMap<RuralIncomeFigures, Map<number, number>>();

/** The latest year of the table before `assessmentYear`, or -Infinity: asked on every assessment. */
const latestYearBefore = (figures: RuralIncomeFigures, assessmentYear: number): number => {
  let byAssessmentYear = latestYears.get(figures);
  if (byAssessmentYear === undefined) {
    byAssessmentYear = new Map();
    latestYears.set(figures, byAssessmentYear);
  }
  let year = byAssessmentYear.get(assessmentYear);
  if (year === undefined) {
    year = Number.NEGATIVE_INFINITY;
    for (const key of Object.keys(figures)) {
      const candidate = Number(key);
      if (candidate < assessmentYear && candidate > year) year = candidate;
    }
    byAssessmentYear.set(assessmentYear, year);
  }
  return year;
};

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
  const year = latestYearBefore(policy.nationalRuralIncomeFen, assessmentYear);
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
