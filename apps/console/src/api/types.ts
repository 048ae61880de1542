/** The reporting API's answers, as the console reads them (DESIGN §8; OpenAPI at /docs). */

export const CATEGORIES = ['unstable', 'marginal', 'sudden_hardship', 'none'] as const;
export type Category = (typeof CATEGORIES)[number];

export const STAGES = [
  'open',
  'verified',
  'assisting',
  'long_term_follow_up',
  'risk_eliminated',
  'dismissed',
] as const;
export type Stage = (typeof STAGES)[number];

export const ROLES = ['province_staff', 'county_officer', 'bureau', 'admin', 'ingest'] as const;
export type Role = (typeof ROLES)[number];

export const MEASURE_TYPES = [
  'medical',
  'employment',
  'industry',
  'social_assistance',
  'education',
  'housing',
  'drinking_water',
  'temporary_relief',
  'insurance',
  'social_help',
] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

export interface CaseQueueItem {
  caseId: string;
  householdId: string;
  regionCode: string;
  category: Category;
  stage: Stage;
  score: number;
  openedAt: string;
  verificationDueAt: string;
  assistanceDueAt: string;
  overdue: boolean;
  escalationLevel: 'none' | 'city' | 'province';
}

export interface CaseQueuePage {
  items: CaseQueueItem[];
  nextCursor: string | null;
  total: number;
}

export interface HistoryEntry {
  eventId: string;
  stream: 'household' | 'case';
  caseId: string | null;
  type: string;
  occurredAt: string;
  recordedAt: string;
  source: string;
  actor: string | null;
  summary: string;
  summaryZh: string;
}

export interface CaseDetail extends CaseQueueItem {
  riskLevel: 'low' | 'medium' | 'high';
  factors: { code: string; points: number; evidence: string[] }[];
  policyVersion: string;
  verifiedAt: string | null;
  verificationOutcome: 'confirmed' | 'dismissed' | null;
  firstAssistanceAt: string | null;
  assistanceCount: number;
  closedAt: string | null;
  closedReason: string | null;
  history: HistoryEntry[];
}

export interface RiskFactor {
  code: string;
  points: number;
  explanation: string;
  explanationZh: string;
  evidence: string[];
}

export interface HouseholdMember {
  personId: string;
  name: string;
  idNumber: string | null;
  relation: string;
  labourCapacity: string;
  disabilityGrade: number | null;
  diseaseClass: string | null;
}

export interface HouseholdRisk {
  householdId: string;
  regionCode: string;
  category: Category;
  score: number;
  riskLevel: 'low' | 'medium' | 'high';
  factors: RiskFactor[];
  policyVersion: string;
  openCaseId: string | null;
  asOf: string;
  source: 'read_model' | 'replay';
  figures: {
    householdNetIncomeFen: number | null;
    perCapitaIncomeAfterRigidFen: number | null;
    outOfPocketInWindowFen: number;
    medicalThresholdFen: number;
    monitoringStandardFen: number;
    guaranteeGaps: string[];
    formerlyPoor: boolean;
    memberCount: number;
  };
  members: HouseholdMember[];
}

export interface HouseholdTimeline {
  householdId: string;
  regionCode: string;
  items: HistoryEntry[];
}

export interface DeadlineCompliance {
  due: number;
  metInTime: number;
  share: number | null;
}

export interface RegionFigures {
  regionCode: string;
  households: {
    total: number;
    byCategory: Record<string, number>;
    byRiskLevel: Record<string, number>;
    byCategoryAndRiskLevel: Record<string, Record<string, number>>;
  };
  cases: { total: number; byStage: Record<string, number>; openedInPeriod: number };
  deadlines: {
    verification: DeadlineCompliance;
    assistance: DeadlineCompliance;
    overdueNow: number;
    escalated: { city: number; province: number };
  };
}

export interface RegionStats {
  computedAt: string;
  period: { from: string; to: string };
  region: RegionFigures;
  children: RegionFigures[];
}

export interface ExchangeBatch {
  batchId: string;
  sequence: number;
  generatedAt: string;
  rowCount: number;
  files: { name: string; size: number; sha256: string }[];
  triggeredBy: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export interface OfficerCommandResult {
  caseId: string;
  stage: Stage;
  version: number;
  events: string[];
}

export interface DevUser {
  sub: string;
  role: Role;
  region: string;
  label: string;
  labelZh: string;
}
