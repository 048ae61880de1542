import { ApiProperty } from '@nestjs/swagger';
import type { ExchangeBatchEntity } from './exchange-batch.entity';
import type { RegenerationReport } from './exchange-batch.service';

export class ExchangeFileDto {
  @ApiProperty({ example: 'households.csv' }) name!: string;
  @ApiProperty({ description: 'bytes' }) size!: number;
  @ApiProperty({ description: 'SHA-256, hex' }) sha256!: string;
}

export class ExchangeBatchDto {
  @ApiProperty({ format: 'uuid' }) batchId!: string;
  @ApiProperty({ description: '1 for the first batch, then +1' }) sequence!: number;
  @ApiProperty({ description: 'log checkpoint the batch starts after (empty: the start of the log)' })
  fromCheckpoint!: string;
  @ApiProperty({ description: 'log checkpoint pinned when the batch started (inclusive)' })
  toCheckpoint!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ description: 'households in the batch' }) rowCount!: number;
  @ApiProperty({ type: [ExchangeFileDto] }) files!: ExchangeFileDto[];
  @ApiProperty({ description: '`schedule` or the user who ran it' }) triggeredBy!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) acknowledgedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) acknowledgedBy!: string | null;

  static of(batch: ExchangeBatchEntity): ExchangeBatchDto {
    return {
      batchId: batch.id,
      sequence: batch.sequence,
      fromCheckpoint: batch.fromCheckpoint,
      toCheckpoint: batch.toCheckpoint,
      generatedAt: batch.generatedAt.toISOString(),
      rowCount: batch.rowCount,
      files: batch.files.map(({ name, size, sha256 }) => ({ name, size, sha256 })),
      triggeredBy: batch.triggeredBy,
      acknowledgedAt: batch.acknowledgedAt?.toISOString() ?? null,
      acknowledgedBy: batch.acknowledgedBy,
    };
  }
}

export class ExchangeBatchListDto {
  @ApiProperty({ type: [ExchangeBatchDto], description: 'newest first' }) items!: ExchangeBatchDto[];
}

export class RegenerationFileCheckDto {
  @ApiProperty() name!: string;
  @ApiProperty() expectedSha256!: string;
  @ApiProperty() actualSha256!: string;
  @ApiProperty() matches!: boolean;
}

export class RegenerationReportDto implements RegenerationReport {
  @ApiProperty({ format: 'uuid' }) batchId!: string;
  @ApiProperty({ description: 'every regenerated file has the recorded SHA-256' }) identical!: boolean;
  @ApiProperty({ type: [RegenerationFileCheckDto] }) files!: RegenerationFileCheckDto[];
}
