import type { RiskCategory, RiskLevel } from '../events/case.events';
import { DAY_MS, civilDateAt, formatDateAt, parseCivilDate } from '../household/business-time';
import {
  claimsSettledIn,
  disastersIn,
  formerlyPoorAt,
  housingAt,
  incomeAt,
  membersAt,
  outOfSchoolAt,
  registrationAt,
  uninsuredAt,
  waterAt,
  type IncomeFigure,
  type MemberAsOf,
} from '../household/household-as-of';
import type { HouseholdState, Stamp } from '../household/household-state';
import { fullYearsBetween } from '../time/calendar';
import type { MonitoringPolicy } from '../policy/monitoring-policy';
import { policyUtcOffsetMinutes } from '../policy/policy-selection';
import { medicalThresholdAt } from './medical-threshold';
import type { FactorCode, GuaranteeGap, RiskAssessment, RiskFactor } from './risk-assessment';
import * as explain from './risk-explanations';

/** What the scorer needs beyond the household's own events. */
export interface AssessmentContext {
  /** The household has a confirmed case that is not closed: the lower medical threshold applies. */
  monitored?: boolean;
}

/** A factor with, for shock factors, the business time it fired at. */
interface FiredFactor extends RiskFactor {
  shockAt: number | null;
}

/** Income after rigid (out-of-pocket medical) expenditure at a time; null without income or members. */
export interface IncomeAfterRigid {
  income: IncomeFigure;
  memberCount: number;
  outOfPocketFen: number;
  /** Net income − out-of-pocket in the window. */
  afterRigidFen: number;
  /** Floor of afterRigid ÷ members (decisions use exact cross-multiplication, not this figure). */
  perCapitaFen: number;
}

const evidenceOf = (entries: readonly Stamp[]): string[] => entries.map((entry) => entry.eventId);

/** Every id once, in order of first appearance. */
const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

export const outOfPocketWindowStart = (policy: MonitoringPolicy, at: number): number =>
  at - policy.medical.windowDays * DAY_MS;

export const incomeAfterRigidAt = (
  state: HouseholdState,
  policy: MonitoringPolicy,
  at: number,
  members: readonly MemberAsOf[] = membersAt(state, at),
): IncomeAfterRigid | null => {
  const income = incomeAt(state, at);
  if (income === null || members.length === 0) return null;
  const outOfPocketFen = claimsSettledIn(state, outOfPocketWindowStart(policy, at), at).reduce(
    (sum, claim) => sum + claim.outOfPocketFen,
    0,
  );
  const afterRigidFen = income.householdNetIncomeFen - outOfPocketFen;
  return {
    income,
    memberCount: members.length,
    outOfPocketFen,
    afterRigidFen,
    perCapitaFen: Math.floor(afterRigidFen / members.length),
  };
};

/** Per-capita income after rigid expenditure is not below the monitoring standard. */
export const isAtOrAboveStandard = (policy: MonitoringPolicy, figure: IncomeAfterRigid): boolean =>
  figure.afterRigidFen >= policy.income.monitoringStandardFen * figure.memberCount;

/** The entry whose running total (in stamp order) first exceeds `limit`: when the factor fired. */
const tippingEntry = <T extends Stamp>(
  entries: readonly T[],
  amount: (entry: T) => number,
  reaches: (total: number) => boolean,
) => {
  let total = 0;
  for (const entry of entries) {
    total += amount(entry);
    if (reaches(total)) return entry;
  }
  return null;
};

const incomeBasis = (income: IncomeFigure, offset: number): explain.IncomeBasis => ({
  householdNetIncomeFen: income.householdNetIncomeFen,
  basis:
    income.change !== null
      ? {
          kind: 'reported_change',
          monthlyFen: income.change.monthlyIncomeFen,
          date: formatDateAt(income.change.at, offset),
        }
      : { kind: 'assessment', year: income.assessment?.year ?? 0 },
});

export const riskLevelOf = (policy: MonitoringPolicy, score: number): RiskLevel =>
  score >= policy.scorecard.highFrom ? 'high' : score >= policy.scorecard.mediumFrom ? 'medium' : 'low';

/** The full assessment at an instant (epoch ms). `assessRisk` is its ISO-string face. */
export const evaluateRisk = (
  state: HouseholdState,
  policy: MonitoringPolicy,
  at: number,
  asOf: string,
  context: AssessmentContext = {},
): RiskAssessment => {
  const offset = policyUtcOffsetMinutes(policy);
  const points = policy.scorecard.points;
  const members = membersAt(state, at);
  const formerlyPoor = formerlyPoorAt(state, at);
  const threshold = medicalThresholdAt(policy, at, formerlyPoor || context.monitored === true);
  const windowClaims = claimsSettledIn(state, outOfPocketWindowStart(policy, at), at);
  const outOfPocketFen = windowClaims.reduce((sum, claim) => sum + claim.outOfPocketFen, 0);
  const rigid = incomeAfterRigidAt(state, policy, at, members);
  const income = incomeAt(state, at);
  const standardFen = policy.income.monitoringStandardFen;
  const fired: FiredFactor[] = [];
  const fire = (
    code: FactorCode,
    text: explain.Explanation,
    evidence: string[],
    shockAt: number | null = null,
  ) => {
    if (points[code] > 0)
      fired.push({
        code,
        points: points[code],
        explanation: text.explanation,
        explanationZh: text.explanationZh,
        evidence: unique(evidence),
        shockAt,
      });
  };

  // Income after rigid expenditure against the standard.
  if (rigid !== null) {
    const standardTotal = standardFen * rigid.memberCount;
    const evidence = [rigid.income.eventId, ...evidenceOf(windowClaims)];
    const basis = incomeBasis(rigid.income, offset);
    if (rigid.afterRigidFen < standardTotal) {
      fire(
        'income_below_standard',
        explain.incomeBelowStandard(
          basis,
          rigid.outOfPocketFen,
          rigid.memberCount,
          rigid.perCapitaFen,
          standardFen,
        ),
        evidence,
      );
    } else if (rigid.afterRigidFen * 100 <= (100 + policy.income.nearStandardPercent) * standardTotal) {
      fire(
        'income_near_standard',
        explain.incomeNearStandard(
          basis,
          rigid.outOfPocketFen,
          rigid.memberCount,
          rigid.perCapitaFen,
          standardFen,
          policy.income.nearStandardPercent,
        ),
        evidence,
      );
    }
  }

  // Out-of-pocket medical cost in the window.
  const veryHighFen = threshold.thresholdFen * policy.medical.veryHighMultiple;
  const veryHigh = outOfPocketFen > veryHighFen;
  if (veryHigh || outOfPocketFen > threshold.thresholdFen) {
    const limit = veryHigh ? veryHighFen : threshold.thresholdFen;
    const tipping = tippingEntry(
      windowClaims,
      (claim) => claim.outOfPocketFen,
      (total) => total > limit,
    );
    fire(
      veryHigh ? 'medical_cost_very_high' : 'medical_cost_high',
      explain.medicalCost(
        outOfPocketFen,
        policy.medical.windowDays,
        threshold,
        veryHigh ? policy.medical.veryHighMultiple : null,
      ),
      evidenceOf(windowClaims),
      tipping?.at ?? null,
    );
  }

  // Sharp income fall: a reported monthly figure after the last assessment, well below it, and recent.
  if (income?.change && income.assessment) {
    const { change, assessment } = income;
    const assessedNet = assessment.householdNetIncomeFen;
    const recent = change.at > at - policy.income.fallWithinDays * DAY_MS;
    const fallen = 12 * change.monthlyIncomeFen * 100 <= (100 - policy.income.fallPercent) * assessedNet;
    if (recent && assessedNet > 0 && fallen) {
      fire(
        'income_fall',
        explain.incomeFall(
          change.monthlyIncomeFen,
          formatDateAt(change.at, offset),
          change.reason,
          assessedNet,
          assessment.year,
          Math.floor(((assessedNet - 12 * change.monthlyIncomeFen) * 100) / assessedNet),
          policy.income.fallPercent,
        ),
        [change.eventId, assessment.eventId],
        change.at,
      );
    }
  }

  // Disaster losses in the window against household net income.
  if (income !== null) {
    const disasters = disastersIn(state, at - policy.disaster.windowDays * DAY_MS, at);
    const lossFen = disasters.reduce((sum, disaster) => sum + disaster.lossFen, 0);
    const net = income.householdNetIncomeFen;
    const reaches = (total: number) => total > 0 && total * 100 >= policy.disaster.lossSharePercent * net;
    if (reaches(lossFen)) {
      const tipping = tippingEntry(disasters, (disaster) => disaster.lossFen, reaches);
      fire(
        'disaster_loss',
        explain.disasterLoss(
          lossFen,
          policy.disaster.windowDays,
          disasters.map((disaster) => ({ kind: disaster.kind, date: formatDateAt(disaster.at, offset) })),
          net,
          policy.disaster.lossSharePercent,
        ),
        [...evidenceOf(disasters), income.eventId],
        tipping?.at ?? null,
      );
    }
  }

  // Basic-guarantee gaps.
  const today = civilDateAt(at, offset);
  const untilAge = policy.guarantees.compulsorySchoolingUntilAge;
  const outOfSchool = outOfSchoolAt(state, at, members).filter(({ member }) => {
    const birth = parseCivilDate(member.birthDate);
    return birth !== undefined && fullYearsBetween(birth, today) < untilAge;
  });
  const gaps: GuaranteeGap[] = [];
  if (outOfSchool.length > 0) {
    gaps.push('schooling');
    fire(
      'guarantee_schooling',
      explain.schoolingGap(
        outOfSchool.map(({ member, report }) => ({ ...member, since: formatDateAt(report.at, offset) })),
        untilAge,
      ),
      evidenceOf(outOfSchool.map(({ report }) => report)),
    );
  }
  const uninsured = uninsuredAt(state, at, members);
  if (uninsured.length > 0) {
    gaps.push('insurance');
    fire(
      'guarantee_insurance',
      explain.insuranceGap(
        uninsured.map(({ member, report }) => ({ ...member, since: formatDateAt(report.at, offset) })),
      ),
      evidenceOf(uninsured.map(({ report }) => report)),
    );
  }
  const housing = housingAt(state, at);
  if (housing !== null && policy.guarantees.unsafeHousingGrades.includes(housing.grade)) {
    gaps.push('housing');
    fire(
      'guarantee_housing',
      explain.housingGap(
        housing.grade,
        formatDateAt(housing.at, offset),
        policy.guarantees.unsafeHousingGrades,
      ),
      [housing.eventId],
    );
  }
  const water = waterAt(state, at);
  if (water !== null && !water.safe) {
    gaps.push('water');
    fire('guarantee_water', explain.waterGap(formatDateAt(water.at, offset)), [water.eventId]);
  }

  // Capacity and health.
  if (members.length > 0 && members.every((member) => member.labourCapacity === 'none')) {
    fire(
      'no_labour',
      explain.noLabour(members.length),
      members.map((member) => member.labourEventId),
    );
  }
  const severe = members.flatMap((member) => {
    const disabilityGrade =
      member.disabilityGrade !== null && policy.health.severeDisabilityGrades.includes(member.disabilityGrade)
        ? member.disabilityGrade
        : null;
    const diseaseClass =
      member.diseaseClass !== null && policy.health.majorDiseaseClasses.includes(member.diseaseClass)
        ? member.diseaseClass
        : null;
    if (disabilityGrade === null && diseaseClass === null) return [];
    const evidence = [
      ...(disabilityGrade !== null && member.disabilityEventId ? [member.disabilityEventId] : []),
      ...(diseaseClass !== null && member.diseaseEventId ? [member.diseaseEventId] : []),
    ];
    return [{ member: { ...member, disabilityGrade, diseaseClass }, evidence }];
  });
  if (severe.length > 0) {
    fire(
      'severe_disability_or_major_disease',
      explain.severeDisabilityOrMajorDisease(severe.map(({ member }) => member)),
      severe.flatMap(({ evidence }) => evidence),
    );
  }

  const score = Math.min(
    policy.scorecard.cap,
    fired.reduce((sum, factor) => sum + factor.points, 0),
  );
  const alert = score >= policy.scorecard.alertThreshold;
  const recentShock = fired.some(
    (factor) => factor.shockAt !== null && factor.shockAt > at - policy.recentShockDays * DAY_MS,
  );
  const category: RiskCategory = !alert
    ? 'none'
    : recentShock
      ? 'sudden_hardship'
      : formerlyPoor
        ? 'unstable'
        : 'marginal';

  return {
    householdId: state.householdId ?? '',
    regionCode: registrationAt(state, at)?.regionCode ?? '',
    score,
    riskLevel: riskLevelOf(policy, score),
    category,
    alert,
    factors: fired.map(({ code, points: factorPoints, explanation, explanationZh, evidence }) => ({
      code,
      points: factorPoints,
      explanation,
      explanationZh,
      evidence,
    })),
    policyVersion: policy.policyVersion,
    asOf,
    figures: {
      householdNetIncomeFen: income?.householdNetIncomeFen ?? null,
      memberCount: members.length,
      perCapitaIncomeAfterRigidFen: rigid?.perCapitaFen ?? null,
      outOfPocketInWindowFen: outOfPocketFen,
      medicalThresholdFen: threshold.thresholdFen,
      monitoringStandardFen: standardFen,
      guaranteeGaps: gaps,
      recentShock,
    },
  };
};
