import type { InstitutionLevel, VisitType } from '@monitoring/domain/events/household.events';
import type { Random } from './random';

/**
 * Splits one medical bill between the payers the way a settlement does (国办发〔2021〕42号's three
 * layers plus Zhuzhou's further lines of defence), in integer fen: basic insurance over a deductible,
 * critical-illness insurance only once the year's compliant self-paid cost passes its own
 * deductible, medical assistance mostly for formerly poor and social-assistance households,
 * commercial insurance, hospital waivers, a county backstop; the person pays the rest.
 */

export interface SettlementInput {
  totalFen: number;
  visitType: VisitType;
  institutionLevel: InstitutionLevel;
  inCounty: boolean;
  /** Dialysis and cancer care in outpatient clinics are reimbursed like a stay. */
  majorDisease: boolean;
  formerlyPoor: boolean;
  socialAssistance: 'dibao' | 'tekun' | undefined;
  commercialInsurance: boolean;
  /** The county caps in-county inpatient out-of-pocket cost of low-income people at 10% (Funing). */
  countyOutOfPocketCap: boolean;
}

/** What a person has already drawn this calendar year; settlement updates it. */
export interface PersonYearLedger {
  outpatientBasicFen: number;
  chronicBasicFen: number;
  /** Compliant self-paid cost so far, the base of critical-illness insurance. */
  compliantSelfPaidFen: number;
}

export interface SettlementParts {
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

export const emptyLedger = (): PersonYearLedger => ({
  outpatientBasicFen: 0,
  chronicBasicFen: 0,
  compliantSelfPaidFen: 0,
});

const YUAN = 100;

/** Inpatient deductible (起付线) and basic reimbursement rate by institution level. */
const INPATIENT_RULES: Readonly<
  Record<InstitutionLevel, { deductibleFen: number; rate: number; covered: [number, number] }>
> = {
  village: { deductibleFen: 100 * YUAN, rate: 0.9, covered: [0.95, 1] },
  township: { deductibleFen: 200 * YUAN, rate: 0.85, covered: [0.92, 0.98] },
  county: { deductibleFen: 500 * YUAN, rate: 0.75, covered: [0.85, 0.95] },
  city: { deductibleFen: 800 * YUAN, rate: 0.65, covered: [0.8, 0.92] },
  province: { deductibleFen: 1_000 * YUAN, rate: 0.6, covered: [0.75, 0.9] },
  out_of_province: { deductibleFen: 1_500 * YUAN, rate: 0.5, covered: [0.65, 0.85] },
};

const OUTPATIENT_ANNUAL_CAP_FEN = 500 * YUAN;
const CHRONIC_ANNUAL_CAP_FEN = 5_000 * YUAN;
/** Critical-illness insurance: deductible and rising rates by band of the year's compliant self-paid cost. */
const CRITICAL_DEDUCTIBLE_FEN = { formerlyPoor: 7_500 * YUAN, other: 15_000 * YUAN };
const CRITICAL_BANDS: readonly (readonly [fromFen: number, rate: number])[] = [
  [0, 0.6],
  [50_000 * YUAN, 0.7],
  [100_000 * YUAN, 0.8],
];

export const settleClaim = (
  random: Random,
  input: SettlementInput,
  ledger: PersonYearLedger,
): SettlementParts => {
  const total = input.totalFen;
  const inpatientLike =
    input.visitType === 'inpatient' || (input.visitType === 'chronic_outpatient' && input.majorDisease);
  const rules = INPATIENT_RULES[input.institutionLevel];
  const coveredShare =
    input.visitType === 'inpatient'
      ? random.uniform(rules.covered[0], rules.covered[1])
      : input.institutionLevel === 'village' || input.institutionLevel === 'township'
        ? random.uniform(0.92, 1)
        : random.uniform(0.82, 0.97);
  const covered = Math.min(total, Math.round(total * coveredShare));
  const tilt = input.formerlyPoor ? 0.05 : 0;

  let basic: number;
  if (input.visitType === 'inpatient') {
    const deductible = input.formerlyPoor ? Math.round(rules.deductibleFen / 2) : rules.deductibleFen;
    basic = Math.floor(Math.max(0, covered - deductible) * Math.min(0.95, rules.rate + tilt));
  } else if (input.visitType === 'chronic_outpatient') {
    const rate = input.majorDisease ? 0.8 : 0.65;
    const wanted = Math.floor(covered * (rate + tilt));
    basic = input.majorDisease
      ? wanted
      : Math.min(wanted, Math.max(0, CHRONIC_ANNUAL_CAP_FEN - ledger.chronicBasicFen));
    ledger.chronicBasicFen += basic;
  } else {
    const rate = input.institutionLevel === 'village' || input.institutionLevel === 'township' ? 0.6 : 0.5;
    basic = Math.min(
      Math.floor(covered * rate),
      Math.max(0, OUTPATIENT_ANNUAL_CAP_FEN - ledger.outpatientBasicFen),
    );
    ledger.outpatientBasicFen += basic;
  }

  let compliantLeft = covered - basic;
  let critical = 0;
  if (inpatientLike) {
    const before = ledger.compliantSelfPaidFen;
    const after = before + compliantLeft;
    ledger.compliantSelfPaidFen = after;
    const deductible = input.formerlyPoor
      ? CRITICAL_DEDUCTIBLE_FEN.formerlyPoor
      : CRITICAL_DEDUCTIBLE_FEN.other;
    critical = Math.min(compliantLeft, criticalIllnessPayment(before, after, deductible, tilt));
    compliantLeft -= critical;
  }

  let assistance = 0;
  const lowIncome = input.formerlyPoor || input.socialAssistance !== undefined;
  if (compliantLeft > 0) {
    if (input.socialAssistance === 'tekun' && inpatientLike) {
      assistance = compliantLeft;
    } else if (lowIncome && inpatientLike) {
      assistance = Math.floor(compliantLeft * (input.socialAssistance === 'dibao' ? 0.75 : 0.65));
    } else if (lowIncome && random.chance(0.15)) {
      assistance = Math.floor(compliantLeft * 0.5);
    } else if (inpatientLike && compliantLeft > 10_000 * YUAN && random.chance(0.15)) {
      // Assistance on application (依申请救助) for a non-poor household hit by a large bill.
      assistance = Math.floor(compliantLeft * 0.5);
    }
    compliantLeft -= assistance;
  }

  let remaining = total - basic - critical - assistance;
  let commercial = 0;
  if (input.commercialInsurance && input.visitType === 'inpatient') {
    const threshold = (input.formerlyPoor ? 3_000 : 5_000) * YUAN;
    commercial = Math.min(
      remaining,
      Math.floor(Math.max(0, remaining - threshold) * random.uniform(0.5, 0.8)),
    );
    remaining -= commercial;
  }
  let waiver = 0;
  if (input.visitType === 'inpatient' && lowIncome && input.inCounty && random.chance(0.05)) {
    waiver = Math.min(remaining, Math.floor(total * random.uniform(0.02, 0.08)));
    remaining -= waiver;
  }
  let other = 0;
  const cap = Math.floor(total * 0.1);
  if (
    input.visitType === 'inpatient' &&
    lowIncome &&
    input.inCounty &&
    input.countyOutOfPocketCap &&
    remaining > cap
  ) {
    // Most such bills are topped up to the cap; the rest are the abnormal data counties chase.
    if (random.chance(0.85)) {
      other = remaining - cap;
      remaining = cap;
    }
  } else if (input.visitType === 'inpatient' && remaining > 20_000 * YUAN && random.chance(0.05)) {
    other = Math.min(remaining, random.int(1_000, 10_000) * YUAN);
    remaining -= other;
  }
  return {
    totalFen: total,
    policyCoveredFen: covered,
    basicInsuranceFen: basic,
    criticalIllnessFen: critical,
    medicalAssistanceFen: assistance,
    commercialInsuranceFen: commercial,
    hospitalWaiverFen: waiver,
    otherFen: other,
    outOfPocketFen: remaining,
  };
};

/** The critical-illness payment for moving the year's compliant self-paid cost from `before` to `after`. */
export const criticalIllnessPayment = (
  before: number,
  after: number,
  deductibleFen: number,
  tilt: number,
): number => {
  let payment = 0;
  CRITICAL_BANDS.forEach(([from, rate], index) => {
    const bandStart = deductibleFen + from;
    const bandEnd =
      index + 1 < CRITICAL_BANDS.length
        ? deductibleFen + (CRITICAL_BANDS[index + 1] as readonly [number, number])[0]
        : Infinity;
    const overlap = Math.min(after, bandEnd) - Math.max(before, bandStart);
    if (overlap > 0) payment += overlap * Math.min(0.95, rate + tilt);
  });
  return Math.floor(payment);
};

/** Whether the parts of a settlement add up and stay in range (the rule ingest enforces). */
export const settlementAddsUp = (parts: SettlementParts): boolean => {
  const payers = [
    parts.basicInsuranceFen,
    parts.criticalIllnessFen,
    parts.medicalAssistanceFen,
    parts.commercialInsuranceFen,
    parts.hospitalWaiverFen,
    parts.otherFen,
    parts.outOfPocketFen,
  ];
  return (
    [parts.totalFen, parts.policyCoveredFen, ...payers].every(
      (value) => Number.isSafeInteger(value) && value >= 0,
    ) &&
    parts.policyCoveredFen <= parts.totalFen &&
    payers.reduce((sum, value) => sum + value, 0) === parts.totalFen
  );
};
