import { defaultPolicyDocuments, type MonitoringPolicy } from '@monitoring/domain';
import type { ProjectionFaults } from './projections/generation.projection';

export interface ProjectionModuleOptions {
  /** Subscribe to the log when the application boots (default true). */
  autoStart?: boolean;
  /** Most events per batch, one read-model transaction each (default 1,000). */
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

const positive = (name: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
};

export const resolveProjectionOptions = (options: ProjectionModuleOptions): ResolvedProjectionOptions => ({
  autoStart: options.autoStart ?? true,
  batchSize: positive('batchSize', options.batchSize ?? 1_000),
  restartDelayMs: positive('restartDelayMs', options.restartDelayMs ?? 1_000),
  reassessmentChunkSize: positive('reassessmentChunkSize', options.reassessmentChunkSize ?? 500),
  policyDocuments: options.policyDocuments ?? defaultPolicyDocuments,
  faults: options.faults,
});
