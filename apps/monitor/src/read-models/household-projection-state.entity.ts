import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseState, HouseholdState } from '@monitoring/domain';

/**
 * `household_projection_state`: what the projector needs to evolve a household incrementally, so it
 * never re-reads a household stream per event. Internal to the monitor; exposed for diagnostics.
 */
@Entity({ name: 'household_projection_state' })
export class HouseholdProjectionStateEntity {
  @PrimaryColumn({ name: 'household_id', type: 'text' })
  householdId!: string;

  @Column({ name: 'region_code', type: 'text', nullable: true })
  regionCode!: string | null;

  /** Position in `household-<id>` of the last event evolved: later deliveries at or below it are skipped. */
  @Column({ name: 'stream_version', type: 'integer' })
  streamVersion!: number;

  @Column({ name: 'last_global_position', type: 'bigint' })
  lastGlobalPosition!: string;

  /** The domain household state, compacted (`evolveHousehold`). */
  @Column({ type: 'jsonb' })
  state!: HouseholdState;

  @Column({ name: 'latest_case_id', type: 'text', nullable: true })
  latestCaseId!: string | null;

  /** The household's latest case folded from its stream (`{stage: 'none'}` before the first). */
  @Column({ name: 'latest_case_state', type: 'jsonb' })
  latestCaseState!: CaseState;

  @Column({ name: 'latest_case_version', type: 'integer' })
  latestCaseVersion!: number;

  /** The last assessment was at or above the alert threshold. */
  @Column({ name: 'previous_alert', type: 'boolean' })
  previousAlert!: boolean;

  /** The last assessment treated the household as monitored. */
  @Column({ type: 'boolean' })
  monitored!: boolean;

  @Column({ name: 'last_assessed_at', type: 'timestamptz', nullable: true })
  lastAssessedAt!: Date | null;

  @Column({ name: 'next_reassessment_at', type: 'timestamptz', nullable: true })
  nextReassessmentAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
