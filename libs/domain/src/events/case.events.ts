import type { EventEnvelope } from './envelope';

/** Events of stream `case-<caseId>`: the monitoring case of one household (DESIGN §3, §5). */

export type RiskCategory = 'unstable' | 'marginal' | 'sudden_hardship' | 'none';
export type RiskLevel = 'low' | 'medium' | 'high';
export type CaseStage =
  'open' | 'verified' | 'assisting' | 'long_term_follow_up' | 'risk_eliminated' | 'dismissed';
export type DeadlineKind = 'verification' | 'assistance';
export type EscalationLevel = 'none' | 'city' | 'province';
export type MeasureType =
  | 'medical'
  | 'employment'
  | 'industry'
  | 'social_assistance'
  | 'education'
  | 'housing'
  | 'drinking_water'
  | 'temporary_relief'
  | 'insurance'
  | 'social_help';

/** A factor as recorded on a case: code and points, with the events behind it. */
export interface CaseFactor {
  code: string;
  points: number;
  evidence: string[];
}

export interface CaseOpenedData {
  caseId: string;
  householdId: string;
  regionCode: string;
  /** The household's nth case (1 for its first); with the household id it derives the case id. */
  caseSequence: number;
  category: Exclude<RiskCategory, 'none'>;
  score: number;
  riskLevel: RiskLevel;
  factors: CaseFactor[];
  policyVersion: string;
  /** Events whose assessment crossed the threshold. */
  triggerEventIds: string[];
  /** Business time of the assessment that opened the case. */
  assessedAt: string;
  openedAt: string;
  verificationDueAt: string;
  assistanceDueAt: string;
}
export interface CaseRiskUpdatedData {
  caseId: string;
  householdId: string;
  category: RiskCategory;
  score: number;
  riskLevel: RiskLevel;
  factors: CaseFactor[];
  policyVersion: string;
  triggerEventIds: string[];
  assessedAt: string;
}
export interface VerificationRecordedData {
  caseId: string;
  outcome: 'confirmed' | 'dismissed';
  /** Required when confirmed: the officer's category after the visit. */
  confirmedCategory?: Exclude<RiskCategory, 'none'>;
  officer: string;
  visitedAt: string;
  notes: string;
}
export interface AssistanceRecordedData {
  caseId: string;
  measureType: MeasureType;
  description: string;
  amountFen?: number;
  officer: string;
  recordedAt: string;
}
export interface DeadlineMissedData {
  caseId: string;
  deadline: DeadlineKind;
  dueAt: string;
  detectedAt: string;
}
export interface CaseEscalatedData {
  caseId: string;
  level: Exclude<EscalationLevel, 'none'>;
  /** The deadline still overdue that caused it. */
  deadline: DeadlineKind;
  escalatedAt: string;
}
export interface RiskEliminatedData {
  caseId: string;
  reason: string;
  officer: string;
  eliminatedAt: string;
}
/** The household cannot work and social assistance covers it: followed up long-term instead of closed. */
export interface LongTermFollowUpStartedData {
  caseId: string;
  reason: string;
  officer: string;
  startedAt: string;
}
export interface CaseDismissedData {
  caseId: string;
  reason: string;
  officer: string;
  dismissedAt: string;
}
/**
 * A premature elimination (or a dismissal) undone. A dismissed case returns to `open` with new
 * verification and assistance deadlines; an eliminated one returns to `verified` (its confirmation
 * stands) with a new assistance deadline. Deadlines count from the reopening.
 */
export interface CaseReopenedData {
  caseId: string;
  reason: string;
  officer: string;
  reopenedAt: string;
  stage: 'open' | 'verified';
  verificationDueAt: string;
  assistanceDueAt: string;
}

export type CaseOpened = EventEnvelope<'CaseOpened', CaseOpenedData>;
export type CaseRiskUpdated = EventEnvelope<'CaseRiskUpdated', CaseRiskUpdatedData>;
export type VerificationRecorded = EventEnvelope<'VerificationRecorded', VerificationRecordedData>;
export type AssistanceRecorded = EventEnvelope<'AssistanceRecorded', AssistanceRecordedData>;
export type DeadlineMissed = EventEnvelope<'DeadlineMissed', DeadlineMissedData>;
export type CaseEscalated = EventEnvelope<'CaseEscalated', CaseEscalatedData>;
export type RiskEliminated = EventEnvelope<'RiskEliminated', RiskEliminatedData>;
export type LongTermFollowUpStarted = EventEnvelope<'LongTermFollowUpStarted', LongTermFollowUpStartedData>;
export type CaseDismissed = EventEnvelope<'CaseDismissed', CaseDismissedData>;
export type CaseReopened = EventEnvelope<'CaseReopened', CaseReopenedData>;

export type CaseEvent =
  | CaseOpened
  | CaseRiskUpdated
  | VerificationRecorded
  | AssistanceRecorded
  | DeadlineMissed
  | CaseEscalated
  | RiskEliminated
  | LongTermFollowUpStarted
  | CaseDismissed
  | CaseReopened;

export type CaseEventType = CaseEvent['type'];

export const caseStreamId = (caseId: string): string => `case-${caseId}`;
