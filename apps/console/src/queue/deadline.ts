import type { CaseQueueItem } from '../api/types';
import { beijingDayNumber } from '../format/dates';

export type DeadlineKind = 'verification' | 'assistance';

export type DeadlineStatus =
  | { kind: 'none' }
  | { kind: 'due'; deadline: DeadlineKind; dueAt: string; daysLeft: number }
  | { kind: 'overdue'; deadline: DeadlineKind; dueAt: string; daysOverdue: number };

type DeadlineFields = Pick<CaseQueueItem, 'stage' | 'verificationDueAt' | 'assistanceDueAt'>;

/** The deadline still to meet, as the API counts it: the visit until verified, then assistance. */
export function pendingDeadline(item: DeadlineFields): { deadline: DeadlineKind; dueAt: string } | null {
  if (item.stage === 'open') return { deadline: 'verification', dueAt: item.verificationDueAt };
  if (item.stage === 'verified') return { deadline: 'assistance', dueAt: item.assistanceDueAt };
  return null;
}

/**
 * Days left or days overdue, in Beijing calendar days (what an officer plans a visit by): due later
 * today is 0 days left; passed earlier today is 0 days overdue, yet overdue.
 */
export function deadlineStatus(item: DeadlineFields, now: Date): DeadlineStatus {
  const pending = pendingDeadline(item);
  if (!pending) return { kind: 'none' };
  const due = Date.parse(pending.dueAt);
  if (Number.isNaN(due)) return { kind: 'none' };
  const days = beijingDayNumber(due) - beijingDayNumber(now);
  if (due <= now.getTime()) return { kind: 'overdue', ...pending, daysOverdue: 0 - days };
  return { kind: 'due', ...pending, daysLeft: days };
}
