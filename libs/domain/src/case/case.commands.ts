import type { DeadlineKind, MeasureType, RiskCategory } from '../events/case.events';
import type { RiskAssessment } from '../risk/risk-assessment';
import type { CasePolicy } from './case-policy';

/**
 * Commands of the case decider. Each carries what its decision needs: the time (`now`, ISO 8601 with
 * offset, from the caller's clock), the policy where deadlines are computed, and what the ids are made
 * of (see case-ids.ts). Nothing is read from the environment.
 */

interface CaseCommandBase {
  caseId: string;
  /** Business time of the decision; the events' `occurredAt`. */
  now: string;
  correlationId?: string;
  /** The message that caused the command (defaults to the command id for officers' commands). */
  causationId?: string;
}

/** An officer's action. `commandId` (one per request) seeds the event ids, so a retried request appends once. */
interface OfficerCommandBase extends CaseCommandBase {
  commandId: string;
  /** The acting user (`sub` of the token). */
  officer: string;
}

/** Issued by the process manager on the first crossing of the alert threshold. */
export interface OpenCase extends CaseCommandBase {
  type: 'OpenCase';
  caseSequence: number;
  assessment: RiskAssessment;
  triggerEventIds: string[];
  policy: CasePolicy;
}

/** Issued by the process manager when an open case's household is reassessed. */
export interface UpdateCaseRisk extends CaseCommandBase {
  type: 'UpdateCaseRisk';
  assessment: RiskAssessment;
  triggerEventIds: string[];
  /** What caused the reassessment: the last trigger event, or a scheduled reassessment's key. Seeds the event id. */
  causationId: string;
}

interface RecordVerificationBase extends OfficerCommandBase {
  type: 'RecordVerification';
  visitedAt: string;
  notes: string;
}
export type RecordVerification =
  | (RecordVerificationBase & { outcome: 'confirmed'; confirmedCategory: Exclude<RiskCategory, 'none'> })
  | (RecordVerificationBase & { outcome: 'dismissed' });

export interface RecordAssistance extends OfficerCommandBase {
  type: 'RecordAssistance';
  measureType: MeasureType;
  description: string;
  amountFen?: number;
}

/** Issued by the deadline job or the sweep (see `deadlineActions`). */
export interface RecordMissedDeadline extends CaseCommandBase {
  type: 'RecordMissedDeadline';
  deadline: DeadlineKind;
}

/** Issued by the deadline job or the sweep (see `deadlineActions`). */
export interface EscalateCase extends CaseCommandBase {
  type: 'EscalateCase';
  level: 'city' | 'province';
  policy: CasePolicy;
}

export interface EliminateRisk extends OfficerCommandBase {
  type: 'EliminateRisk';
  reason: string;
  /** The household's current assessment. */
  assessment: RiskAssessment;
  /** Since when income has stayed at or above the monitoring standard (`incomeAboveStandardSince`); null if below. */
  incomeAboveStandardSince: string | null;
  /** Every member's labour capacity is `none`. */
  noMemberAbleToWork: boolean;
  /** Enrolled in dibao or tekun. */
  coveredBySocialAssistance: boolean;
  policy: CasePolicy;
}

export interface ReopenCase extends OfficerCommandBase {
  type: 'ReopenCase';
  reason: string;
  /** The household's latest case id: only that one may be reopened, so a household never has two open cases. */
  householdLatestCaseId: string;
  policy: CasePolicy;
}

export type CaseCommand =
  | OpenCase
  | UpdateCaseRisk
  | RecordVerification
  | RecordAssistance
  | RecordMissedDeadline
  | EscalateCase
  | EliminateRisk
  | ReopenCase;

export type CaseCommandType = CaseCommand['type'];
