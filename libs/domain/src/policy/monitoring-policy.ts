import { z } from 'zod';
import type { CasePolicy } from '../case/case-policy';
import type { DiseaseClass, DisabilityGrade, HousingGrade } from '../events/household.events';
import type { FactorCode } from '../risk/risk-assessment';
import { parseCivilDate, parseUtcOffset } from '../household/business-time';

/**
 * A province's monitoring policy as data (DESIGN §4, §5): one document per province and effective
 * date, so a province changes parameters without code changes. Money in fen, shares in whole percent,
 * windows in days. `policyVersion` is recorded on every assessment and case.
 */

/** Share of the national rural per-capita disposable income of the latest year before the assessment's year. */
export interface ShareOfRuralIncomeThreshold {
  kind: 'share_of_prior_year_rural_income';
  formerlyPoorOrMonitoredPercent: number;
  othersPercent: number;
}
/** Fixed sums, as in Xi'an or Zhengzhou. */
export interface FixedSumThreshold {
  kind: 'fixed_sum';
  formerlyPoorOrMonitoredFen: number;
  othersFen: number;
}
export type MedicalThreshold = ShareOfRuralIncomeThreshold | FixedSumThreshold;

export interface MonitoringPolicy {
  /** `<province>-<year>.<revision>`, e.g. `41-2024.1`. */
  policyVersion: string;
  /** 2-digit province code (first two digits of the region code). */
  provinceCode: string;
  name: string;
  /** Where the figures come from. */
  source: string;
  /** YYYY-MM-DD: in force from midnight of that day at `utcOffset`. */
  effectiveFrom: string;
  /** The province's clock, for calendar years, dates in explanations and ages. */
  utcOffset: string;
  income: {
    /** Yearly per-capita net income line. */
    monitoringStandardFen: number;
    /** `income_near_standard` up to this many percent above the standard (inclusive). */
    nearStandardPercent: number;
    /** `income_fall` when the reported monthly income is at least this many percent below the assessment's. */
    fallPercent: number;
    /** ...and was reported within this many days of the assessment time. */
    fallWithinDays: number;
  };
  medical: {
    /** Out-of-pocket cost counts over (asOf − windowDays, asOf]. */
    windowDays: number;
    threshold: MedicalThreshold;
    /** `medical_cost_very_high` over this multiple of the threshold. */
    veryHighMultiple: number;
  };
  /** National rural per-capita disposable income by year (fen), for share thresholds. */
  nationalRuralIncomeFen: Record<string, number>;
  disaster: {
    /** `disaster_loss` when losses in the window reach this share of household net income. */
    lossSharePercent: number;
    windowDays: number;
  };
  /** A shock factor counts as recent (sudden hardship) when its events are within this many days. */
  recentShockDays: number;
  guarantees: {
    /** A dropout counts as a schooling gap while the member is younger than this. */
    compulsorySchoolingUntilAge: number;
    unsafeHousingGrades: HousingGrade[];
  };
  health: {
    severeDisabilityGrades: DisabilityGrade[];
    majorDiseaseClasses: DiseaseClass[];
  };
  scorecard: {
    points: Record<FactorCode, number>;
    cap: number;
    /** Score at or above it raises an alert (and opens a case). */
    alertThreshold: number;
    /** Risk level medium from this score, high from `highFrom`; low below. */
    mediumFrom: number;
    highFrom: number;
  };
  case: CasePolicy;
}

const MAX_WINDOW_DAYS = 730; // the household state keeps facts for HOUSEHOLD_RETENTION_DAYS; see there.

const fen = z.int().nonnegative();
const positiveFen = z.int().positive();
const percent = z.int().min(0).max(1000);
const windowDays = z.int().min(1).max(MAX_WINDOW_DAYS);
const points = z.int().min(0).max(100);

const factorCodes = [
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
] as const satisfies readonly FactorCode[];

const civilDate = z
  .string()
  .refine((value) => parseCivilDate(value) !== undefined, { message: 'expected a calendar date YYYY-MM-DD' });

const casePolicySchema = z.strictObject({
  verificationDays: z.int().min(1).max(365),
  assistanceDays: z.int().min(1).max(365),
  escalateToCityAfterDays: z.int().min(0).max(365),
  escalateToProvinceAfterDays: z.int().min(0).max(365),
  stableIncomeMonths: z.int().min(0).max(60),
}) satisfies z.ZodType<CasePolicy>;

export const monitoringPolicySchema = z
  .strictObject({
    policyVersion: z
      .string()
      .regex(/^\d{2}-\d{4}\.\d+$/, 'expected <province>-<year>.<revision>, e.g. 41-2024.1'),
    provinceCode: z.string().regex(/^\d{2}$/, 'expected the 2-digit province code'),
    name: z.string().min(1),
    source: z.string().min(1),
    effectiveFrom: civilDate,
    utcOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/, 'expected an offset like +08:00'),
    income: z.strictObject({
      monitoringStandardFen: positiveFen,
      nearStandardPercent: percent,
      fallPercent: z.int().min(1).max(100),
      fallWithinDays: windowDays,
    }),
    medical: z.strictObject({
      windowDays,
      threshold: z.discriminatedUnion('kind', [
        z.strictObject({
          kind: z.literal('share_of_prior_year_rural_income'),
          formerlyPoorOrMonitoredPercent: percent,
          othersPercent: percent,
        }),
        z.strictObject({
          kind: z.literal('fixed_sum'),
          formerlyPoorOrMonitoredFen: fen,
          othersFen: fen,
        }),
      ]),
      veryHighMultiple: z.int().min(1).max(100),
    }),
    nationalRuralIncomeFen: z
      .record(z.string().regex(/^\d{4}$/, 'expected a 4-digit year'), positiveFen)
      .refine((table) => Object.keys(table).length > 0, 'at least one year is needed'),
    disaster: z.strictObject({ lossSharePercent: percent, windowDays }),
    recentShockDays: windowDays,
    guarantees: z.strictObject({
      compulsorySchoolingUntilAge: z.int().min(1).max(30),
      unsafeHousingGrades: z.array(z.enum(['A', 'B', 'C', 'D'])),
    }),
    health: z.strictObject({
      severeDisabilityGrades: z.array(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)])),
      majorDiseaseClasses: z.array(z.enum(['A', 'B', 'C', 'D'])),
    }),
    scorecard: z.strictObject({
      points: z.strictObject(
        Object.fromEntries(factorCodes.map((code) => [code, points])) as Record<FactorCode, typeof points>,
      ),
      cap: z.int().min(1).max(1000),
      alertThreshold: z.int().min(1).max(1000),
      mediumFrom: z.int().min(1).max(1000),
      highFrom: z.int().min(1).max(1000),
    }),
    case: casePolicySchema,
  })
  .superRefine((policy, context) => {
    if (parseUtcOffset(policy.utcOffset) === undefined) {
      context.addIssue({ code: 'custom', path: ['utcOffset'], message: 'offset out of range' });
    }
    if (!policy.policyVersion.startsWith(`${policy.provinceCode}-`)) {
      context.addIssue({
        code: 'custom',
        path: ['policyVersion'],
        message: `must start with the province code ${policy.provinceCode}-`,
      });
    }
    const threshold = policy.medical.threshold;
    const [lower, higher] =
      threshold.kind === 'fixed_sum'
        ? [threshold.formerlyPoorOrMonitoredFen, threshold.othersFen]
        : [threshold.formerlyPoorOrMonitoredPercent, threshold.othersPercent];
    if (lower > higher) {
      context.addIssue({
        code: 'custom',
        path: ['medical', 'threshold'],
        message: 'the formerly-poor-or-monitored threshold may not exceed the threshold for others',
      });
    }
    if (threshold.kind === 'share_of_prior_year_rural_income') {
      const firstYearNeeded = Number(policy.effectiveFrom.slice(0, 4)) - 1;
      if (!Object.keys(policy.nationalRuralIncomeFen).some((year) => Number(year) <= firstYearNeeded)) {
        context.addIssue({
          code: 'custom',
          path: ['nationalRuralIncomeFen'],
          message: `a share threshold needs the rural income of ${firstYearNeeded} or earlier (the year before the policy takes effect)`,
        });
      }
    }
    const { mediumFrom, highFrom, cap } = policy.scorecard;
    if (mediumFrom >= highFrom) {
      context.addIssue({
        code: 'custom',
        path: ['scorecard', 'highFrom'],
        message: 'must be above mediumFrom',
      });
    }
    if (policy.scorecard.alertThreshold > cap) {
      context.addIssue({
        code: 'custom',
        path: ['scorecard', 'alertThreshold'],
        message: 'an alert threshold above the score cap could never be reached',
      });
    }
    if (policy.case.escalateToProvinceAfterDays <= policy.case.escalateToCityAfterDays) {
      context.addIssue({
        code: 'custom',
        path: ['case', 'escalateToProvinceAfterDays'],
        message: 'must be later than escalateToCityAfterDays',
      });
    }
  });

// The schema's output is exactly the documented type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const schemaMatchesType: Same<z.output<typeof monitoringPolicySchema>, MonitoringPolicy> = true;
void schemaMatchesType;

export class InvalidPolicyDocument extends Error {
  constructor(
    readonly label: string,
    readonly issues: string,
  ) {
    super(`invalid monitoring policy ${label}:\n${issues}`);
    this.name = 'InvalidPolicyDocument';
  }
}

const labelOf = (raw: unknown, index?: number): string => {
  const version =
    typeof raw === 'object' &&
    raw !== null &&
    typeof (raw as { policyVersion?: unknown }).policyVersion === 'string'
      ? (raw as { policyVersion: string }).policyVersion
      : undefined;
  if (version !== undefined) return index === undefined ? version : `${version} (document ${index})`;
  return index === undefined ? 'document' : `document ${index}`;
};

/** Validates one document; throws InvalidPolicyDocument naming the document and every bad field. */
export const parsePolicyDocument = (raw: unknown, label = labelOf(raw)): MonitoringPolicy => {
  const result = monitoringPolicySchema.safeParse(raw);
  if (!result.success) throw new InvalidPolicyDocument(label, z.prettifyError(result.error));
  return result.data;
};

/** Validates a set of documents: each one, and that no province has two documents for the same date or version. */
export const parsePolicyDocuments = (raws: readonly unknown[]): MonitoringPolicy[] => {
  const documents = raws.map((raw, index) => parsePolicyDocument(raw, labelOf(raw, index)));
  const versions = new Set<string>();
  const effective = new Set<string>();
  documents.forEach((document, index) => {
    if (versions.has(document.policyVersion)) {
      throw new InvalidPolicyDocument(
        labelOf(document, index),
        `✖ policyVersion ${document.policyVersion} appears twice`,
      );
    }
    const key = `${document.provinceCode}@${document.effectiveFrom}`;
    if (effective.has(key)) {
      throw new InvalidPolicyDocument(
        labelOf(document, index),
        `✖ province ${document.provinceCode} has two documents effective from ${document.effectiveFrom}`,
      );
    }
    versions.add(document.policyVersion);
    effective.add(key);
  });
  return documents;
};
