import { ApiProperty } from '@nestjs/swagger';
import { HistoryEntryDto } from '../../events/history-entry.dto';
import { CaseQueueItemDto } from '../list-cases/list-cases.response.dto';

export class CaseFactorDto {
  @ApiProperty()
  code!: string;

  @ApiProperty()
  points!: number;

  @ApiProperty({ type: [String], description: 'ids of the events behind the factor' })
  evidence!: string[];
}

/** `GET /api/v1/cases/{id}`: the queue item's fields, the case's record, and its full history. */
export class CaseDetailDto extends CaseQueueItemDto {
  @ApiProperty({ enum: ['low', 'medium', 'high'] })
  riskLevel!: string;

  @ApiProperty({ type: [CaseFactorDto], description: 'the factors last recorded on the case' })
  factors!: CaseFactorDto[];

  @ApiProperty()
  policyVersion!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'the home visit' })
  verifiedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, enum: ['confirmed', 'dismissed'] })
  verificationOutcome!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  firstAssistanceAt!: string | null;

  @ApiProperty()
  assistanceCount!: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when the verification deadline was recorded missed',
  })
  verificationMissedAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when the assistance deadline was recorded missed',
  })
  assistanceMissedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  escalatedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  closedReason!: string | null;

  @ApiProperty({ type: [HistoryEntryDto], description: 'every event of the case stream, in stream order' })
  history!: HistoryEntryDto[];
}
