import { ApiProperty } from '@nestjs/swagger';

/** One event of a timeline or a case history. */
export class HistoryEntryDto {
  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ enum: ['household', 'case'] })
  stream!: string;

  @ApiProperty({ type: String, nullable: true, description: 'the case, for case events' })
  caseId!: string | null;

  @ApiProperty({ example: 'ClaimSettled' })
  type!: string;

  @ApiProperty({ format: 'date-time', description: 'business time, as the source wrote it' })
  occurredAt!: string;

  @ApiProperty({ format: 'date-time', description: 'when the system recorded it' })
  recordedAt!: string;

  @ApiProperty({ example: 'medical_insurance', description: 'department or system it came from' })
  source!: string;

  @ApiProperty({ type: String, nullable: true, description: 'the user who acted (case actions)' })
  actor!: string | null;

  @ApiProperty({ example: 'Claim settled: inpatient, out-of-pocket 14,200 yuan' })
  summary!: string;

  @ApiProperty({ example: '医保结算：住院，个人自付 14,200 元' })
  summaryZh!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      'the event’s data as you may see it: ID numbers masked, birth dates left out, names masked unless you ' +
      'act on the case, diagnoses as their ICD-10 chapter unless you are the county officer',
  })
  details!: unknown;
}
