import type { CaseEvent } from '../events/case.events';
import type { CaseFacts, CaseState, OpenedCaseState } from './case-state';

export const initialCaseState = (): CaseState => ({ stage: 'none' });

/** Everything but the stage-specific fields, to rebuild a state in another stage. */
const factsOf = (state: OpenedCaseState): CaseFacts => ({
  caseId: state.caseId,
  householdId: state.householdId,
  regionCode: state.regionCode,
  caseSequence: state.caseSequence,
  openedAt: state.openedAt,
  reopenedAt: state.reopenedAt,
  verificationDueAt: state.verificationDueAt,
  assistanceDueAt: state.assistanceDueAt,
  risk: state.risk,
  missedDeadlines: state.missedDeadlines,
  escalationLevel: state.escalationLevel,
  assistanceCount: state.assistanceCount,
});

/**
 * Folds one case event into the state. Total: an event that does not fit the stage (which the decider
 * never produces) leaves the state as it is rather than failing a replay.
 */
export const evolveCase = (state: CaseState, event: CaseEvent): CaseState => {
  if (event.type === 'CaseOpened') {
    if (state.stage !== 'none') return state;
    const data = event.data;
    return {
      stage: 'open',
      caseId: data.caseId,
      householdId: data.householdId,
      regionCode: data.regionCode,
      caseSequence: data.caseSequence,
      openedAt: data.openedAt,
      reopenedAt: null,
      verificationDueAt: data.verificationDueAt,
      assistanceDueAt: data.assistanceDueAt,
      risk: {
        category: data.category,
        score: data.score,
        riskLevel: data.riskLevel,
        factors: data.factors,
        policyVersion: data.policyVersion,
        assessedAt: data.assessedAt,
      },
      missedDeadlines: [],
      escalationLevel: 'none',
      assistanceCount: 0,
    };
  }
  if (state.stage === 'none') return state;

  switch (event.type) {
    case 'CaseRiskUpdated': {
      const { category, score, riskLevel, factors, policyVersion, assessedAt } = event.data;
      return { ...state, risk: { category, score, riskLevel, factors, policyVersion, assessedAt } };
    }
    case 'VerificationRecorded': {
      const { outcome, confirmedCategory, officer, visitedAt } = event.data;
      // A dismissal is followed by CaseDismissed, which closes the case.
      if (state.stage !== 'open' || outcome !== 'confirmed' || confirmedCategory === undefined) return state;
      return {
        ...factsOf(state),
        stage: 'verified',
        confirmation: { category: confirmedCategory, officer, visitedAt },
      };
    }
    case 'AssistanceRecorded': {
      const assistanceCount = state.assistanceCount + 1;
      if (state.stage === 'verified') return { ...state, stage: 'assisting', assistanceCount };
      return { ...state, assistanceCount };
    }
    case 'DeadlineMissed': {
      const { deadline, dueAt } = event.data;
      return { ...state, missedDeadlines: [...state.missedDeadlines, { deadline, dueAt }] };
    }
    case 'CaseEscalated':
      return { ...state, escalationLevel: event.data.level };
    case 'RiskEliminated':
      if (state.stage !== 'assisting' && state.stage !== 'long_term_follow_up') return state;
      return {
        ...factsOf(state),
        stage: 'risk_eliminated',
        confirmation: state.confirmation,
        closedAt: event.data.eliminatedAt,
        closeReason: event.data.reason,
      };
    case 'LongTermFollowUpStarted':
      if (state.stage !== 'assisting') return state;
      return {
        ...factsOf(state),
        stage: 'long_term_follow_up',
        confirmation: state.confirmation,
        followUpSince: event.data.startedAt,
      };
    case 'CaseDismissed':
      if (state.stage !== 'open') return state;
      return {
        ...factsOf(state),
        stage: 'dismissed',
        closedAt: event.data.dismissedAt,
        closeReason: event.data.reason,
      };
    case 'CaseReopened': {
      const { stage, reopenedAt, verificationDueAt, assistanceDueAt } = event.data;
      const facts = { ...factsOf(state), reopenedAt, verificationDueAt, assistanceDueAt };
      if (state.stage === 'risk_eliminated' && stage === 'verified') {
        return { ...facts, stage: 'verified', confirmation: state.confirmation };
      }
      if (state.stage === 'dismissed' && stage === 'open') return { ...facts, stage: 'open' };
      return state;
    }
  }
};
