import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  CaseFactor,
  CaseStage,
  CaseState,
  EscalationLevel,
  RiskCategory,
  RiskLevel,
} from '@monitoring/domain';

/**
 * `monitoring_case`: one row per case, folded from its `case-<caseId>` stream (DESIGN §5, §8). The
 * deadline sweep selects `next_deadline_check_at <= now`; the case queue sorts by `next_due_at, case_id`.
 */
@Entity({ name: 'monitoring_case' })
export class MonitoringCaseEntity {
  @PrimaryColumn({ name: 'case_id', type: 'text' })
  caseId!: string;

  @Column({ name: 'household_id', type: 'text' })
  householdId!: string;

  @Column({ name: 'region_code', type: 'text' })
  regionCode!: string;

  /** The household's nth case. */
  @Column({ name: 'case_sequence', type: 'integer' })
  caseSequence!: number;

  /** The officer's confirmed category once verified, otherwise the latest assessed one. */
  @Column({ type: 'text' })
  category!: RiskCategory;

  @Column({ name: 'confirmed_category', type: 'text', nullable: true })
  confirmedCategory!: Exclude<RiskCategory, 'none'> | null;

  @Column({ type: 'text' })
  stage!: CaseStage;

  @Column({ type: 'integer' })
  score!: number;

  @Column({ name: 'risk_level', type: 'text' })
  riskLevel!: RiskLevel;

  @Column({ type: 'jsonb' })
  factors!: CaseFactor[];

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'reopened_at', type: 'timestamptz', nullable: true })
  reopenedAt!: Date | null;

  @Column({ name: 'verification_due_at', type: 'timestamptz' })
  verificationDueAt!: Date;

  @Column({ name: 'assistance_due_at', type: 'timestamptz' })
  assistanceDueAt!: Date;

  /** The home visit of the current warning (either outcome). */
  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;

  @Column({ name: 'verification_outcome', type: 'text', nullable: true })
  verificationOutcome!: 'confirmed' | 'dismissed' | null;

  /** The first assistance recorded since the case was (re)opened. */
  @Column({ name: 'first_assistance_at', type: 'timestamptz', nullable: true })
  firstAssistanceAt!: Date | null;

  @Column({ name: 'assistance_count', type: 'integer' })
  assistanceCount!: number;

  /** When the current verification deadline was recorded missed (DeadlineMissed.detectedAt). */
  @Column({ name: 'verification_missed_at', type: 'timestamptz', nullable: true })
  verificationMissedAt!: Date | null;

  @Column({ name: 'assistance_missed_at', type: 'timestamptz', nullable: true })
  assistanceMissedAt!: Date | null;

  @Column({ name: 'escalation_level', type: 'text' })
  escalationLevel!: EscalationLevel;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  /** Risk eliminated or dismissed; null while the case is open (long-term follow-up included). */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'closed_reason', type: 'text', nullable: true })
  closedReason!: string | null;

  @Column({ name: 'policy_version', type: 'text' })
  policyVersion!: string;

  /** The nearest deadline whose work is pending (verification, then assistance); null when none is. */
  @Column({ name: 'next_due_at', type: 'timestamptz', nullable: true })
  nextDueAt!: Date | null;

  /** `nextDeadlineCheckAt`: when a missed deadline or an escalation is next due; null when nothing is pending. */
  @Column({ name: 'next_deadline_check_at', type: 'timestamptz', nullable: true })
  nextDeadlineCheckAt!: Date | null;

  /** The case state folded from the stream (the domain's CaseState). */
  @Column({ type: 'jsonb' })
  state!: CaseState;

  @Column({ name: 'stream_version', type: 'integer' })
  streamVersion!: number;

  /** Business time of the case's last event. */
  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
