import type { HouseholdHistory } from './household-history';
import { dayOfYearMonth, yearOfDay } from './local-time';
import { INCOME_FALL_REASONS, PROFILE } from './province-profile';

/**
 * The income feed of one household: the yearly assessment of the prior year's net income (made in
 * the first quarter, plus one shortly after registration) and now and then a reported fall.
 */

/** Per-capita net income is log-normal around the profile's medians, lower when fewer members can work. */
export const planIncome = (history: HouseholdHistory): void => {
  const { random, household, window } = history;
  const members = history.initialMembers();
  const labourUnits = members.reduce(
    (sum, p) => sum + (p.labourCapacity === 'full' ? 1 : p.labourCapacity === 'partial' ? 0.5 : 0),
    0,
  );
  const labourShare = labourUnits / Math.max(1, members.length);
  const poor = household.formerlyPoor;
  const median =
    (poor ? PROFILE.incomeMedianYuan.formerlyPoor : PROFILE.incomeMedianYuan.other) *
    (0.55 + 0.9 * labourShare);
  const baseYuan = random.logNormal(
    median,
    poor ? PROFILE.incomeSigma.formerlyPoor : PROFILE.incomeSigma.other,
  );
  const baseYear = yearOfDay(window.startDay) - 1;
  const perCapitaFen = (year: number): number => {
    const yuan =
      baseYuan * Math.pow(1 + PROFILE.yearlyIncomeGrowth, year - baseYear) * random.logNormal(1, 0.08);
    return Math.max(60_000, Math.round(yuan) * 100);
  };

  const firstDay = household.registeredDay + random.int(3, 20);
  if (firstDay >= window.endDay) return;
  const firstYear = yearOfDay(firstDay) - 1;
  assess(history, firstDay, firstYear, perCapitaFen(firstYear));
  for (let year = firstYear + 1; year < yearOfDay(window.endDay - 1); year += 1) {
    const day = dayOfYearMonth(year + 1, 1, 10) + random.int(0, 80);
    if (day > firstDay && day < window.endDay) assess(history, day, year, perCapitaFen(year));
  }
};

/** Household net income is per-capita income times the members the registry lists at that moment. */
const assess = (
  history: HouseholdHistory,
  day: number,
  year: number,
  perCapitaNetIncomeFen: number,
): void => {
  const at = history.timeOn(day, 9, 17);
  const householdNetIncomeFen = perCapitaNetIncomeFen * history.membersAt(at).length;
  history.assessments.push({ at, netFen: householdNetIncomeFen });
  history.push(
    {
      type: 'income_assessed',
      ...history.head('income', at),
      year,
      householdNetIncomeFen,
      perCapitaNetIncomeFen,
    },
    at,
  );
};

/** A job loss or failed harvest: most falls are sharp (≥ 30%), some households recover within months. */
export const planIncomeFall = (history: HouseholdHistory): void => {
  const { random, household, window } = history;
  const firstAssessment = history.assessments[0];
  const workers = household.members.some((p) => p.labourCapacity === 'full');
  const rate = PROFILE.incomeFallRate * history.yearsFrom(household.registeredDay) * (workers ? 1.3 : 0.5);
  if (firstAssessment === undefined || !random.chance(rate)) return;
  const day = history.dayAfter(history.dayOf(firstAssessment.at) + 20);
  if (day === undefined) return;
  const at = history.timeOn(day, 9, 17);
  const monthlyBefore = history.latestAssessmentBefore(at) / 12;
  const factor = random.chance(0.75) ? random.uniform(0.3, 0.68) : random.uniform(0.72, 0.95);
  const reason = random.weighted(INCOME_FALL_REASONS);
  reportMonthlyIncome(history, at, Math.round(monthlyBefore * factor), reason);
  const recovery = day + random.int(60, 180);
  if (random.chance(PROFILE.incomeRecoveryShare) && recovery < window.endDay) {
    const recovered =
      reason === 'crop_failure'
        ? 'harvest_recovered'
        : reason === 'business_failure'
          ? 'business_recovered'
          : 're_employed';
    const recoveredAt = history.timeOn(recovery, 9, 17);
    reportMonthlyIncome(
      history,
      recoveredAt,
      Math.round(monthlyBefore * random.uniform(0.9, 1.15)),
      recovered,
    );
  }
};

const reportMonthlyIncome = (
  history: HouseholdHistory,
  at: number,
  monthlyIncomeFen: number,
  reason: string,
) => {
  history.monthlyReports.push({ at, netFen: monthlyIncomeFen * 12 });
  const late = history.random.chance(0.05);
  history.push(
    { type: 'income_change_reported', ...history.head('income', at), monthlyIncomeFen, reason },
    at,
    late,
  );
};
