import type { SocialAssistanceProgramme } from '../events/household.events';
import {
  compareStamps,
  laterOf,
  latestAtOrBefore,
  type ClaimEntry,
  type DisasterEntry,
  type HouseholdState,
  type HousingEntry,
  type IncomeAssessmentEntry,
  type IncomeChangeEntry,
  type InsuranceEntry,
  type MemberFacts,
  type RegistrationEntry,
  type SchoolingEntry,
  type Stamp,
  type WaterEntry,
} from './household-state';

/**
 * Reads of the household state as of a business time (epoch ms): only facts stamped at or before it
 * count, and the latest by (business time, event id) wins.
 */

export interface MemberAsOf extends MemberFacts {
  /** The registration or MemberAdded event that makes the person a member now. */
  membershipEventId: string;
  /** The event that set the current labour capacity. */
  labourEventId: string;
  /** The event that set the current disability grade (null without one). */
  disabilityEventId: string | null;
  /** The event that recorded the disease class (null without one). */
  diseaseEventId: string | null;
}

export const registrationAt = (state: HouseholdState, at: number): RegistrationEntry | null =>
  latestAtOrBefore(state.registrations, at);

type MemberChange = HouseholdState['memberChanges'][number];

/** A person's latest member changes at or before a time, one per kind. */
interface PersonChanges {
  membership: MemberChange | null;
  added: Extract<MemberChange, { kind: 'added' }> | null;
  labour: Extract<MemberChange, { kind: 'labour' }> | null;
  disability: Extract<MemberChange, { kind: 'disability' }> | null;
}

const NO_PERSON_CHANGES: ReadonlyMap<string, PersonChanges> = new Map();

/** Each person's latest changes at or before `at`, in one backward pass (entries are sorted by stamp). */
const latestChangesByPerson = (state: HouseholdState, at: number): ReadonlyMap<string, PersonChanges> => {
  const changes = state.memberChanges;
  // Many households never change their members: no map to build then.
  if (changes.length === 0) return NO_PERSON_CHANGES;
  const byPerson = new Map<string, PersonChanges>();
  for (let index = changes.length - 1; index >= 0; index -= 1) {
    const change = changes[index];
    if (change.at > at) continue;
    let person = byPerson.get(change.personId);
    if (person === undefined) {
      person = { membership: null, added: null, labour: null, disability: null };
      byPerson.set(change.personId, person);
    }
    if (change.kind === 'added' || change.kind === 'removed') {
      person.membership ??= change;
      if (change.kind === 'added') person.added ??= change;
    } else if (change.kind === 'labour') person.labour ??= change;
    else person.disability ??= change;
  }
  return byPerson;
};

const NO_CHANGES: PersonChanges = { membership: null, added: null, labour: null, disability: null };

/** The ids in ascending order, each once: most often as given (a registration lists its members so). */
const ascendingOnce = (ids: string[]): string[] => {
  for (let index = 1; index < ids.length; index += 1) {
    if (!(ids[index - 1] < ids[index])) return [...new Set(ids)].sort();
  }
  return ids;
};

/** The registration's first entry for the person, or null. */
const listedIn = (registration: RegistrationEntry | null, personId: string): MemberFacts | null => {
  if (registration === null) return null;
  for (const member of registration.members) if (member.personId === personId) return member;
  return null;
};

/**
 * The event that makes the person a member, or null when they are not one: the later of the
 * registration (listing them or not) and their latest added or removed change.
 */
const membershipEventOf = (
  registration: RegistrationEntry | null,
  listed: MemberFacts | null,
  change: MemberChange | null,
): Stamp | null => {
  if (registration !== null && (change === null || compareStamps(registration, change) >= 0)) {
    return listed !== null ? registration : null;
  }
  return change !== null && change.kind === 'added' ? change : null;
};

/** Current members, sorted by person id. A registration is a snapshot of the member list at its time. */
export const membersAt = (state: HouseholdState, at: number): MemberAsOf[] => {
  const registration = registrationAt(state, at);
  const changes = latestChangesByPerson(state, at);
  const personIds: string[] = [];
  if (registration !== null) for (const member of registration.members) personIds.push(member.personId);
  for (const [personId, person] of changes) if (person.added !== null) personIds.push(personId);
  const members: MemberAsOf[] = [];
  // Stamps are compared in place rather than wrapped for `laterOf`: this runs per member per event.
  for (const personId of ascendingOnce(personIds)) {
    const person = changes.get(personId) ?? NO_CHANGES;
    const listed = listedIn(registration, personId);
    const membership = membershipEventOf(registration, listed, person.membership);
    if (membership === null) continue;

    // The facts come from the later of the registration listing the person and their MemberAdded.
    const added = person.added;
    let base: Stamp;
    let facts: MemberFacts;
    if (
      listed !== null &&
      registration !== null &&
      (added === null || compareStamps(registration, added) >= 0)
    ) {
      base = registration;
      facts = listed;
    } else if (added !== null) {
      base = added;
      facts = added.member;
    } else continue;
    const labourChange = person.labour;
    const labour = labourChange !== null && compareStamps(labourChange, base) > 0 ? labourChange : null;
    const disabilityChange = person.disability;
    const disability =
      disabilityChange !== null && compareStamps(disabilityChange, base) > 0 ? disabilityChange : null;
    const disabilityGrade = disability ? disability.disabilityGrade : facts.disabilityGrade;
    // Written out rather than spread: `{ ...facts, more }` is slow on this V8 and runs per member per event.
    members.push({
      personId: facts.personId,
      name: facts.name,
      relation: facts.relation,
      birthDate: facts.birthDate,
      labourCapacity: labour ? labour.labourCapacity : facts.labourCapacity,
      disabilityGrade,
      diseaseClass: facts.diseaseClass,
      membershipEventId: membership.eventId,
      labourEventId: (labour ?? base).eventId,
      disabilityEventId: disabilityGrade === null ? null : (disability ?? base).eventId,
      diseaseEventId: facts.diseaseClass === null ? null : base.eventId,
    });
  }
  return members;
};

export const formerlyPoorAt = (state: HouseholdState, at: number): boolean =>
  registrationAt(state, at)?.formerlyPoor ?? false;

export interface IncomeFigure {
  /** Yearly household net income used by the scorecard. */
  householdNetIncomeFen: number;
  /** The latest assessment, or a reported change after it (12 × the monthly figure). */
  basis: 'assessment' | 'reported_change';
  /** The latest IncomeAssessed at or before the time (null if none). */
  assessment: IncomeAssessmentEntry | null;
  /** The IncomeChangeReported the figure comes from, when it came after the latest assessment. */
  change: IncomeChangeEntry | null;
  /** The event behind the figure. */
  eventId: string;
}

/** The household's income figure at a time, or null before it has any. */
export const incomeAt = (state: HouseholdState, at: number): IncomeFigure | null => {
  const assessment = latestAtOrBefore(state.incomeAssessments, at);
  const change = latestAtOrBefore(state.incomeChanges, at);
  const latest = laterOf<Stamp, Stamp>(assessment, change);
  if (latest === null) return null;
  if (change !== null && latest === change) {
    return {
      householdNetIncomeFen: 12 * change.monthlyIncomeFen,
      basis: 'reported_change',
      assessment,
      change,
      eventId: change.eventId,
    };
  }
  const assessed = assessment as IncomeAssessmentEntry;
  return {
    householdNetIncomeFen: assessed.householdNetIncomeFen,
    basis: 'assessment',
    assessment: assessed,
    change: null,
    eventId: assessed.eventId,
  };
};

/** The reversal of a claim in force at a time (the earliest one), or null. */
export const reversalOf = (state: HouseholdState, claimId: string, at: number): Stamp | null =>
  state.reversals.find((reversal) => reversal.claimId === claimId && reversal.at <= at) ?? null;

const NO_CLAIM_IDS: ReadonlySet<string> = new Set();

/** Ids of the claims reversed at or before a time. */
const reversedClaimIds = (state: HouseholdState, at: number): ReadonlySet<string> => {
  // Reversals are rare: most assessments need no set at all.
  if (state.reversals.length === 0) return NO_CLAIM_IDS;
  const ids = new Set<string>();
  for (const reversal of state.reversals) if (reversal.at <= at) ids.add(reversal.claimId);
  return ids;
};

/** Claims settled in (fromExclusive, toInclusive] and not reversed by `toInclusive`, in stamp order. */
export const claimsSettledIn = (
  state: HouseholdState,
  fromExclusive: number,
  toInclusive: number,
): ClaimEntry[] => {
  const reversed = reversedClaimIds(state, toInclusive);
  return state.claims.filter(
    (claim) => claim.at > fromExclusive && claim.at <= toInclusive && !reversed.has(claim.claimId),
  );
};

export const disastersIn = (
  state: HouseholdState,
  fromExclusive: number,
  toInclusive: number,
): DisasterEntry[] =>
  state.disasters.filter((disaster) => disaster.at > fromExclusive && disaster.at <= toInclusive);

/** Members whose latest report at or before `at` passes `counts`, with that report, in member order. */
const membersWithReport = <T extends Stamp & { personId: string }>(
  entries: readonly T[],
  at: number,
  members: readonly MemberAsOf[],
  counts: (report: T) => boolean,
): { member: MemberAsOf; report: T }[] => {
  const found: { member: MemberAsOf; report: T }[] = [];
  // Most households have no such report: nothing to look up per member then.
  if (entries.length === 0) return found;
  for (const member of members) {
    const report = latestAtOrBefore(entries, at, (entry) => entry.personId === member.personId);
    if (report !== null && counts(report)) found.push({ member, report });
  }
  return found;
};

const isDropout = (report: SchoolingEntry): boolean => report.outOfSchool;
const isUninsured = (report: InsuranceEntry): boolean => !report.insured;

/** Current members whose latest schooling report is a dropout, with that report. */
export const outOfSchoolAt = (
  state: HouseholdState,
  at: number,
  members: readonly MemberAsOf[],
): { member: MemberAsOf; report: SchoolingEntry }[] =>
  membersWithReport(state.schooling, at, members, isDropout);

/** Current members whose latest insurance report says they are not insured, with that report. */
export const uninsuredAt = (
  state: HouseholdState,
  at: number,
  members: readonly MemberAsOf[],
): { member: MemberAsOf; report: InsuranceEntry }[] =>
  membersWithReport(state.insurance, at, members, isUninsured);

export const housingAt = (state: HouseholdState, at: number): HousingEntry | null =>
  latestAtOrBefore(state.housing, at);

export const waterAt = (state: HouseholdState, at: number): WaterEntry | null =>
  latestAtOrBefore(state.water, at);

export interface SocialAssistanceAsOf {
  dibao: boolean;
  tekun: boolean;
  /** The enrolment events currently in force. */
  evidence: string[];
}

/** Enrolment in 低保 (dibao) and 特困 (tekun) at a time. */
export const socialAssistanceAt = (state: HouseholdState, at: number): SocialAssistanceAsOf => {
  const enrolment = (programme: SocialAssistanceProgramme) =>
    latestAtOrBefore(state.socialAssistance, at, (entry) => entry.programme === programme);
  const dibao = enrolment('dibao');
  const tekun = enrolment('tekun');
  return {
    dibao: dibao?.enrolled ?? false,
    tekun: tekun?.enrolled ?? false,
    evidence: [dibao, tekun].flatMap((entry) => (entry?.enrolled ? [entry.eventId] : [])),
  };
};
