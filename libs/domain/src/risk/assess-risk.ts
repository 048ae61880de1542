import { parseBusinessTime } from '../household/business-time';
import type { HouseholdState } from '../household/household-state';
import type { MonitoringPolicy } from '../policy/monitoring-policy';
import type { RiskAssessment } from './risk-assessment';
import { evaluateRisk, type AssessmentContext } from './risk-evaluation';

export type { AssessmentContext } from './risk-evaluation';

/**
 * The household's explainable risk as of a business time (DESIGN §4): a pure function of its events,
 * the policy and `asOf` (ISO 8601 with offset). Facts with a business time after `asOf` are ignored;
 * same-time facts are ordered by event id, so arrival order never changes the answer.
 */
export const assessRisk = (
  state: HouseholdState,
  policy: MonitoringPolicy,
  asOf: string,
  context: AssessmentContext = {},
): RiskAssessment => evaluateRisk(state, policy, parseBusinessTime(asOf), asOf, context);

/**
 * `assessRisk` for a caller that also holds `asOf` as epoch ms (the projector, on every event), so
 * that it is not parsed again. `asOfMs` must be the instant `asOf` names.
 */
export const assessRiskAt = (
  state: HouseholdState,
  policy: MonitoringPolicy,
  asOfMs: number,
  asOf: string,
  context: AssessmentContext = {},
): RiskAssessment => evaluateRisk(state, policy, asOfMs, asOf, context);
