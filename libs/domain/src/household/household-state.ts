import type {
  DiseaseClass,
  DisabilityGrade,
  HousingGrade,
  LabourCapacity,
  Relation,
  SocialAssistanceProgramme,
  VisitType,
} from '../events/household.events';

/**
 * A household as its events made it, kept as timelines rather than current values: every fact
 * carries its business time and event id, so the scorer can answer for any `asOf` (windows, late
 * events, time travel) and same-time events order by event id, never by arrival.
 *
 * Plain JSON (numbers, strings, arrays): the monitor persists it per household and evolves it
 * incrementally. Entries in every list are sorted by stamp (business time, then event id).
 */

/** Business time (epoch ms of `metadata.occurredAt`) and event id: the total order of facts. */
export interface Stamp {
  at: number;
  eventId: string;
}

/** What the scorer needs of a member; ID numbers are not kept (not needed, and private). */
export interface MemberFacts {
  personId: string;
  name: string;
  relation: Relation;
  /** YYYY-MM-DD, taken from the ID number (positions 7–14). */
  birthDate: string;
  labourCapacity: LabourCapacity;
  disabilityGrade: DisabilityGrade | null;
  diseaseClass: DiseaseClass | null;
}

/** A registration is a snapshot: the household and its full member list at that business time. */
export interface RegistrationEntry extends Stamp {
  regionCode: string;
  formerlyPoor: boolean;
  povertyExitYear: number | null;
  members: MemberFacts[];
}

export type MemberChangeEntry = Stamp & { personId: string } & (
    | { kind: 'added'; member: MemberFacts }
    | { kind: 'removed'; reason: string }
    | { kind: 'labour'; labourCapacity: LabourCapacity }
    | { kind: 'disability'; disabilityGrade: DisabilityGrade }
  );

export interface SocialAssistanceEntry extends Stamp {
  programme: SocialAssistanceProgramme;
  enrolled: boolean;
}
export interface SchoolingEntry extends Stamp {
  personId: string;
  /** true after a dropout report, false after a return report. */
  outOfSchool: boolean;
}
export interface InsuranceEntry extends Stamp {
  personId: string;
  insured: boolean;
}
export interface HousingEntry extends Stamp {
  grade: HousingGrade;
}
export interface WaterEntry extends Stamp {
  safe: boolean;
}
export interface IncomeAssessmentEntry extends Stamp {
  year: number;
  householdNetIncomeFen: number;
  perCapitaNetIncomeFen: number;
}
export interface IncomeChangeEntry extends Stamp {
  monthlyIncomeFen: number;
  reason: string;
}
export interface ClaimEntry extends Stamp {
  claimId: string;
  personId: string;
  visitType: VisitType;
  totalFen: number;
  outOfPocketFen: number;
}
/** Kept even when its claim has not arrived yet: a reversal may come first. */
export interface ReversalEntry extends Stamp {
  claimId: string;
}
export interface DisasterEntry extends Stamp {
  kind: string;
  lossFen: number;
}

export interface HouseholdState {
  householdId: string | null;
  registrations: RegistrationEntry[];
  memberChanges: MemberChangeEntry[];
  socialAssistance: SocialAssistanceEntry[];
  schooling: SchoolingEntry[];
  insurance: InsuranceEntry[];
  housing: HousingEntry[];
  water: WaterEntry[];
  incomeAssessments: IncomeAssessmentEntry[];
  incomeChanges: IncomeChangeEntry[];
  claims: ClaimEntry[];
  reversals: ReversalEntry[];
  disasters: DisasterEntry[];
  /** Latest business time of any event evolved so far (null before the first). */
  latestBusinessTime: number | null;
}

export const initialHouseholdState = (): HouseholdState => ({
  householdId: null,
  registrations: [],
  memberChanges: [],
  socialAssistance: [],
  schooling: [],
  insurance: [],
  housing: [],
  water: [],
  incomeAssessments: [],
  incomeChanges: [],
  claims: [],
  reversals: [],
  disasters: [],
  latestBusinessTime: null,
});

/** Negative when `a` comes first: business time, then event id (so same-time events never depend on arrival). */
export const compareStamps = (a: Stamp, b: Stamp): number =>
  a.at - b.at || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

/** The latest entry at or before `at` that matches, or null. Entries are sorted by stamp. */
export const latestAtOrBefore = <T extends Stamp>(
  entries: readonly T[],
  at: number,
  matches: (entry: T) => boolean = () => true,
): T | null => {
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const entry = entries[index];
    if (entry.at <= at && matches(entry)) return entry;
  }
  return null;
};

/** The later of two stamped entries (either may be absent). */
export const laterOf = <A extends Stamp, B extends Stamp>(a: A | null, b: B | null): A | B | null => {
  if (a === null) return b;
  if (b === null) return a;
  return compareStamps(a, b) >= 0 ? a : b;
};
