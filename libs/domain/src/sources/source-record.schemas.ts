import { z } from 'zod';
import { parseIdNumber } from '../identifiers/resident-id-number';
import { formatFen, MAX_CLAIM_FEN, MAX_INCOME_FEN, MAX_LOSS_FEN } from '../money/fen';
import { formatIsoDate } from '../time/calendar';
import {
  calendarDateField,
  dateTimeField,
  diagnosisCodeField,
  entityIdField,
  fenField,
  idNumberField,
  nameField,
  sourceIdField,
  textField,
  villageCodeField,
  yearField,
} from './record-fields';
import type { SourceRecordType } from './source-topics';
import {
  DISABILITY_GRADES,
  DISEASE_CLASSES,
  HOUSING_GRADES,
  INSTITUTION_LEVELS,
  LABOUR_CAPACITIES,
  RELATIONS,
  SOCIAL_ASSISTANCE_PROGRAMMES,
  VISIT_TYPES,
} from './source-vocabularies';

/**
 * Schemas of the source records departments send (DESIGN §8), checked on their own: shapes, ranges,
 * vocabularies and the rules inside one record. Rules that need the clock or compare with the
 * record's business time live in `source-record.validator.ts`.
 *
 * Unknown fields are rejected, not stripped: the records are a versioned contract (`/api/v1`), and a
 * misspelt optional field (`disabilityGrad`) would otherwise vanish without a word and the household
 * be scored without it. A sender that adds a field gets told at once, by reason, in the dead-letter
 * queue. Optional fields may be absent or null (senders that serialise every field write null).
 */

/** Targeted poverty registration (建档立卡) began in 2014: no household left poverty before that. */
export const EARLIEST_POVERTY_EXIT_YEAR = 2014;
/** Larger "households" are data errors (a whole village under one id, say). */
export const MAX_HOUSEHOLD_MEMBERS = 50;
export const MAX_REASON_LENGTH = 500;

const header = <T extends SourceRecordType>(type: T) => ({
  type: z.literal(type),
  sourceId: sourceIdField,
  occurredAt: dateTimeField,
  householdId: entityIdField,
});

export const memberSchema = z
  .strictObject({
    personId: entityIdField,
    idNumber: idNumberField,
    name: nameField,
    relation: z.enum(RELATIONS),
    birthDate: calendarDateField,
    labourCapacity: z.enum(LABOUR_CAPACITIES),
    disabilityGrade: z.literal(DISABILITY_GRADES).nullish(),
    diseaseClass: z.enum(DISEASE_CLASSES).nullish(),
  })
  .superRefine((member, ctx) => {
    const id = parseIdNumber(member.idNumber);
    if (id.ok && formatIsoDate(id.value.birthDate) !== member.birthDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['birthDate'],
        message: 'does not match the birth date in idNumber',
      });
    }
  });

export const householdRegisteredRecordSchema = z
  .strictObject({
    ...header('household_registered'),
    regionCode: villageCodeField,
    formerlyPoor: z.boolean(),
    povertyExitYear: yearField(EARLIEST_POVERTY_EXIT_YEAR, 9999).nullish(),
    members: z.array(memberSchema).min(1).max(MAX_HOUSEHOLD_MEMBERS),
  })
  .superRefine((record, ctx) => {
    if (record.povertyExitYear != null && !record.formerlyPoor) {
      ctx.addIssue({
        code: 'custom',
        path: ['povertyExitYear'],
        message: 'is only for formerly poor households, and formerlyPoor is false',
      });
    }
    const reportRepeats = (key: 'personId' | 'idNumber') => {
      const seen = new Map<string, number>();
      record.members.forEach((member, index) => {
        const earlier = seen.get(member[key]);
        if (earlier === undefined) seen.set(member[key], index);
        else
          ctx.addIssue({
            code: 'custom',
            path: ['members', index, key],
            message: `repeats members[${earlier}].${key}`,
          });
      });
    };
    reportRepeats('personId');
    reportRepeats('idNumber');
    const heads = record.members.flatMap((member, index) => (member.relation === 'head' ? [index] : []));
    if (heads.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['members'], message: "no member is the head (relation 'head')" });
    }
    for (const index of heads.slice(1)) {
      ctx.addIssue({
        code: 'custom',
        path: ['members', index, 'relation'],
        message: `a household has one head, and members[${heads[0]}] is the head`,
      });
    }
  });

export const memberAddedRecordSchema = z.strictObject({
  ...header('member_added'),
  member: memberSchema,
  reason: textField(MAX_REASON_LENGTH),
});

export const memberRemovedRecordSchema = z.strictObject({
  ...header('member_removed'),
  personId: entityIdField,
  reason: textField(MAX_REASON_LENGTH),
});

export const labourCapacityChangedRecordSchema = z.strictObject({
  ...header('labour_capacity_changed'),
  personId: entityIdField,
  labourCapacity: z.enum(LABOUR_CAPACITIES),
});

export const disabilityRecordedRecordSchema = z.strictObject({
  ...header('disability_recorded'),
  personId: entityIdField,
  disabilityGrade: z.literal(DISABILITY_GRADES),
});

export const socialAssistanceChangedRecordSchema = z.strictObject({
  ...header('social_assistance_changed'),
  programme: z.enum(SOCIAL_ASSISTANCE_PROGRAMMES),
  enrolled: z.boolean(),
});

export const disasterReportedRecordSchema = z.strictObject({
  ...header('disaster_reported'),
  /** Free text as the emergency-management office names it (flood, drought, hail, fire, ...). */
  kind: textField(64),
  lossFen: fenField(MAX_LOSS_FEN),
});

export const schoolDropoutReportedRecordSchema = z.strictObject({
  ...header('school_dropout_reported'),
  personId: entityIdField,
});

export const schoolReturnReportedRecordSchema = z.strictObject({
  ...header('school_return_reported'),
  personId: entityIdField,
});

export const medicalInsuranceChangedRecordSchema = z.strictObject({
  ...header('medical_insurance_changed'),
  personId: entityIdField,
  insured: z.boolean(),
});

export const housingSafetyAssessedRecordSchema = z.strictObject({
  ...header('housing_safety_assessed'),
  grade: z.enum(HOUSING_GRADES),
});

export const drinkingWaterAssessedRecordSchema = z.strictObject({
  ...header('drinking_water_assessed'),
  safe: z.boolean(),
});

export const incomeAssessedRecordSchema = z
  .strictObject({
    ...header('income_assessed'),
    year: yearField(2000, 9999),
    householdNetIncomeFen: fenField(MAX_INCOME_FEN),
    perCapitaNetIncomeFen: fenField(MAX_INCOME_FEN),
  })
  .superRefine((record, ctx) => {
    if (record.perCapitaNetIncomeFen > record.householdNetIncomeFen) {
      ctx.addIssue({
        code: 'custom',
        path: ['perCapitaNetIncomeFen'],
        message: `should not exceed householdNetIncomeFen (${formatFen(record.householdNetIncomeFen)})`,
      });
    }
  });

export const incomeChangeReportedRecordSchema = z.strictObject({
  ...header('income_change_reported'),
  monthlyIncomeFen: fenField(MAX_INCOME_FEN),
  reason: textField(MAX_REASON_LENGTH),
});

/** The payers of a claim, which with the out-of-pocket part add up to its total (DESIGN §3). */
export const CLAIM_PARTS = [
  'basicInsuranceFen',
  'criticalIllnessFen',
  'medicalAssistanceFen',
  'commercialInsuranceFen',
  'hospitalWaiverFen',
  'otherFen',
  'outOfPocketFen',
] as const;

export const claimSettledRecordSchema = z
  .strictObject({
    ...header('claim_settled'),
    personId: entityIdField,
    visitType: z.enum(VISIT_TYPES),
    institutionLevel: z.enum(INSTITUTION_LEVELS),
    inCounty: z.boolean(),
    diagnosisCode: diagnosisCodeField,
    totalFen: fenField(MAX_CLAIM_FEN),
    policyCoveredFen: fenField(MAX_CLAIM_FEN),
    basicInsuranceFen: fenField(MAX_CLAIM_FEN),
    criticalIllnessFen: fenField(MAX_CLAIM_FEN),
    medicalAssistanceFen: fenField(MAX_CLAIM_FEN),
    commercialInsuranceFen: fenField(MAX_CLAIM_FEN),
    hospitalWaiverFen: fenField(MAX_CLAIM_FEN),
    otherFen: fenField(MAX_CLAIM_FEN),
    outOfPocketFen: fenField(MAX_CLAIM_FEN),
  })
  .superRefine((claim, ctx) => {
    // Each part is capped at 10^10 fen, so the sum stays an exact integer.
    const parts = CLAIM_PARTS.reduce((sum, part) => sum + claim[part], 0);
    if (parts !== claim.totalFen) {
      ctx.addIssue({
        code: 'custom',
        path: ['totalFen'],
        message:
          `is ${formatFen(claim.totalFen)} but the payers and out-of-pocket add up to ${formatFen(parts)} ` +
          `(${CLAIM_PARTS.join(' + ')})`,
      });
    }
    if (claim.policyCoveredFen > claim.totalFen) {
      ctx.addIssue({
        code: 'custom',
        path: ['policyCoveredFen'],
        message: `should not exceed totalFen (${formatFen(claim.totalFen)})`,
      });
    }
    if (claim.inCounty && claim.institutionLevel === 'out_of_province') {
      ctx.addIssue({
        code: 'custom',
        path: ['inCounty'],
        message: "cannot be true for an institution at level 'out_of_province'",
      });
    }
  });

export const claimReversedRecordSchema = z.strictObject({
  ...header('claim_reversed'),
  /** The `sourceId` of the settled claim. */
  claimId: sourceIdField,
  reason: textField(MAX_REASON_LENGTH),
});

export const SOURCE_RECORD_SCHEMAS = {
  household_registered: householdRegisteredRecordSchema,
  member_added: memberAddedRecordSchema,
  member_removed: memberRemovedRecordSchema,
  labour_capacity_changed: labourCapacityChangedRecordSchema,
  disability_recorded: disabilityRecordedRecordSchema,
  social_assistance_changed: socialAssistanceChangedRecordSchema,
  disaster_reported: disasterReportedRecordSchema,
  school_dropout_reported: schoolDropoutReportedRecordSchema,
  school_return_reported: schoolReturnReportedRecordSchema,
  medical_insurance_changed: medicalInsuranceChangedRecordSchema,
  housing_safety_assessed: housingSafetyAssessedRecordSchema,
  drinking_water_assessed: drinkingWaterAssessedRecordSchema,
  income_assessed: incomeAssessedRecordSchema,
  income_change_reported: incomeChangeReportedRecordSchema,
  claim_settled: claimSettledRecordSchema,
  claim_reversed: claimReversedRecordSchema,
} as const satisfies Record<SourceRecordType, z.ZodType>;

/** A valid record of each type, as parsed. */
export type SourceRecordOf<T extends SourceRecordType> = z.output<(typeof SOURCE_RECORD_SCHEMAS)[T]>;
/** What a sender may write for each type (optional fields may also be null). */
export type SourceRecordInput<T extends SourceRecordType> = z.input<(typeof SOURCE_RECORD_SCHEMAS)[T]>;

export type MemberRecord = z.output<typeof memberSchema>;
export type HouseholdRegisteredRecord = SourceRecordOf<'household_registered'>;
export type MemberAddedRecord = SourceRecordOf<'member_added'>;
export type MemberRemovedRecord = SourceRecordOf<'member_removed'>;
export type LabourCapacityChangedRecord = SourceRecordOf<'labour_capacity_changed'>;
export type DisabilityRecordedRecord = SourceRecordOf<'disability_recorded'>;
export type SocialAssistanceChangedRecord = SourceRecordOf<'social_assistance_changed'>;
export type DisasterReportedRecord = SourceRecordOf<'disaster_reported'>;
export type SchoolDropoutReportedRecord = SourceRecordOf<'school_dropout_reported'>;
export type SchoolReturnReportedRecord = SourceRecordOf<'school_return_reported'>;
export type MedicalInsuranceChangedRecord = SourceRecordOf<'medical_insurance_changed'>;
export type HousingSafetyAssessedRecord = SourceRecordOf<'housing_safety_assessed'>;
export type DrinkingWaterAssessedRecord = SourceRecordOf<'drinking_water_assessed'>;
export type IncomeAssessedRecord = SourceRecordOf<'income_assessed'>;
export type IncomeChangeReportedRecord = SourceRecordOf<'income_change_reported'>;
export type ClaimSettledRecord = SourceRecordOf<'claim_settled'>;
export type ClaimReversedRecord = SourceRecordOf<'claim_reversed'>;

export type SourceRecord = { [T in SourceRecordType]: SourceRecordOf<T> }[SourceRecordType];
