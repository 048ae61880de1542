import {
  formerlyPoorAt,
  initialCaseState,
  initialHouseholdState,
  isCaseActive,
  isCaseMonitored,
  type CaseEvent,
  type CaseState,
  type HouseholdState,
  type RiskAssessedInput,
} from '@monitoring/domain';
import type { HouseholdAssessment } from './household-assessment';

/** A decision input kept so that it can be decided again against a fresher case state. */
export type PendingDecision = Omit<RiskAssessedInput, 'latestCase'>;

/** Case events decided in this batch and not yet appended, for one case stream. */
export interface PendingAppend {
  caseId: string;
  /** The stream's version the events were decided against. */
  expectedVersion: number;
  events: CaseEvent[];
}

/**
 * One household while a batch is projected: loaded once, evolved in memory event by event, written
 * once at the end. `latestCase` already includes the events decided in this batch (`pending`).
 */
export interface HouseholdContext {
  householdId: string;
  regionCode: string | null;
  state: HouseholdState;
  streamVersion: number;
  lastGlobalPosition: string;
  latestCaseId: string | null;
  latestCase: CaseState;
  latestCaseVersion: number;
  /** The latest case as the store knows it (loaded, read from the log, or appended): restored on a conflict. */
  confirmedLatestCaseId: string | null;
  previousAlert: boolean;
  /** The `monitored` input of the last assessment. */
  assessedMonitored: boolean;
  lastAssessedAt: string | null;
  nextReassessmentAt: string | null;
  /** The open case id as stored when loaded: a change rewrites the risk row's `open_case_id`. */
  loadedOpenCaseId: string | null;
  /** The latest assessment made in this batch: written to `household_risk`. */
  assessed: HouseholdAssessment | null;
  pending: PendingAppend[];
  decisions: PendingDecision[];
  /** Something changed: the state row is written. */
  dirty: boolean;
}

/** The `household_projection_state` row as the projector reads it. */
export interface HouseholdStateRow {
  household_id: string;
  region_code: string | null;
  stream_version: number;
  last_global_position: string;
  state: HouseholdState;
  latest_case_id: string | null;
  latest_case_state: CaseState;
  latest_case_version: number;
  previous_alert: boolean;
  monitored: boolean;
  last_assessed_at: Date | string | null;
  next_reassessment_at: Date | string | null;
}

const isoOrNull = (value: Date | string | null): string | null =>
  value === null ? null : value instanceof Date ? value.toISOString() : value;

export const openCaseIdOf = (
  context: Pick<HouseholdContext, 'latestCaseId' | 'latestCase'>,
): string | null =>
  context.latestCaseId !== null && isCaseActive(context.latestCase) ? context.latestCaseId : null;

export const isMonitored = (context: Pick<HouseholdContext, 'latestCase'>): boolean =>
  isCaseMonitored(context.latestCase);

export const newHouseholdContext = (householdId: string): HouseholdContext => ({
  householdId,
  regionCode: null,
  state: initialHouseholdState(),
  streamVersion: 0,
  lastGlobalPosition: '0',
  latestCaseId: null,
  latestCase: initialCaseState(),
  latestCaseVersion: 0,
  confirmedLatestCaseId: null,
  previousAlert: false,
  assessedMonitored: false,
  lastAssessedAt: null,
  nextReassessmentAt: null,
  loadedOpenCaseId: null,
  assessed: null,
  pending: [],
  decisions: [],
  dirty: false,
});

export const householdContextOf = (row: HouseholdStateRow): HouseholdContext => {
  const context: HouseholdContext = {
    ...newHouseholdContext(row.household_id),
    regionCode: row.region_code,
    state: row.state,
    streamVersion: row.stream_version,
    lastGlobalPosition: row.last_global_position,
    latestCaseId: row.latest_case_id,
    latestCase: row.latest_case_state,
    latestCaseVersion: row.latest_case_version,
    confirmedLatestCaseId: row.latest_case_id,
    previousAlert: row.previous_alert,
    assessedMonitored: row.monitored,
    lastAssessedAt: isoOrNull(row.last_assessed_at),
    nextReassessmentAt: isoOrNull(row.next_reassessment_at),
  };
  context.loadedOpenCaseId = openCaseIdOf(context);
  return context;
};

export const householdStateRowOf = (context: HouseholdContext, updatedAt: string) => ({
  household_id: context.householdId,
  region_code: context.regionCode,
  stream_version: context.streamVersion,
  last_global_position: context.lastGlobalPosition,
  state: context.state,
  latest_case_id: context.latestCaseId,
  latest_case_state: context.latestCase,
  latest_case_version: context.latestCaseVersion,
  previous_alert: context.previousAlert,
  monitored: context.assessedMonitored,
  last_assessed_at: context.lastAssessedAt,
  next_reassessment_at: context.nextReassessmentAt,
  updated_at: updatedAt,
});

/** The `household_risk` row of the household's latest assessment. */
export const householdRiskRowOf = (
  context: HouseholdContext,
  assessed: HouseholdAssessment,
  updatedAt: string,
) => {
  const { assessment } = assessed;
  const { figures } = assessment;
  return {
    household_id: context.householdId,
    region_code: assessment.regionCode,
    category: assessment.category,
    score: assessment.score,
    risk_level: assessment.riskLevel,
    alert: assessment.alert,
    factors: assessment.factors,
    policy_version: assessment.policyVersion,
    household_net_income_fen: figures.householdNetIncomeFen,
    per_capita_income_after_rigid_fen: figures.perCapitaIncomeAfterRigidFen,
    out_of_pocket_in_window_fen: figures.outOfPocketInWindowFen,
    medical_threshold_fen: figures.medicalThresholdFen,
    monitoring_standard_fen: figures.monitoringStandardFen,
    guarantee_gaps: figures.guaranteeGaps,
    recent_shock: figures.recentShock,
    formerly_poor: formerlyPoorAt(context.state, assessed.asOfMs),
    monitored: context.assessedMonitored,
    member_count: figures.memberCount,
    open_case_id: openCaseIdOf(context),
    assessed_at: assessed.asOf,
    next_reassessment_at: context.nextReassessmentAt,
    last_global_position: context.lastGlobalPosition,
    updated_at: updatedAt,
  };
};
