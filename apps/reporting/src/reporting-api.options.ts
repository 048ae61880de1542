import type { MonitoringPolicy } from '@monitoring/domain';

/** What a deployment may change in the reporting API (everything else comes from the root: see the module). */
export interface ReportingApiOptions {
  /** Policy documents for `?asOf=` replays and local times (default: the ones shipped with the system). */
  policies?: readonly MonitoringPolicy[];
}

/** The policy documents the reporting API replays with; the same the monitor assesses with. */
export const REPORTING_POLICIES = Symbol('REPORTING_POLICIES');
