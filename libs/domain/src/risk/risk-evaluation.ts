import type { RiskCategory, RiskLevel } from '../events/case.events';
import { DAY_MS, civilDateAt, formatDateAt, parseCivilDate } from '../household/business-time';
import {
  claimsSettledIn,
  disastersIn,
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
import type {
  ClaimEntry,
  HouseholdState,
  MemberChangeEntry,
  RegistrationEntry,
  Stamp,
} from '../household/household-state';
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
const unique = (ids: readonly string[]): string[] => {
  if (ids.length > 8) return [...new Set(ids)];
  // Evidence lists are short: a scan allocates less than a Set, and this runs per factor per event.
  const result: string[] = [];
  for (const id of ids) if (!result.includes(id)) result.push(id);
  return result;
};

const outOfPocketOf = (claims: readonly ClaimEntry[]): number =>
  claims.reduce((sum, claim) => sum + claim.outOfPocketFen, 0);

/** Members computed for a household's registrations, with the member changes they were computed with. */
interface LatestMembers {
  memberChanges: readonly MemberChangeEntry[];
  members: MemberAsOf[];
}

const latestMembers = new WeakMap<readonly RegistrationEntry[], LatestMembers>();

const noneAfter = (entries: readonly Stamp[], at: number): boolean =>
  entries.length === 0 || entries[entries.length - 1].at <= at;

/**
 * `membersAt`, remembered for a time at or after the household's last registration and member
 * change, where the answer no longer depends on the time: the projector assesses each event just
 * evolved, and most events leave both lists as they were (the evolver never changes a list in place).
 */
const currentMembers = (state: HouseholdState, at: number): readonly MemberAsOf[] => {
  const { registrations, memberChanges } = state;
  if (!noneAfter(registrations, at) || !noneAfter(memberChanges, at)) return membersAt(state, at);
  const known = latestMembers.get(registrations);
  if (known !== undefined && known.memberChanges === memberChanges) return known.members;
  const members = membersAt(state, at);
  latestMembers.set(registrations, { memberChanges, members });
  return members;
};

export const outOfPocketWindowStart = (policy: MonitoringPolicy, at: number): number =>
  at - policy.medical.windowDays * DAY_MS;

/** The figure from its parts, for a caller that has them already (null without income or members). */
const rigidFigure = (
  income: IncomeFigure | null,
  memberCount: number,
  outOfPocketFen: number,
): IncomeAfterRigid | null => {
  if (income === null || memberCount === 0) return null;
  const afterRigidFen = income.householdNetIncomeFen - outOfPocketFen;
  return {
    income,
    memberCount,
    outOfPocketFen,
    afterRigidFen,
    perCapitaFen: Math.floor(afterRigidFen / memberCount),
  };
};

export const incomeAfterRigidAt = (
  state: HouseholdState,
  policy: MonitoringPolicy,
  at: number,
  members: readonly MemberAsOf[] = membersAt(state, at),
): IncomeAfterRigid | null => {
  const income = incomeAt(state, at);
  if (income === null || members.length === 0) return null;
  const claims = claimsSettledIn(state, outOfPocketWindowStart(policy, at), at);
  return rigidFigure(income, members.length, outOfPocketOf(claims));
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
  const members = currentMembers(state, at);
  const registration = registrationAt(state, at);
  const formerlyPoor = registration?.formerlyPoor ?? false;
  const threshold = medicalThresholdAt(policy, at, formerlyPoor || context.monitored === true);
  const windowClaims = claimsSettledIn(state, outOfPocketWindowStart(policy, at), at);
  const outOfPocketFen = outOfPocketOf(windowClaims);
  const income = incomeAt(state, at);
  // `incomeAfterRigidAt` from what is at hand, rather than reading income and claims again.
  const rigid = rigidFigure(income, members.length, outOfPocketFen);
  const standardFen = policy.income.monitoringStandardFen;
  const fired: RiskFactor[] = [];
  // For each fired factor, the business time a shock factor fired at (null for the others).
  const shockTimes: (number | null)[] = [];
  const fire = (
    code: FactorCode,
    text: explain.Explanation,
    evidence: string[],
    shockAt: number | null = null,
  ) => {
    if (points[code] > 0) {
      fired.push({
        code,
        points: points[code],
        explanation: text.explanation,
        explanationZh: text.explanationZh,
        evidence: unique(evidence),
      });
      shockTimes.push(shockAt);
    }
  };

  // Income after rigid expenditure against the standard.
  if (rigid !== null) {
    const standardTotal = standardFen * rigid.memberCount;
    const below = rigid.afterRigidFen < standardTotal;
    const near = rigid.afterRigidFen * 100 <= (100 + policy.income.nearStandardPercent) * standardTotal;
    // Evidence and wording only for a factor that fires: most households are well above the standard.
    if (below || near) {
      const evidence = [rigid.income.eventId, ...evidenceOf(windowClaims)];
      const basis = incomeBasis(rigid.income, offset);
      if (below) {
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
      } else {
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
  // A loop rather than `flatMap`: it runs per member per event, and few members have such a condition.
  const severe: MemberAsOf[] = [];
  const severeEvidence: string[] = [];
  for (const member of members) {
    const disabilityGrade =
      member.disabilityGrade !== null && policy.health.severeDisabilityGrades.includes(member.disabilityGrade)
        ? member.disabilityGrade
        : null;
    const diseaseClass =
      member.diseaseClass !== null && policy.health.majorDiseaseClasses.includes(member.diseaseClass)
        ? member.diseaseClass
        : null;
    if (disabilityGrade === null && diseaseClass === null) continue;
    severe.push({ ...member, disabilityGrade, diseaseClass });
    if (disabilityGrade !== null && member.disabilityEventId) severeEvidence.push(member.disabilityEventId);
    if (diseaseClass !== null && member.diseaseEventId) severeEvidence.push(member.diseaseEventId);
  }
  if (severe.length > 0) {
    fire(
      'severe_disability_or_major_disease',
      explain.severeDisabilityOrMajorDisease(severe),
      severeEvidence,
    );
  }

  const score = Math.min(
    policy.scorecard.cap,
    fired.reduce((sum, factor) => sum + factor.points, 0),
  );
  const alert = score >= policy.scorecard.alertThreshold;
  const recentShock = shockTimes.some(
    (shockAt) => shockAt !== null && shockAt > at - policy.recentShockDays * DAY_MS,
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
    regionCode: registration?.regionCode ?? '',
    score,
    riskLevel: riskLevelOf(policy, score),
    category,
    alert,
    factors: fired,
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
