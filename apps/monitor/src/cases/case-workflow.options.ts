import { defaultPolicyDocuments, type MonitoringPolicy } from '@monitoring/domain';

/** What the root gives the case workflow (besides EVENT_STORE, CLOCK and the TypeORM DataSource). */
export interface CaseWorkflowOptions {
  /** Redis for the BullMQ queues: the URL, and the deployment's key prefix (every queue key lives under it). */
  redis: { url: string; prefix: string };
  /** IANA time zone in which the daily re-assessment runs (configuration `schedule.timeZone`). */
  timeZone: string;
  /** Policy documents (default: the ones shipped with the system). */
  policies?: readonly MonitoringPolicy[];
  /** Run the queue workers and the periodic jobs in this process (default true; false for an API-only copy). */
  runWorkers?: boolean;
  /** How often the deadline sweep runs (default every 5 minutes). */
  sweepEveryMs?: number;
  /** Due cases the sweep reads per page (default 500). */
  sweepPageSize?: number;
  /** Cron pattern of the daily re-assessment, read in `timeZone` (default 00:05 every day). */
  reassessmentCron?: string;
  /** Attempts of one case command when another writer changes the case meanwhile (default 5). */
  conflictAttempts?: number;
  /** Deadline jobs processed at once by this process (default 4). */
  workerConcurrency?: number;
}

export type ResolvedCaseWorkflowOptions = Required<CaseWorkflowOptions>;

export const CASE_WORKFLOW_OPTIONS = Symbol('CASE_WORKFLOW_OPTIONS');

const FIVE_MINUTES_MS = 5 * 60_000;

export function resolveCaseWorkflowOptions(options: CaseWorkflowOptions): ResolvedCaseWorkflowOptions {
  const resolved: ResolvedCaseWorkflowOptions = {
    redis: options.redis,
    timeZone: options.timeZone,
    policies: options.policies ?? defaultPolicyDocuments,
    runWorkers: options.runWorkers ?? true,
    sweepEveryMs: options.sweepEveryMs ?? FIVE_MINUTES_MS,
    sweepPageSize: options.sweepPageSize ?? 500,
    reassessmentCron: options.reassessmentCron ?? '5 0 * * *',
    conflictAttempts: options.conflictAttempts ?? 5,
    workerConcurrency: options.workerConcurrency ?? 4,
  };
  if (!Number.isInteger(resolved.conflictAttempts) || resolved.conflictAttempts < 1) {
    throw new RangeError(`conflictAttempts must be a positive integer, got ${resolved.conflictAttempts}`);
  }
  if (!Number.isInteger(resolved.sweepEveryMs) || resolved.sweepEveryMs < 1_000) {
    throw new RangeError(`sweepEveryMs must be at least 1000, got ${resolved.sweepEveryMs}`);
  }
  if (!Number.isInteger(resolved.sweepPageSize) || resolved.sweepPageSize < 1) {
    throw new RangeError(`sweepPageSize must be a positive integer, got ${resolved.sweepPageSize}`);
  }
  if (!Number.isInteger(resolved.workerConcurrency) || resolved.workerConcurrency < 1) {
    throw new RangeError(`workerConcurrency must be a positive integer, got ${resolved.workerConcurrency}`);
  }
  return resolved;
}
