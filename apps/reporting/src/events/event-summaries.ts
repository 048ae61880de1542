import {
  formatIsoDate,
  formatYuan,
  localDateOf,
  tryParseIsoDateTime,
  type CaseEvent,
  type HouseholdEvent,
  type LabourCapacity,
  type MeasureType,
  type Relation,
  type RiskCategory,
  type RiskLevel,
  type VisitType,
} from '@monitoring/domain';

/** A line an officer reads in a timeline or a case history, in English and Chinese. */
export interface EventSummary {
  summary: string;
  summaryZh: string;
}

/** How people and free text are shown to this reader (names masked or not: see PersonalDataRedactor). */
export interface SummaryContext {
  /** A member's display name by person id; the person id when the household never named them. */
  person(personId: string): string;
  name(name: string): string;
  text(text: string): string;
}

const VISIT: Record<VisitType, [string, string]> = {
  inpatient: ['inpatient', '住院'],
  outpatient: ['outpatient', '门诊'],
  chronic_outpatient: ['chronic-disease outpatient', '门诊慢特病'],
};
const RELATION: Record<Relation, [string, string]> = {
  head: ['head', '户主'],
  spouse: ['spouse', '配偶'],
  child: ['child', '子女'],
  parent: ['parent', '父母'],
  other: ['other relative', '其他成员'],
};
const LABOUR: Record<LabourCapacity, [string, string]> = {
  full: ['able to work', '有劳动能力'],
  partial: ['partly able to work', '弱劳动能力'],
  none: ['unable to work', '无劳动能力'],
};
const CATEGORY: Record<RiskCategory, [string, string]> = {
  unstable: ['formerly poor, unstable', '脱贫不稳定户'],
  marginal: ['marginal, easily made poor', '边缘易致贫户'],
  sudden_hardship: ['sudden severe hardship', '突发严重困难户'],
  none: ['no category', '无风险类别'],
};
const LEVEL: Record<RiskLevel, [string, string]> = {
  low: ['low', '低'],
  medium: ['medium', '中'],
  high: ['high', '高'],
};
const MEASURE: Record<MeasureType, [string, string]> = {
  medical: ['medical', '健康帮扶'],
  employment: ['employment', '就业帮扶'],
  industry: ['industry', '产业帮扶'],
  social_assistance: ['social assistance', '社会救助'],
  education: ['education', '教育帮扶'],
  housing: ['housing safety', '住房安全保障'],
  drinking_water: ['drinking water', '饮水安全保障'],
  temporary_relief: ['temporary relief', '临时救助'],
  insurance: ['anti-poverty insurance', '防贫保险'],
  social_help: ['social help', '社会帮扶'],
};
const PROGRAMME = {
  dibao: ['dibao (minimum living allowance)', '低保'],
  tekun: ['tekun (extreme-poverty support)', '特困供养'],
};
const DEADLINE = { verification: ['verification', '入户核实'], assistance: ['assistance', '落实帮扶'] };
const ESCALATION = { city: ['the city', '市级'], province: ['the province', '省级'] };
const GRADE_ZH = { 1: '一级', 2: '二级', 3: '三级', 4: '四级' } as const;

const en = <T extends string>(table: Record<T, readonly [string, string] | string[]>, key: T): string =>
  table[key][0];
const zh = <T extends string>(table: Record<T, readonly [string, string] | string[]>, key: T): string =>
  table[key][1];

/** The local date of an ISO date-time in its own offset (`2026-03-01`); the text itself if unreadable. */
const dateOf = (isoDateTime: string): string =>
  tryParseIsoDateTime(isoDateTime) ? formatIsoDate(localDateOf(isoDateTime)) : isoDateTime;

const yuan = (fen: number): string => formatYuan(fen);

export const summarizeHouseholdEvent = (event: HouseholdEvent, context: SummaryContext): EventSummary => {
  switch (event.type) {
    case 'HouseholdRegistered': {
      const { members, formerlyPoor, povertyExitYear, regionCode } = event.data;
      const poor = formerlyPoor
        ? [
            `formerly poor${povertyExitYear ? ` (lifted out in ${povertyExitYear})` : ''}`,
            `脱贫户${povertyExitYear ? `（${povertyExitYear}年脱贫）` : ''}`,
          ]
        : ['never registered poor', '一般农户'];
      return {
        summary: `Household registered in ${regionCode}: ${members.length} member${members.length === 1 ? '' : 's'}, ${poor[0]}`,
        summaryZh: `户籍登记：${members.length}人，${poor[1]}，区划${regionCode}`,
      };
    }
    case 'MemberAdded': {
      const { member, reason } = event.data;
      return {
        summary: `Member added: ${context.name(member.name)} (${en(RELATION, member.relation)}), ${context.text(reason)}`,
        summaryZh: `新增成员：${context.name(member.name)}（${zh(RELATION, member.relation)}），原因：${context.text(reason)}`,
      };
    }
    case 'MemberRemoved':
      return {
        summary: `Member removed: ${context.person(event.data.personId)}, ${context.text(event.data.reason)}`,
        summaryZh: `减少成员：${context.person(event.data.personId)}，原因：${context.text(event.data.reason)}`,
      };
    case 'LabourCapacityChanged':
      return {
        summary: `Labour capacity changed: ${context.person(event.data.personId)} is ${en(LABOUR, event.data.labourCapacity)}`,
        summaryZh: `劳动能力变更：${context.person(event.data.personId)}，${zh(LABOUR, event.data.labourCapacity)}`,
      };
    case 'DisabilityRecorded':
      return {
        summary: `Disability recorded: ${context.person(event.data.personId)}, grade ${event.data.disabilityGrade}`,
        summaryZh: `残疾登记：${context.person(event.data.personId)}，${GRADE_ZH[event.data.disabilityGrade]}残疾`,
      };
    case 'SocialAssistanceChanged': {
      const { programme, enrolled } = event.data;
      return enrolled
        ? { summary: `Enrolled in ${en(PROGRAMME, programme)}`, summaryZh: `纳入${zh(PROGRAMME, programme)}` }
        : { summary: `Left ${en(PROGRAMME, programme)}`, summaryZh: `退出${zh(PROGRAMME, programme)}` };
    }
    case 'DisasterReported':
      return {
        summary: `Disaster reported: ${context.text(event.data.kind)}, loss ${yuan(event.data.lossFen)} yuan`,
        summaryZh: `灾情报告：${context.text(event.data.kind)}，损失 ${yuan(event.data.lossFen)} 元`,
      };
    case 'SchoolDropoutReported':
      return {
        summary: `School dropout reported: ${context.person(event.data.personId)}`,
        summaryZh: `辍学报告：${context.person(event.data.personId)}`,
      };
    case 'SchoolReturnReported':
      return {
        summary: `Back at school: ${context.person(event.data.personId)}`,
        summaryZh: `返校复学：${context.person(event.data.personId)}`,
      };
    case 'MedicalInsuranceChanged':
      return event.data.insured
        ? {
            summary: `Basic medical insurance: ${context.person(event.data.personId)} insured`,
            summaryZh: `基本医疗保险：${context.person(event.data.personId)}参保`,
          }
        : {
            summary: `Basic medical insurance: ${context.person(event.data.personId)} not insured`,
            summaryZh: `基本医疗保险：${context.person(event.data.personId)}未参保`,
          };
    case 'HousingSafetyAssessed':
      return {
        summary: `Housing safety assessed: grade ${event.data.grade}`,
        summaryZh: `住房安全鉴定：${event.data.grade}级`,
      };
    case 'DrinkingWaterAssessed':
      return event.data.safe
        ? { summary: 'Drinking water assessed: safe', summaryZh: '饮水安全评估：安全' }
        : { summary: 'Drinking water assessed: unsafe', summaryZh: '饮水安全评估：不安全' };
    case 'IncomeAssessed':
      return {
        summary:
          `Income assessed for ${event.data.year}: household net income ${yuan(event.data.householdNetIncomeFen)} yuan, ` +
          `${yuan(event.data.perCapitaNetIncomeFen)} yuan per person`,
        summaryZh:
          `${event.data.year}年度收入核算：家庭纯收入 ${yuan(event.data.householdNetIncomeFen)} 元，` +
          `人均 ${yuan(event.data.perCapitaNetIncomeFen)} 元`,
      };
    case 'IncomeChangeReported':
      return {
        summary: `Income change reported: ${yuan(event.data.monthlyIncomeFen)} yuan a month (${context.text(event.data.reason)})`,
        summaryZh: `收入变化报告：月收入 ${yuan(event.data.monthlyIncomeFen)} 元（原因：${context.text(event.data.reason)}）`,
      };
    case 'ClaimSettled':
      return {
        summary: `Claim settled: ${en(VISIT, event.data.visitType)}, out-of-pocket ${yuan(event.data.outOfPocketFen)} yuan`,
        summaryZh: `医保结算：${zh(VISIT, event.data.visitType)}，个人自付 ${yuan(event.data.outOfPocketFen)} 元`,
      };
    case 'ClaimReversed':
      return {
        summary: `Claim reversed: ${event.data.claimId} (${context.text(event.data.reason)})`,
        summaryZh: `医保结算撤销：${event.data.claimId}（原因：${context.text(event.data.reason)}）`,
      };
  }
};

export const summarizeCaseEvent = (event: CaseEvent, context: SummaryContext): EventSummary => {
  switch (event.type) {
    case 'CaseOpened': {
      const { category, score, riskLevel, verificationDueAt, assistanceDueAt } = event.data;
      return {
        summary:
          `Case opened: ${en(CATEGORY, category)}, score ${score} (${en(LEVEL, riskLevel)}); ` +
          `verify by ${dateOf(verificationDueAt)}, assistance by ${dateOf(assistanceDueAt)}`,
        summaryZh:
          `预警立案：${zh(CATEGORY, category)}，风险评分 ${score}（${zh(LEVEL, riskLevel)}）；` +
          `${dateOf(verificationDueAt)}前入户核实，${dateOf(assistanceDueAt)}前落实帮扶`,
      };
    }
    case 'CaseRiskUpdated': {
      const { category, score, riskLevel } = event.data;
      return {
        summary: `Risk updated: score ${score} (${en(LEVEL, riskLevel)}), ${en(CATEGORY, category)}`,
        summaryZh: `风险更新：评分 ${score}（${zh(LEVEL, riskLevel)}），${zh(CATEGORY, category)}`,
      };
    }
    case 'VerificationRecorded': {
      const { outcome, confirmedCategory, visitedAt, notes } = event.data;
      const visited = dateOf(visitedAt);
      if (outcome === 'confirmed') {
        const category = confirmedCategory ?? 'none';
        return {
          summary: `Home visit on ${visited}: risk confirmed, ${en(CATEGORY, category)}`,
          summaryZh: `入户核实（${visited}）：确认风险，${zh(CATEGORY, category)}`,
        };
      }
      return {
        summary: `Home visit on ${visited}: warning dismissed (${context.text(notes)})`,
        summaryZh: `入户核实（${visited}）：排除风险（${context.text(notes)}）`,
      };
    }
    case 'AssistanceRecorded': {
      const { measureType, description, amountFen } = event.data;
      const amount =
        amountFen === undefined ? ['', ''] : [`, ${yuan(amountFen)} yuan`, `，${yuan(amountFen)} 元`];
      return {
        summary: `Assistance recorded: ${en(MEASURE, measureType)}${amount[0]} (${context.text(description)})`,
        summaryZh: `落实帮扶：${zh(MEASURE, measureType)}${amount[1]}（${context.text(description)}）`,
      };
    }
    case 'DeadlineMissed': {
      const { deadline, dueAt } = event.data;
      return {
        summary: `Deadline missed: ${en(DEADLINE, deadline)} was due ${dateOf(dueAt)}`,
        summaryZh: `超期：${zh(DEADLINE, deadline)}应于${dateOf(dueAt)}前完成`,
      };
    }
    case 'CaseEscalated': {
      const { level, deadline } = event.data;
      return {
        summary: `Escalated to ${en(ESCALATION, level)}: ${en(DEADLINE, deadline)} overdue`,
        summaryZh: `升级至${zh(ESCALATION, level)}督办：${zh(DEADLINE, deadline)}超期`,
      };
    }
    case 'RiskEliminated':
      return {
        summary: `Risk eliminated: ${context.text(event.data.reason)}`,
        summaryZh: `风险消除：${context.text(event.data.reason)}`,
      };
    case 'LongTermFollowUpStarted':
      return {
        summary: `Long-term follow-up: ${context.text(event.data.reason)}`,
        summaryZh: `转入长期跟踪帮扶：${context.text(event.data.reason)}`,
      };
    case 'CaseDismissed':
      return {
        summary: `Case closed as dismissed: ${context.text(event.data.reason)}`,
        summaryZh: `撤销预警：${context.text(event.data.reason)}`,
      };
    case 'CaseReopened': {
      const { reason, verificationDueAt, assistanceDueAt, stage } = event.data;
      const due =
        stage === 'open'
          ? [`verify by ${dateOf(verificationDueAt)}, `, `${dateOf(verificationDueAt)}前入户核实，`]
          : ['', ''];
      return {
        summary: `Case reopened (${context.text(reason)}): ${due[0]}assistance by ${dateOf(assistanceDueAt)}`,
        summaryZh: `重新启动（${context.text(reason)}）：${due[1]}${dateOf(assistanceDueAt)}前落实帮扶`,
      };
    }
  }
};

/** For an event this release cannot read (a newer schema version, an unknown type). */
export const unreadableEventSummary = (type: string): EventSummary => ({
  summary: `${type} (recorded by a newer version of the system; details not shown)`,
  summaryZh: `${type}（由新版本系统记录，暂不显示详情）`,
});
