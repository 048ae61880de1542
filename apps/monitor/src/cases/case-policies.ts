import { Inject, Injectable } from '@nestjs/common';
import {
  formatInstant,
  policyFor,
  policyUtcOffsetMinutes,
  type CasePolicy,
  type MonitoringPolicy,
  type OpenedCaseState,
} from '@monitoring/domain';
import { casePolicyOf } from '../projections/case-record';
import { CASE_WORKFLOW_OPTIONS, type ResolvedCaseWorkflowOptions } from './case-workflow.options';

/**
 * The policy in force for a case's region, and the business time of a command written on the
 * province's clock (`2025-03-08T09:00:00.000+08:00`), as the domain records every case time.
 */
@Injectable()
export class CasePolicies {
  private readonly documents: readonly MonitoringPolicy[];

  constructor(@Inject(CASE_WORKFLOW_OPTIONS) options: ResolvedCaseWorkflowOptions) {
    this.documents = options.policies;
  }

  /** Throws NoPolicyInForce when the region's province has no policy at that time. */
  policyAt(regionCode: string, at: Date): MonitoringPolicy {
    return policyFor(regionCode, formatInstant(at.getTime()), this.documents);
  }

  /**
   * The deadline and escalation rules of a case: those of the policy recorded on it (else the one in
   * force at its opening), the same rule the case projection computes `next_deadline_check_at` with,
   * so that the sweep and the checks agree on when something is due.
   */
  deadlineRulesOf(state: OpenedCaseState): CasePolicy | null {
    return casePolicyOf(state, this.documents);
  }

  /** The policy in force for the region at `at`, and `at` written on that policy's clock. */
  inForce(regionCode: string, at: Date): { policy: MonitoringPolicy; now: string } {
    const policy = this.policyAt(regionCode, at);
    return { policy, now: formatInstant(at.getTime(), policyUtcOffsetMinutes(policy)) };
  }
}
