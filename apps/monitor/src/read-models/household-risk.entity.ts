import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { GuaranteeGap, RiskCategory, RiskFactor, RiskLevel } from '@monitoring/domain';
import { bigintAsNumber } from './column-transformers';

/**
 * `household_risk`: every registered household's latest explainable assessment (DESIGN §4, §8), a view
 * over the active read-model generation. Written only by the monitor's projector.
 */
@Entity({ name: 'household_risk' })
export class HouseholdRiskEntity {
  @PrimaryColumn({ name: 'household_id', type: 'text' })
  householdId!: string;

  /** 12-digit region code; filter by prefix with `LIKE '41%'` (indexed with text_pattern_ops). */
  @Column({ name: 'region_code', type: 'text' })
  regionCode!: string;

  @Column({ type: 'text' })
  category!: RiskCategory;

  @Column({ type: 'integer' })
  score!: number;

  @Column({ name: 'risk_level', type: 'text' })
  riskLevel!: RiskLevel;

  /** Score at or above the policy's alert threshold. */
  @Column({ type: 'boolean' })
  alert!: boolean;

  /** `{code, points, explanation, explanationZh, evidence: [eventId]}` per factor. */
  @Column({ type: 'jsonb' })
  factors!: RiskFactor[];

  @Column({ name: 'policy_version', type: 'text' })
  policyVersion!: string;

  @Column({ name: 'household_net_income_fen', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  householdNetIncomeFen!: number | null;

  @Column({
    name: 'per_capita_income_after_rigid_fen',
    type: 'bigint',
    nullable: true,
    transformer: bigintAsNumber,
  })
  perCapitaIncomeAfterRigidFen!: number | null;

  @Column({ name: 'out_of_pocket_in_window_fen', type: 'bigint', transformer: bigintAsNumber })
  outOfPocketInWindowFen!: number;

  @Column({ name: 'medical_threshold_fen', type: 'bigint', transformer: bigintAsNumber })
  medicalThresholdFen!: number;

  @Column({ name: 'monitoring_standard_fen', type: 'bigint', transformer: bigintAsNumber })
  monitoringStandardFen!: number;

  @Column({ name: 'guarantee_gaps', type: 'text', array: true })
  guaranteeGaps!: GuaranteeGap[];

  /** A shock factor (out-of-pocket, income fall, disaster) fired within the last 180 days. */
  @Column({ name: 'recent_shock', type: 'boolean' })
  recentShock!: boolean;

  @Column({ name: 'formerly_poor', type: 'boolean' })
  formerlyPoor!: boolean;

  /** Assessed as a monitored household (a confirmed case not closed): the lower medical threshold. */
  @Column({ type: 'boolean' })
  monitored!: boolean;

  @Column({ name: 'member_count', type: 'integer' })
  memberCount!: number;

  /** The household's case that is open (not eliminated or dismissed), if any. */
  @Column({ name: 'open_case_id', type: 'text', nullable: true })
  openCaseId!: string | null;

  /** The assessment's business time (`asOf`). */
  @Column({ name: 'assessed_at', type: 'timestamptz' })
  assessedAt!: Date;

  /** When the assessment can next change without a new event (a window edge, a new policy). */
  @Column({ name: 'next_reassessment_at', type: 'timestamptz', nullable: true })
  nextReassessmentAt!: Date | null;

  /** Global log position of the household's last event projected. */
  @Column({ name: 'last_global_position', type: 'bigint' })
  lastGlobalPosition!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
