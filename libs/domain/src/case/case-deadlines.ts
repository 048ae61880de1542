import type { DeadlineKind, EscalationLevel } from '../events/case.events';
import { addDays, MILLIS_PER_DAY } from '../time/instant';
import type { EscalateCase, RecordMissedDeadline } from './case.commands';
import type { CasePolicy } from './case-policy';
import { type CaseState, isCaseActive, type OpenedCaseState } from './case-state';
import { millisOf } from './case-time';

/**
 * Deadlines and escalation (DESIGN §5), as pure functions of the case state, the policy and the time.
 *
 * - Due times count from the opening (or the reopening): verification `verificationDays` later,
 *   assistance `assistanceDays` later, written in the offset of the opening time.
 * - A deadline passes at its due instant: work recorded before it is in time; at or after it, if the
 *   work is still pending, the deadline is missed. Verification is pending while the case is `open`;
 *   assistance while it is `open` or `verified` (no assistance since the (re)opening).
 * - A case escalates to the city `escalateToCityAfterDays` after the due time of a deadline whose
 *   work is still pending, to the province `escalateToProvinceAfterDays` after it; with two pending
 *   deadlines the earlier escalation time counts. Levels only rise, one at a time, each at most once
 *   in the case's life (a reopened case keeps its level).
 */

export interface CaseDeadlines {
  verificationDueAt: string;
  assistanceDueAt: string;
}

/** Due times of a case opened (or reopened) at `start`. */
export const deadlinesFrom = (start: string, policy: CasePolicy): CaseDeadlines => ({
  verificationDueAt: addDays(start, policy.verificationDays),
  assistanceDueAt: addDays(start, policy.assistanceDays),
});

export interface PendingDeadline {
  deadline: DeadlineKind;
  dueAt: string;
}

/** Deadlines whose work is not done, whether or not they have passed. */
export const pendingDeadlines = (state: CaseState): PendingDeadline[] => {
  const verification = (s: OpenedCaseState): PendingDeadline => ({
    deadline: 'verification',
    dueAt: s.verificationDueAt,
  });
  const assistance = (s: OpenedCaseState): PendingDeadline => ({
    deadline: 'assistance',
    dueAt: s.assistanceDueAt,
  });
  if (state.stage === 'open') return [verification(state), assistance(state)];
  if (state.stage === 'verified') return [assistance(state)];
  return [];
};

export const isRecordedMissed = (state: OpenedCaseState, pending: PendingDeadline): boolean =>
  state.missedDeadlines.some(
    (missed) => missed.deadline === pending.deadline && millisOf(missed.dueAt) === millisOf(pending.dueAt),
  );

/** Pending deadlines that have passed at `now`. */
export const overdueDeadlines = (state: CaseState, now: string): PendingDeadline[] =>
  pendingDeadlines(state).filter((pending) => millisOf(now) >= millisOf(pending.dueAt));

/** Deadlines that have passed at `now` and are not recorded as missed yet. */
export const unrecordedMissedDeadlines = (state: CaseState, now: string): PendingDeadline[] =>
  isCaseActive(state)
    ? overdueDeadlines(state, now).filter((pending) => !isRecordedMissed(state, pending))
    : [];

export type EscalationTarget = Exclude<EscalationLevel, 'none'>;

const LEVEL_RANK: Record<EscalationLevel, number> = { none: 0, city: 1, province: 2 };
const ESCALATION_ORDER: readonly EscalationTarget[] = ['city', 'province'];

/** The levels above `level`, lowest first. */
export const levelsAbove = (level: EscalationLevel): EscalationTarget[] =>
  ESCALATION_ORDER.filter((candidate) => LEVEL_RANK[candidate] > LEVEL_RANK[level]);

export const isHigherLevel = (candidate: EscalationLevel, than: EscalationLevel): boolean =>
  LEVEL_RANK[candidate] > LEVEL_RANK[than];

export interface EscalationDue {
  level: EscalationTarget;
  /** The pending deadline behind it. */
  deadline: DeadlineKind;
  escalatesAt: string;
}

const daysUntil = (policy: CasePolicy, level: EscalationTarget): number =>
  level === 'city' ? policy.escalateToCityAfterDays : policy.escalateToProvinceAfterDays;

/** When the case escalates to `level` if the pending work stays undone; null when no work is pending. */
export const escalationDue = (
  state: CaseState,
  policy: CasePolicy,
  level: EscalationTarget,
): EscalationDue | null => {
  let earliest: { deadline: DeadlineKind; at: number; escalatesAt: string } | null = null;
  for (const pending of pendingDeadlines(state)) {
    const at = millisOf(pending.dueAt) + daysUntil(policy, level) * MILLIS_PER_DAY;
    if (earliest === null || at < earliest.at) {
      earliest = {
        deadline: pending.deadline,
        at,
        escalatesAt: addDays(pending.dueAt, daysUntil(policy, level)),
      };
    }
  }
  return earliest && { level, deadline: earliest.deadline, escalatesAt: earliest.escalatesAt };
};

/** The escalation to `level` if it is due at `now` and the case is not at that level or above yet. */
export const dueEscalation = (
  state: CaseState,
  policy: CasePolicy,
  level: EscalationTarget,
  now: string,
): EscalationDue | null => {
  if (!isCaseActive(state) || !isHigherLevel(level, state.escalationLevel)) return null;
  const due = escalationDue(state, policy, level);
  return due !== null && millisOf(now) >= millisOf(due.escalatesAt) ? due : null;
};

export type DeadlineCommand = RecordMissedDeadline | EscalateCase;

/**
 * The deadline commands due at `now`, in the order to run them: missed deadlines first, then
 * escalations, lowest level first. Both the scheduled job and the periodic sweep call this; running
 * the same commands twice appends nothing the second time (the decider finds nothing left to do).
 */
export const deadlineActions = (state: CaseState, policy: CasePolicy, now: string): DeadlineCommand[] => {
  if (!isCaseActive(state)) return [];
  const { caseId } = state;
  const missed = unrecordedMissedDeadlines(state, now).map((pending): RecordMissedDeadline => ({
    type: 'RecordMissedDeadline',
    caseId,
    deadline: pending.deadline,
    now,
  }));
  const escalations = levelsAbove(state.escalationLevel)
    .filter((level) => dueEscalation(state, policy, level, now) !== null)
    .map((level): EscalateCase => ({ type: 'EscalateCase', caseId, level, policy, now }));
  return [...missed, ...escalations];
};

/**
 * The next instant at which `deadlineActions` will have something to do (possibly already past), or
 * null when nothing is pending: when to schedule the case's deadline job.
 */
export const nextDeadlineCheckAt = (state: CaseState, policy: CasePolicy): string | null => {
  if (!isCaseActive(state)) return null;
  const candidates = [
    ...pendingDeadlines(state)
      .filter((pending) => !isRecordedMissed(state, pending))
      .map((pending) => pending.dueAt),
    ...levelsAbove(state.escalationLevel).flatMap(
      (level) => escalationDue(state, policy, level)?.escalatesAt ?? [],
    ),
  ];
  return candidates.reduce<string | null>(
    (earliest, candidate) =>
      earliest === null || millisOf(candidate) < millisOf(earliest) ? candidate : earliest,
    null,
  );
};
