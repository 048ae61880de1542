import type {
  DisabilityGrade,
  HousingGrade,
  SocialAssistanceProgramme,
} from '@monitoring/domain/events/household.events';
import { ageOn, createPerson, type Person, type PersonDraft, toSourceMember } from './household-composer';
import type { HouseholdHistory } from './household-history';
import { MILLIS_PER_DAY } from './local-time';
import { pickSurname } from './person-names';
import { DISABILITY_GRADES_NEW, DISASTER_KINDS, HOUSING_GRADES, PROFILE } from './province-profile';

/** The registry feed of one household: registration, members coming and going, guarantees, disasters. */

export const registerHousehold = (history: HouseholdHistory): void => {
  const { household, registrationAt } = history;
  for (const person of household.members) person.memberFrom = registrationAt;
  history.push(
    {
      type: 'household_registered',
      ...history.head('registry', registrationAt),
      regionCode: household.regionCode,
      formerlyPoor: household.formerlyPoor,
      ...(household.povertyExitYear === undefined ? {} : { povertyExitYear: household.povertyExitYear }),
      members: household.members.map(toSourceMember),
    },
    registrationAt,
  );
};

/** Deaths, daughters marrying out, migration; a son's bride and babies joining. The head stays. */
export const planMembership = (history: HouseholdHistory): void => {
  const { random, household } = history;
  const registeredDay = household.registeredDay;
  const years = history.yearsFrom(registeredDay);
  const initial = [...household.members];
  for (const person of initial) {
    if (person.relation === 'head') continue;
    const age = ageOn(person, registeredDay);
    let reason: string | undefined;
    if (age >= 55 && random.chance(1 - Math.pow(1 - mortality(person, age), years))) {
      reason = 'death';
    } else if (
      !person.male &&
      person.relation === 'child' &&
      age >= 20 &&
      age <= 32 &&
      random.chance(0.06 * years)
    ) {
      reason = 'marriage';
    } else if (age >= 18 && age <= 45 && person.relation !== 'spouse' && random.chance(0.01 * years)) {
      reason = 'migration';
    }
    if (reason === undefined) continue;
    const day = history.dayAfter(registeredDay + 1);
    if (day === undefined) continue;
    // A death reaches the registry a few days to weeks after it happened.
    person.untilDay = reason === 'death' ? Math.max(registeredDay + 1, day - random.int(3, 20)) : day;
    const at = history.timeOn(day, 8.5, 17.5);
    person.memberUntil = at;
    history.membersRemoved += 1;
    history.push(
      { type: 'member_removed', ...history.head('registry', at), personId: person.personId, reason },
      at,
    );
  }

  const son = initial.find((p) => {
    const age = ageOn(p, registeredDay);
    return p.relation === 'child' && p.male && age >= 22 && age <= 35 && p.untilDay === Infinity;
  });
  if (son !== undefined && random.chance(0.06 * years)) {
    const day = history.dayAfter(registeredDay + 1);
    if (day !== undefined) {
      const age = Math.max(20, ageOn(son, day) + random.int(-3, 2));
      addMember(history, day, 'marriage', {
        relation: 'other',
        age,
        male: false,
        surname: pickSurname(random),
      });
    }
  }

  const mother = household.members.find((p) => {
    const age = ageOn(p, registeredDay);
    return (
      !p.male &&
      (p.relation === 'head' || p.relation === 'spouse' || p.relation === 'other') &&
      age >= 21 &&
      age <= 39
    );
  });
  if (mother !== undefined && random.chance(0.05 * years)) {
    const day = history.dayAfter(registeredDay + 10);
    if (day !== undefined && day > mother.fromDay && day < mother.untilDay) {
      const relation = mother.relation === 'other' ? 'other' : 'child';
      const surname = household.members[0]?.name.slice(0, 1) ?? pickSurname(random);
      const birthDay = day - random.int(7, 45);
      addMember(history, day, 'birth', { relation, age: 0, male: random.chance(0.52), surname }, birthDay);
    }
  }
};

const addMember = (
  history: HouseholdHistory,
  day: number,
  reason: string,
  draft: PersonDraft,
  birthDay?: number,
) => {
  const person = createPerson(history.random, history.household, draft, day, history.issuer, birthDay);
  history.household.members.push(person);
  history.membersAdded += 1;
  const at = history.timeOn(day, 8.5, 17.5);
  person.memberFrom = at;
  history.push(
    { type: 'member_added', ...history.head('registry', at), member: toSourceMember(person), reason },
    at,
  );
};

/** Yearly mortality of older members, higher with a major disease or frailty. */
const mortality = (person: Person, age: number): number => {
  const base = age < 65 ? 0.008 : age < 75 ? 0.02 : age < 85 ? 0.055 : 0.13;
  const factor = person.diseaseClass === 'A' ? 2.5 : person.diseaseClass === 'D' ? 1.8 : 1;
  return Math.min(0.6, base * factor);
};

/** The basic guarantees other departments report (三保障 and safe water), social assistance, new disabilities. */
export const planGuarantees = (history: HouseholdHistory): void => {
  planSchooling(history);
  planInsurance(history);
  planHousingAndWater(history);
  planSocialAssistance(history);
  planDisabilities(history);
};

const planSchooling = (history: HouseholdHistory): void => {
  const { random, household, window } = history;
  const years = history.yearsFrom(household.registeredDay);
  for (const pupil of history.initialMembers()) {
    const age = ageOn(pupil, household.registeredDay);
    if (age < 7 || age > 15 || !random.chance(PROFILE.dropoutRatePerPupil * years)) continue;
    const day = history.dayAfter(household.registeredDay + 1);
    if (day === undefined || day >= pupil.untilDay) continue;
    const at = history.timeOn(day, 8, 17);
    history.push(
      { type: 'school_dropout_reported', ...history.head('registry', at), personId: pupil.personId },
      at,
    );
    const back = day + random.int(20, 120);
    if (random.chance(0.5) && back < window.endDay && back < pupil.untilDay) {
      const backAt = history.timeOn(back, 8, 17);
      history.push(
        { type: 'school_return_reported', ...history.head('registry', backAt), personId: pupil.personId },
        backAt,
      );
    }
  }
};

const planInsurance = (history: HouseholdHistory): void => {
  const { random, household, window } = history;
  const adults = history.initialMembers().filter((p) => {
    const age = ageOn(p, household.registeredDay);
    return age >= 18 && age <= 55;
  });
  if (
    adults.length === 0 ||
    !random.chance(PROFILE.insuranceLapseRate * history.yearsFrom(household.registeredDay))
  )
    return;
  const person = random.pick(adults);
  const day = history.dayAfter(household.registeredDay + 1);
  if (day === undefined || day >= person.untilDay) return;
  const report = (onDay: number, insured: boolean) => {
    const at = history.timeOn(onDay, 8.5, 17.5);
    history.push(
      {
        type: 'medical_insurance_changed',
        ...history.head('registry', at),
        personId: person.personId,
        insured,
      },
      at,
    );
  };
  report(day, false);
  const back = day + random.int(15, 150);
  if (random.chance(0.6) && back < window.endDay && back < person.untilDay) report(back, true);
};

const planHousingAndWater = (history: HouseholdHistory): void => {
  const { random, household, window } = history;
  const poor = household.formerlyPoor;
  const assessHousing = (day: number, grade: HousingGrade) => {
    const at = history.timeOn(day, 8.5, 17.5);
    history.push({ type: 'housing_safety_assessed', ...history.head('registry', at), grade }, at);
  };
  const assessWater = (day: number, safe: boolean) => {
    const at = history.timeOn(day, 8.5, 17.5);
    history.push({ type: 'drinking_water_assessed', ...history.head('registry', at), safe }, at);
  };
  if (random.chance(poor ? PROFILE.housingAssessedShare.formerlyPoor : PROFILE.housingAssessedShare.other)) {
    const day = history.dayAfter(household.registeredDay + 1);
    if (day !== undefined) {
      const grade = random.weighted(poor ? HOUSING_GRADES.formerlyPoor : HOUSING_GRADES.other);
      assessHousing(day, grade);
      const repaired = day + random.int(60, 200);
      if ((grade === 'C' || grade === 'D') && random.chance(0.4) && repaired < window.endDay) {
        assessHousing(repaired, random.chance(0.5) ? 'A' : 'B');
      }
    }
  }
  if (random.chance(poor ? PROFILE.waterAssessedShare.formerlyPoor : PROFILE.waterAssessedShare.other)) {
    const day = history.dayAfter(household.registeredDay + 1);
    if (day !== undefined) {
      const safe = random.chance(0.95);
      assessWater(day, safe);
      const fixed = day + random.int(30, 180);
      if (!safe && random.chance(0.5) && fixed < window.endDay) assessWater(fixed, true);
    }
  }
};

/** 低保 for low-income or workless households, 特困 for elderly people living alone without work capacity. */
const planSocialAssistance = (history: HouseholdHistory): void => {
  const { random, household, window } = history;
  const members = history.initialMembers();
  const noLabour = members.every((p) => p.labourCapacity === 'none');
  const head = members[0];
  const perCapita = (history.assessments[0]?.netFen ?? Infinity) / Math.max(1, members.length);
  const lowIncome = perCapita < PROFILE.monitoringStandardFen * 1.1;
  let programme: SocialAssistanceProgramme | undefined;
  if (
    members.length === 1 &&
    noLabour &&
    head !== undefined &&
    ageOn(head, household.registeredDay) >= 60 &&
    random.chance(0.3)
  ) {
    programme = 'tekun';
  } else if ((noLabour || lowIncome) && random.chance(household.formerlyPoor ? 0.3 : 0.12)) {
    programme = 'dibao';
  } else if (random.chance(0.005 * history.yearsFrom(household.registeredDay))) {
    programme = 'dibao';
  }
  if (programme === undefined) return;
  // Most enrolments are confirmed in the registry's first weeks; a few start later in the window.
  const fromDay = random.chance(0.7)
    ? household.registeredDay + random.int(1, 30)
    : (history.dayAfter(household.registeredDay + 1) ?? window.endDay);
  if (fromDay >= window.endDay) return;
  const endDay = fromDay + random.int(90, 360);
  const ends = random.chance(0.08) && endDay < window.endDay;
  history.assistance.push({ programme, fromDay, untilDay: ends ? endDay : Infinity });
  const report = (day: number, enrolled: boolean) => {
    const at = history.timeOn(day, 8.5, 17.5);
    history.push(
      { type: 'social_assistance_changed', ...history.head('registry', at), programme, enrolled },
      at,
    );
  };
  report(fromDay, true);
  if (ends) report(endDay, false);
};

const planDisabilities = (history: HouseholdHistory): void => {
  const { random, household } = history;
  const years = history.yearsFrom(household.registeredDay);
  for (const person of household.members) {
    const age = ageOn(person, household.registeredDay);
    if (!random.chance(PROFILE.disabilityOnsetRatePerPerson * years * (age >= 60 ? 2.5 : 1))) continue;
    const day = history.dayAfter(Math.max(household.registeredDay, person.fromDay) + 1);
    if (day === undefined || day >= person.untilDay) continue;
    recordDisability(history, person, day, random.weighted(DISABILITY_GRADES_NEW));
  }
};

/** The disabled persons' federation records a new grade; its reports often arrive weeks late. */
export const recordDisability = (
  history: HouseholdHistory,
  person: Person,
  day: number,
  grade: DisabilityGrade,
): void => {
  person.disabilityGrade = grade;
  const at = history.timeOn(day, 8.5, 17.5);
  history.push(
    {
      type: 'disability_recorded',
      ...history.head('registry', at),
      personId: person.personId,
      disabilityGrade: grade,
    },
    at,
    history.random.chance(0.1),
  );
};

export const planDisaster = (history: HouseholdHistory): void => {
  const { random, household } = history;
  if (!random.chance(PROFILE.disasterRate * history.yearsFrom(household.registeredDay))) return;
  const day = history.dayAfter(household.registeredDay + 1);
  if (day === undefined) return;
  const month = new Date(day * MILLIS_PER_DAY).getUTCMonth() + 1;
  const season = month >= 6 && month <= 9 ? 'summer' : month >= 4 && month <= 5 ? 'spring' : 'winter';
  const kind = random.weighted(DISASTER_KINDS[season]);
  const lossYuan = Math.min(300_000, random.logNormal(6_000, 1.1));
  const at = history.timeOn(day, 8, 18);
  const lossFen = Math.max(1_000, Math.round(lossYuan / 10) * 1_000);
  history.push({ type: 'disaster_reported', ...history.head('registry', at), kind, lossFen }, at);
};
