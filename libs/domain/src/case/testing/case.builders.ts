import type {
  AssistanceRecorded,
  CaseDismissed,
  CaseEscalated,
  CaseEvent,
  CaseOpened,
  CaseOpenedData,
  CaseReopened,
  CaseReopenedData,
  DeadlineKind,
  DeadlineMissed,
  LongTermFollowUpStarted,
  RiskCategory,
  RiskEliminated,
  VerificationRecorded,
} from '../../events/case.events';
import type { EventMetadata } from '../../events/envelope';
import type { FactorCode, GuaranteeGap, RiskAssessment, RiskFactor } from '../../risk/risk-assessment';
import { addDays, addMillis, toEpochMillis } from '../../time/instant';
import type {
  EliminateRisk,
  EscalateCase,
  OpenCase,
  RecordAssistance,
  RecordMissedDeadline,
  RecordVerification,
  ReopenCase,
  UpdateCaseRisk,
} from '../case.commands';
import type { CasePolicy } from '../case-policy';
import { caseEventId, caseIdFor } from '../case-ids';
import { type CaseRuleCode, CaseRuleViolation } from '../case-rule-violation';

/**
 * Test data for cases (STYLE.md builders): one household, its first case opened on
 * 2025-03-01 09:00 Beijing time under the Henan case policy, commands and the events they stand for.
 * Times are written relative to the opening: `day(7)` is 2025-03-08T09:00:00.000+08:00.
 */

export const HOUSEHOLD_ID = 'H410423000001';
export const REGION_CODE = '410423203201';
export const CASE_ID = caseIdFor(HOUSEHOLD_ID, 1);
export const OFFICER = 'county-officer-li';
export const OPENED_AT = '2025-03-01T09:00:00.000+08:00';
export const TRIGGER_EVENT_ID = '5d0f1f64-4b8e-4a3e-9c35-0d1c8f6b2a11';

/** Henan: verify in 7 days, assist in 30; escalate 7 / 14 days after a missed deadline; 6 months' income. */
export const CASE_POLICY: CasePolicy = {
  verificationDays: 7,
  assistanceDays: 30,
  escalateToCityAfterDays: 7,
  escalateToProvinceAfterDays: 14,
  stableIncomeMonths: 6,
};

/** `days` (may be fractional) after the opening. */
export const day = (days: number): string => addDays(OPENED_AT, days);
/** One millisecond before `day(days)`. */
export const justBefore = (days: number): string => addMillis(day(days), -1);

const levelOf = (score: number): RiskAssessment['riskLevel'] =>
  score >= 50 ? 'high' : score >= 30 ? 'medium' : 'low';

export class AssessmentBuilder {
  private householdId = HOUSEHOLD_ID;
  private asOfValue = OPENED_AT;
  private categoryValue: RiskCategory = 'sudden_hardship';
  private factors: RiskFactor[] = [
    {
      code: 'medical_cost_very_high',
      points: 40,
      explanation: 'out-of-pocket medical cost 30,000 yuan in 365 days',
      explanationZh: '365天内个人自付医疗费用30,000元',
      evidence: ['claim-1'],
    },
    {
      code: 'income_near_standard',
      points: 20,
      explanation: 'income within 10% above the standard',
      explanationZh: '收入在监测标准10%以内',
      evidence: ['income-1'],
    },
  ];
  private gaps: GuaranteeGap[] = [];
  private policyVersion = '41-2024.1';

  forHousehold(householdId: string): this {
    this.householdId = householdId;
    return this;
  }
  asOf(time: string): this {
    this.asOfValue = time;
    return this;
  }
  category(category: RiskCategory): this {
    this.categoryValue = category;
    return this;
  }
  withFactors(...factors: { code: FactorCode; points: number; evidence?: string[] }[]): this {
    this.factors = factors.map((factor) => ({
      code: factor.code,
      points: factor.points,
      explanation: `${factor.code} +${factor.points}`,
      explanationZh: `${factor.code} +${factor.points}`,
      evidence: factor.evidence ?? [`${factor.code}-evidence`],
    }));
    return this;
  }
  /** Below the alert threshold: one small factor, category none. */
  belowThreshold(points = 20): this {
    this.categoryValue = 'none';
    return this.withFactors({ code: 'income_near_standard', points });
  }
  withGuaranteeGaps(...gaps: GuaranteeGap[]): this {
    this.gaps = gaps;
    return this;
  }
  underPolicy(version: string): this {
    this.policyVersion = version;
    return this;
  }

  build(): RiskAssessment {
    const score = Math.min(
      100,
      this.factors.reduce((sum, factor) => sum + factor.points, 0),
    );
    return {
      householdId: this.householdId,
      regionCode: REGION_CODE,
      score,
      riskLevel: levelOf(score),
      category: score >= 50 ? this.categoryValue : 'none',
      alert: score >= 50,
      factors: this.factors.map((factor) => ({ ...factor, evidence: [...factor.evidence] })),
      policyVersion: this.policyVersion,
      asOf: this.asOfValue,
      figures: {
        householdNetIncomeFen: 3_000_000,
        memberCount: 3,
        perCapitaIncomeAfterRigidFen: 900_000,
        outOfPocketInWindowFen: 3_000_000,
        medicalThresholdFen: 1_222_800,
        monitoringStandardFen: 830_000,
        guaranteeGaps: [...this.gaps],
        recentShock: true,
      },
    };
  }
}

/** Score 60, sudden hardship, no guarantee gap: the assessment that opens the default case. */
export const anAssessment = (): AssessmentBuilder => new AssessmentBuilder();

// ---- events -------------------------------------------------------------------------------------

const systemMetadata = (now: string, causationId?: string): EventMetadata => ({
  occurredAt: now,
  source: 'monitor',
  ...(causationId !== undefined && { causationId }),
});
const officerMetadata = (now: string, commandId: string): EventMetadata => ({
  occurredAt: now,
  source: 'monitor',
  actor: OFFICER,
  causationId: commandId,
});

export const caseOpened = (overrides: Partial<CaseOpenedData> = {}): CaseOpened => {
  const data: CaseOpenedData = {
    caseId: CASE_ID,
    householdId: HOUSEHOLD_ID,
    regionCode: REGION_CODE,
    caseSequence: 1,
    category: 'sudden_hardship',
    score: 60,
    riskLevel: 'high',
    factors: [
      { code: 'medical_cost_very_high', points: 40, evidence: ['claim-1'] },
      { code: 'income_near_standard', points: 20, evidence: ['income-1'] },
    ],
    policyVersion: '41-2024.1',
    triggerEventIds: [TRIGGER_EVENT_ID],
    assessedAt: OPENED_AT,
    openedAt: OPENED_AT,
    verificationDueAt: '2025-03-08T09:00:00.000+08:00',
    assistanceDueAt: '2025-03-31T09:00:00.000+08:00',
    ...overrides,
  };
  return {
    eventId: caseEventId(data.caseId, 'CaseOpened'),
    type: 'CaseOpened',
    schemaVersion: 1,
    data,
    metadata: systemMetadata(data.openedAt, TRIGGER_EVENT_ID),
  };
};

export const verificationConfirmed = (
  visitedAt = day(3),
  now = visitedAt,
  commandId = 'cmd-verify',
  category: Exclude<RiskCategory, 'none'> = 'sudden_hardship',
): VerificationRecorded => ({
  eventId: caseEventId(CASE_ID, 'VerificationRecorded', commandId),
  type: 'VerificationRecorded',
  schemaVersion: 1,
  data: {
    caseId: CASE_ID,
    outcome: 'confirmed',
    confirmedCategory: category,
    officer: OFFICER,
    visitedAt,
    notes: 'home visit: hospital bills confirmed',
  },
  metadata: officerMetadata(now, commandId),
});

export const verificationDismissed = (
  visitedAt = day(3),
  now = visitedAt,
  commandId = 'cmd-verify',
  notes = 'bills paid by a commercial policy',
): VerificationRecorded => ({
  eventId: caseEventId(CASE_ID, 'VerificationRecorded', commandId),
  type: 'VerificationRecorded',
  schemaVersion: 1,
  data: { caseId: CASE_ID, outcome: 'dismissed', officer: OFFICER, visitedAt, notes },
  metadata: officerMetadata(now, commandId),
});

export const caseDismissed = (
  now = day(3),
  commandId = 'cmd-verify',
  reason = 'bills paid by a commercial policy',
): CaseDismissed => ({
  eventId: caseEventId(CASE_ID, 'CaseDismissed', commandId),
  type: 'CaseDismissed',
  schemaVersion: 1,
  data: { caseId: CASE_ID, reason, officer: OFFICER, dismissedAt: now },
  metadata: officerMetadata(now, commandId),
});

export const assistanceRecorded = (now = day(10), commandId = 'cmd-assist'): AssistanceRecorded => ({
  eventId: caseEventId(CASE_ID, 'AssistanceRecorded', commandId),
  type: 'AssistanceRecorded',
  schemaVersion: 1,
  data: {
    caseId: CASE_ID,
    measureType: 'medical',
    description: 'medical assistance for the inpatient stay',
    amountFen: 500_000,
    officer: OFFICER,
    recordedAt: now,
  },
  metadata: officerMetadata(now, commandId),
});

/** As written by the deadline job or the sweep (no actor); pass `officerCommandId` when an officer's late work recorded it. */
export const deadlineMissed = (
  deadline: DeadlineKind,
  dueAt: string,
  detectedAt: string,
  officerCommandId?: string,
): DeadlineMissed => ({
  eventId: caseEventId(CASE_ID, 'DeadlineMissed', deadline, toEpochMillis(dueAt)),
  type: 'DeadlineMissed',
  schemaVersion: 1,
  data: { caseId: CASE_ID, deadline, dueAt, detectedAt },
  metadata:
    officerCommandId === undefined
      ? systemMetadata(detectedAt)
      : officerMetadata(detectedAt, officerCommandId),
});

export const caseEscalated = (
  level: 'city' | 'province',
  deadline: DeadlineKind,
  escalatedAt: string,
): CaseEscalated => ({
  eventId: caseEventId(CASE_ID, 'CaseEscalated', level),
  type: 'CaseEscalated',
  schemaVersion: 1,
  data: { caseId: CASE_ID, level, deadline, escalatedAt },
  metadata: systemMetadata(escalatedAt),
});

export const riskEliminated = (now = day(220), commandId = 'cmd-eliminate'): RiskEliminated => ({
  eventId: caseEventId(CASE_ID, 'RiskEliminated', commandId),
  type: 'RiskEliminated',
  schemaVersion: 1,
  data: { caseId: CASE_ID, reason: 'income stable, bills covered', officer: OFFICER, eliminatedAt: now },
  metadata: officerMetadata(now, commandId),
});

export const longTermFollowUpStarted = (
  now = day(220),
  commandId = 'cmd-eliminate',
): LongTermFollowUpStarted => ({
  eventId: caseEventId(CASE_ID, 'LongTermFollowUpStarted', commandId),
  type: 'LongTermFollowUpStarted',
  schemaVersion: 1,
  data: { caseId: CASE_ID, reason: 'income stable, bills covered', officer: OFFICER, startedAt: now },
  metadata: officerMetadata(now, commandId),
});

export const caseReopened = (
  reopening: Pick<CaseReopenedData, 'stage' | 'verificationDueAt' | 'assistanceDueAt' | 'reopenedAt'>,
  commandId = 'cmd-reopen',
): CaseReopened => ({
  eventId: caseEventId(CASE_ID, 'CaseReopened', commandId),
  type: 'CaseReopened',
  schemaVersion: 1,
  data: { caseId: CASE_ID, reason: 'the household fell ill again', officer: OFFICER, ...reopening },
  metadata: officerMetadata(reopening.reopenedAt, commandId),
});

/** Histories: the default case at each stage. */
export const openedCase = (): CaseEvent[] => [caseOpened()];
export const verifiedCase = (): CaseEvent[] => [...openedCase(), verificationConfirmed()];
export const assistingCase = (): CaseEvent[] => [...verifiedCase(), assistanceRecorded()];
export const eliminatedCase = (): CaseEvent[] => [...assistingCase(), riskEliminated()];
export const dismissedCase = (): CaseEvent[] => [...openedCase(), verificationDismissed(), caseDismissed()];
export const followUpCase = (): CaseEvent[] => [...assistingCase(), longTermFollowUpStarted()];

// ---- commands -----------------------------------------------------------------------------------

export const openCase = (
  assessment = anAssessment().build(),
  now = OPENED_AT,
  caseSequence = 1,
): OpenCase => ({
  type: 'OpenCase',
  caseId: caseIdFor(assessment.householdId, caseSequence),
  caseSequence,
  assessment,
  triggerEventIds: [TRIGGER_EVENT_ID],
  policy: CASE_POLICY,
  now,
  causationId: TRIGGER_EVENT_ID,
});

export const updateRisk = (
  assessment: RiskAssessment,
  causationId: string,
  now = day(2),
): UpdateCaseRisk => ({
  type: 'UpdateCaseRisk',
  caseId: CASE_ID,
  assessment,
  triggerEventIds: [causationId],
  causationId,
  now,
});

export const confirmVerification = (
  now = day(3),
  visitedAt = now,
  commandId = 'cmd-verify',
): RecordVerification => ({
  type: 'RecordVerification',
  caseId: CASE_ID,
  commandId,
  officer: OFFICER,
  now,
  visitedAt,
  notes: 'home visit: hospital bills confirmed',
  outcome: 'confirmed',
  confirmedCategory: 'sudden_hardship',
});

export const dismissVerification = (
  now = day(3),
  visitedAt = now,
  commandId = 'cmd-verify',
  notes = 'bills paid by a commercial policy',
): RecordVerification => ({
  type: 'RecordVerification',
  caseId: CASE_ID,
  commandId,
  officer: OFFICER,
  now,
  visitedAt,
  notes,
  outcome: 'dismissed',
});

export const recordAssistance = (now = day(10), commandId = 'cmd-assist'): RecordAssistance => ({
  type: 'RecordAssistance',
  caseId: CASE_ID,
  commandId,
  officer: OFFICER,
  now,
  measureType: 'medical',
  description: 'medical assistance for the inpatient stay',
  amountFen: 500_000,
});

export const recordMissedDeadline = (deadline: DeadlineKind, now: string): RecordMissedDeadline => ({
  type: 'RecordMissedDeadline',
  caseId: CASE_ID,
  deadline,
  now,
});

export const escalateTo = (level: 'city' | 'province', now: string): EscalateCase => ({
  type: 'EscalateCase',
  caseId: CASE_ID,
  level,
  policy: CASE_POLICY,
  now,
});

/** An elimination that meets every condition at `day(220)`: below threshold, no gap, income above since day 30. */
export const eliminateRisk = (overrides: Partial<Omit<EliminateRisk, 'type'>> = {}): EliminateRisk => ({
  type: 'EliminateRisk',
  caseId: CASE_ID,
  commandId: 'cmd-eliminate',
  officer: OFFICER,
  now: day(220),
  reason: 'income stable, bills covered',
  assessment: anAssessment().belowThreshold().asOf(day(219)).build(),
  incomeAboveStandardSince: day(30),
  noMemberAbleToWork: false,
  coveredBySocialAssistance: false,
  policy: CASE_POLICY,
  ...overrides,
});

export const reopenCase = (now = day(240), commandId = 'cmd-reopen'): ReopenCase => ({
  type: 'ReopenCase',
  caseId: CASE_ID,
  commandId,
  officer: OFFICER,
  now,
  reason: 'the household fell ill again',
  householdLatestCaseId: CASE_ID,
  policy: CASE_POLICY,
});

/** For `thenThrows`: a CaseRuleViolation with this code. */
export const ruleViolation =
  (code: CaseRuleCode) =>
  (error: unknown): boolean =>
    error instanceof CaseRuleViolation && error.code === code;
