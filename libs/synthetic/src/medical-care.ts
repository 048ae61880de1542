import type { InstitutionLevel, VisitType } from '@monitoring/domain/events/household.events';
import { type DiagnosisCode, diagnosis, inpatientDiagnosis, outpatientDiagnosis } from './diagnoses';
import type { Person } from './household-composer';
import type { Random } from './random';

/**
 * How often a person sees a doctor, for what, where, and what it costs: rates rise with age and with
 * disease classes A and C, and vary between people (gamma-distributed), so a few people make many
 * claims; bills are log-normal around each diagnosis's typical cost.
 */

export const VISIT_TYPES: readonly VisitType[] = ['outpatient', 'inpatient', 'chronic_outpatient'];

/** Outpatient visits and hospital stays per year by age band: <6, 6–17, 18–44, 45–59, 60–74, 75+. */
const OUTPATIENT_PER_YEAR = [6.3, 3, 3.6, 5.5, 7.8, 8.7] as const;
const INPATIENT_PER_YEAR = [0.12, 0.05, 0.08, 0.14, 0.26, 0.38] as const;
const OUTPATIENT_BY_CLASS = { A: 2, B: 1.5, C: 1.3, D: 1.5 } as const;
const INPATIENT_BY_CLASS = { A: 3, B: 2.5, C: 1.5, D: 2 } as const;

/** Yearly rates of each visit type for one person, drawn once per person. */
export const careRates = (random: Random, person: Person, age: number): Record<VisitType, number> => {
  const band = age < 6 ? 0 : age < 18 ? 1 : age < 45 ? 2 : age < 60 ? 3 : age < 75 ? 4 : 5;
  const cls = person.diseaseClass;
  const condition = person.condition;
  const cancer = condition !== undefined && condition.startsWith('C');
  const severeDisability = person.disabilityGrade === 1 || person.disabilityGrade === 2;
  const outpatient =
    OUTPATIENT_PER_YEAR[band] * (cls === undefined ? 1 : OUTPATIENT_BY_CLASS[cls]) * random.gammaMeanOne(0.6);
  let inpatient =
    INPATIENT_PER_YEAR[band] *
    (cls === undefined ? 1 : INPATIENT_BY_CLASS[cls]) *
    (severeDisability ? 1.4 : 1) *
    random.gammaMeanOne(0.8);
  // Cancer treatment comes in cycles of short stays.
  if (cancer) inpatient += random.uniform(2, 6);
  let chronic = 0;
  if (condition !== undefined && (cls === 'A' || cls === 'C') && diagnosis(condition).chronicYuan > 0) {
    // Monthly settlements of registered chronic and special diseases; dialysis every month.
    chronic = condition === 'N18' ? 12 : cancer ? 6 * random.uniform(0.5, 1) : 12 * random.uniform(0.3, 1);
  }
  return { outpatient, inpatient, chronic_outpatient: chronic };
};

/** The diagnosis of a visit: often the person's registered condition, otherwise an everyday one for the age. */
export const diagnose = (
  random: Random,
  person: Person,
  visitType: VisitType,
  age: number,
): DiagnosisCode => {
  const condition = person.condition;
  if (condition !== undefined) {
    if (visitType === 'chronic_outpatient') return condition;
    const cls = person.diseaseClass;
    const share =
      visitType === 'inpatient' ? (cls === 'A' ? 0.85 : cls === 'B' ? 0.6 : 0.4) : cls === 'A' ? 0.5 : 0.3;
    if (random.chance(share)) return condition;
  }
  return visitType === 'inpatient'
    ? inpatientDiagnosis(random, age, person.male)
    : outpatientDiagnosis(random, age);
};

// prettier-ignore
const OUTPATIENT_LEVELS: readonly (readonly [InstitutionLevel, number])[] = [
  ['village', 40], ['township', 35], ['county', 18], ['city', 5], ['province', 1.5], ['out_of_province', 0.5],
];
// prettier-ignore
const CHRONIC_LEVELS: readonly (readonly [InstitutionLevel, number])[] = [
  ['township', 30], ['county', 55], ['city', 12], ['province', 3],
];
// prettier-ignore
const MAJOR_CHRONIC_LEVELS: readonly (readonly [InstitutionLevel, number])[] = [
  ['county', 40], ['city', 40], ['province', 15], ['out_of_province', 5],
];
// prettier-ignore
const INPATIENT_LEVELS: readonly (readonly [InstitutionLevel, number])[] = [
  ['township', 18], ['county', 47], ['city', 20], ['province', 10], ['out_of_province', 5],
];
// prettier-ignore
const MAJOR_INPATIENT_LEVELS: readonly (readonly [InstitutionLevel, number])[] = [
  ['township', 3], ['county', 30], ['city', 30], ['province', 25], ['out_of_province', 12],
];

/** Where care happens: village clinics for everyday visits, county and higher hospitals for stays; major diseases go further. */
export const institutionFor = (
  random: Random,
  visitType: VisitType,
  majorDisease: boolean,
): InstitutionLevel => {
  if (visitType === 'outpatient') return random.weighted(OUTPATIENT_LEVELS);
  if (visitType === 'chronic_outpatient')
    return random.weighted(majorDisease ? MAJOR_CHRONIC_LEVELS : CHRONIC_LEVELS);
  return random.weighted(majorDisease ? MAJOR_INPATIENT_LEVELS : INPATIENT_LEVELS);
};

const OUTPATIENT_LEVEL_FACTOR: Readonly<Record<InstitutionLevel, number>> = {
  village: 0.5,
  township: 0.8,
  county: 1.2,
  city: 1.8,
  province: 2.5,
  out_of_province: 3,
};
const INPATIENT_LEVEL_FACTOR: Readonly<Record<InstitutionLevel, number>> = {
  village: 0.3,
  township: 0.45,
  county: 1,
  city: 1.5,
  province: 2.1,
  out_of_province: 2.6,
};

/** The total of a bill in fen (at least 5 yuan): log-normal around the diagnosis's typical cost at that level. */
export const billFor = (
  random: Random,
  visitType: VisitType,
  code: DiagnosisCode,
  level: InstitutionLevel,
): number => {
  const entry = diagnosis(code);
  const yuan =
    visitType === 'outpatient'
      ? random.logNormal(entry.outpatientYuan * OUTPATIENT_LEVEL_FACTOR[level], 0.75)
      : visitType === 'chronic_outpatient'
        ? random.logNormal(entry.chronicYuan, 0.35)
        : random.logNormal(entry.inpatientYuan * INPATIENT_LEVEL_FACTOR[level], 0.55);
  return Math.max(500, Math.round(yuan * 100));
};
