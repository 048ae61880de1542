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

type Stamped<T> = Stamp & { value: T };

type MemberChange = HouseholdState['memberChanges'][number];

/** A person's latest member changes at or before a time, one per kind. */
interface PersonChanges {
  membership: MemberChange | null;
  added: Extract<MemberChange, { kind: 'added' }> | null;
  labour: Extract<MemberChange, { kind: 'labour' }> | null;
  disability: Extract<MemberChange, { kind: 'disability' }> | null;
}

/** Each person's latest changes at or before `at`, in one backward pass (entries are sorted by stamp). */
const latestChangesByPerson = (state: HouseholdState, at: number): Map<string, PersonChanges> => {
  const byPerson = new Map<string, PersonChanges>();
  const changes = state.memberChanges;
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

/** Current members, sorted by person id. A registration is a snapshot of the member list at its time. */
export const membersAt = (state: HouseholdState, at: number): MemberAsOf[] => {
  const registration = registrationAt(state, at);
  const changes = latestChangesByPerson(state, at);
  const personIds = new Set(registration?.members.map((member) => member.personId) ?? []);
  for (const [personId, person] of changes) if (person.added !== null) personIds.add(personId);
  const members: MemberAsOf[] = [];
  for (const personId of [...personIds].sort()) {
    const person = changes.get(personId) ?? NO_CHANGES;
    const listed = registration?.members.find((member) => member.personId === personId) ?? null;
    const fromRegistration: Stamped<boolean> | null = registration
      ? { at: registration.at, eventId: registration.eventId, value: listed !== null }
      : null;
    const lastMembershipChange = person.membership;
    const membership = laterOf(
      fromRegistration,
      lastMembershipChange && {
        at: lastMembershipChange.at,
        eventId: lastMembershipChange.eventId,
        value: lastMembershipChange.kind === 'added',
      },
    );
    if (!membership?.value) continue;

    const added = person.added;
    const base = laterOf<Stamped<MemberFacts>, Stamped<MemberFacts>>(
      listed && registration ? { at: registration.at, eventId: registration.eventId, value: listed } : null,
      added ? { at: added.at, eventId: added.eventId, value: added.member } : null,
    );
    if (!base) continue;
    const labourChange = person.labour;
    const labour = labourChange !== null && compareStamps(labourChange, base) > 0 ? labourChange : null;
    const disabilityChange = person.disability;
    const disability =
      disabilityChange !== null && compareStamps(disabilityChange, base) > 0 ? disabilityChange : null;
    const disabilityGrade = disability ? disability.disabilityGrade : base.value.disabilityGrade;
    const facts = base.value;
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

/** Claims settled in (fromExclusive, toInclusive] and not reversed by `toInclusive`, in stamp order. */
export const claimsSettledIn = (
  state: HouseholdState,
  fromExclusive: number,
  toInclusive: number,
): ClaimEntry[] => {
  const reversed = new Set(
    state.reversals.filter((reversal) => reversal.at <= toInclusive).map((reversal) => reversal.claimId),
  );
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

/** Current members whose latest schooling report is a dropout, with that report. */
export const outOfSchoolAt = (
  state: HouseholdState,
  at: number,
  members: readonly MemberAsOf[],
): { member: MemberAsOf; report: SchoolingEntry }[] =>
  members.flatMap((member) => {
    const report = latestAtOrBefore(state.schooling, at, (entry) => entry.personId === member.personId);
    return report?.outOfSchool ? [{ member, report }] : [];
  });

/** Current members whose latest insurance report says they are not insured, with that report. */
export const uninsuredAt = (
  state: HouseholdState,
  at: number,
  members: readonly MemberAsOf[],
): { member: MemberAsOf; report: InsuranceEntry }[] =>
  members.flatMap((member) => {
    const report = latestAtOrBefore(state.insurance, at, (entry) => entry.personId === member.personId);
    return report && !report.insured ? [{ member, report }] : [];
  });

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
