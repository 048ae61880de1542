import type { EventEnvelope } from './envelope';

/** Events of stream `household-<householdId>`: facts pushed by departments (DESIGN §3, §8). */

export type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'other';
export type LabourCapacity = 'full' | 'partial' | 'none';
export type DisabilityGrade = 1 | 2 | 3 | 4;
/** A: major disease (50-disease list), B: curable acute, C: registered chronic, D: frail. */
export type DiseaseClass = 'A' | 'B' | 'C' | 'D';
export type SocialAssistanceProgramme = 'dibao' | 'tekun';
export type HousingGrade = 'A' | 'B' | 'C' | 'D';
export type VisitType = 'inpatient' | 'outpatient' | 'chronic_outpatient';
export type InstitutionLevel = 'village' | 'township' | 'county' | 'city' | 'province' | 'out_of_province';

export interface Member {
  personId: string;
  /** 18-character resident ID (GB 11643). */
  idNumber: string;
  name: string;
  relation: Relation;
  /** YYYY-MM-DD. */
  birthDate: string;
  labourCapacity: LabourCapacity;
  disabilityGrade?: DisabilityGrade;
  diseaseClass?: DiseaseClass;
}

export interface HouseholdRegisteredData {
  householdId: string;
  /** 12-digit statistical division code. */
  regionCode: string;
  formerlyPoor: boolean;
  povertyExitYear?: number;
  members: Member[];
}
export interface MemberAddedData {
  householdId: string;
  member: Member;
  reason: string;
}
export interface MemberRemovedData {
  householdId: string;
  personId: string;
  reason: string;
}
export interface LabourCapacityChangedData {
  householdId: string;
  personId: string;
  labourCapacity: LabourCapacity;
}
export interface DisabilityRecordedData {
  householdId: string;
  personId: string;
  disabilityGrade: DisabilityGrade;
}
export interface SocialAssistanceChangedData {
  householdId: string;
  programme: SocialAssistanceProgramme;
  enrolled: boolean;
}
export interface DisasterReportedData {
  householdId: string;
  kind: string;
  lossFen: number;
}
export interface SchoolDropoutReportedData {
  householdId: string;
  personId: string;
}
export interface SchoolReturnReportedData {
  householdId: string;
  personId: string;
}
export interface MedicalInsuranceChangedData {
  householdId: string;
  personId: string;
  insured: boolean;
}
export interface HousingSafetyAssessedData {
  householdId: string;
  grade: HousingGrade;
}
export interface DrinkingWaterAssessedData {
  householdId: string;
  safe: boolean;
}
export interface IncomeAssessedData {
  householdId: string;
  year: number;
  householdNetIncomeFen: number;
  perCapitaNetIncomeFen: number;
}
/** The effective date is the event's business time (`metadata.occurredAt`). */
export interface IncomeChangeReportedData {
  householdId: string;
  monthlyIncomeFen: number;
  reason: string;
}
export interface ClaimSettledData {
  householdId: string;
  /** The upstream claim's `sourceId`. */
  claimId: string;
  personId: string;
  visitType: VisitType;
  institutionLevel: InstitutionLevel;
  inCounty: boolean;
  /** ICD-10. */
  diagnosisCode: string;
  totalFen: number;
  policyCoveredFen: number;
  basicInsuranceFen: number;
  criticalIllnessFen: number;
  medicalAssistanceFen: number;
  commercialInsuranceFen: number;
  hospitalWaiverFen: number;
  otherFen: number;
  outOfPocketFen: number;
}
export interface ClaimReversedData {
  householdId: string;
  claimId: string;
  reason: string;
}

export type HouseholdRegistered = EventEnvelope<'HouseholdRegistered', HouseholdRegisteredData>;
export type MemberAdded = EventEnvelope<'MemberAdded', MemberAddedData>;
export type MemberRemoved = EventEnvelope<'MemberRemoved', MemberRemovedData>;
export type LabourCapacityChanged = EventEnvelope<'LabourCapacityChanged', LabourCapacityChangedData>;
export type DisabilityRecorded = EventEnvelope<'DisabilityRecorded', DisabilityRecordedData>;
export type SocialAssistanceChanged = EventEnvelope<'SocialAssistanceChanged', SocialAssistanceChangedData>;
export type DisasterReported = EventEnvelope<'DisasterReported', DisasterReportedData>;
export type SchoolDropoutReported = EventEnvelope<'SchoolDropoutReported', SchoolDropoutReportedData>;
export type SchoolReturnReported = EventEnvelope<'SchoolReturnReported', SchoolReturnReportedData>;
export type MedicalInsuranceChanged = EventEnvelope<'MedicalInsuranceChanged', MedicalInsuranceChangedData>;
export type HousingSafetyAssessed = EventEnvelope<'HousingSafetyAssessed', HousingSafetyAssessedData>;
export type DrinkingWaterAssessed = EventEnvelope<'DrinkingWaterAssessed', DrinkingWaterAssessedData>;
export type IncomeAssessed = EventEnvelope<'IncomeAssessed', IncomeAssessedData>;
export type IncomeChangeReported = EventEnvelope<'IncomeChangeReported', IncomeChangeReportedData>;
export type ClaimSettled = EventEnvelope<'ClaimSettled', ClaimSettledData>;
export type ClaimReversed = EventEnvelope<'ClaimReversed', ClaimReversedData>;

export type HouseholdEvent =
  | HouseholdRegistered
  | MemberAdded
  | MemberRemoved
  | LabourCapacityChanged
  | DisabilityRecorded
  | SocialAssistanceChanged
  | DisasterReported
  | SchoolDropoutReported
  | SchoolReturnReported
  | MedicalInsuranceChanged
  | HousingSafetyAssessed
  | DrinkingWaterAssessed
  | IncomeAssessed
  | IncomeChangeReported
  | ClaimSettled
  | ClaimReversed;

export type HouseholdEventType = HouseholdEvent['type'];

export const householdStreamId = (householdId: string): string => `household-${householdId}`;
