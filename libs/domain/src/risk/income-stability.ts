import {
  DAY_MS,
  addCalendarMonths,
  civilDateAt,
  formatUtc,
  parseBusinessTime,
  startOfCivilDate,
} from '../household/business-time';
import type { HouseholdState } from '../household/household-state';
import type { MonitoringPolicy } from '../policy/monitoring-policy';
import { policyUtcOffsetMinutes } from '../policy/policy-selection';
import { incomeAfterRigidAt, isAtOrAboveStandard } from './risk-evaluation';

/** Times at or before `at` where the per-capita income after rigid expenditure can change. */
const incomeChangePoints = (state: HouseholdState, policy: MonitoringPolicy, at: number): number[] => {
  const points = new Set<number>();
  const add = (time: number) => {
    if (time <= at) points.add(time);
  };
  for (const list of [
    state.registrations,
    state.memberChanges,
    state.incomeAssessments,
    state.incomeChanges,
    state.reversals,
  ]) {
    for (const entry of list) add(entry.at);
  }
  for (const claim of state.claims) {
    add(claim.at);
    add(claim.at + policy.medical.windowDays * DAY_MS);
  }
  return [...points].sort((a, b) => b - a);
};

const aboveSince = (state: HouseholdState, policy: MonitoringPolicy, at: number): number | null => {
  const holdsAt = (time: number) => {
    const figure = incomeAfterRigidAt(state, policy, time);
    return figure !== null && isAtOrAboveStandard(policy, figure);
  };
  if (!holdsAt(at)) return null;
  let since: number | null = null;
  // The figure is constant between change points, so checking each point walks the segments backwards.
  for (const point of incomeChangePoints(state, policy, at)) {
    if (!holdsAt(point)) break;
    since = point;
  }
  return since;
};

/**
 * Since when the household's per-capita income after rigid expenditure has stayed at or above the
 * monitoring standard without a break, up to `asOf` (UTC ISO); null when it is below now or there is
 * no income figure. Exact as far back as the household state keeps facts (HOUSEHOLD_RETENTION_DAYS);
 * beyond that it reports the start of what is kept, which is years more than any stability rule needs.
 */
export const incomeAboveStandardSince = (
  state: HouseholdState,
  policy: MonitoringPolicy,
  asOf: string,
): string | null => {
  const since = aboveSince(state, policy, parseBusinessTime(asOf));
  return since === null ? null : formatUtc(since);
};

export interface IncomeStability {
  /** Since when income has been at or above the standard (UTC ISO), null if it is below now. */
  aboveStandardSince: string | null;
  /** The policy's `case.stableIncomeMonths`. */
  requiredMonths: number;
  /** When it will have been above for the required months, if it stays there (may be after asOf). */
  stableFrom: string | null;
  /** Above the standard for at least the required months at asOf (risk elimination, DESIGN §5). */
  stable: boolean;
}

export const incomeStability = (
  state: HouseholdState,
  policy: MonitoringPolicy,
  asOf: string,
): IncomeStability => {
  const at = parseBusinessTime(asOf);
  const since = aboveSince(state, policy, at);
  const requiredMonths = policy.case.stableIncomeMonths;
  if (since === null) return { aboveStandardSince: null, requiredMonths, stableFrom: null, stable: false };
  const offset = policyUtcOffsetMinutes(policy);
  const sinceDate = civilDateAt(since, offset);
  const timeOfDay = since - startOfCivilDate(sinceDate, offset);
  const stableFrom = startOfCivilDate(addCalendarMonths(sinceDate, requiredMonths), offset) + timeOfDay;
  return {
    aboveStandardSince: formatUtc(since),
    requiredMonths,
    stableFrom: formatUtc(stableFrom),
    stable: stableFrom <= at,
  };
};
