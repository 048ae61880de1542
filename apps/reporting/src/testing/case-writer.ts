import {
  caseIdFor,
  caseStreamId,
  decideCase,
  defaultPolicyDocuments,
  evolveCase,
  initialCaseState,
  policyFor,
  upcastCaseEvent,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type RiskAssessment,
  type RiskCategory,
} from '@monitoring/domain';
import type { EventStore } from '@monitoring/event-store';

export const TEST_OFFICER = 'county-officer-li';

export interface OpenCaseOptions {
  householdId: string;
  regionCode: string;
  /** Business time of the opening, ISO 8601 with offset. */
  openedAt: string;
  category?: Exclude<RiskCategory, 'none'>;
  score?: number;
  caseSequence?: number;
}

/**
 * Writes case streams as the monitor does: every event decided by the domain's case decider against
 * the stored stream and appended at its version. Times are explicit business times.
 */
export class CaseWriter {
  private commandCount = 0;

  constructor(private readonly store: EventStore) {}

  async open(options: OpenCaseOptions): Promise<string> {
    const sequence = options.caseSequence ?? 1;
    const caseId = caseIdFor(options.householdId, sequence);
    const policy = policyFor(options.regionCode, options.openedAt, defaultPolicyDocuments);
    const score = options.score ?? 60;
    const assessment: RiskAssessment = {
      householdId: options.householdId,
      regionCode: options.regionCode,
      score,
      riskLevel: score >= 50 ? 'high' : score >= 30 ? 'medium' : 'low',
      category: options.category ?? 'sudden_hardship',
      alert: true,
      factors: [
        {
          code: 'medical_cost_very_high',
          points: score,
          explanation: 'out-of-pocket medical cost over twice the threshold',
          explanationZh: '个人自付医疗费用超过预警线的2倍',
          evidence: [`trigger-${options.householdId}`],
        },
      ],
      policyVersion: policy.policyVersion,
      asOf: options.openedAt,
      figures: {
        householdNetIncomeFen: 3_000_000,
        memberCount: 3,
        perCapitaIncomeAfterRigidFen: 500_000,
        outOfPocketInWindowFen: 5_000_000,
        medicalThresholdFen: 2_445_600,
        monitoringStandardFen: 830_000,
        guaranteeGaps: [],
        recentShock: true,
      },
    };
    await this.decide(caseId, {
      type: 'OpenCase',
      caseId,
      caseSequence: sequence,
      assessment,
      triggerEventIds: [`trigger-${options.householdId}`],
      policy: policy.case,
      now: options.openedAt,
      causationId: `trigger-${options.householdId}`,
    });
    return caseId;
  }

  async verify(
    caseId: string,
    now: string,
    outcome: 'confirmed' | 'dismissed' = 'confirmed',
    notes = 'home visit done',
  ): Promise<void> {
    const state = await this.state(caseId);
    const base = { caseId, commandId: this.commandId(), officer: TEST_OFFICER, now, visitedAt: now, notes };
    await this.decide(
      caseId,
      outcome === 'confirmed'
        ? {
            ...base,
            type: 'RecordVerification',
            outcome,
            confirmedCategory:
              state.stage !== 'none' && state.risk.category !== 'none' ? state.risk.category : 'marginal',
          }
        : { ...base, type: 'RecordVerification', outcome },
    );
  }

  async assist(
    caseId: string,
    now: string,
    description = 'medical assistance for the inpatient stay',
  ): Promise<void> {
    await this.decide(caseId, {
      type: 'RecordAssistance',
      caseId,
      commandId: this.commandId(),
      officer: TEST_OFFICER,
      now,
      measureType: 'medical',
      description,
      amountFen: 500_000,
    });
  }

  async recordMissed(caseId: string, deadline: 'verification' | 'assistance', now: string): Promise<void> {
    await this.decide(caseId, { type: 'RecordMissedDeadline', caseId, deadline, now });
  }

  async escalate(caseId: string, level: 'city' | 'province', now: string): Promise<void> {
    const state = await this.state(caseId);
    if (state.stage === 'none') throw new Error(`case ${caseId} is not opened`);
    const policy = policyFor(state.regionCode, state.openedAt, defaultPolicyDocuments);
    await this.decide(caseId, { type: 'EscalateCase', caseId, level, now, policy: policy.case });
  }

  async state(caseId: string): Promise<CaseState> {
    const stored = await this.store.readStream(caseStreamId(caseId));
    return stored.map((event) => upcastCaseEvent(event)).reduce(evolveCase, initialCaseState());
  }

  private async decide(caseId: string, command: CaseCommand): Promise<CaseEvent[]> {
    const stored = await this.store.readStream(caseStreamId(caseId));
    const state = stored.map((event) => upcastCaseEvent(event)).reduce(evolveCase, initialCaseState());
    const events = decideCase(command, state);
    if (events.length === 0) throw new Error(`${command.type} decided nothing on case ${caseId}`);
    await this.store.appendToStream(caseStreamId(caseId), events, stored.length);
    return events;
  }

  private commandId(): string {
    this.commandCount += 1;
    return `test-command-${this.commandCount}`;
  }
}
