import {
  assessRisk,
  caseIdFor,
  caseStreamId,
  defaultPolicyDocuments,
  evolveCase,
  foldHousehold,
  formatInstant,
  formerlyPoorAt,
  householdStreamId,
  initialCaseState,
  policyFor,
  policyUtcOffsetMinutes,
  registrationAt,
  upcastCaseEvent,
  upcastHouseholdEvent,
  type CaseState,
} from '@monitoring/domain';
import { pendingDeadlines } from '@monitoring/domain/case/case-deadlines';
import { isCaseActive, isCaseMonitored } from '@monitoring/domain/case/case-state';
import type { EventStore } from '@monitoring/event-store';
import type { DataSource } from 'typeorm';

/**
 * Writes the monitor's read models (`household_risk`, `monitoring_case`) for tests, the way the
 * monitor's projector fills them: the household assessed with the domain's `assessRisk` under the
 * policy in force, a case row folded from its stream with the columns the projector keeps (visit time,
 * first assistance, missed deadlines, escalation, closing, the earliest pending deadline). The tables
 * themselves come from MONITOR_MIGRATIONS.
 */
export class TestProjection {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
  ) {}

  /** The household's `household_risk` row as assessed at `at`, and the rows of all its cases. */
  async household(householdId: string, at: string): Promise<void> {
    const events = (await this.store.readStream(householdStreamId(householdId))).map((event) =>
      upcastHouseholdEvent(event),
    );
    const state = foldHousehold(events);
    const atMs = Date.parse(at);
    const registration = registrationAt(state, atMs);
    if (registration === null) throw new Error(`household ${householdId} is not registered at ${at}`);
    const policy = policyFor(registration.regionCode, formatInstant(atMs), defaultPolicyDocuments);

    let latest: { caseId: string; state: CaseState } | null = null;
    for (let sequence = 1; ; sequence += 1) {
      const caseId = caseIdFor(householdId, sequence);
      const caseState = await this.case(caseId);
      if (caseState === null) break;
      latest = { caseId, state: caseState };
    }
    const monitored = latest !== null && isCaseMonitored(latest.state);
    const assessment = assessRisk(state, policy, formatInstant(atMs, policyUtcOffsetMinutes(policy)), {
      monitored,
    });
    const { figures } = assessment;
    await this.dataSource.query(`DELETE FROM household_risk WHERE household_id = $1`, [householdId]);
    await this.dataSource.query(
      `INSERT INTO household_risk (household_id, region_code, category, score, risk_level, alert, factors,
         policy_version, household_net_income_fen, per_capita_income_after_rigid_fen, out_of_pocket_in_window_fen,
         medical_threshold_fen, monitoring_standard_fen, guarantee_gaps, recent_shock, formerly_poor, monitored,
         member_count, open_case_id, assessed_at, next_reassessment_at, last_global_position, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, NULL, 0, now())`,
      [
        householdId,
        assessment.regionCode,
        assessment.category,
        assessment.score,
        assessment.riskLevel,
        assessment.alert,
        JSON.stringify(assessment.factors),
        assessment.policyVersion,
        figures.householdNetIncomeFen,
        figures.perCapitaIncomeAfterRigidFen,
        figures.outOfPocketInWindowFen,
        figures.medicalThresholdFen,
        figures.monitoringStandardFen,
        figures.guaranteeGaps,
        figures.recentShock,
        formerlyPoorAt(state, atMs),
        monitored,
        figures.memberCount,
        latest !== null && isCaseActive(latest.state) ? latest.caseId : null,
        assessment.asOf,
      ],
    );
  }

  /** The case's `monitoring_case` row from its stream; the folded state, or null when there is no such case. */
  async case(caseId: string): Promise<CaseState | null> {
    const stored = await this.store.readStream(caseStreamId(caseId));
    if (stored.length === 0) return null;
    let state: CaseState = initialCaseState();
    const record = {
      verifiedAt: null as string | null,
      verificationOutcome: null as string | null,
      firstAssistanceAt: null as string | null,
      verificationMissedAt: null as string | null,
      assistanceMissedAt: null as string | null,
      escalatedAt: null as string | null,
    };
    for (const recorded of stored) {
      const event = upcastCaseEvent(recorded);
      state = evolveCase(state, event);
      switch (event.type) {
        case 'VerificationRecorded':
          record.verifiedAt = event.data.visitedAt;
          record.verificationOutcome = event.data.outcome;
          break;
        case 'AssistanceRecorded':
          record.firstAssistanceAt ??= event.data.recordedAt;
          break;
        case 'DeadlineMissed':
          if (event.data.deadline === 'verification') record.verificationMissedAt = event.data.detectedAt;
          else record.assistanceMissedAt = event.data.detectedAt;
          break;
        case 'CaseEscalated':
          record.escalatedAt = event.data.escalatedAt;
          break;
        case 'CaseReopened':
          record.firstAssistanceAt = null;
          record.assistanceMissedAt = null;
          if (event.data.stage === 'open') {
            record.verifiedAt = null;
            record.verificationOutcome = null;
            record.verificationMissedAt = null;
          }
          break;
        default:
          break;
      }
    }
    if (state.stage === 'none') throw new Error(`case ${caseId} has events but no opening`);
    const last = upcastCaseEvent(stored[stored.length - 1]);
    const pending = pendingDeadlines(state).map((deadline) => deadline.dueAt);
    const nextDue = pending.sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
    const confirmation = 'confirmation' in state ? state.confirmation : null;
    const closed = state.stage === 'risk_eliminated' || state.stage === 'dismissed' ? state : null;
    await this.dataSource.query(`DELETE FROM monitoring_case WHERE case_id = $1`, [caseId]);
    await this.dataSource.query(
      `INSERT INTO monitoring_case (case_id, household_id, region_code, case_sequence, category, confirmed_category,
         stage, score, risk_level, factors, opened_at, reopened_at, verification_due_at, assistance_due_at,
         verified_at, verification_outcome, first_assistance_at, assistance_count, verification_missed_at,
         assistance_missed_at, escalation_level, escalated_at, closed_at, closed_reason, policy_version,
         next_due_at, next_deadline_check_at, state, stream_version, last_event_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
         $22, $23, $24, $25, $26, $26, $27, $28, $29, now())`,
      [
        caseId,
        state.householdId,
        state.regionCode,
        state.caseSequence,
        confirmation?.category ?? state.risk.category,
        confirmation?.category ?? null,
        state.stage,
        state.risk.score,
        state.risk.riskLevel,
        JSON.stringify(state.risk.factors),
        state.openedAt,
        state.reopenedAt,
        state.verificationDueAt,
        state.assistanceDueAt,
        record.verifiedAt,
        record.verificationOutcome,
        record.firstAssistanceAt,
        state.assistanceCount,
        record.verificationMissedAt,
        record.assistanceMissedAt,
        state.escalationLevel,
        record.escalatedAt,
        closed?.closedAt ?? null,
        closed?.closeReason ?? null,
        state.risk.policyVersion,
        nextDue,
        JSON.stringify(state),
        stored.length,
        last.metadata.occurredAt,
      ],
    );
    return state;
  }
}
