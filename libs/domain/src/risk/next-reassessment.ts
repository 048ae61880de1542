import {
  DAY_MS,
  birthdayOfAge,
  civilDateAt,
  formatUtc,
  parseBusinessTime,
  parseCivilDate,
  startOfCivilDate,
} from '../household/business-time';
import { membersAt } from '../household/household-as-of';
import type { HouseholdState, Stamp } from '../household/household-state';
import type { MonitoringPolicy } from '../policy/monitoring-policy';
import { policyUtcOffsetMinutes } from '../policy/policy-selection';

/**
 * The next business time after `asOf` at which the household's assessment can change without any new
 * event, as UTC ISO, or null if it cannot. Every window edge counts: a claim or disaster leaving its
 * window or the recent-shock window, an income report leaving the income-fall window, a member out of
 * school reaching the end of compulsory-school age, the new calendar year (a share threshold follows
 * the prior year's income), and facts already recorded with a later business time. It may name a
 * time at which nothing turns out to change (it never names one too late), so the daily
 * re-assessment touches only households that need it. A new policy document taking effect is the
 * caller's to add (`nextPolicyChangeAt`); the `monitored` input changes through case events.
 */
export const nextReassessmentAt = (
  state: HouseholdState,
  policy: MonitoringPolicy,
  asOf: string,
): string | null => {
  const at = parseBusinessTime(asOf);
  const offset = policyUtcOffsetMinutes(policy);
  let next = Number.POSITIVE_INFINITY;
  const consider = (edge: number) => {
    if (edge > at && edge < next) next = edge;
  };
  const considerAll = (entries: readonly Stamp[], ...windowsDays: number[]) => {
    for (const entry of entries) {
      consider(entry.at);
      for (const days of windowsDays) consider(entry.at + days * DAY_MS);
    }
  };

  considerAll(state.registrations);
  considerAll(state.memberChanges);
  considerAll(state.socialAssistance);
  considerAll(state.schooling);
  considerAll(state.insurance);
  considerAll(state.housing);
  considerAll(state.water);
  considerAll(state.incomeAssessments);
  considerAll(state.incomeChanges, policy.income.fallWithinDays, policy.recentShockDays);
  considerAll(state.claims, policy.medical.windowDays, policy.recentShockDays);
  considerAll(state.reversals);
  considerAll(state.disasters, policy.disaster.windowDays, policy.recentShockDays);

  // A dropout stops being a compulsory-schooling gap on the member's birthday at the age limit.
  const reported = new Set(state.schooling.map((entry) => entry.personId));
  for (const member of membersAt(state, at)) {
    const birth = parseCivilDate(member.birthDate);
    if (!reported.has(member.personId) || birth === undefined) continue;
    consider(startOfCivilDate(birthdayOfAge(birth, policy.guarantees.compulsorySchoolingUntilAge), offset));
  }

  if (
    policy.medical.threshold.kind === 'share_of_prior_year_rural_income' &&
    state.latestBusinessTime !== null
  ) {
    const year = civilDateAt(at, offset).year;
    consider(startOfCivilDate({ year: year + 1, month: 1, day: 1 }, offset));
  }

  return Number.isFinite(next) ? formatUtc(next) : null;
};
