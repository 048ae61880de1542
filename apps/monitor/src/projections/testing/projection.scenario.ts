import { caseIdFor, formatInstant } from '@monitoring/domain';
import {
  aClaim,
  aClaimReversal,
  aDisaster,
  aHousehold,
  anIncomeAssessment,
  type HouseholdBuilder,
} from '@monitoring/domain/testing/household-events.builder';
import type { ProjectionHarness } from './projection.harness';

const DAY_MS = 86_400_000;

/**
 * A small province in three rounds, with everything the projection reacts to: crossings, updates of
 * open cases, a reversal, officers confirming and dismissing, a second crossing after a dismissal,
 * households that never cross. Business times are relative to `now` (the store stamps appends with
 * the real time). Returns every household and the number of cases each must end with.
 */
export const playScenario = async (
  harness: ProjectionHarness,
  prefix: string,
): Promise<{ households: string[]; expectedCases: Map<string, number> }> => {
  const now = Date.now();
  const daysAgo = (days: number) => formatInstant(now - days * DAY_MS, 480);
  const household = (n: number, formerlyPoor: boolean): HouseholdBuilder => {
    const builder = aHousehold()
      .withId(`${prefix}${String(n).padStart(5, '0')}`)
      .withMembers(2 + (n % 3));
    return formerlyPoor ? builder.formerlyPoor() : builder;
  };
  const households = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => household(n, n % 2 === 1));
  const [h1, h2, h3, h4, h5, h6, h7, h8] = households;
  const bill = (target: HouseholdBuilder, yuan: number, settledDaysAgo: number) =>
    aClaim().forHousehold(target).outOfPocketYuan(yuan).settledOn(daysAgo(settledDaysAgo));

  await harness.append(
    ...households.flatMap((target) => [
      target.build(),
      anIncomeAssessment().forHousehold(target).forYear(2025).netIncomeYuan(30_000).on(daysAgo(200)).build(),
    ]),
  );

  const h1First = bill(h1, 14_200, 90);
  const h3First = bill(h3, 14_200, 80);
  await harness.append(
    h1First.build(),
    bill(h2, 9_000, 85).build(),
    h3First.build(),
    bill(h4, 30_000, 70).build(),
    bill(h5, 26_000, 60).build(),
    bill(h6, 2_000, 50).build(),
    aDisaster().forHousehold(h7).on(daysAgo(45)).build(),
  );
  await harness.caughtUp();

  await harness.recordVerification(caseIdFor(h3.householdId, 1), 'dismissed', new Date());
  await harness.recordVerification(caseIdFor(h4.householdId, 1), 'confirmed', new Date());
  await harness.caughtUp();

  await harness.append(
    bill(h1, 20_000, 30).build(),
    aClaimReversal(h3First).on(daysAgo(25)).build(),
    bill(h4, 3_000, 20).build(),
    aClaimReversal(h1First).on(daysAgo(15)).build(),
    bill(h8, 18_000, 10).build(),
  );
  await harness.append(bill(h3, 16_000, 5).build());
  await harness.caughtUp();

  // Crossings: h1, h4 and h5 once; h3 twice (dismissed, back below after the reversal, then above again).
  const expectedCases = new Map(households.map((target) => [target.householdId, 0]));
  for (const target of [h1, h4, h5]) expectedCases.set(target.householdId, 1);
  expectedCases.set(h3.householdId, 2);
  return { households: households.map((target) => target.householdId), expectedCases };
};
