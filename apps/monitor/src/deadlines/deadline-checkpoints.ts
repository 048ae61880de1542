import {
  escalationDue,
  isCaseActive,
  isCaseEventType,
  isRecordedMissed,
  levelsAbove,
  pendingDeadlines,
  toEpochMillis,
  upcastCaseEvent,
  type CasePolicy,
  type CaseState,
  type DeadlineKind,
} from '@monitoring/domain';
import type { RecordedEvent } from '@monitoring/event-store';

/**
 * The instants at which a case's deadline check has something to do — a deadline falling due, an
 * escalation falling due — each named, so that its delayed job has a stable id: scheduling the same
 * checkpoint twice adds one job. Which commands run at a checkpoint is the domain's `deadlineActions`.
 */

export type CheckpointKind = DeadlineKind | 'escalation-city' | 'escalation-province';

export interface DeadlineCheckpoint {
  caseId: string;
  kind: CheckpointKind;
  /** ISO 8601 with offset, as the case events write it. */
  at: string;
}

/** Every checkpoint still ahead of the case as it stands: unrecorded deadlines, and escalations not reached. */
export function deadlineCheckpoints(state: CaseState, policy: CasePolicy): DeadlineCheckpoint[] {
  if (!isCaseActive(state)) return [];
  const { caseId } = state;
  const deadlines = pendingDeadlines(state)
    .filter((pending) => !isRecordedMissed(state, pending))
    .map((pending): DeadlineCheckpoint => ({ caseId, kind: pending.deadline, at: pending.dueAt }));
  const escalations = levelsAbove(state.escalationLevel).flatMap((level): DeadlineCheckpoint[] => {
    const due = escalationDue(state, policy, level);
    return due === null ? [] : [{ caseId, kind: `escalation-${level}`, at: due.escalatesAt }];
  });
  return [...deadlines, ...escalations];
}

/**
 * The deadlines a projected case event starts: an opening starts both; a reopening starts new ones
 * (both for a dismissed case back at `open`, assistance only for one back at `verified`).
 */
export function checkpointsStartedBy(recorded: RecordedEvent): DeadlineCheckpoint[] {
  if (!isCaseEventType(recorded.type)) return [];
  const event = upcastCaseEvent(recorded);
  if (event.type === 'CaseOpened') {
    const { caseId, verificationDueAt, assistanceDueAt } = event.data;
    return [
      { caseId, kind: 'verification', at: verificationDueAt },
      { caseId, kind: 'assistance', at: assistanceDueAt },
    ];
  }
  if (event.type === 'CaseReopened') {
    const { caseId, stage, verificationDueAt, assistanceDueAt } = event.data;
    const assistance: DeadlineCheckpoint = { caseId, kind: 'assistance', at: assistanceDueAt };
    return stage === 'open'
      ? [{ caseId, kind: 'verification', at: verificationDueAt }, assistance]
      : [assistance];
  }
  return [];
}

/** The job id of a checkpoint. BullMQ 5 refuses custom ids with `:`, so the parts are joined with `-`. */
export function deadlineJobId(checkpoint: DeadlineCheckpoint): string {
  return `deadline-${checkpoint.caseId}-${checkpoint.kind}-${toEpochMillis(checkpoint.at)}`;
}
