import type { CaseEvent, CaseEventType, DeadlineMissed } from '../events/case.events';
import type { EventMetadata } from '../events/envelope';
import { currentSchemaVersion } from '../events/schema-versions';
import { addDays } from '../time/instant';
import type {
  CaseCommand,
  EliminateRisk,
  EscalateCase,
  OpenCase,
  RecordAssistance,
  RecordMissedDeadline,
  RecordVerification,
  ReopenCase,
  UpdateCaseRisk,
} from './case.commands';
import { initialCaseState, evolveCase } from './case.evolver';
import {
  deadlinesFrom,
  dueEscalation,
  escalationDue,
  isHigherLevel,
  levelsAbove,
  unrecordedMissedDeadlines,
} from './case-deadlines';
import { householdStability } from './case-elimination';
import { caseEventId, caseIdFor } from './case-ids';
import { caseFactorsOf, isRiskChanged } from './case-risk';
import { CaseRuleViolation } from './case-rule-violation';
import { type ActiveCaseState, type CaseState, isCaseClosed, type OpenedCaseState } from './case-state';
import { millisOf } from './case-time';

/**
 * The monitoring case decider (DESIGN §5), Emmett style: `decideCase(command, state)` returns the new
 * events or throws a `CaseRuleViolation`. Rules, besides the stage order in case-state.ts:
 *
 * - Officers' commands on a closed case (eliminated, dismissed) are refused, except reopening.
 *   Deadline commands and a redelivered opening are idempotent: when nothing is left to do they
 *   return no event instead of failing, because a scheduled job and the sweep may both fire.
 * - Work recorded after its deadline passed first records the missed deadline if no job did yet, so
 *   the record does not depend on when the scheduler ran.
 * - A dismissed verification closes the case (VerificationRecorded, then CaseDismissed).
 * - Eliminating the risk of a household that no member can work and social assistance covers starts
 *   long-term follow-up instead (the case stays open).
 * - Reopening: a dismissed case returns to `open` with new verification and assistance deadlines; an
 *   eliminated one returns to `verified` (its confirmation stands, a new assistance deadline runs).
 *   Both count from the reopening; the escalation level is kept.
 */

/** The `source` of case events: the monitoring system writes them (officers appear as `actor`). */
export const CASE_EVENT_SOURCE = 'monitor';

type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

const caseEvent = <T extends CaseEventType>(
  type: T,
  eventId: string,
  data: CaseEventOf<T>['data'],
  metadata: EventMetadata,
): CaseEventOf<T> =>
  ({ eventId, type, schemaVersion: currentSchemaVersion(type), data, metadata }) as CaseEventOf<T>;

const metadataOf = (
  command: { now: string; correlationId?: string; causationId?: string },
  actor?: string,
  defaultCausationId?: string,
): EventMetadata => {
  const causationId = command.causationId ?? defaultCausationId;
  return {
    occurredAt: command.now,
    source: CASE_EVENT_SOURCE,
    ...(actor !== undefined && { actor }),
    ...(causationId !== undefined && { causationId }),
    ...(command.correlationId !== undefined && { correlationId: command.correlationId }),
  };
};

const officerMetadata = (command: { now: string; commandId: string; officer: string }): EventMetadata =>
  metadataOf(command, command.officer, command.commandId);

const isBlank = (text: string | undefined): boolean => text === undefined || text.trim().length === 0;

const requireOpened = (command: CaseCommand, state: CaseState): OpenedCaseState => {
  if (state.stage === 'none') {
    throw new CaseRuleViolation(
      'case_not_opened',
      `case ${command.caseId} has not been opened`,
      command.caseId,
    );
  }
  if (state.caseId !== command.caseId) {
    throw new CaseRuleViolation(
      'invalid_case_id',
      `command for case ${command.caseId} was given the state of case ${state.caseId}`,
      command.caseId,
    );
  }
  return state;
};

const requireActive = (command: CaseCommand, state: CaseState): ActiveCaseState => {
  const opened = requireOpened(command, state);
  if (isCaseClosed(opened)) {
    throw new CaseRuleViolation(
      'case_closed',
      `case ${opened.caseId} is closed (${opened.stage}): only reopening is allowed`,
      opened.caseId,
    );
  }
  return opened;
};

const requireSameHousehold = (state: OpenedCaseState, householdId: string): void => {
  if (householdId !== state.householdId) {
    throw new CaseRuleViolation(
      'wrong_household',
      `case ${state.caseId} follows household ${state.householdId}, not ${householdId}`,
      state.caseId,
    );
  }
};

/** DeadlineMissed for every deadline that has passed unrecorded; ids are natural, the same from any path. */
const missedDeadlineEvents = (
  state: OpenedCaseState,
  now: string,
  metadata: EventMetadata,
): DeadlineMissed[] =>
  unrecordedMissedDeadlines(state, now).map((pending) =>
    caseEvent(
      'DeadlineMissed',
      caseEventId(state.caseId, 'DeadlineMissed', pending.deadline, millisOf(pending.dueAt)),
      { caseId: state.caseId, deadline: pending.deadline, dueAt: pending.dueAt, detectedAt: now },
      metadata,
    ),
  );

const openCase = (command: OpenCase, state: CaseState): CaseEvent[] => {
  // The process manager derives the same case id for the same crossing: a redelivery finds it open.
  if (state.stage !== 'none') return [];
  const { assessment, caseId, caseSequence, now } = command;
  if (!assessment.alert || assessment.category === 'none') {
    throw new CaseRuleViolation(
      'not_at_risk',
      `household ${assessment.householdId} scores ${assessment.score}, below the alert threshold: no case to open`,
      caseId,
    );
  }
  if (caseId !== caseIdFor(assessment.householdId, caseSequence)) {
    throw new CaseRuleViolation(
      'invalid_case_id',
      `case id ${caseId} is not the id of case ${caseSequence} of household ${assessment.householdId}`,
      caseId,
    );
  }
  return [
    caseEvent(
      'CaseOpened',
      caseEventId(caseId, 'CaseOpened'),
      {
        caseId,
        householdId: assessment.householdId,
        regionCode: assessment.regionCode,
        caseSequence,
        category: assessment.category,
        score: assessment.score,
        riskLevel: assessment.riskLevel,
        factors: caseFactorsOf(assessment),
        policyVersion: assessment.policyVersion,
        triggerEventIds: [...command.triggerEventIds],
        assessedAt: assessment.asOf,
        openedAt: now,
        ...deadlinesFrom(now, command.policy),
      },
      metadataOf(command),
    ),
  ];
};

const updateRisk = (command: UpdateCaseRisk, state: CaseState): CaseEvent[] => {
  const current = requireActive(command, state);
  const { assessment } = command;
  requireSameHousehold(current, assessment.householdId);
  if (!isRiskChanged(current.risk, assessment)) return [];
  return [
    caseEvent(
      'CaseRiskUpdated',
      caseEventId(current.caseId, 'CaseRiskUpdated', command.causationId),
      {
        caseId: current.caseId,
        householdId: current.householdId,
        category: assessment.category,
        score: assessment.score,
        riskLevel: assessment.riskLevel,
        factors: caseFactorsOf(assessment),
        policyVersion: assessment.policyVersion,
        triggerEventIds: [...command.triggerEventIds],
        assessedAt: assessment.asOf,
      },
      metadataOf(command),
    ),
  ];
};

const recordVerification = (command: RecordVerification, state: CaseState): CaseEvent[] => {
  const current = requireActive(command, state);
  const { caseId } = current;
  if (current.stage !== 'open') {
    throw new CaseRuleViolation(
      'already_verified',
      `case ${caseId} has been verified already (${current.stage})`,
      caseId,
    );
  }
  const visitedAt = millisOf(command.visitedAt);
  const warnedAt = current.reopenedAt ?? current.openedAt;
  if (visitedAt > millisOf(command.now) || visitedAt < millisOf(warnedAt)) {
    throw new CaseRuleViolation(
      'invalid_visit_time',
      `visit at ${command.visitedAt} must be between the warning (${warnedAt}) and now (${command.now})`,
      caseId,
    );
  }
  const metadata = officerMetadata(command);
  const missed = missedDeadlineEvents(current, command.now, metadata);
  const verificationId = caseEventId(caseId, 'VerificationRecorded', command.commandId);
  const base = { caseId, officer: command.officer, visitedAt: command.visitedAt, notes: command.notes };

  if (command.outcome === 'confirmed') {
    const category = command.confirmedCategory as string | undefined;
    if (category === undefined || category === 'none') {
      throw new CaseRuleViolation(
        'category_required',
        `confirming case ${caseId} needs the household's category`,
        caseId,
      );
    }
    return [
      ...missed,
      caseEvent(
        'VerificationRecorded',
        verificationId,
        { ...base, outcome: 'confirmed', confirmedCategory: command.confirmedCategory },
        metadata,
      ),
    ];
  }
  if (isBlank(command.notes)) {
    throw new CaseRuleViolation(
      'reason_required',
      `dismissing case ${caseId} needs notes saying why`,
      caseId,
    );
  }
  return [
    ...missed,
    caseEvent('VerificationRecorded', verificationId, { ...base, outcome: 'dismissed' }, metadata),
    caseEvent(
      'CaseDismissed',
      caseEventId(caseId, 'CaseDismissed', command.commandId),
      { caseId, reason: command.notes, officer: command.officer, dismissedAt: command.now },
      metadata,
    ),
  ];
};

const recordAssistance = (command: RecordAssistance, state: CaseState): CaseEvent[] => {
  const current = requireActive(command, state);
  const { caseId } = current;
  if (current.stage === 'open') {
    throw new CaseRuleViolation(
      'not_confirmed',
      `case ${caseId} needs a confirmed verification before assistance`,
      caseId,
    );
  }
  const { amountFen } = command;
  if (amountFen !== undefined && (!Number.isSafeInteger(amountFen) || amountFen < 0)) {
    throw new CaseRuleViolation(
      'invalid_amount',
      `amount ${amountFen} is not a whole, non-negative number of fen`,
      caseId,
    );
  }
  if (isBlank(command.description)) {
    throw new CaseRuleViolation(
      'description_required',
      `assistance on case ${caseId} needs a description`,
      caseId,
    );
  }
  const metadata = officerMetadata(command);
  return [
    ...missedDeadlineEvents(current, command.now, metadata),
    caseEvent(
      'AssistanceRecorded',
      caseEventId(caseId, 'AssistanceRecorded', command.commandId),
      {
        caseId,
        measureType: command.measureType,
        description: command.description,
        ...(amountFen !== undefined && { amountFen }),
        officer: command.officer,
        recordedAt: command.now,
      },
      metadata,
    ),
  ];
};

const recordMissedDeadline = (command: RecordMissedDeadline, state: CaseState): CaseEvent[] => {
  const current = requireOpened(command, state);
  const metadata = metadataOf(command);
  // Done in time, not due yet, already recorded, or the case closed: nothing to record.
  return missedDeadlineEvents(current, command.now, metadata).filter(
    (event) => event.data.deadline === command.deadline,
  );
};

const escalate = (command: EscalateCase, state: CaseState): CaseEvent[] => {
  const current = requireOpened(command, state);
  // Not due, the work done meanwhile, already at this level or above, or the case closed: nothing to do.
  const target = dueEscalation(current, command.policy, command.level, command.now);
  if (target === null) return [];
  const metadata = metadataOf(command);
  const levels = levelsAbove(current.escalationLevel).filter((level) => !isHigherLevel(level, command.level));
  return [
    ...missedDeadlineEvents(current, command.now, metadata),
    ...levels.map((level) =>
      caseEvent(
        'CaseEscalated',
        caseEventId(current.caseId, 'CaseEscalated', level),
        {
          caseId: current.caseId,
          level,
          deadline: (escalationDue(current, command.policy, level) ?? target).deadline,
          escalatedAt: command.now,
        },
        metadata,
      ),
    ),
  ];
};

const eliminateRisk = (command: EliminateRisk, state: CaseState): CaseEvent[] => {
  const current = requireActive(command, state);
  const { caseId } = current;
  if (current.stage === 'open') {
    throw new CaseRuleViolation(
      'not_confirmed',
      `case ${caseId} has not been confirmed at a home visit`,
      caseId,
    );
  }
  if (current.stage === 'verified') {
    throw new CaseRuleViolation(
      'no_assistance_recorded',
      `case ${caseId} has no assistance in place yet`,
      caseId,
    );
  }
  requireSameHousehold(current, command.assessment.householdId);
  if (isBlank(command.reason)) {
    throw new CaseRuleViolation(
      'reason_required',
      `eliminating the risk of case ${caseId} needs a reason`,
      caseId,
    );
  }
  const stability = householdStability(command);
  if (!stability.stable) {
    throw new CaseRuleViolation(
      'household_not_stable',
      `the household of case ${caseId} is not stable yet: ${stability.explanations.join('; ')}`,
      caseId,
      stability.unmet,
    );
  }
  const metadata = officerMetadata(command);
  if (command.noMemberAbleToWork && command.coveredBySocialAssistance) {
    if (current.stage === 'long_term_follow_up') {
      throw new CaseRuleViolation(
        'already_long_term_follow_up',
        `case ${caseId} is under long-term follow-up already: no member can work and social assistance covers the household`,
        caseId,
      );
    }
    return [
      caseEvent(
        'LongTermFollowUpStarted',
        caseEventId(caseId, 'LongTermFollowUpStarted', command.commandId),
        { caseId, reason: command.reason, officer: command.officer, startedAt: command.now },
        metadata,
      ),
    ];
  }
  return [
    caseEvent(
      'RiskEliminated',
      caseEventId(caseId, 'RiskEliminated', command.commandId),
      { caseId, reason: command.reason, officer: command.officer, eliminatedAt: command.now },
      metadata,
    ),
  ];
};

const reopen = (command: ReopenCase, state: CaseState): CaseEvent[] => {
  const current = requireOpened(command, state);
  const { caseId } = current;
  if (!isCaseClosed(current)) {
    throw new CaseRuleViolation('case_not_closed', `case ${caseId} is not closed (${current.stage})`, caseId);
  }
  if (command.householdLatestCaseId !== caseId) {
    throw new CaseRuleViolation(
      'superseded_by_newer_case',
      `household ${current.householdId} has a newer case (${command.householdLatestCaseId}): case ${caseId} cannot be reopened`,
      caseId,
    );
  }
  if (isBlank(command.reason)) {
    throw new CaseRuleViolation('reason_required', `reopening case ${caseId} needs a reason`, caseId);
  }
  const reopening =
    current.stage === 'dismissed'
      ? { stage: 'open' as const, ...deadlinesFrom(command.now, command.policy) }
      : {
          stage: 'verified' as const,
          verificationDueAt: current.verificationDueAt,
          assistanceDueAt: addDays(command.now, command.policy.assistanceDays),
        };
  return [
    caseEvent(
      'CaseReopened',
      caseEventId(caseId, 'CaseReopened', command.commandId),
      { caseId, reason: command.reason, officer: command.officer, reopenedAt: command.now, ...reopening },
      officerMetadata(command),
    ),
  ];
};

export const decideCase = (command: CaseCommand, state: CaseState): CaseEvent[] => {
  switch (command.type) {
    case 'OpenCase':
      return openCase(command, state);
    case 'UpdateCaseRisk':
      return updateRisk(command, state);
    case 'RecordVerification':
      return recordVerification(command, state);
    case 'RecordAssistance':
      return recordAssistance(command, state);
    case 'RecordMissedDeadline':
      return recordMissedDeadline(command, state);
    case 'EscalateCase':
      return escalate(command, state);
    case 'EliminateRisk':
      return eliminateRisk(command, state);
    case 'ReopenCase':
      return reopen(command, state);
  }
};

/** The three functions together, for helpers that take a decider (given/when/then, command handlers). */
export const caseDecider = {
  initialState: initialCaseState,
  evolve: evolveCase,
  decide: decideCase,
};
