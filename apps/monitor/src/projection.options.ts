import { defaultPolicyDocuments, type MonitoringPolicy } from '@monitoring/domain';
import type { ProjectionFaults } from './projections/generation.projection';

export interface ProjectionModuleOptions {
  /** Subscribe to the log when the application boots (default true). */
  autoStart?: boolean;
  /** Most events per batch, one read-model transaction each (default DEFAULT_PROJECTION_BATCH_SIZE). */
  batchSize?: number;
  /** First wait before resubscribing after a failure; doubles up to 30 s (default 1,000 ms). */
  restartDelayMs?: number;
  /** Households per re-assessment transaction (default 500). */
  reassessmentChunkSize?: number;
  /** The monitoring policies in force (default: the documents shipped with the domain). */
  policyDocuments?: readonly MonitoringPolicy[];
  /** Test-only fault injection. */
  faults?: ProjectionFaults;
}

export type ResolvedProjectionOptions = Required<Omit<ProjectionModuleOptions, 'faults'>> &
  Pick<ProjectionModuleOptions, 'faults'>;

export const PROJECTION_OPTIONS = Symbol('PROJECTION_OPTIONS');

/**
 * Events per projection batch. Each batch pays a dozen round trips and two commits whatever its size;
 * at 1,000 they were a large share of the projector's time, and a batch of 5,000 still writes in well
 * under a second. A live projector that has caught up takes whatever has arrived, so this only bounds
 * catching up and rebuilds; it does not delay new events.
 */
export const DEFAULT_PROJECTION_BATCH_SIZE = 5_000;

const positive = (name: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
};

export const resolveProjectionOptions = (options: ProjectionModuleOptions): ResolvedProjectionOptions => ({
  autoStart: options.autoStart ?? true,
  batchSize: positive('batchSize', options.batchSize ?? DEFAULT_PROJECTION_BATCH_SIZE),
  restartDelayMs: positive('restartDelayMs', options.restartDelayMs ?? 1_000),
  reassessmentChunkSize: positive('reassessmentChunkSize', options.reassessmentChunkSize ?? 500),
  policyDocuments: options.policyDocuments ?? defaultPolicyDocuments,
  faults: options.faults,
});
