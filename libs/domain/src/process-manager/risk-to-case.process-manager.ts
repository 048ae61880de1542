import type { CasePolicy } from '../case/case-policy';
import type { OpenCase, UpdateCaseRisk } from '../case/case.commands';
import { caseIdFor } from '../case/case-ids';
import { isRiskChanged } from '../case/case-risk';
import { CaseRuleViolation } from '../case/case-rule-violation';
import { type CaseState, isCaseActive } from '../case/case-state';
import type { RiskAssessment } from '../risk/risk-assessment';

/**
 * The process manager between household risk and cases (DESIGN §5, §6): on each new assessment of a
 * household it decides to open a case, update the open one, or do nothing. Pure: the monitor runs the
 * command it returns through the case decider against the case stream it loads.
 *
 * - Open: the household is at or above the alert threshold and has no active case, and this is a
 *   crossing — its first case, or the previous assessment was below the threshold. A household whose
 *   case was closed while still above the threshold (a dismissal) gets a new case only after its
 *   score has dropped below and crossed again; an officer can reopen the dismissed case meanwhile.
 * - Update: the household has an active case (long-term follow-up included) and the assessment
 *   differs from the risk recorded on it (score, level, category or factors); above or below the
 *   threshold alike, so the case shows the household going back to stable.
 * - Ids: the new case is the household's next one by sequence (the latest case's sequence + 1), so
 *   its id is `caseIdFor(householdId, sequence)`: replaying the same crossing derives the same case,
 *   whose stream already exists, and never opens a second one. The update's event id is derived from
 *   the case and `causationId`, so a redelivered assessment appends nothing new.
 */

export interface RiskAssessedInput {
  assessment: RiskAssessment;
  /** The household's latest case folded from its stream, or `initialCaseState()` if it never had one. */
  latestCase: CaseState;
  /** The household's previous assessment was at or above the threshold (false when there was none). */
  previousAlert: boolean;
  /** The household events behind the assessment (empty for a scheduled reassessment). */
  triggerEventIds: string[];
  /**
   * What caused the assessment: the last trigger event's id, or for a scheduled reassessment a key the
   * scheduler derives deterministically (e.g. `reassessment:<householdId>:<asOf>`). Seeds event ids.
   */
  causationId: string;
  correlationId?: string;
  /** The monitor's clock: the case opens now, and its deadlines count from now. */
  now: string;
  policy: CasePolicy;
}

export type NoCaseActionReason =
  /** No active case, and the household is below the threshold. */
  | 'below_threshold'
  /** No active case; above the threshold, but it was above already when its last case closed. */
  | 'no_new_crossing'
  /** The active case already records this risk. */
  | 'risk_unchanged';

export type CaseAction =
  | { action: 'open_case'; command: OpenCase }
  | { action: 'update_risk'; command: UpdateCaseRisk }
  | { action: 'none'; reason: NoCaseActionReason };

export const decideCaseAction = (input: RiskAssessedInput): CaseAction => {
  const { assessment, latestCase } = input;
  if (latestCase.stage !== 'none' && latestCase.householdId !== assessment.householdId) {
    throw new CaseRuleViolation(
      'wrong_household',
      `assessment of household ${assessment.householdId} given the case of household ${latestCase.householdId}`,
      latestCase.caseId,
    );
  }
  const meta = {
    now: input.now,
    causationId: input.causationId,
    ...(input.correlationId !== undefined && { correlationId: input.correlationId }),
  };

  if (isCaseActive(latestCase)) {
    if (!isRiskChanged(latestCase.risk, assessment)) return { action: 'none', reason: 'risk_unchanged' };
    return {
      action: 'update_risk',
      command: {
        type: 'UpdateCaseRisk',
        caseId: latestCase.caseId,
        assessment,
        triggerEventIds: [...input.triggerEventIds],
        ...meta,
      },
    };
  }

  if (!assessment.alert || assessment.category === 'none')
    return { action: 'none', reason: 'below_threshold' };
  if (latestCase.stage !== 'none' && input.previousAlert)
    return { action: 'none', reason: 'no_new_crossing' };

  const caseSequence = latestCase.stage === 'none' ? 1 : latestCase.caseSequence + 1;
  return {
    action: 'open_case',
    command: {
      type: 'OpenCase',
      caseId: caseIdFor(assessment.householdId, caseSequence),
      caseSequence,
      assessment,
      triggerEventIds: [...input.triggerEventIds],
      policy: input.policy,
      ...meta,
    },
  };
};
