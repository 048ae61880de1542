import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { IngestPath, RejectionCategory } from '../pipeline/ingest-batch';

/** A record ingest refused, with where it came from and why (see `RejectedMessage`). */
@Entity({ name: 'rejected_messages' })
@Index('rejected_messages_received_at_idx', ['receivedAt'])
@Index('rejected_messages_source_record_idx', ['topic', 'recordType', 'sourceId'])
export class RejectedMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'text' })
  path!: IngestPath;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ name: 'kafka_topic', type: 'text', nullable: true })
  kafkaTopic!: string | null;

  @Column({ name: 'kafka_partition', type: 'integer', nullable: true })
  kafkaPartition!: number | null;

  @Column({ name: 'kafka_offset', type: 'bigint', nullable: true })
  kafkaOffset!: string | null;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName!: string | null;

  @Column({ name: 'file_line', type: 'integer', nullable: true })
  fileLine!: number | null;

  @Column({ name: 'http_index', type: 'integer', nullable: true })
  httpIndex!: number | null;

  @Column({ type: 'text', nullable: true })
  sender!: string | null;

  @Column({ name: 'record_type', type: 'text', nullable: true })
  recordType!: string | null;

  @Column({ name: 'source_id', type: 'text', nullable: true })
  sourceId!: string | null;

  @Column({ name: 'household_id', type: 'text', nullable: true })
  householdId!: string | null;

  @Column({ type: 'text' })
  category!: RejectionCategory;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ name: 'payload_length', type: 'integer' })
  payloadLength!: number;

  @Column({ name: 'delivery_key', type: 'text', nullable: true, unique: true })
  deliveryKey!: string | null;
}
