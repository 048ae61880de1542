import type { HouseholdEvent } from '../events/household.events';
import { foldHousehold } from '../household/household.evolver';
import type { MonitoringPolicy } from '../policy/monitoring-policy';
import { defaultPolicyDocuments } from '../policy/policy-documents';
import { policyFor } from '../policy/policy-selection';
import {
  aClaim,
  aClaimReversal,
  aDisabilityRecord,
  aDisaster,
  aHousehold,
  aHouseholdMember,
  aHousingAssessment,
  aMemberRemoval,
  anIncomeAssessment,
  anIncomeChange,
  anInsuranceChange,
  aSchoolDropout,
  aWaterAssessment,
  build,
} from '../testing/household-events.builder';
import type { RiskCategory } from '../events/case.events';
import { assessRisk, type AssessmentContext } from './assess-risk';
import type { FactorCode } from './risk-assessment';

/**
 * Households a reader can check against DESIGN §4 by hand. Unless a row says otherwise: Henan policy
 * 41-2024.1, asOf 2026-04-01 12:00 Beijing time, so the standard is 8,300 yuan a head (near: up to
 * 9,130), the medical threshold is 50% / 100% of 2025's 24,456 yuan = 12,228 / 24,456 yuan, and the
 * windows are (2025-04-01 12:00, 2026-04-01 12:00] for claims and disasters and (2025-10-03 12:00,
 * 2026-04-01 12:00] for the recent shocks and income falls. Points: below 40, near 20, medical 30 /
 * very high 40, fall 20, disaster 20, each gap 20, no labour 15, severe 10; alert at 50.
 * Events are listed in arrival order.
 */

const AS_OF = '2026-04-01T12:00:00+08:00';

// Households.
const poor3 = aHousehold().withId('H-POOR-3').formerlyPoor().withMembers(3);
const never3 = aHousehold().withId('H-NEVER-3').withMembers(3);
const never4 = aHousehold().withId('H-NEVER-4').withMembers(4);
const elderlyPoor = aHousehold()
  .withId('H-ELDERLY')
  .formerlyPoor()
  .withMemberList(
    aHouseholdMember().as('head').named('Liu Laohan').bornOn('1948-03-03').unableToWork().withDisability(1),
    aHouseholdMember().as('spouse').named('Chen Laotai').female().bornOn('1950-07-07').unableToWork(),
  );
const withPupil = aHousehold()
  .withId('H-PUPIL')
  .withMemberList(
    aHouseholdMember().as('head').named('Zhao Gang').bornOn('1982-02-02'),
    aHouseholdMember().as('child').named('Zhao Xiaoyu').bornOn('2013-09-01'),
  );
const shaanxiPoor = aHousehold().withId('H-SX-POOR').inRegion('610122100201').formerlyPoor().withMembers(3);
const shaanxiNever = aHousehold().withId('H-SX-NEVER').inRegion('610122100201').withMembers(3);

// Facts.
const income = (household: typeof poor3, yuan: number, on = '2026-01-20') =>
  anIncomeAssessment().forHousehold(household).forYear(2025).netIncomeYuan(yuan).on(on);
const bill = (household: typeof poor3, yuan: number, on: string, claimId?: string) => {
  const claim = aClaim().forHousehold(household).outOfPocketYuan(yuan).settledOn(on);
  return claimId ? claim.withClaimId(claimId) : claim;
};
const reversedBill = bill(never3, 25_000, '2026-02-15', 'C-REV');
const earlyReversedBill = bill(poor3, 20_000, '2026-02-15', 'C-EARLY-REV');

interface Scenario {
  description: string;
  events: (HouseholdEvent | { build(): HouseholdEvent })[];
  asOf?: string;
  context?: AssessmentContext;
  score: number;
  category: RiskCategory;
  factors: FactorCode[];
}

const scenarios: Scenario[] = [
  // Income against the standard.
  {
    description: 'formerly poor, 21,000 yuan for 3 = 7,000 a head, below 8,300: +40, no alert',
    events: [poor3, income(poor3, 21_000)],
    score: 40,
    category: 'none',
    factors: ['income_below_standard'],
  },
  {
    description: 'formerly poor below the standard with unsafe water: 40 + 20 = 60, unstable',
    events: [poor3, income(poor3, 21_000), aWaterAssessment(false).forHousehold(poor3).on('2025-08-01')],
    score: 60,
    category: 'unstable',
    factors: ['income_below_standard', 'guarantee_water'],
  },
  {
    description: 'never poor, 26,000 for 3 = 8,666.66 a head, within 10% above 8,300: +20',
    events: [never3, income(never3, 26_000)],
    score: 20,
    category: 'none',
    factors: ['income_near_standard'],
  },
  {
    description: 'never poor near the line, house graded C, a member uninsured: 20 + 20 + 20 = 60, marginal',
    events: [
      never3,
      income(never3, 26_000),
      aHousingAssessment('C').forHousehold(never3).on('2025-05-01'),
      anInsuranceChange(never3.personId(2)).forHousehold(never3).lapsed().on('2025-12-01'),
    ],
    score: 60,
    category: 'marginal',
    factors: ['income_near_standard', 'guarantee_insurance', 'guarantee_housing'],
  },
  {
    description:
      'a big bill pushes an above-line household below it: (36,000 − 25,000) ÷ 3 = 3,666.66 < 8,300 (+40), ' +
      '25,000 > 24,456 (+30), settled 45 days ago: 70, sudden hardship',
    events: [never3, income(never3, 36_000), bill(never3, 25_000, '2026-02-15')],
    score: 70,
    category: 'sudden_hardship',
    factors: ['income_below_standard', 'medical_cost_high'],
  },
  {
    description: 'the same bill reversed upstream counts for nothing: 36,000 ÷ 3 = 12,000 a head, no factor',
    events: [never3, income(never3, 36_000), reversedBill, aClaimReversal(reversedBill).on('2026-03-01')],
    score: 0,
    category: 'none',
    factors: [],
  },
  {
    description: 'a reversal that arrives before its claim still cancels it',
    events: [
      poor3,
      income(poor3, 36_000),
      aClaimReversal(earlyReversedBill).on('2026-02-20'),
      earlyReversedBill,
    ],
    score: 0,
    category: 'none',
    factors: [],
  },
  {
    description: 'a 20,000 yuan claim settled 2025-03-15, older than 365 days, no longer counts',
    events: [poor3, income(poor3, 36_000), bill(poor3, 20_000, '2025-03-15')],
    score: 0,
    category: 'none',
    factors: [],
  },
  {
    description: 'a claim settled exactly 365 days before asOf is outside (asOf − 365 days, asOf]',
    events: [poor3, income(poor3, 36_000), bill(poor3, 13_000, '2025-04-01T12:00:00+08:00')],
    score: 0,
    category: 'none',
    factors: [],
  },
  {
    description:
      'a claim 1 ms inside the window: 13,000 > 12,228 (+30) and (36,000 − 13,000) ÷ 3 = 7,666.66 (+40), ' +
      'but the shock is a year old: 70, unstable',
    events: [poor3, income(poor3, 36_000), bill(poor3, 13_000, '2025-04-01T12:00:00.001+08:00')],
    score: 70,
    category: 'unstable',
    factors: ['income_below_standard', 'medical_cost_high'],
  },
  {
    description: 'out-of-pocket exactly at the 12,228 threshold is not over it',
    events: [poor3, income(poor3, 60_000), bill(poor3, 12_228, '2026-03-01')],
    score: 0,
    category: 'none',
    factors: [],
  },
  {
    description: 'one fen over the 12,228 threshold: +30',
    events: [poor3, income(poor3, 60_000), bill(poor3, 12_228.01, '2026-03-01')],
    score: 30,
    category: 'none',
    factors: ['medical_cost_high'],
  },
  {
    description: 'exactly twice the threshold (24,456) is high, not very high',
    events: [poor3, income(poor3, 60_000), bill(poor3, 24_456, '2026-03-01')],
    score: 30,
    category: 'none',
    factors: ['medical_cost_high'],
  },
  {
    description:
      'one fen over twice the threshold: very high +40; (60,000 − 24,456.01) ÷ 3 = 11,847.99, no income factor',
    events: [poor3, income(poor3, 60_000), bill(poor3, 24_456.01, '2026-03-01')],
    score: 40,
    category: 'none',
    factors: ['medical_cost_very_high'],
  },
  {
    description: 'a monitored household (confirmed open case) gets the lower threshold: 13,000 > 12,228',
    events: [never3, income(never3, 60_000), bill(never3, 13_000, '2026-03-01')],
    context: { monitored: true },
    score: 30,
    category: 'none',
    factors: ['medical_cost_high'],
  },
  {
    description: 'per-capita income exactly at the standard (24,900 ÷ 3 = 8,300) is not below it, but near',
    events: [never3, income(never3, 24_900)],
    score: 20,
    category: 'none',
    factors: ['income_near_standard'],
  },
  {
    description: 'exactly 10% above (27,390 ÷ 3 = 9,130) is still near',
    events: [never3, income(never3, 27_390)],
    score: 20,
    category: 'none',
    factors: ['income_near_standard'],
  },
  {
    description: 'one fen a household above 110% (27,390.03 ÷ 3 = 9,130.01) is not near',
    events: [never3, income(never3, 27_390.03)],
    score: 0,
    category: 'none',
    factors: [],
  },
  {
    description: 'a member removed: 24,000 ÷ 2 = 12,000 a head, no income factor',
    events: [
      never3,
      income(never3, 24_000),
      aMemberRemoval(never3.personId(3)).forHousehold(never3).on('2026-02-01'),
    ],
    score: 0,
    category: 'none',
    factors: [],
  },
  // Shocks.
  {
    description:
      'income fall: 36,000 a year = 3,000 a month, 2,000 reported 2026-03-01 (33% down, +20); 12 × 2,000 ÷ 3 = 8,000 (+40): 60, sudden hardship',
    events: [
      never3,
      income(never3, 36_000),
      anIncomeChange().forHousehold(never3).monthlyYuan(2_000).on('2026-03-01'),
    ],
    score: 60,
    category: 'sudden_hardship',
    factors: ['income_below_standard', 'income_fall'],
  },
  {
    description:
      'a fall of exactly 30% (2,100 against 3,000 a month) counts (+20); 12 × 2,100 ÷ 3 = 8,400 is near (+20): 40',
    events: [
      never3,
      income(never3, 36_000),
      anIncomeChange().forHousehold(never3).monthlyYuan(2_100).on('2026-03-01'),
    ],
    score: 40,
    category: 'none',
    factors: ['income_near_standard', 'income_fall'],
  },
  {
    description:
      'a fall reported 2025-09-01, more than 180 days ago, no longer counts; 8,000 a head (+40) and a D house (+20): 60, unstable',
    events: [
      poor3,
      income(poor3, 36_000, '2025-01-20'),
      anIncomeChange().forHousehold(poor3).monthlyYuan(2_000).on('2025-09-01'),
      aHousingAssessment('D').forHousehold(poor3).on('2025-06-01'),
    ],
    score: 60,
    category: 'unstable',
    factors: ['income_below_standard', 'guarantee_housing'],
  },
  {
    description:
      'a flood on 2026-02-10 destroys 30,000 of 48,000 (62%, +20), with a D house and unsafe water (+40): 60, sudden hardship',
    events: [
      never4,
      income(never4, 48_000),
      aDisaster().forHousehold(never4).kind('flood').lossYuan(30_000).on('2026-02-10'),
      aHousingAssessment('D').forHousehold(never4).on('2025-06-01'),
      aWaterAssessment(false).forHousehold(never4).on('2025-06-01'),
    ],
    score: 60,
    category: 'sudden_hardship',
    factors: ['disaster_loss', 'guarantee_housing', 'guarantee_water'],
  },
  {
    description: 'losses of exactly 50% of net income (24,000 of 48,000) count',
    events: [
      never4,
      income(never4, 48_000),
      aDisaster().forHousehold(never4).lossYuan(24_000).on('2026-02-10'),
    ],
    score: 20,
    category: 'none',
    factors: ['disaster_loss'],
  },
  {
    description: 'a flood of 2025-03-01, older than 365 days, no longer counts: D house and unsafe water, 40',
    events: [
      never4,
      income(never4, 48_000),
      aDisaster().forHousehold(never4).kind('flood').lossYuan(30_000).on('2025-03-01'),
      aHousingAssessment('D').forHousehold(never4).on('2025-06-01'),
      aWaterAssessment(false).forHousehold(never4).on('2025-06-01'),
    ],
    score: 40,
    category: 'none',
    factors: ['guarantee_housing', 'guarantee_water'],
  },
  // Guarantee gaps, capacity, health.
  {
    description: 'a 12-year-old reported out of school: +20',
    events: [withPupil, aSchoolDropout(withPupil.personId(2)).forHousehold(withPupil).on('2026-03-01')],
    score: 20,
    category: 'none',
    factors: ['guarantee_schooling'],
  },
  {
    description: 'a member without basic medical insurance: +20',
    events: [never3, anInsuranceChange(never3.personId(1)).forHousehold(never3).on('2026-01-01')],
    score: 20,
    category: 'none',
    factors: ['guarantee_insurance'],
  },
  {
    description: 'a house graded D: +20',
    events: [never3, aHousingAssessment('D').forHousehold(never3).on('2026-01-01')],
    score: 20,
    category: 'none',
    factors: ['guarantee_housing'],
  },
  {
    description: 'unsafe drinking water: +20',
    events: [never3, aWaterAssessment(false).forHousehold(never3).on('2026-01-01')],
    score: 20,
    category: 'none',
    factors: ['guarantee_water'],
  },
  {
    description:
      'an elderly couple who cannot work, one with a grade 1 disability, no income figure yet: 15 + 10 = 25',
    events: [elderlyPoor],
    score: 25,
    category: 'none',
    factors: ['no_labour', 'severe_disability_or_major_disease'],
  },
  {
    description: 'the same couple on 12,000 a year (6,000 a head, +40): 40 + 15 + 10 = 65, unstable',
    events: [elderlyPoor, income(elderlyPoor, 12_000)],
    score: 65,
    category: 'unstable',
    factors: ['income_below_standard', 'no_labour', 'severe_disability_or_major_disease'],
  },
  {
    description:
      'score exactly at the alert threshold: D house, unsafe water, grade 2 disability = 50, marginal',
    events: [
      never3,
      aHousingAssessment('D').forHousehold(never3).on('2026-01-01'),
      aWaterAssessment(false).forHousehold(never3).on('2026-01-01'),
      aDisabilityRecord(never3.personId(1), 2).forHousehold(never3).on('2026-01-01'),
    ],
    score: 50,
    category: 'marginal',
    factors: ['guarantee_housing', 'guarantee_water', 'severe_disability_or_major_disease'],
  },
  // Another province's policy.
  {
    description:
      'Shaanxi, formerly poor: 11,000 > the fixed 10,000 threshold: +30 (under Henan 11,000 < 12,228)',
    events: [shaanxiPoor, income(shaanxiPoor, 40_000), bill(shaanxiPoor, 11_000, '2026-03-01')],
    score: 30,
    category: 'none',
    factors: ['medical_cost_high'],
  },
  {
    description: 'Henan, the same household facts: 11,000 is under 12,228',
    events: [poor3, income(poor3, 40_000), bill(poor3, 11_000, '2026-03-01')],
    score: 0,
    category: 'none',
    factors: [],
  },
  {
    description: 'Shaanxi, never poor: 25,000 is under the fixed 26,000 (under Henan it is over 24,456)',
    events: [shaanxiNever, income(shaanxiNever, 90_000), bill(shaanxiNever, 25_000, '2026-03-01')],
    score: 0,
    category: 'none',
    factors: [],
  },
  {
    description: "Shaanxi's own 8,000 standard: 24,600 ÷ 3 = 8,200 is near (≤ 8,800), not below",
    events: [shaanxiNever, income(shaanxiNever, 24_600)],
    score: 20,
    category: 'none',
    factors: ['income_near_standard'],
  },
  // Arrival order.
  {
    description:
      'late-arriving claim (settled 2026-02-01, ingested after a later report) counts by business time: ' +
      '(36,000 − 25,000) ÷ 3 (+40), 25,000 > 24,456 (+30): 70, sudden hardship',
    events: [
      income(never3, 36_000),
      aHousingAssessment('B').forHousehold(never3).on('2026-03-15'),
      bill(never3, 25_000, '2026-02-01'),
      never3,
    ],
    score: 70,
    category: 'sudden_hardship',
    factors: ['income_below_standard', 'medical_cost_high'],
  },
  {
    description:
      'same-time income facts, assessment first: ordered by event id, the change (e-2) is latest: 12 × 2,000 ÷ 3 = 8,000 (+40), fall (+20)',
    events: [
      never3,
      income(never3, 36_000, '2026-03-01T09:00:00+08:00').withEventId('e-1'),
      anIncomeChange()
        .forHousehold(never3)
        .monthlyYuan(2_000)
        .on('2026-03-01T09:00:00+08:00')
        .withEventId('e-2'),
    ],
    score: 60,
    category: 'sudden_hardship',
    factors: ['income_below_standard', 'income_fall'],
  },
  {
    description: 'the same two facts arriving in the other order give the same answer',
    events: [
      never3,
      anIncomeChange()
        .forHousehold(never3)
        .monthlyYuan(2_000)
        .on('2026-03-01T09:00:00+08:00')
        .withEventId('e-2'),
      income(never3, 36_000, '2026-03-01T09:00:00+08:00').withEventId('e-1'),
    ],
    score: 60,
    category: 'sudden_hardship',
    factors: ['income_below_standard', 'income_fall'],
  },
  {
    description: 'facts after asOf are ignored: a 50,000 bill settled the next day',
    events: [poor3, income(poor3, 36_000), bill(poor3, 50_000, '2026-04-02')],
    score: 0,
    category: 'none',
    factors: [],
  },
];

describe('risk scenarios (DESIGN §4, checkable by hand)', () => {
  it('has at least 25 households', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(25);
  });

  it.each(scenarios)('$description', ({ events, asOf = AS_OF, context = {}, score, category, factors }) => {
    const built = events.map((event) => build(event as HouseholdEvent));
    const registration = built.find((event) => event.type === 'HouseholdRegistered');
    if (!registration) throw new Error('every scenario registers its household');
    const policy: MonitoringPolicy = policyFor(registration.data.regionCode, asOf, defaultPolicyDocuments);
    const assessment = assessRisk(foldHousehold(built), policy, asOf, context);
    expect({
      score: assessment.score,
      category: assessment.category,
      factors: assessment.factors.map((factor) => factor.code),
    }).toEqual({ score, category, factors });
    expect(assessment.factors.reduce((sum, factor) => sum + factor.points, 0)).toBe(score);
    for (const factor of assessment.factors) {
      expect(factor.evidence.length).toBeGreaterThan(0);
      expect(factor.evidence.every((id) => built.some((event) => event.eventId === id))).toBe(true);
    }
  });
});
