import { ApiProperty } from '@nestjs/swagger';

export class HouseholdCountsDto {
  @ApiProperty({ description: 'households assessed in the area' })
  total!: number;

  @ApiProperty({
    type: 'object',
    properties: {
      unstable: { type: 'integer' },
      marginal: { type: 'integer' },
      sudden_hardship: { type: 'integer' },
      none: { type: 'integer' },
    },
  })
  byCategory!: Record<string, number>;

  @ApiProperty({
    type: 'object',
    properties: { low: { type: 'integer' }, medium: { type: 'integer' }, high: { type: 'integer' } },
  })
  byRiskLevel!: Record<string, number>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } },
    description: 'category → risk level → households',
    example: { sudden_hardship: { low: 0, medium: 0, high: 12 } },
  })
  byCategoryAndRiskLevel!: Record<string, Record<string, number>>;
}

export class CaseCountsDto {
  @ApiProperty()
  total!: number;

  @ApiProperty({
    type: 'object',
    properties: {
      open: { type: 'integer' },
      verified: { type: 'integer' },
      assisting: { type: 'integer' },
      long_term_follow_up: { type: 'integer' },
      risk_eliminated: { type: 'integer' },
      dismissed: { type: 'integer' },
    },
  })
  byStage!: Record<string, number>;

  @ApiProperty({ description: 'cases opened in the period' })
  openedInPeriod!: number;
}

export class DeadlineComplianceDto {
  @ApiProperty({ description: 'deadlines that fell due in the period (and have passed)' })
  due!: number;

  @ApiProperty({
    description: 'of those, met: the work recorded before the due time, no missed deadline recorded',
  })
  metInTime!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'metInTime / due, 0 to 1 (null when nothing fell due)',
  })
  share!: number | null;
}

export class EscalationCountsDto {
  @ApiProperty({ description: 'cases whose latest escalation, to the city, was in the period' })
  city!: number;

  @ApiProperty({ description: 'cases whose latest escalation, to the province, was in the period' })
  province!: number;
}

export class DeadlineFiguresDto {
  @ApiProperty({
    type: DeadlineComplianceDto,
    description: 'home visit within the verification deadline (7 days)',
  })
  verification!: DeadlineComplianceDto;

  @ApiProperty({
    type: DeadlineComplianceDto,
    description: 'assistance in place within the assistance deadline (30 days); dismissed cases need none',
  })
  assistance!: DeadlineComplianceDto;

  @ApiProperty({ description: 'active cases with a pending deadline passed now' })
  overdueNow!: number;

  @ApiProperty({ type: EscalationCountsDto })
  escalated!: EscalationCountsDto;
}

export class RegionFiguresDto {
  @ApiProperty({ example: '4104', description: 'region code prefix of the area' })
  regionCode!: string;

  @ApiProperty({ type: HouseholdCountsDto })
  households!: HouseholdCountsDto;

  @ApiProperty({ type: CaseCountsDto })
  cases!: CaseCountsDto;

  @ApiProperty({ type: DeadlineFiguresDto })
  deadlines!: DeadlineFiguresDto;
}

export class StatsPeriodDto {
  @ApiProperty({ format: 'date-time' })
  from!: string;

  @ApiProperty({ format: 'date-time' })
  to!: string;
}

export class RegionStatsDto {
  @ApiProperty({
    format: 'date-time',
    description: 'when the figures were computed ("now" for overdue and due)',
  })
  computedAt!: string;

  @ApiProperty({
    type: StatsPeriodDto,
    description: 'the period of the deadline and opening figures, [from, to)',
  })
  period!: StatsPeriodDto;

  @ApiProperty({ type: RegionFiguresDto, description: 'the area asked for' })
  region!: RegionFiguresDto;

  @ApiProperty({
    type: [RegionFiguresDto],
    description:
      'each child area with households or cases: cities of a province, counties of a city, townships of a county, villages of a township',
  })
  children!: RegionFiguresDto[];
}
