import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A reader's pass through the alert queue (see case-queue-passes.ts). */
@Entity({ name: 'case_queue_passes' })
@Index('case_queue_passes_started_at_idx', ['startedAt'])
export class CaseQueuePassEntity {
  @PrimaryColumn({ name: 'pass_id', type: 'uuid' })
  passId!: string;

  @Column({ name: 'user_sub', type: 'text' })
  userSub!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;
}

/** A case a pass has returned. */
@Entity({ name: 'case_queue_pass_cases' })
export class CaseQueuePassCaseEntity {
  @PrimaryColumn({ name: 'pass_id', type: 'uuid' })
  passId!: string;

  @PrimaryColumn({ name: 'case_id', type: 'text' })
  caseId!: string;
}
