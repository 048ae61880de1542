import { ApiProperty } from '@nestjs/swagger';
import { ACCESS_OUTCOMES } from './access-log.entity';

export class AccessLogEntryDto {
  @ApiProperty({ description: 'entry number, increasing' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  accessedAt!: string;

  @ApiProperty({ description: 'the reader (token sub)' })
  user!: string;

  @ApiProperty({ enum: ['province_staff', 'county_officer', 'bureau', 'admin', 'ingest'] })
  role!: string;

  @ApiProperty({ description: 'the reader’s region' })
  region!: string;

  @ApiProperty({ type: String, nullable: true })
  householdId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  caseId!: string | null;

  @ApiProperty({ example: 'GET /api/v1/households/:id/timeline' })
  route!: string;

  @ApiProperty({ example: '/api/v1/households/H410423000001/timeline' })
  url!: string;

  @ApiProperty({ type: String, nullable: true })
  clientAddress!: string | null;

  @ApiProperty({
    enum: ACCESS_OUTCOMES,
    description: 'not_found includes households outside the reader’s region',
  })
  outcome!: string;
}

export class AccessLogPageDto {
  @ApiProperty({ type: [AccessLogEntryDto], description: 'newest first' })
  items!: AccessLogEntryDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
