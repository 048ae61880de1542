import type {
  CaseFactor,
  DeadlineKind,
  EscalationLevel,
  RiskCategory,
  RiskLevel,
} from '../events/case.events';

/**
 * The state of one monitoring case, folded from its stream: a union on `stage` (DESIGN §5).
 *
 *   none → open → verified → assisting → risk_eliminated
 *               ↘ dismissed              ↘ long_term_follow_up → risk_eliminated
 *   dismissed → open, risk_eliminated → verified (reopened)
 */

/** The household's risk as last recorded on the case. */
export interface CaseRisk {
  category: RiskCategory;
  score: number;
  riskLevel: RiskLevel;
  factors: CaseFactor[];
  policyVersion: string;
  assessedAt: string;
}

export interface MissedDeadline {
  deadline: DeadlineKind;
  dueAt: string;
}

/** The officer's confirmation at the home visit. */
export interface CaseConfirmation {
  category: Exclude<RiskCategory, 'none'>;
  officer: string;
  visitedAt: string;
}

/** What every opened case knows, whatever its stage. */
export interface CaseFacts {
  caseId: string;
  householdId: string;
  regionCode: string;
  caseSequence: number;
  openedAt: string;
  /** The last reopening, null if never reopened: a visit for the current warning cannot be earlier. */
  reopenedAt: string | null;
  verificationDueAt: string;
  assistanceDueAt: string;
  risk: CaseRisk;
  /** Every deadline recorded as missed, by kind and due time (a reopened case has new due times). */
  missedDeadlines: MissedDeadline[];
  /** Only rises over the case's life, reopenings included. */
  escalationLevel: EscalationLevel;
  assistanceCount: number;
}

export interface NoCaseState {
  stage: 'none';
}
export interface OpenCaseState extends CaseFacts {
  stage: 'open';
}
export interface VerifiedCaseState extends CaseFacts {
  stage: 'verified';
  confirmation: CaseConfirmation;
}
export interface AssistingCaseState extends CaseFacts {
  stage: 'assisting';
  confirmation: CaseConfirmation;
}
export interface LongTermFollowUpCaseState extends CaseFacts {
  stage: 'long_term_follow_up';
  confirmation: CaseConfirmation;
  followUpSince: string;
}
export interface RiskEliminatedCaseState extends CaseFacts {
  stage: 'risk_eliminated';
  confirmation: CaseConfirmation;
  closedAt: string;
  closeReason: string;
}
export interface DismissedCaseState extends CaseFacts {
  stage: 'dismissed';
  closedAt: string;
  closeReason: string;
}

export type CaseState =
  | NoCaseState
  | OpenCaseState
  | VerifiedCaseState
  | AssistingCaseState
  | LongTermFollowUpCaseState
  | RiskEliminatedCaseState
  | DismissedCaseState;

export type OpenedCaseState = Exclude<CaseState, NoCaseState>;
export type ClosedCaseState = RiskEliminatedCaseState | DismissedCaseState;
export type ActiveCaseState = Exclude<OpenedCaseState, ClosedCaseState>;
export type ConfirmedCaseState = VerifiedCaseState | AssistingCaseState | LongTermFollowUpCaseState;

export const isCaseOpened = (state: CaseState): state is OpenedCaseState => state.stage !== 'none';

export const isCaseClosed = (state: CaseState): state is ClosedCaseState =>
  state.stage === 'risk_eliminated' || state.stage === 'dismissed';

/** Opened and not closed (long-term follow-up stays open). */
export const isCaseActive = (state: CaseState): state is ActiveCaseState =>
  isCaseOpened(state) && !isCaseClosed(state);

/** Confirmed and not closed: a "monitored" household for the risk policy's lower medical threshold. */
export const isCaseMonitored = (state: CaseState): state is ConfirmedCaseState =>
  state.stage === 'verified' || state.stage === 'assisting' || state.stage === 'long_term_follow_up';
