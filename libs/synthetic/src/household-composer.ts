import type {
  DisabilityGrade,
  DiseaseClass,
  LabourCapacity,
  Relation,
} from '@monitoring/domain/events/household.events';
import { conditionFor, type DiagnosisCode } from './diagnoses';
import type { IdNumberIssuer } from './id-number-issuer';
import { formatDay } from './local-time';
import { pickGivenName, pickSurname } from './person-names';
import { DISABILITY_GRADES_AT_REGISTRATION, HOUSEHOLD_SIZES, PROFILE } from './province-profile';
import type { Random } from './random';
import type { County } from './region-tree';
import type { GeneratedMember } from './source-records';

/** A member as the generator knows them: the public fields plus what drives their records. */
export interface Person {
  personId: string;
  idNumber: string;
  name: string;
  relation: Relation;
  birthDate: string;
  birthDay: number;
  male: boolean;
  labourCapacity: LabourCapacity;
  disabilityGrade?: DisabilityGrade;
  diseaseClass?: DiseaseClass;
  /** The registered condition behind the disease class. */
  condition?: DiagnosisCode;
  /** First local day the person can see a doctor as a member, and the day after the last (death or leaving). */
  fromDay: number;
  untilDay: number;
  /** The registry's view: member from the registration or `member_added` instant until the `member_removed` one. */
  memberFrom: number;
  memberUntil: number;
}

export interface Household {
  householdId: string;
  regionCode: string;
  county: County;
  formerlyPoor: boolean;
  povertyExitYear?: number;
  registeredDay: number;
  members: Person[];
  /** Anti-poverty or city-sponsored commercial health insurance (防返贫保险 / 惠民保). */
  commercialInsurance: boolean;
  /** Next member number for person ids. */
  nextMemberNumber: number;
}

export const ageOn = (person: Pick<Person, 'birthDay'>, day: number): number =>
  Math.floor((day - person.birthDay) / 365.25);

export const toSourceMember = (person: Person): GeneratedMember => {
  const member: GeneratedMember = {
    personId: person.personId,
    idNumber: person.idNumber,
    name: person.name,
    relation: person.relation,
    birthDate: person.birthDate,
    labourCapacity: person.labourCapacity,
  };
  if (person.disabilityGrade !== undefined) member.disabilityGrade = person.disabilityGrade;
  if (person.diseaseClass !== undefined) member.diseaseClass = person.diseaseClass;
  return member;
};

export interface PersonDraft {
  relation: Relation;
  age: number;
  male: boolean;
  surname: string;
}

/** Household members as relatives: sizes, ages and relations of rural Henan households. */
export const draftMembers = (random: Random, formerlyPoor: boolean): PersonDraft[] => {
  const size = random.weighted(formerlyPoor ? HOUSEHOLD_SIZES.formerlyPoor : HOUSEHOLD_SIZES.other);
  const familyName = pickSurname(random);
  const drafts: PersonDraft[] = [];
  if (size === 1) {
    const elderly = random.chance(formerlyPoor ? 0.85 : 0.7);
    const age = elderly ? random.int(60, 92) : random.int(24, 55);
    drafts.push({ relation: 'head', age, male: random.chance(elderly ? 0.45 : 0.8), surname: familyName });
    return drafts;
  }
  const headAge = clamp(Math.round(random.normal() * 12 + (formerlyPoor ? 56 : 51)), 24, 88);
  const headMale = random.chance(0.86);
  drafts.push({ relation: 'head', age: headAge, male: headMale, surname: familyName });
  let free = size - 1;
  if (random.chance(headAge > 75 ? 0.65 : 0.92)) {
    const age = clamp(headAge + Math.round(random.normal() * 3 + (headMale ? -2 : 2)), 20, 95);
    drafts.push({ relation: 'spouse', age, male: !headMale, surname: pickSurname(random) });
    free -= 1;
  }
  if (free > 0 && headAge < 62 && random.chance(0.35)) {
    const parents = free >= 2 && random.chance(0.5) ? 2 : 1;
    const fatherAge = headAge + random.int(24, 33);
    for (let i = 0; i < parents && fatherAge <= 97; i += 1) {
      const male = parents === 2 ? i === 0 : random.chance(0.35);
      const age = Math.min(97, male ? fatherAge : fatherAge - random.int(0, 4));
      drafts.push({ relation: 'parent', age, male, surname: male ? familyName : pickSurname(random) });
      free -= 1;
    }
  }
  const motherAge = headMale ? (drafts.find((d) => d.relation === 'spouse')?.age ?? headAge - 2) : headAge;
  const adultChildren = headAge >= 55;
  let childAge = motherAge - random.int(21, 30);
  let grandParentGeneration = false;
  while (free > 0) {
    if (
      adultChildren &&
      !grandParentGeneration &&
      drafts.some((d) => d.relation === 'child') &&
      random.chance(0.6)
    ) {
      // An adult child's family lives with the parents: the child's spouse and children are "other".
      grandParentGeneration = true;
      const child = drafts.filter((d) => d.relation === 'child')[0] as PersonDraft;
      if (free > 1 && random.chance(0.7)) {
        drafts.push({
          relation: 'other',
          age: clamp(child.age + random.int(-3, 2), 20, 60),
          male: !child.male,
          surname: pickSurname(random),
        });
        free -= 1;
      }
      let grandchildAge = Math.max(0, child.age - random.int(22, 30));
      while (free > 0) {
        drafts.push({
          relation: 'other',
          age: grandchildAge,
          male: random.chance(0.52),
          surname: child.male ? familyName : pickSurname(random),
        });
        grandchildAge = Math.max(0, grandchildAge - random.int(1, 5));
        free -= 1;
      }
      break;
    }
    drafts.push({
      relation: 'child',
      age: Math.max(0, childAge),
      male: random.chance(0.52),
      surname: familyName,
    });
    childAge -= random.int(1, 6);
    free -= 1;
  }
  return drafts;
};

export interface ComposeContext {
  householdId: string;
  regionCode: string;
  county: County;
  registeredDay: number;
  issuer: IdNumberIssuer;
}

/** A household as the registry knows it on the day it is registered. */
export const composeHousehold = (random: Random, context: ComposeContext): Household => {
  const formerlyPoor = random.chance(PROFILE.formerlyPoorShare);
  const household: Household = {
    householdId: context.householdId,
    regionCode: context.regionCode,
    county: context.county,
    formerlyPoor,
    registeredDay: context.registeredDay,
    members: [],
    commercialInsurance: random.chance(formerlyPoor ? 0.35 : 0.1),
    nextMemberNumber: 1,
  };
  if (formerlyPoor) household.povertyExitYear = random.weighted(PROFILE.povertyExitYears);
  for (const draft of draftMembers(random, formerlyPoor)) {
    household.members.push(createPerson(random, household, draft, context.registeredDay, context.issuer));
  }
  return household;
};

/**
 * A new person of the household from `onDay`, born `age` years before it (or on `exactBirthDay`), with
 * health and work capacity for that age.
 */
export const createPerson = (
  random: Random,
  household: Household,
  draft: PersonDraft,
  onDay: number,
  issuer: IdNumberIssuer,
  exactBirthDay?: number,
): Person => {
  const birthDay = exactBirthDay ?? onDay - Math.floor(draft.age * 365.25) - random.int(0, 364);
  const birthDate = formatDay(birthDay);
  const number = household.nextMemberNumber;
  household.nextMemberNumber += 1;
  const person: Person = {
    personId: `P${household.householdId.slice(1)}${String(number).padStart(2, '0')}`,
    idNumber: issuer.issue(household.county.code, birthDate, draft.male),
    name: draft.surname + pickGivenName(random, draft.male),
    relation: draft.relation,
    birthDate,
    birthDay,
    male: draft.male,
    labourCapacity: 'full',
    fromDay: onDay,
    untilDay: Number.POSITIVE_INFINITY,
    memberFrom: Number.POSITIVE_INFINITY,
    memberUntil: Number.POSITIVE_INFINITY,
  };
  const age = ageOn(person, onDay);
  const poor = household.formerlyPoor;
  const diseaseClass = drawDiseaseClass(random, age, poor);
  if (diseaseClass !== undefined) {
    person.diseaseClass = diseaseClass;
    person.condition = conditionFor(random, diseaseClass, age);
  }
  if (random.chance(disabilityChance(age) * (poor ? 1.6 : 1))) {
    person.disabilityGrade = random.weighted(DISABILITY_GRADES_AT_REGISTRATION);
  }
  person.labourCapacity = labourCapacityFor(random, age, person.disabilityGrade, person.diseaseClass);
  return person;
};

const drawDiseaseClass = (random: Random, age: number, poor: boolean): DiseaseClass | undefined => {
  const band = age < 18 ? 0 : age < 45 ? 1 : age < 60 ? 2 : age < 75 ? 3 : 4;
  const major = [0.003, 0.006, 0.015, 0.03, 0.04][band] as number;
  const chronic = [0.005, 0.03, 0.12, 0.25, 0.3][band] as number;
  const acute = [0.01, 0.02, 0.02, 0.025, 0.03][band] as number;
  const frail = [0, 0, 0.005, 0.03, 0.15][band] as number;
  if (random.chance(major * (poor ? 2 : 1))) return 'A';
  if (random.chance(chronic * (poor ? 1.3 : 1))) return 'C';
  if (random.chance(acute)) return 'B';
  if (random.chance(frail * (poor ? 1.3 : 1))) return 'D';
  return undefined;
};

const disabilityChance = (age: number): number =>
  age < 18 ? 0.01 : age < 45 ? 0.03 : age < 60 ? 0.06 : age < 75 ? 0.1 : 0.16;

/** Work capacity as the registry grades it: by age, disability and disease. */
export const labourCapacityFor = (
  random: Random,
  age: number,
  disabilityGrade: DisabilityGrade | undefined,
  diseaseClass: DiseaseClass | undefined,
): LabourCapacity => {
  if (age < 16) return 'none';
  if (disabilityGrade === 1 || disabilityGrade === 2 || diseaseClass === 'D') return 'none';
  if (diseaseClass === 'A') return random.chance(0.55) ? 'none' : 'partial';
  const impaired = disabilityGrade !== undefined || diseaseClass === 'C';
  if (age < 60) {
    if (impaired) return random.chance(0.6) ? 'partial' : 'full';
    return random.chance(0.03) ? 'partial' : 'full';
  }
  if (age < 70) {
    return random.weighted<LabourCapacity>([
      ['full', impaired ? 10 : 28],
      ['partial', 60],
      ['none', impaired ? 30 : 12],
    ]);
  }
  return random.weighted<LabourCapacity>([
    ['partial', impaired ? 25 : 40],
    ['none', impaired ? 75 : 60],
  ]);
};

const clamp = (value: number, min: number, max: number): number => Math.max(min, Math.min(max, value));
