import {
  evolveCase,
  isCaseOpened,
  nextDeadlineCheckAt,
  pendingDeadlines,
  policyByVersion,
  policyFor,
  type CaseEvent,
  type CasePolicy,
  type CaseState,
  type MonitoringPolicy,
  type OpenedCaseState,
} from '@monitoring/domain';

/**
 * A `monitoring_case` row as a fold of its case stream: the domain's case state plus the facts the
 * queue and the SLA figures need that the state does not keep (when the visit and the first assistance
 * happened, when deadlines were recorded missed). Pure, so the live projector, a replay and a refold
 * from the stream all give the same row.
 */
export interface CaseRecord {
  caseId: string;
  householdId: string;
  regionCode: string;
  state: OpenedCaseState;
  /** Stream version: the position of the last event folded. */
  version: number;
  verifiedAt: string | null;
  verificationOutcome: 'confirmed' | 'dismissed' | null;
  firstAssistanceAt: string | null;
  verificationMissedAt: string | null;
  assistanceMissedAt: string | null;
  escalatedAt: string | null;
  /** Business time of the last event. */
  lastEventAt: string;
}

/** Folds one case event at its stream position; null until the case is opened. */
export const evolveCaseRecord = (
  record: CaseRecord | null,
  event: CaseEvent,
  streamPosition: number,
): CaseRecord | null => {
  const state = evolveCase(record?.state ?? { stage: 'none' }, event);
  if (!isCaseOpened(state)) return record;
  const base: CaseRecord = record ?? {
    caseId: state.caseId,
    householdId: state.householdId,
    regionCode: state.regionCode,
    state,
    version: 0,
    verifiedAt: null,
    verificationOutcome: null,
    firstAssistanceAt: null,
    verificationMissedAt: null,
    assistanceMissedAt: null,
    escalatedAt: null,
    lastEventAt: event.metadata.occurredAt,
  };
  const next: CaseRecord = {
    ...base,
    state,
    version: streamPosition,
    lastEventAt: event.metadata.occurredAt,
  };
  switch (event.type) {
    case 'VerificationRecorded':
      return { ...next, verifiedAt: event.data.visitedAt, verificationOutcome: event.data.outcome };
    case 'AssistanceRecorded':
      return { ...next, firstAssistanceAt: base.firstAssistanceAt ?? event.data.recordedAt };
    case 'DeadlineMissed':
      return event.data.deadline === 'verification'
        ? { ...next, verificationMissedAt: event.data.detectedAt }
        : { ...next, assistanceMissedAt: event.data.detectedAt };
    case 'CaseEscalated':
      return { ...next, escalatedAt: event.data.escalatedAt };
    case 'CaseReopened':
      // New deadlines count from the reopening: the work done for the old ones no longer answers them.
      return event.data.stage === 'open'
        ? {
            ...next,
            verifiedAt: null,
            verificationOutcome: null,
            firstAssistanceAt: null,
            verificationMissedAt: null,
            assistanceMissedAt: null,
          }
        : { ...next, firstAssistanceAt: null, assistanceMissedAt: null };
    default:
      return next;
  }
};

/** Folds a whole stream (events in stream order, positions 1..n). */
export const foldCaseRecord = (
  events: readonly { event: CaseEvent; streamPosition: number }[],
): CaseRecord | null =>
  events.reduce<CaseRecord | null>(
    (record, { event, streamPosition }) => evolveCaseRecord(record, event, streamPosition),
    null,
  );

/** The case part of the policy recorded on the case, or of the one in force at its opening. */
export const casePolicyOf = (
  state: OpenedCaseState,
  documents: readonly MonitoringPolicy[],
): CasePolicy | null => {
  try {
    return policyByVersion(state.risk.policyVersion, documents).case;
  } catch {
    try {
      return policyFor(state.regionCode, state.openedAt, documents).case;
    } catch {
      return null;
    }
  }
};

const closedOf = (state: CaseState): { closed_at: string | null; closed_reason: string | null } =>
  state.stage === 'risk_eliminated' || state.stage === 'dismissed'
    ? { closed_at: state.closedAt, closed_reason: state.closeReason }
    : { closed_at: null, closed_reason: null };

/** The `monitoring_case` columns (snake_case, as the upsert reads them). */
export interface CaseRow {
  case_id: string;
  household_id: string;
  region_code: string;
  case_sequence: number;
  category: string;
  confirmed_category: string | null;
  stage: string;
  score: number;
  risk_level: string;
  factors: unknown;
  opened_at: string;
  reopened_at: string | null;
  verification_due_at: string;
  assistance_due_at: string;
  verified_at: string | null;
  verification_outcome: string | null;
  first_assistance_at: string | null;
  assistance_count: number;
  verification_missed_at: string | null;
  assistance_missed_at: string | null;
  escalation_level: string;
  escalated_at: string | null;
  closed_at: string | null;
  closed_reason: string | null;
  policy_version: string;
  next_due_at: string | null;
  next_deadline_check_at: string | null;
  state: OpenedCaseState;
  stream_version: number;
  last_event_at: string;
  updated_at: string;
}

export const caseRowOf = (
  record: CaseRecord,
  documents: readonly MonitoringPolicy[],
  updatedAt: string,
): CaseRow => {
  const { state } = record;
  const confirmation = 'confirmation' in state ? state.confirmation : null;
  const policy = casePolicyOf(state, documents);
  const pending = pendingDeadlines(state).map((deadline) => deadline.dueAt);
  const nextDue = pending.reduce<string | null>(
    (earliest, dueAt) => (earliest === null || Date.parse(dueAt) < Date.parse(earliest) ? dueAt : earliest),
    null,
  );
  return {
    case_id: record.caseId,
    household_id: record.householdId,
    region_code: record.regionCode,
    case_sequence: state.caseSequence,
    category: confirmation?.category ?? state.risk.category,
    confirmed_category: confirmation?.category ?? null,
    stage: state.stage,
    score: state.risk.score,
    risk_level: state.risk.riskLevel,
    factors: state.risk.factors,
    opened_at: state.openedAt,
    reopened_at: state.reopenedAt,
    verification_due_at: state.verificationDueAt,
    assistance_due_at: state.assistanceDueAt,
    verified_at: record.verifiedAt,
    verification_outcome: record.verificationOutcome,
    first_assistance_at: record.firstAssistanceAt,
    assistance_count: state.assistanceCount,
    verification_missed_at: record.verificationMissedAt,
    assistance_missed_at: record.assistanceMissedAt,
    escalation_level: state.escalationLevel,
    escalated_at: record.escalatedAt,
    ...closedOf(state),
    policy_version: state.risk.policyVersion,
    next_due_at: nextDue,
    next_deadline_check_at: policy === null ? nextDue : nextDeadlineCheckAt(state, policy),
    state,
    stream_version: record.version,
    last_event_at: record.lastEventAt,
    updated_at: updatedAt,
  };
};
