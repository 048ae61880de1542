import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ExchangeFileInfo } from './exchange-files';

/**
 * `exchange_batch`: one weekly exchange with the rural-revitalization bureau. A batch covers the log
 * slice (from_checkpoint, to_checkpoint]; batch n+1 starts where batch n ended, so no change is sent
 * twice or lost. `generated_at` is the only clock value in the files and is reused on regeneration.
 */
@Entity({ name: 'exchange_batch' })
export class ExchangeBatchEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** 1, 2, 3, ...: unique, so two runs cannot both follow the same batch. */
  @Column({ type: 'integer' })
  sequence!: number;

  @Column({ name: 'from_checkpoint', type: 'text' })
  fromCheckpoint!: string;

  @Column({ name: 'to_checkpoint', type: 'text' })
  toCheckpoint!: string;

  @Column({ name: 'generated_at', type: 'timestamptz' })
  generatedAt!: Date;

  @Column({ name: 'row_count', type: 'integer' })
  rowCount!: number;

  /** Every file of the batch (the manifest included): name, size in bytes, SHA-256 in hex. */
  @Column({ type: 'jsonb' })
  files!: ExchangeFileInfo[];

  /** `schedule` or the `sub` of the user who ran it now. */
  @Column({ name: 'triggered_by', type: 'text' })
  triggeredBy!: string;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy!: string | null;
}
