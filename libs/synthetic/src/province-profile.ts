/**
 * The calibration of the synthetic province: the shares and rates that shape it, in one place.
 * Figures follow DOMAIN.md (Henan 2024 standard, national rural incomes, three layers of medical
 * cover); claim frequencies are tuned so the default 10,000 households give about 300,000 records.
 */
export const PROFILE = {
  /** Share of households registered poor (建档立卡) and lifted out 2016–2020. */
  formerlyPoorShare: 0.12,
  povertyExitYears: [
    [2016, 18],
    [2017, 22],
    [2018, 24],
    [2019, 26],
    [2020, 10],
  ] as const,
  /** Households that appear in the registry during the window (new households) rather than at its start. */
  newHouseholdShare: 0.02,

  /** Henan's monitoring standard, per capita per year (fen). */
  monitoringStandardFen: 830_000,
  /**
   * Per-capita net income, log-normal around these medians (yuan, the year before the window), scaled
   * by how much of the household can work; the lower tail straddles the monitoring standard.
   */
  incomeMedianYuan: { formerlyPoor: 12_000, other: 16_500 },
  incomeSigma: { formerlyPoor: 0.42, other: 0.55 },
  yearlyIncomeGrowth: 0.065,

  /** Shocks and guarantee checks, per household per year unless said otherwise. */
  incomeFallRate: 0.035,
  incomeRecoveryShare: 0.35,
  disasterRate: 0.02,
  dropoutRatePerPupil: 0.006,
  insuranceLapseRate: 0.015,
  housingAssessedShare: { formerlyPoor: 0.5, other: 0.12 },
  waterAssessedShare: { formerlyPoor: 0.4, other: 0.08 },
  disabilityOnsetRatePerPerson: 0.002,

  /** Claims reversed upstream; those reversed as `settlement_corrected` are settled again. */
  claimReversalShare: 0.01,
  /** Claims (and a few other reports) delivered weeks after they happened. */
  lateClaimShare: 0.02,

  /** Delivery faults: exact re-deliveries and malformed records, as shares of all records. */
  duplicateShare: 0.005,
  malformedShare: 0.001,
  /** Duplicates come back this many records later (a small bounded buffer). */
  duplicateDelayRecords: [500, 5_000] as const,
} as const;

type Weights<T> = readonly (readonly [T, number])[];

/** Household sizes (members), formerly poor households smaller and older. */
// prettier-ignore
export const HOUSEHOLD_SIZES: { formerlyPoor: Weights<number>; other: Weights<number> } = {
  formerlyPoor: [[1, 18], [2, 28], [3, 18], [4, 16], [5, 11], [6, 6], [7, 3]],
  other: [[1, 10], [2, 21], [3, 21], [4, 21], [5, 15], [6, 9], [7, 3]],
};

// prettier-ignore
export const DISABILITY_GRADES_AT_REGISTRATION: Weights<1 | 2 | 3 | 4> = [[1, 10], [2, 20], [3, 30], [4, 40]];
// prettier-ignore
export const DISABILITY_GRADES_NEW: Weights<1 | 2 | 3 | 4> = [[1, 8], [2, 17], [3, 30], [4, 45]];
/** Disabilities left by a stroke, a brain haemorrhage or a broken femur. */
// prettier-ignore
export const DISABILITY_GRADES_AFTER_INJURY: Weights<2 | 3 | 4> = [[2, 30], [3, 40], [4, 30]];

// prettier-ignore
export const INCOME_FALL_REASONS: Weights<string> = [
  ['job_loss', 35], ['business_failure', 15], ['illness_of_earner', 20],
  ['wage_arrears', 10], ['crop_failure', 10], ['migrant_work_ended', 10],
];

/** Disasters by season in Henan: summer floods and hail, spring drought, winter fires and frost. */
// prettier-ignore
export const DISASTER_KINDS: { summer: Weights<string>; spring: Weights<string>; winter: Weights<string> } = {
  summer: [['flood', 45], ['hail', 20], ['storm', 20], ['drought', 15]],
  spring: [['drought', 40], ['hail', 30], ['storm', 30]],
  winter: [['fire', 40], ['frost', 25], ['snow', 20], ['drought', 15]],
};

/** Housing safety grades when a house is assessed (C and D are unsafe). */
// prettier-ignore
export const HOUSING_GRADES: { formerlyPoor: Weights<'A' | 'B' | 'C' | 'D'>; other: Weights<'A' | 'B' | 'C' | 'D'> } = {
  formerlyPoor: [['A', 55], ['B', 38], ['C', 5], ['D', 2]],
  other: [['A', 62], ['B', 33], ['C', 4], ['D', 1]],
};

// prettier-ignore
export const REVERSAL_REASONS: Weights<string> = [
  ['settlement_corrected', 55], ['duplicate_settlement', 20], ['cancelled_by_patient', 15], ['fraudulent_claim', 10],
];

/**
 * National rural per-capita disposable income by year (yuan), the base of the medical-cost
 * thresholds (DESIGN §4): formerly poor households above 50% of the prior year's figure, others 100%.
 */
export const RURAL_DISPOSABLE_INCOME_YUAN: Readonly<Record<number, number>> = {
  2020: 17_131,
  2021: 18_931,
  2022: 20_133,
  2023: 21_691,
  2024: 23_119,
  2025: 24_456,
};

/** The figure of the latest year before `year` that is known. */
export const priorYearRuralIncomeYuan = (year: number): number => {
  const years = Object.keys(RURAL_DISPOSABLE_INCOME_YUAN)
    .map(Number)
    .filter((known) => known < year)
    .sort((a, b) => b - a);
  const latest = years[0] ?? Math.min(...Object.keys(RURAL_DISPOSABLE_INCOME_YUAN).map(Number));
  return RURAL_DISPOSABLE_INCOME_YUAN[latest] as number;
};
