import { foldHousehold } from '../household/household.evolver';
import { defaultPolicyDocuments } from '../policy/policy-documents';
import { policyByVersion } from '../policy/policy-selection';
import {
  aClaim,
  aDisaster,
  aHousehold,
  aHouseholdMember,
  anIncomeAssessment,
  anIncomeChange,
  aSchoolDropout,
  build,
} from '../testing/household-events.builder';
import { assessRisk } from './assess-risk';
import { nextReassessmentAt } from './next-reassessment';

const henan = policyByVersion('41-2024.1', defaultPolicyDocuments);
const shaanxi = policyByVersion('61-2024.1', defaultPolicyDocuments);
const household = aHousehold().formerlyPoor().withMembers(3);

describe('nextReassessmentAt', () => {
  it('is null for a household with no facts', () => {
    expect(nextReassessmentAt(foldHousehold([]), henan, '2026-04-01T00:00:00+08:00')).toBeNull();
  });

  it('is the new year when the threshold follows the prior year’s rural income, and nothing else is pending', () => {
    const state = foldHousehold([household.build()]);
    expect(nextReassessmentAt(state, henan, '2026-04-01T00:00:00+08:00')).toBe('2026-12-31T16:00:00.000Z');
    // A fixed-sum threshold does not move with the year.
    expect(nextReassessmentAt(state, shaanxi, '2026-04-01T00:00:00+08:00')).toBeNull();
  });

  it('is when a claim leaves the recent-shock window, then the 365-day window', () => {
    const claim = aClaim().outOfPocketYuan(13_000).settledOn('2026-03-01T10:00:00+08:00');
    const state = foldHousehold([household.build(), claim.build()].map(build));
    const afterShock = nextReassessmentAt(state, shaanxi, '2026-04-01T00:00:00+08:00');
    expect(afterShock).toBe('2026-08-28T02:00:00.000Z'); // 180 days after 2026-03-01 10:00 +08:00
    expect(assessRisk(state, shaanxi, '2026-08-28T09:59:59.999+08:00').figures.recentShock).toBe(true);
    expect(assessRisk(state, shaanxi, afterShock as string).figures.recentShock).toBe(false);
    expect(nextReassessmentAt(state, shaanxi, afterShock as string)).toBe('2027-03-01T02:00:00.000Z');
    expect(assessRisk(state, shaanxi, '2027-03-01T10:00:00+08:00').figures.outOfPocketInWindowFen).toBe(0);
  });

  it('includes income-fall and disaster windows', () => {
    const state = foldHousehold([
      household.build(),
      anIncomeAssessment().netIncomeYuan(36_000).on('2026-01-10').build(),
      anIncomeChange().monthlyYuan(1_000).on('2026-02-01T10:00:00+08:00').build(),
      aDisaster().lossYuan(1_000).on('2025-06-01T10:00:00+08:00').build(),
    ]);
    // Income report + 180 days: 2026-07-31 10:00 +08:00; disaster + 365 days: 2026-06-01 10:00 +08:00 comes first.
    expect(nextReassessmentAt(state, shaanxi, '2026-04-01T00:00:00+08:00')).toBe('2026-06-01T02:00:00.000Z');
    expect(nextReassessmentAt(state, shaanxi, '2026-06-01T10:00:00+08:00')).toBe('2026-07-31T02:00:00.000Z');
  });

  it('includes the birthday on which a member out of school leaves compulsory-school age', () => {
    const withPupil = aHousehold().withMemberList(
      aHouseholdMember().as('head'),
      aHouseholdMember().as('child').bornOn('2012-05-01'),
    );
    const state = foldHousehold([
      withPupil.build(),
      aSchoolDropout(withPupil.personId(2)).on('2026-02-10').build(),
    ]);
    expect(nextReassessmentAt(state, shaanxi, '2026-04-01T00:00:00+08:00')).toBe('2028-04-30T16:00:00.000Z');
  });

  it('includes facts already recorded with a later business time', () => {
    const state = foldHousehold([
      household.build(),
      aClaim().outOfPocketYuan(10).settledOn('2026-05-05T10:00:00+08:00').build(),
    ]);
    expect(nextReassessmentAt(state, shaanxi, '2026-04-01T00:00:00+08:00')).toBe('2026-05-05T02:00:00.000Z');
  });
});
