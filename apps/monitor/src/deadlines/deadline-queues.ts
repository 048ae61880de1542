import type { DefaultJobOptions } from 'bullmq';
import type { DeadlineCheckpoint } from './deadline-checkpoints';

/** The case workflow's BullMQ queues and jobs. Their keys live under the deployment's Redis prefix. */

/** Per-case deadline checks (delayed jobs) and the periodic sweep. */
export const DEADLINE_QUEUE = 'case-deadlines';
/** The daily re-assessment of households whose risk depends on a moving time window. */
export const REASSESSMENT_QUEUE = 'household-reassessment';

export const CHECK_DEADLINES_JOB = 'check-deadlines';
export const SWEEP_DEADLINES_JOB = 'sweep-deadlines';
export const REASSESS_DUE_JOB = 'reassess-due';

export const SWEEP_SCHEDULER_ID = 'deadline-sweep';
export const REASSESSMENT_SCHEDULER_ID = 'daily-reassessment';

/** A deadline check: the case, and the checkpoint it was scheduled for (it waits until the clock reaches it). */
export type CheckDeadlinesJobData = DeadlineCheckpoint;

const DAY_SECONDS = 24 * 60 * 60;

/** Failed jobs retry with back-off, then stay a week for inspection; the sweep covers what they missed. */
export const DEADLINE_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * DAY_SECONDS },
};
