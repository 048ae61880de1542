import {
  aClaim,
  aClaimReversal,
  aHousehold,
  aHouseholdMember,
  anIncomeAssessment,
  aSchoolDropout,
  aSocialAssistanceChange,
} from '@monitoring/domain/testing/household-events.builder';
import {
  assistanceRecorded,
  caseDismissed,
  caseEscalated,
  caseOpened,
  deadlineMissed,
  verificationConfirmed,
  verificationDismissed,
} from '@monitoring/domain/case/testing/case.builders';
import { maskName } from '../personal-data/name-masking';
import { summarizeCaseEvent, summarizeHouseholdEvent, type SummaryContext } from './event-summaries';

const names = new Map([
  ['H1-P1', '王建国'],
  ['H1-P3', '王磊'],
]);
const plain: SummaryContext = {
  person: (personId) => names.get(personId) ?? personId,
  name: (name) => name,
  text: (text) => text,
};
const masked: SummaryContext = {
  person: (personId) => maskName(names.get(personId) ?? personId),
  name: maskName,
  text: (text) => text.replaceAll('王建国', maskName('王建国')),
};

describe('household event summaries', () => {
  it('says what a claim settlement cost the household, in both languages', () => {
    const claim = aClaim().withClaimId('CLM-1').outOfPocketYuan(14_200).settledOn('2026-03-01').build();
    expect(summarizeHouseholdEvent(claim, plain)).toEqual({
      summary: 'Claim settled: inpatient, out-of-pocket 14,200 yuan',
      summaryZh: '医保结算：住院，个人自付 14,200 元',
    });
    expect(summarizeHouseholdEvent(aClaimReversal('CLM-1').build(), plain).summaryZh).toBe(
      '医保结算撤销：CLM-1（原因：settlement cancelled upstream）',
    );
  });

  it('describes a registration without naming anyone', () => {
    const registration = aHousehold().withId('H1').formerlyPoor(2019).withMembers(3).build();
    expect(summarizeHouseholdEvent(registration, plain)).toEqual({
      summary: 'Household registered in 410423203201: 3 members, formerly poor (lifted out in 2019)',
      summaryZh: '户籍登记：3人，脱贫户（2019年脱贫），区划410423203201',
    });
  });

  it('names members through the context, so a masked reader sees masked names', () => {
    const dropout = aSchoolDropout('H1-P3').forHousehold('H1').build();
    expect(summarizeHouseholdEvent(dropout, plain).summaryZh).toBe('辍学报告：王磊');
    expect(summarizeHouseholdEvent(dropout, masked).summaryZh).toBe('辍学报告：王*');
  });

  it('states income figures in yuan', () => {
    const income = anIncomeAssessment()
      .forHousehold('H1')
      .forYear(2025)
      .netIncomeYuan(30_000)
      .perCapitaYuan(10_000)
      .build();
    expect(summarizeHouseholdEvent(income, plain)).toEqual({
      summary: 'Income assessed for 2025: household net income 30,000 yuan, 10,000 yuan per person',
      summaryZh: '2025年度收入核算：家庭纯收入 30,000 元，人均 10,000 元',
    });
    expect(summarizeHouseholdEvent(aSocialAssistanceChange('dibao').build(), plain).summaryZh).toBe(
      '纳入低保',
    );
    expect(summarizeHouseholdEvent(aSocialAssistanceChange('tekun', false).build(), plain).summary).toBe(
      'Left tekun (extreme-poverty support)',
    );
  });

  it('masks a new member’s name for a masked reader', () => {
    const registration = aHousehold().withId('H1').withMemberList(aHouseholdMember().named('李秀英')).build();
    const added = {
      ...registration,
      type: 'MemberAdded' as const,
      data: { householdId: 'H1', member: registration.data.members[0], reason: 'marriage' },
    };
    expect(summarizeHouseholdEvent(added, masked).summary).toBe('Member added: 李*英 (head), marriage');
  });
});

describe('case event summaries', () => {
  it('gives the deadlines of an opened case as local dates', () => {
    expect(summarizeCaseEvent(caseOpened(), plain)).toEqual({
      summary:
        'Case opened: sudden severe hardship, score 60 (high); verify by 2025-03-08, assistance by 2025-03-31',
      summaryZh: '预警立案：突发严重困难户，风险评分 60（高）；2025-03-08前入户核实，2025-03-31前落实帮扶',
    });
  });

  it('tells a confirmed visit from a dismissed one, with the notes through the context', () => {
    expect(summarizeCaseEvent(verificationConfirmed(), plain).summary).toBe(
      'Home visit on 2025-03-04: risk confirmed, sudden severe hardship',
    );
    const dismissed = verificationDismissed(undefined, undefined, 'cmd', '王建国 has commercial insurance');
    expect(summarizeCaseEvent(dismissed, masked).summaryZh).toBe(
      '入户核实（2025-03-04）：排除风险（王*国 has commercial insurance）',
    );
    expect(summarizeCaseEvent(caseDismissed(), plain).summary).toBe(
      'Case closed as dismissed: bills paid by a commercial policy',
    );
  });

  it('summarises assistance, missed deadlines and escalations', () => {
    expect(summarizeCaseEvent(assistanceRecorded(), plain).summaryZh).toBe(
      '落实帮扶：健康帮扶，5,000 元（medical assistance for the inpatient stay）',
    );
    const missed = deadlineMissed(
      'verification',
      '2025-03-08T09:00:00.000+08:00',
      '2025-03-08T09:00:00.000+08:00',
    );
    expect(summarizeCaseEvent(missed, plain).summary).toBe(
      'Deadline missed: verification was due 2025-03-08',
    );
    expect(
      summarizeCaseEvent(caseEscalated('city', 'verification', '2025-03-15T09:00:00.000+08:00'), plain)
        .summaryZh,
    ).toBe('升级至市级督办：入户核实超期');
  });
});
