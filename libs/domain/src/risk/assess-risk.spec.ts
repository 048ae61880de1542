import type { HouseholdEvent } from '../events/household.events';
import { foldHousehold } from '../household/household.evolver';
import type { MonitoringPolicy } from '../policy/monitoring-policy';
import { defaultPolicyDocuments } from '../policy/policy-documents';
import { policyByVersion } from '../policy/policy-selection';
import {
  aClaim,
  aClaimReversal,
  aDisabilityRecord,
  aDisaster,
  aHousehold,
  aHouseholdMember,
  aHousingAssessment,
  aLabourCapacityChange,
  aMemberRemoval,
  anIncomeAssessment,
  anIncomeChange,
  anInsuranceChange,
  aSchoolDropout,
  aSchoolReturn,
  aWaterAssessment,
  build,
  type HouseholdEventBuilder,
} from '../testing/household-events.builder';
import { assessRisk, type AssessmentContext } from './assess-risk';
import { MissingRuralIncomeFigure } from './medical-threshold';
import type { RiskAssessment } from './risk-assessment';

const henan = policyByVersion('41-2024.1', defaultPolicyDocuments);
const shaanxi = policyByVersion('61-2024.1', defaultPolicyDocuments);
const AS_OF = '2026-04-01T12:00:00+08:00';

type Fact = HouseholdEvent | { build(): HouseholdEvent } | HouseholdEventBuilder<never>;

/** Given these facts, when assessed as of a time, then this assessment. */
const given = (...facts: Fact[]) => ({
  assessedAt: (
    asOf = AS_OF,
    policy: MonitoringPolicy = henan,
    context: AssessmentContext = {},
  ): RiskAssessment =>
    assessRisk(foldHousehold(facts.map((fact) => build(fact as HouseholdEvent))), policy, asOf, context),
});
const codes = (assessment: RiskAssessment) => assessment.factors.map((factor) => factor.code);
const factor = (assessment: RiskAssessment, code: string) => {
  const found = assessment.factors.find((candidate) => candidate.code === code);
  if (!found) throw new Error(`factor ${code} did not fire: ${codes(assessment).join(', ')}`);
  return found;
};

const threeMembers = aHousehold().withMembers(3);
const assessed = (yuan: number) =>
  anIncomeAssessment().forHousehold(threeMembers).forYear(2025).netIncomeYuan(yuan).on('2026-01-20');

describe('income against the monitoring standard', () => {
  it('income_below_standard +40 when per-capita income is below the standard', () => {
    const income = assessed(24_000).build();
    const assessment = given(threeMembers, income).assessedAt();
    expect(factor(assessment, 'income_below_standard')).toEqual({
      code: 'income_below_standard',
      points: 40,
      explanation:
        'per-capita net income 8,000 yuan: net income 24,000 yuan (2025 assessment) divided among 3 members; ' +
        'below the 8,300 yuan monitoring standard',
      explanationZh: '人均纯收入8,000元：家庭纯收入24,000元（2025年度评估），按3人计；低于监测标准8,300元',
      evidence: [income.eventId],
    });
    expect(assessment.figures).toMatchObject({
      householdNetIncomeFen: 2_400_000,
      perCapitaIncomeAfterRigidFen: 800_000,
    });
  });

  it('income_near_standard +20 when within 10% above it', () => {
    const assessment = given(threeMembers, assessed(27_000)).assessedAt();
    expect(codes(assessment)).toEqual(['income_near_standard']);
    expect(assessment.factors[0].points).toBe(20);
    expect(assessment.factors[0].explanation).toContain(
      'within 10% above the 8,300 yuan monitoring standard (up to 9,130 yuan)',
    );
  });

  it('neither above 110% of the standard', () => {
    expect(codes(given(threeMembers, assessed(27_391)).assessedAt())).toEqual([]);
  });

  it('subtracts out-of-pocket medical cost in the window: a bill pushes an above-line household below it', () => {
    const claim = aClaim().forHousehold(threeMembers).outOfPocketYuan(6_000).settledOn('2026-02-01').build();
    const income = assessed(30_000).build();
    const assessment = given(threeMembers, income, claim).assessedAt();
    expect(factor(assessment, 'income_below_standard').evidence).toEqual([income.eventId, claim.eventId]);
    expect(factor(assessment, 'income_below_standard').explanation).toContain(
      'per-capita income after medical costs 8,000 yuan: net income 30,000 yuan (2025 assessment) minus out-of-pocket medical cost 6,000 yuan',
    );
    expect(assessment.figures.perCapitaIncomeAfterRigidFen).toBe(800_000);
  });

  it('uses 12 × the monthly income reported after the latest assessment', () => {
    const report = anIncomeChange().monthlyYuan(2_000).on('2026-03-01').build();
    const assessment = given(threeMembers, assessed(40_000), report).assessedAt();
    expect(assessment.figures.householdNetIncomeFen).toBe(2_400_000);
    expect(factor(assessment, 'income_below_standard').explanation).toContain(
      'net income 24,000 yuan (12 × 2,000 yuan a month reported on 2026-03-01)',
    );
  });

  it('divides by the current members only', () => {
    const removal = aMemberRemoval(threeMembers.personId(3), 'death').on('2026-02-01');
    // 24,000 over 2 members is 12,000 a head: no income factor.
    expect(codes(given(threeMembers, assessed(24_000), removal).assessedAt())).toEqual([]);
  });

  it('does not apply until the household has an income figure', () => {
    const assessment = given(threeMembers, aDisaster().lossYuan(50_000).on('2026-03-01')).assessedAt();
    expect(assessment.factors).toEqual([]);
    expect(assessment.figures).toMatchObject({
      householdNetIncomeFen: null,
      perCapitaIncomeAfterRigidFen: null,
    });
  });
});

describe('out-of-pocket medical cost', () => {
  const neverPoor = aHousehold().withMembers(3);
  const formerlyPoor = aHousehold().formerlyPoor().withMembers(3);
  const bill = (yuan: number, on = '2026-03-01') => aClaim().outOfPocketYuan(yuan).settledOn(on);

  it('medical_cost_high +30 over 100% of the prior-year rural income for others (2025: 24,456 yuan)', () => {
    const claim = bill(24_456.01).build();
    const assessment = given(neverPoor, claim).assessedAt();
    expect(factor(assessment, 'medical_cost_high')).toMatchObject({
      points: 30,
      evidence: [claim.eventId],
      explanation:
        'out-of-pocket medical cost 24,456.01 yuan in 365 days, over the 24,456 yuan threshold (100% of the 2025 national ' +
        'rural per-capita disposable income of 24,456 yuan, for households neither formerly poor nor monitored)',
    });
    expect(codes(given(neverPoor, bill(24_456)).assessedAt())).toEqual([]);
  });

  it('uses 50% for formerly poor households: 14,200 yuan is over 12,228', () => {
    const assessment = given(formerlyPoor, bill(14_200)).assessedAt();
    expect(factor(assessment, 'medical_cost_high').explanation).toMatch(
      /^out-of-pocket medical cost 14,200 yuan in 365 days, over the 12,228 yuan threshold/,
    );
    expect(factor(assessment, 'medical_cost_high').explanationZh).toMatch(
      /^365天内个人自付医疗费用14,200元，超过预警线12,228元/,
    );
    expect(assessment.figures.medicalThresholdFen).toBe(1_222_800);
  });

  it('uses 50% for monitored households too', () => {
    expect(codes(given(neverPoor, bill(14_200)).assessedAt())).toEqual([]);
    expect(codes(given(neverPoor, bill(14_200)).assessedAt(AS_OF, henan, { monitored: true }))).toEqual([
      'medical_cost_high',
    ]);
  });

  it('medical_cost_very_high +40 over twice the threshold', () => {
    const assessment = given(formerlyPoor, bill(15_000, '2025-06-01'), bill(9_500)).assessedAt();
    expect(factor(assessment, 'medical_cost_very_high')).toMatchObject({ points: 40 });
    expect(codes(assessment)).not.toContain('medical_cost_high');
    expect(factor(assessment, 'medical_cost_very_high').explanation).toContain(
      'over twice the 12,228 yuan threshold (24,456 yuan;',
    );
  });

  it('takes the rural income of the latest year before the assessment year', () => {
    // In 2025 the 2024 figure applies: 50% of 23,119 = 11,559.50 yuan.
    const in2025 = given(formerlyPoor, bill(11_559.51, '2025-03-01')).assessedAt('2025-04-01T12:00:00+08:00');
    expect(in2025.figures.medicalThresholdFen).toBe(1_155_950);
    expect(codes(in2025)).toEqual(['medical_cost_high']);
  });

  it('counts claims settled in (asOf − 365 days, asOf] only', () => {
    const asOf = '2026-04-01T10:00:00+08:00';
    expect(codes(given(formerlyPoor, bill(13_000, '2025-04-01T10:00:00+08:00')).assessedAt(asOf))).toEqual(
      [],
    );
    expect(
      codes(given(formerlyPoor, bill(13_000, '2025-04-01T10:00:00.001+08:00')).assessedAt(asOf)),
    ).toEqual(['medical_cost_high']);
  });

  it('excludes reversed claims', () => {
    const claim = bill(20_000);
    expect(codes(given(formerlyPoor, claim, aClaimReversal(claim).on('2026-03-10')).assessedAt())).toEqual(
      [],
    );
  });

  it('uses a fixed-sum threshold where the policy says so (Shaanxi: 10,000 / 26,000 yuan)', () => {
    const shaanxiPoor = aHousehold().inRegion('610122100201').formerlyPoor().withMembers(3);
    const shaanxiOther = aHousehold().inRegion('610122100201').withMembers(3);
    const poor = given(shaanxiPoor, bill(10_000.01)).assessedAt(AS_OF, shaanxi);
    expect(poor.figures.medicalThresholdFen).toBe(1_000_000);
    expect(factor(poor, 'medical_cost_high').explanation).toContain(
      'over the 10,000 yuan threshold (fixed threshold for formerly poor or monitored households)',
    );
    expect(codes(given(shaanxiOther, bill(26_000)).assessedAt(AS_OF, shaanxi))).toEqual([]);
    expect(codes(given(shaanxiOther, bill(26_000.01)).assessedAt(AS_OF, shaanxi))).toEqual([
      'medical_cost_high',
    ]);
  });

  it('fails clearly when the policy has no rural income figure for the years before', () => {
    const truncated = { ...henan, nationalRuralIncomeFen: { '2025': 2_445_600 } };
    expect(() => given(neverPoor).assessedAt('2025-06-01T00:00:00+08:00', truncated)).toThrow(
      MissingRuralIncomeFigure,
    );
  });
});

describe('shocks', () => {
  const household = aHousehold().withMembers(3);
  const assessment36k = anIncomeAssessment().forYear(2025).netIncomeYuan(36_000).on('2026-01-20');

  it('income_fall +20 when the reported monthly income is at least 30% below the assessment ÷ 12', () => {
    const report = anIncomeChange().monthlyYuan(2_100).because('job loss').on('2026-03-01').build();
    const income = assessment36k.build();
    const assessment = given(household, income, report).assessedAt();
    expect(factor(assessment, 'income_fall')).toEqual({
      code: 'income_fall',
      points: 20,
      explanation:
        'monthly income 2,100 yuan reported on 2026-03-01 (job loss), 30% below the 3,000 yuan a month of the 2025 ' +
        'assessment (a fall of 30% or more counts)',
      explanationZh:
        '2026-03-01报告月收入2,100元（原因：job loss），比2025年度评估的月均3,000元下降30%（下降30%及以上即预警）',
      evidence: [report.eventId, income.eventId],
    });
    expect(
      codes(given(household, income, anIncomeChange().monthlyYuan(2_100.01).on('2026-03-01')).assessedAt()),
    ).not.toContain('income_fall');
  });

  it('no income_fall once the report is 180 days old, or when a newer assessment supersedes it', () => {
    const report = anIncomeChange().monthlyYuan(1_000).on('2026-03-01T12:00:00+08:00');
    // Reported within 180 days: in (asOf − 180 days, asOf]; 2026-03-01 12:00 + 180 days is 2026-08-28 12:00.
    expect(
      codes(given(household, assessment36k, report).assessedAt('2026-08-28T11:59:59.999+08:00')),
    ).toContain('income_fall');
    expect(
      codes(given(household, assessment36k, report).assessedAt('2026-08-28T12:00:00+08:00')),
    ).not.toContain('income_fall');
    const newer = anIncomeAssessment().forYear(2026).netIncomeYuan(36_000).on('2026-03-15');
    expect(codes(given(household, assessment36k, report, newer).assessedAt())).not.toContain('income_fall');
  });

  it('disaster_loss +20 when losses in 365 days reach 50% of net income', () => {
    const income = anIncomeAssessment().forYear(2025).netIncomeYuan(40_000).on('2026-01-20').build();
    const flood = aDisaster().kind('flood').lossYuan(12_000).on('2025-07-10').build();
    const hail = aDisaster().kind('hail').lossYuan(8_000).on('2026-03-02').build();
    const assessment = given(household, income, flood, hail).assessedAt();
    expect(factor(assessment, 'disaster_loss')).toMatchObject({
      points: 20,
      evidence: [flood.eventId, hail.eventId, income.eventId],
      explanation:
        'disaster losses 20,000 yuan in 365 days (flood on 2025-07-10, hail on 2026-03-02), 50% of the 40,000 yuan ' +
        'household net income (50% or more counts)',
    });
    expect(
      codes(
        given(
          household,
          income,
          flood,
          aDisaster().kind('hail').lossYuan(7_999.99).on('2026-03-02'),
        ).assessedAt(),
      ),
    ).toEqual([]);
  });

  it('sudden_hardship needs the shock within 180 days; an older shock leaves the household unstable or marginal', () => {
    const poor = aHousehold().formerlyPoor().withMembers(3);
    const income = anIncomeAssessment()
      .forHousehold(poor)
      .forYear(2025)
      .netIncomeYuan(24_000)
      .on('2026-01-20');
    const recentBill = aClaim().outOfPocketYuan(13_000).settledOn('2026-03-01');
    const oldBill = aClaim().outOfPocketYuan(13_000).settledOn('2025-09-01');
    expect(given(poor, income, recentBill).assessedAt()).toMatchObject({
      category: 'sudden_hardship',
      score: 70,
    });
    expect(given(poor, income, oldBill).assessedAt()).toMatchObject({
      category: 'unstable',
      score: 70,
      figures: { recentShock: false },
    });
  });

  it('dates a medical shock by the claim that took the total over the threshold, not by later small bills', () => {
    const poor = aHousehold().formerlyPoor().withMembers(3);
    const income = anIncomeAssessment()
      .forHousehold(poor)
      .forYear(2025)
      .netIncomeYuan(24_000)
      .on('2026-01-20');
    const big = aClaim().outOfPocketYuan(13_000).settledOn('2025-09-01');
    const small = aClaim().outOfPocketYuan(50).outpatient().settledOn('2026-03-20');
    expect(given(poor, income, big, small).assessedAt().category).toBe('unstable');
  });
});

describe('basic-guarantee gaps', () => {
  const household = aHousehold().withMemberList(
    aHouseholdMember().as('head').named('Zhang Wei').bornOn('1980-03-01'),
    aHouseholdMember().as('child').named('Zhang Xiaoming').bornOn('2012-05-01'),
  );
  const child = household.personId(2);

  it('guarantee_schooling +20 for a member out of compulsory school after a dropout report', () => {
    const dropout = aSchoolDropout(child).on('2026-02-10').build();
    expect(factor(given(household, dropout).assessedAt(), 'guarantee_schooling')).toEqual({
      code: 'guarantee_schooling',
      points: 20,
      explanation:
        'Zhang Xiaoming (child) out of compulsory school since 2026-02-10 (dropout reported, no return; counts until age 16)',
      explanationZh: 'Zhang Xiaoming（子女）自2026-02-10辍学（义务教育阶段失学，16周岁前计入）',
      evidence: [dropout.eventId],
    });
  });

  it('closes the schooling gap on a return report, or when the member reaches 16', () => {
    const dropout = aSchoolDropout(child).on('2026-02-10');
    expect(codes(given(household, dropout, aSchoolReturn(child).on('2026-03-01')).assessedAt())).toEqual([]);
    expect(codes(given(household, dropout).assessedAt('2028-04-30T23:59:59+08:00'))).toEqual([
      'guarantee_schooling',
    ]);
    expect(codes(given(household, dropout).assessedAt('2028-05-01T00:00:00+08:00'))).toEqual([]);
  });

  it('guarantee_insurance +20 for a member without basic medical insurance', () => {
    const lapse = anInsuranceChange(child).lapsed().on('2026-01-05').build();
    expect(factor(given(household, lapse).assessedAt(), 'guarantee_insurance')).toMatchObject({
      points: 20,
      explanation: 'Zhang Xiaoming (child) without basic medical insurance since 2026-01-05',
      evidence: [lapse.eventId],
    });
    expect(
      codes(given(household, lapse, anInsuranceChange(child).enrolled().on('2026-02-01')).assessedAt()),
    ).toEqual([]);
  });

  it('guarantee_housing +20 for a house graded C or D, not A or B', () => {
    expect(
      factor(given(household, aHousingAssessment('C').on('2025-11-02')).assessedAt(), 'guarantee_housing'),
    ).toMatchObject({
      points: 20,
      explanation: 'house graded C on 2025-11-02 (grades C and D are unsafe)',
    });
    expect(codes(given(household, aHousingAssessment('D')).assessedAt())).toEqual(['guarantee_housing']);
    expect(codes(given(household, aHousingAssessment('B')).assessedAt())).toEqual([]);
  });

  it('guarantee_water +20 for unsafe drinking water until it is assessed safe', () => {
    const unsafe = aWaterAssessment(false).on('2025-11-02');
    expect(factor(given(household, unsafe).assessedAt(), 'guarantee_water').points).toBe(20);
    expect(codes(given(household, unsafe, aWaterAssessment(true).on('2026-01-02')).assessedAt())).toEqual([]);
  });

  it('lists the gaps in the figures', () => {
    const assessment = given(
      household,
      aSchoolDropout(child),
      anInsuranceChange(child),
      aHousingAssessment('D'),
      aWaterAssessment(false),
    ).assessedAt();
    expect(assessment.figures.guaranteeGaps).toEqual(['schooling', 'insurance', 'housing', 'water']);
    expect(assessment.score).toBe(80);
  });
});

describe('capacity and health', () => {
  it('no_labour +15 when every member has labour capacity none', () => {
    const household = aHousehold().withMemberList(
      aHouseholdMember().as('head').unableToWork(),
      aHouseholdMember().as('spouse').unableToWork(),
    );
    const registration = household.build();
    expect(factor(given(registration).assessedAt(), 'no_labour')).toEqual({
      code: 'no_labour',
      points: 15,
      explanation: 'no member able to work: all 2 members have no labour capacity',
      explanationZh: '家庭2名成员均无劳动能力',
      evidence: [registration.eventId],
    });
  });

  it('no no_labour while any member can work, and none for a household without members', () => {
    const household = aHousehold().withMemberList(
      aHouseholdMember().as('head').unableToWork(),
      aHouseholdMember().as('spouse').withLabourCapacity('partial'),
    );
    expect(codes(given(household).assessedAt())).toEqual([]);
    const change = aLabourCapacityChange(household.personId(2), 'none').on('2026-01-01').build();
    expect(factor(given(household, change).assessedAt(), 'no_labour').evidence).toContain(change.eventId);
    expect(codes(given(anIncomeAssessment().netIncomeYuan(1_000)).assessedAt())).toEqual([]);
  });

  it('severe_disability_or_major_disease +10 for a grade 1–2 disability or a class A disease', () => {
    const household = aHousehold().withMemberList(
      aHouseholdMember().as('head').named('Zhang Wei'),
      aHouseholdMember().as('parent').named('Zhang Lao').withDisease('A'),
    );
    const assessment = given(
      household,
      aDisabilityRecord(household.personId(1), 2).on('2026-01-01'),
    ).assessedAt();
    expect(factor(assessment, 'severe_disability_or_major_disease')).toMatchObject({
      points: 10,
      explanation: 'Zhang Wei (head): grade 2 disability; Zhang Lao (parent): class A (major) disease',
      explanationZh: 'Zhang Wei（户主）二级残疾；Zhang Lao（父母）A类（重大疾病）',
    });
    const mild = aHousehold().withMemberList(aHouseholdMember().withDisability(3).withDisease('C'));
    expect(codes(given(mild).assessedAt())).toEqual([]);
  });
});

describe('score, level and category', () => {
  const poorOf = (members: number) => aHousehold().formerlyPoor().withMembers(members);

  it('caps the score at 100', () => {
    const household = aHousehold()
      .formerlyPoor()
      .withMemberList(aHouseholdMember().as('head').unableToWork().withDisability(1));
    const assessment = given(
      household,
      anIncomeAssessment().netIncomeYuan(5_000).on('2026-01-20'),
      aClaim().outOfPocketYuan(30_000).settledOn('2026-03-01'),
      aHousingAssessment('D'),
      aWaterAssessment(false),
    ).assessedAt();
    expect(assessment.factors.reduce((sum, item) => sum + item.points, 0)).toBe(145);
    expect(assessment).toMatchObject({
      score: 100,
      riskLevel: 'high',
      alert: true,
      category: 'sudden_hardship',
    });
  });

  it.each([
    ['low below 30', [aHousingAssessment('D')], 20, 'low'],
    ['medium from 30', [aHousingAssessment('D'), aDisabilityRecord('H410423000001-P1', 1)], 30, 'medium'],
    ['medium up to 49', [aHousingAssessment('D'), aWaterAssessment(false)], 40, 'medium'],
    [
      'high from 50',
      [aHousingAssessment('D'), aWaterAssessment(false), aDisabilityRecord('H410423000001-P1', 1)],
      50,
      'high',
    ],
  ])('risk level %s', (_name, facts, score, level) => {
    expect(given(poorOf(2), ...facts).assessedAt()).toMatchObject({ score, riskLevel: level });
  });

  it('alerts and categorises only from the threshold: 40 points is none, 50 is unstable when formerly poor, marginal otherwise', () => {
    expect(given(poorOf(2), aHousingAssessment('D'), aWaterAssessment(false)).assessedAt()).toMatchObject({
      alert: false,
      category: 'none',
    });
    const gaps = [aHousingAssessment('D'), aWaterAssessment(false), aDisabilityRecord('H410423000001-P1', 1)];
    expect(given(poorOf(2), ...gaps).assessedAt()).toMatchObject({ alert: true, category: 'unstable' });
    expect(given(aHousehold().withMembers(2), ...gaps).assessedAt()).toMatchObject({
      alert: true,
      category: 'marginal',
    });
  });

  it('ignores facts with a business time after asOf', () => {
    const household = poorOf(3);
    const later = aClaim().outOfPocketYuan(50_000).settledOn('2026-04-02');
    expect(given(household, later).assessedAt()).toMatchObject({ score: 0, factors: [] });
  });

  it('reports the household, region, policy version and asOf', () => {
    const household = poorOf(3);
    expect(given(household).assessedAt()).toMatchObject({
      householdId: household.householdId,
      regionCode: household.regionCode,
      policyVersion: '41-2024.1',
      asOf: AS_OF,
    });
  });

  it('lets the policy drive the points: weighing housing at 35 turns 40 points into an alert', () => {
    const heavier = {
      ...henan,
      scorecard: { ...henan.scorecard, points: { ...henan.scorecard.points, guarantee_housing: 35 } },
    };
    const facts = [aHousingAssessment('D'), aWaterAssessment(false)];
    expect(given(poorOf(2), ...facts).assessedAt(AS_OF, henan).score).toBe(40);
    expect(given(poorOf(2), ...facts).assessedAt(AS_OF, heavier)).toMatchObject({
      score: 55,
      category: 'unstable',
    });
  });
});
