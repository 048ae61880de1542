import { ApiProperty } from '@nestjs/swagger';
import { CASE_CATEGORIES, CASE_STAGES } from './list-cases.query';

/** One case of the alert queue (DESIGN §8: the field list is a public contract). */
export class CaseQueueItemDto {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ example: 'H410423000001' })
  householdId!: string;

  @ApiProperty({ example: '410423203201', description: '12-digit statistical division code' })
  regionCode!: string;

  @ApiProperty({
    enum: CASE_CATEGORIES,
    description: "the officer's confirmed category once verified, else the warning's",
  })
  category!: string;

  @ApiProperty({ enum: CASE_STAGES })
  stage!: string;

  @ApiProperty({ minimum: 0, maximum: 100 })
  score!: number;

  @ApiProperty({ format: 'date-time', example: '2026-03-01T09:00:00.000+08:00' })
  openedAt!: string;

  @ApiProperty({ format: 'date-time' })
  verificationDueAt!: string;

  @ApiProperty({ format: 'date-time' })
  assistanceDueAt!: string;

  @ApiProperty({
    description: 'a pending deadline (verification, then assistance) has passed at the time of the request',
  })
  overdue!: boolean;

  @ApiProperty({ enum: ['none', 'city', 'province'] })
  escalationLevel!: string;
}

export class CaseQueuePageDto {
  @ApiProperty({ type: [CaseQueueItemDto] })
  items!: CaseQueueItemDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'pass it as `cursor` for the next page (same filters and sort); null on the last page',
  })
  nextCursor!: string | null;

  @ApiProperty({ description: 'number of cases matching the filters (all pages)' })
  total!: number;
}
