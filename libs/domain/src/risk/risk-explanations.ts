import type { DiseaseClass, DisabilityGrade, Relation } from '../events/household.events';
import { formatYuan } from '../money/fen';
import type { MedicalThresholdFigure } from './medical-threshold';

/**
 * The plain-language lines an officer reads next to each factor, in English and Chinese, with the
 * figures that made the factor fire. Dates are already formatted on the policy's clock.
 */

export interface Explanation {
  explanation: string;
  explanationZh: string;
}

const relationZh: Record<Relation, string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  other: '其他成员',
};
const gradeZh: Record<DisabilityGrade, string> = { 1: '一级', 2: '二级', 3: '三级', 4: '四级' };
const diseaseEn: Record<DiseaseClass, string> = {
  A: 'major',
  B: 'curable acute',
  C: 'registered chronic',
  D: 'frail',
};
const diseaseZh: Record<DiseaseClass, string> = { A: '重大疾病', B: '可治愈急病', C: '登记慢病', D: '体弱' };

export interface PersonRef {
  name: string;
  relation: Relation;
}
const person = ({ name, relation }: PersonRef) => `${name} (${relation})`;
const personZh = ({ name, relation }: PersonRef) => `${name}（${relationZh[relation]}）`;

const times = (multiple: number) => (multiple === 2 ? 'twice' : `${multiple} times`);

export interface IncomeBasis {
  householdNetIncomeFen: number;
  /** `assessment` with its year, or a reported monthly figure with its date. */
  basis: { kind: 'assessment'; year: number } | { kind: 'reported_change'; monthlyFen: number; date: string };
}

const basisText = ({ householdNetIncomeFen, basis }: IncomeBasis): Explanation =>
  basis.kind === 'assessment'
    ? {
        explanation: `net income ${formatYuan(householdNetIncomeFen)} yuan (${basis.year} assessment)`,
        explanationZh: `家庭纯收入${formatYuan(householdNetIncomeFen)}元（${basis.year}年度评估）`,
      }
    : {
        explanation: `net income ${formatYuan(householdNetIncomeFen)} yuan (12 × ${formatYuan(basis.monthlyFen)} yuan a month reported on ${basis.date})`,
        explanationZh: `家庭纯收入${formatYuan(householdNetIncomeFen)}元（${basis.date}报告月收入${formatYuan(basis.monthlyFen)}元×12）`,
      };

const perCapitaText = (
  income: IncomeBasis,
  outOfPocketFen: number,
  memberCount: number,
  perCapitaFen: number,
): Explanation => {
  const basis = basisText(income);
  if (outOfPocketFen === 0) {
    return {
      explanation: `per-capita net income ${formatYuan(perCapitaFen)} yuan: ${basis.explanation} divided among ${memberCount} members`,
      explanationZh: `人均纯收入${formatYuan(perCapitaFen)}元：${basis.explanationZh}，按${memberCount}人计`,
    };
  }
  return {
    explanation:
      `per-capita income after medical costs ${formatYuan(perCapitaFen)} yuan: ${basis.explanation} ` +
      `minus out-of-pocket medical cost ${formatYuan(outOfPocketFen)} yuan, divided among ${memberCount} members`,
    explanationZh:
      `扣除自付医疗费用后人均纯收入${formatYuan(perCapitaFen)}元：${basis.explanationZh}` +
      `减个人自付医疗费用${formatYuan(outOfPocketFen)}元，按${memberCount}人计`,
  };
};

export const incomeBelowStandard = (
  income: IncomeBasis,
  outOfPocketFen: number,
  memberCount: number,
  perCapitaFen: number,
  standardFen: number,
): Explanation => {
  const figures = perCapitaText(income, outOfPocketFen, memberCount, perCapitaFen);
  return {
    explanation: `${figures.explanation}; below the ${formatYuan(standardFen)} yuan monitoring standard`,
    explanationZh: `${figures.explanationZh}；低于监测标准${formatYuan(standardFen)}元`,
  };
};

export const incomeNearStandard = (
  income: IncomeBasis,
  outOfPocketFen: number,
  memberCount: number,
  perCapitaFen: number,
  standardFen: number,
  nearPercent: number,
): Explanation => {
  const figures = perCapitaText(income, outOfPocketFen, memberCount, perCapitaFen);
  const upTo = formatYuan(Math.floor((standardFen * (100 + nearPercent)) / 100));
  return {
    explanation:
      `${figures.explanation}; within ${nearPercent}% above the ${formatYuan(standardFen)} yuan ` +
      `monitoring standard (up to ${upTo} yuan)`,
    explanationZh: `${figures.explanationZh}；高于监测标准${formatYuan(standardFen)}元不超过${nearPercent}%（${upTo}元以内）`,
  };
};

const thresholdBasis = (threshold: MedicalThresholdFigure): Explanation => {
  const tier = threshold.lowerTier
    ? { en: 'for formerly poor or monitored households', zh: '脱贫户或监测对象适用' }
    : { en: 'for households neither formerly poor nor monitored', zh: '一般农户适用' };
  if (threshold.share === null) {
    return { explanation: `fixed threshold ${tier.en}`, explanationZh: `固定预警线，${tier.zh}` };
  }
  const { percent, year, ruralIncomeFen } = threshold.share;
  return {
    explanation: `${percent}% of the ${year} national rural per-capita disposable income of ${formatYuan(ruralIncomeFen)} yuan, ${tier.en}`,
    explanationZh: `${year}年全国农村居民人均可支配收入${formatYuan(ruralIncomeFen)}元的${percent}%，${tier.zh}`,
  };
};

export const medicalCost = (
  outOfPocketFen: number,
  windowDays: number,
  threshold: MedicalThresholdFigure,
  veryHighMultiple: number | null,
): Explanation => {
  const basis = thresholdBasis(threshold);
  const cost = formatYuan(outOfPocketFen);
  const line = formatYuan(threshold.thresholdFen);
  if (veryHighMultiple === null) {
    return {
      explanation: `out-of-pocket medical cost ${cost} yuan in ${windowDays} days, over the ${line} yuan threshold (${basis.explanation})`,
      explanationZh: `${windowDays}天内个人自付医疗费用${cost}元，超过预警线${line}元（${basis.explanationZh}）`,
    };
  }
  const multiplied = formatYuan(threshold.thresholdFen * veryHighMultiple);
  return {
    explanation:
      `out-of-pocket medical cost ${cost} yuan in ${windowDays} days, over ${times(veryHighMultiple)} ` +
      `the ${line} yuan threshold (${multiplied} yuan; ${basis.explanation})`,
    explanationZh:
      `${windowDays}天内个人自付医疗费用${cost}元，超过预警线${line}元的${veryHighMultiple}倍` +
      `（${multiplied}元；${basis.explanationZh}）`,
  };
};

export const incomeFall = (
  monthlyFen: number,
  reportedOn: string,
  reason: string,
  assessedNetFen: number,
  assessedYear: number,
  fallPercent: number,
  minFallPercent: number,
): Explanation => {
  const assessedMonthly = formatYuan(Math.round(assessedNetFen / 12));
  return {
    explanation:
      `monthly income ${formatYuan(monthlyFen)} yuan reported on ${reportedOn} (${reason}), ${fallPercent}% below ` +
      `the ${assessedMonthly} yuan a month of the ${assessedYear} assessment (a fall of ${minFallPercent}% or more counts)`,
    explanationZh:
      `${reportedOn}报告月收入${formatYuan(monthlyFen)}元（原因：${reason}），比${assessedYear}年度评估的月均` +
      `${assessedMonthly}元下降${fallPercent}%（下降${minFallPercent}%及以上即预警）`,
  };
};

export const disasterLoss = (
  lossFen: number,
  windowDays: number,
  disasters: readonly { kind: string; date: string }[],
  netIncomeFen: number,
  minSharePercent: number,
): Explanation => {
  const list = disasters.map((disaster) => `${disaster.kind} on ${disaster.date}`).join(', ');
  const listZh = disasters.map((disaster) => `${disaster.date} ${disaster.kind}`).join('、');
  const share = netIncomeFen > 0 ? Math.floor((lossFen * 100) / netIncomeFen) : null;
  return share === null
    ? {
        explanation: `disaster losses ${formatYuan(lossFen)} yuan in ${windowDays} days (${list}), with a household net income of ${formatYuan(netIncomeFen)} yuan`,
        explanationZh: `${windowDays}天内灾害损失${formatYuan(lossFen)}元（${listZh}），家庭纯收入为${formatYuan(netIncomeFen)}元`,
      }
    : {
        explanation:
          `disaster losses ${formatYuan(lossFen)} yuan in ${windowDays} days (${list}), ${share}% of the ` +
          `${formatYuan(netIncomeFen)} yuan household net income (${minSharePercent}% or more counts)`,
        explanationZh:
          `${windowDays}天内灾害损失${formatYuan(lossFen)}元（${listZh}），占家庭纯收入` +
          `${formatYuan(netIncomeFen)}元的${share}%（达到${minSharePercent}%即预警）`,
      };
};

export const schoolingGap = (
  members: readonly (PersonRef & { since: string })[],
  untilAge: number,
): Explanation => ({
  explanation: `${members
    .map((member) => `${person(member)} out of compulsory school since ${member.since}`)
    .join('; ')} (dropout reported, no return; counts until age ${untilAge})`,
  explanationZh: `${members
    .map((member) => `${personZh(member)}自${member.since}辍学`)
    .join('；')}（义务教育阶段失学，${untilAge}周岁前计入）`,
});

export const insuranceGap = (members: readonly (PersonRef & { since: string })[]): Explanation => ({
  explanation: members
    .map((member) => `${person(member)} without basic medical insurance since ${member.since}`)
    .join('; '),
  explanationZh: members
    .map((member) => `${personZh(member)}自${member.since}起未参加基本医疗保险`)
    .join('；'),
});

export const housingGap = (
  grade: string,
  assessedOn: string,
  unsafeGrades: readonly string[],
): Explanation => ({
  explanation: `house graded ${grade} on ${assessedOn} (grades ${unsafeGrades.join(' and ')} are unsafe)`,
  explanationZh: `住房安全鉴定为${grade}级（${assessedOn}），${unsafeGrades.join('、')}级为不安全住房`,
});

export const waterGap = (assessedOn: string): Explanation => ({
  explanation: `drinking water assessed unsafe on ${assessedOn}`,
  explanationZh: `饮水安全评估为不安全（${assessedOn}）`,
});

export const noLabour = (memberCount: number): Explanation => ({
  explanation:
    memberCount === 1
      ? 'no member able to work: the only member has no labour capacity'
      : `no member able to work: all ${memberCount} members have no labour capacity`,
  explanationZh: memberCount === 1 ? '家庭唯一成员无劳动能力' : `家庭${memberCount}名成员均无劳动能力`,
});

export const severeDisabilityOrMajorDisease = (
  members: readonly (PersonRef & {
    disabilityGrade: DisabilityGrade | null;
    diseaseClass: DiseaseClass | null;
  })[],
): Explanation => ({
  explanation: members
    .map((member) => {
      const conditions = [
        member.disabilityGrade !== null ? `grade ${member.disabilityGrade} disability` : null,
        member.diseaseClass !== null
          ? `class ${member.diseaseClass} (${diseaseEn[member.diseaseClass]}) disease`
          : null,
      ].filter((text) => text !== null);
      return `${person(member)}: ${conditions.join(' and ')}`;
    })
    .join('; '),
  explanationZh: members
    .map((member) => {
      const conditions = [
        member.disabilityGrade !== null ? `${gradeZh[member.disabilityGrade]}残疾` : null,
        member.diseaseClass !== null ? `${member.diseaseClass}类（${diseaseZh[member.diseaseClass]}）` : null,
      ].filter((text) => text !== null);
      return `${personZh(member)}${conditions.join('、')}`;
    })
    .join('；'),
});
