import type { ClaimSettledData, InstitutionLevel, VisitType } from './household.events';
import { defineUpcaster } from './upcasting';

/**
 * `ClaimSettled` v1: the shape the first medical-insurance interface sent, before the three layers of
 * cover were reported apart. Like the national settlement record's `fund_pay_sumamt`, it carried one
 * combined `fundPaidFen` (basic insurance + critical-illness insurance + medical assistance), and it
 * had no commercial insurance or hospital waiver: such help, where there was any, arrived in `otherFen`.
 * Its parts add up the same way: fundPaidFen + otherFen + outOfPocketFen = totalFen.
 */
export interface ClaimSettledV1Data {
  householdId: string;
  claimId: string;
  personId: string;
  visitType: VisitType;
  institutionLevel: InstitutionLevel;
  inCounty: boolean;
  diagnosisCode: string;
  totalFen: number;
  policyCoveredFen: number;
  /** Every fund together: basic insurance, critical-illness insurance and medical assistance. */
  fundPaidFen: number;
  otherFen: number;
  outOfPocketFen: number;
}

/**
 * v1 → v2. The combined fund payment cannot be split after the fact, so it is booked as basic
 * insurance — the first payer and nearly always the largest — with critical-illness insurance and
 * medical assistance at 0; commercial insurance and hospital waiver are 0 because v1 reported them in
 * `otherFen`, which is kept. Every total the risk policy uses (total, policy-covered, out-of-pocket) is
 * carried over exactly, and the v2 parts still add up to the total.
 */
export const claimSettledV1ToV2 = defineUpcaster<ClaimSettledV1Data, ClaimSettledData>(
  'ClaimSettled',
  1,
  (v1) => ({
    householdId: v1.householdId,
    claimId: v1.claimId,
    personId: v1.personId,
    visitType: v1.visitType,
    institutionLevel: v1.institutionLevel,
    inCounty: v1.inCounty,
    diagnosisCode: v1.diagnosisCode,
    totalFen: v1.totalFen,
    policyCoveredFen: v1.policyCoveredFen,
    basicInsuranceFen: v1.fundPaidFen,
    criticalIllnessFen: 0,
    medicalAssistanceFen: 0,
    commercialInsuranceFen: 0,
    hospitalWaiverFen: 0,
    otherFen: v1.otherFen,
    outOfPocketFen: v1.outOfPocketFen,
  }),
);
