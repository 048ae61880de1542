import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RiskFactorDto {
  @ApiProperty({
    enum: [
      'income_below_standard',
      'income_near_standard',
      'medical_cost_high',
      'medical_cost_very_high',
      'income_fall',
      'disaster_loss',
      'guarantee_schooling',
      'guarantee_insurance',
      'guarantee_housing',
      'guarantee_water',
      'no_labour',
      'severe_disability_or_major_disease',
    ],
  })
  code!: string;

  @ApiProperty()
  points!: number;

  @ApiProperty({
    example: 'out-of-pocket medical cost 14,200 yuan in 365 days, over the 12,228 yuan threshold (...)',
  })
  explanation!: string;

  @ApiProperty({ example: '365天内个人自付医疗费用14,200元，超过预警线12,228元（...）' })
  explanationZh!: string;

  @ApiProperty({ type: [String], description: 'ids of the events behind the factor' })
  evidence!: string[];
}

export class HouseholdFiguresDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'household net income used, fen (null without any income figure)',
  })
  householdNetIncomeFen!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'per-capita income after out-of-pocket medical cost, fen',
  })
  perCapitaIncomeAfterRigidFen!: number | null;

  @ApiProperty({ description: 'out-of-pocket medical cost in the policy window, fen' })
  outOfPocketInWindowFen!: number;

  @ApiProperty({ description: 'medical cost threshold that applied, fen' })
  medicalThresholdFen!: number;

  @ApiProperty({ description: 'monitoring standard (per capita per year), fen' })
  monitoringStandardFen!: number;

  @ApiProperty({ type: [String], enum: ['schooling', 'insurance', 'housing', 'water'] })
  guaranteeGaps!: string[];

  @ApiProperty()
  formerlyPoor!: boolean;

  @ApiProperty()
  memberCount!: number;
}

export class HouseholdMemberDto {
  @ApiProperty()
  personId!: string;

  @ApiProperty({ description: 'masked (张*三) unless you act on the household’s case' })
  name!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '410423********001X',
    description: 'always masked: first 6 and last 4',
  })
  idNumber!: string | null;

  @ApiProperty({ enum: ['head', 'spouse', 'child', 'parent', 'other'] })
  relation!: string;

  @ApiProperty({ enum: ['full', 'partial', 'none'] })
  labourCapacity!: string;

  @ApiProperty({ type: Number, nullable: true, enum: [1, 2, 3, 4] })
  disabilityGrade!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['A', 'B', 'C', 'D'],
    description: 'A major disease, B curable acute, C registered chronic, D frail',
  })
  diseaseClass!: string | null;
}

/** `GET /api/v1/households/{id}` (DESIGN §8); explanationZh, figures and members are additions. */
export class HouseholdRiskDto {
  @ApiProperty({ example: 'H410423000001' })
  householdId!: string;

  @ApiProperty({ example: '410423203201' })
  regionCode!: string;

  @ApiProperty({ enum: ['unstable', 'marginal', 'sudden_hardship', 'none'] })
  category!: string;

  @ApiProperty({ minimum: 0, maximum: 100 })
  score!: number;

  @ApiProperty({ enum: ['low', 'medium', 'high'] })
  riskLevel!: string;

  @ApiProperty({ type: [RiskFactorDto] })
  factors!: RiskFactorDto[];

  @ApiProperty({ example: '41-2024.1' })
  policyVersion!: string;

  @ApiProperty({ type: String, nullable: true, description: 'the case open at that time' })
  openCaseId!: string | null;

  @ApiProperty({ format: 'date-time', description: 'business time the answer is for' })
  asOf!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'only events recorded by then were used (when asked)',
  })
  knownAt?: string;

  @ApiProperty({
    enum: ['read_model', 'replay'],
    description:
      'read_model: the monitor’s current assessment; replay: recomputed from the events for asOf/knownAt',
  })
  source!: string;

  @ApiProperty({ type: HouseholdFiguresDto })
  figures!: HouseholdFiguresDto;

  @ApiProperty({ type: [HouseholdMemberDto] })
  members!: HouseholdMemberDto[];
}
