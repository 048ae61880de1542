import { ApiProperty } from '@nestjs/swagger';

export class ShareDto {
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'the cases the share is taken of' }) of!: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'count ÷ of, 0 to 1, 4 decimals; null when of is 0',
  })
  share!: number | null;
}

export class QuarterlyFiguresDto {
  @ApiProperty({ description: 'cases opened in the quarter' }) opened!: number;
  @ApiProperty({
    type: ShareDto,
    description:
      'home visit (either outcome) by the verification deadline recorded on the case (7 days by default), of the cases opened',
  })
  verifiedInTime!: ShareDto;
  @ApiProperty({
    type: ShareDto,
    description:
      'first assistance by the assistance deadline recorded on the case (30 days by default), of the cases opened and not dismissed at the visit',
  })
  assistedInTime!: ShareDto;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'median days from opening to the visit (2 decimals)',
  })
  medianDaysToVerification!: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'median days from opening to the first assistance (2 decimals)',
  })
  medianDaysToFirstAssistance!: number | null;
  @ApiProperty({
    description: 'cases opened in the quarter with a deadline passed and its work not done at quarter end',
  })
  overdueAtQuarterEnd!: number;
  @ApiProperty({
    description: 'cases opened in the quarter escalated (to the city or the province) by quarter end',
  })
  escalated!: number;
}

export class CountyFiguresDto extends QuarterlyFiguresDto {
  @ApiProperty({ example: '410423' }) countyCode!: string;
}

export class QuarterlyReportDto {
  @ApiProperty({ example: '2026Q3' }) quarter!: string;
  @ApiProperty({ description: 'the region prefix the figures cover (within yours)', example: '41' })
  region!: string;
  @ApiProperty({ example: 'Asia/Shanghai', description: 'time zone the quarter is read in' })
  timeZone!: string;
  @ApiProperty({ format: 'date-time', description: 'quarter start (inclusive)' }) from!: string;
  @ApiProperty({ format: 'date-time', description: 'quarter end (exclusive)' }) to!: string;
  @ApiProperty({ type: [CountyFiguresDto], description: 'by county code' }) counties!: CountyFiguresDto[];
  @ApiProperty({ type: QuarterlyFiguresDto, description: 'every county together' })
  total!: QuarterlyFiguresDto;
}
