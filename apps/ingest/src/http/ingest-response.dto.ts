import { ApiProperty } from '@nestjs/swagger';

export class RejectedRecordDto {
  @ApiProperty({ description: 'Position of the record in `records` (0-based)', example: 3 })
  index!: number;

  @ApiProperty({
    description: 'Why the record was refused, field by field; never quotes ID numbers',
    example: 'totalFen: is 350.00 yuan but the payers and out-of-pocket add up to 340.00 yuan (...)',
  })
  reason!: string;
}

export class IngestResponseDto {
  @ApiProperty({ description: 'Records appended now', example: 97 })
  accepted!: number;

  @ApiProperty({ description: 'Records received before (or twice in this request) and skipped', example: 2 })
  duplicates!: number;

  @ApiProperty({
    type: [RejectedRecordDto],
    description: 'Records refused, with the reason; the others are stored',
  })
  rejected!: RejectedRecordDto[];
}

export class IngestRequestDto {
  @ApiProperty({
    description:
      'Source records of the feed (DESIGN §8): each with `type`, `sourceId`, `occurredAt`, `householdId` and the ' +
      'fields of its type. Records are validated one by one: one bad record does not refuse the others.',
    type: 'array',
    items: { type: 'object', additionalProperties: true },
  })
  records!: Record<string, unknown>[];
}
