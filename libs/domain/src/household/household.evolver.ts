import type { HouseholdEvent, Member } from '../events/household.events';
import { DAY_MS, parseBusinessTime } from './business-time';
import {
  compareStamps,
  initialHouseholdState,
  type HouseholdState,
  type MemberFacts,
  type SocialAssistanceEntry,
  type Stamp,
} from './household-state';
import { memberBirthDate } from './member-birth-date';

/**
 * How far behind the latest business time seen the live state keeps facts. Policy windows are at most
 * 730 days (the policy schema enforces it), so any assessment at or after `latestBusinessTime − 370
 * days` sees exactly what a full replay would. Older entries are compacted: windowed facts (claims,
 * disasters) are dropped, and each timeline keeps only its latest entry before the horizon (the value
 * then in force). An assessment further back (`?asOf=` time travel) must fold the stream up to that
 * time instead (`householdAsOf`), which never compacts anything the assessment needs.
 */
export const HOUSEHOLD_RETENTION_DAYS = 1100;

const memberFacts = (member: Member): MemberFacts => ({
  personId: member.personId,
  name: member.name,
  relation: member.relation,
  birthDate: memberBirthDate(member),
  labourCapacity: member.labourCapacity,
  disabilityGrade: member.disabilityGrade ?? null,
  diseaseClass: member.diseaseClass ?? null,
});

/** Inserts in stamp order; an event id already present is a redelivery and changes nothing. */
const insert = <T extends Stamp>(entries: readonly T[], entry: T): T[] => {
  let index = entries.length;
  for (let scan = 0; scan < entries.length; scan += 1) {
    if (entries[scan].eventId === entry.eventId) return entries as T[];
  }
  while (index > 0 && compareStamps(entries[index - 1], entry) > 0) index -= 1;
  // slice + push/splice rather than spreads: this runs on every event, and most facts come last.
  const result = entries.slice();
  if (index === entries.length) result.push(entry);
  else result.splice(index, 0, entry);
  return result;
};

/** Whether at least two entries are at or before the horizon (else compaction keeps every entry). */
const severalAtOrBefore = (entries: readonly Stamp[], horizon: number): boolean => {
  let count = 0;
  for (const entry of entries) if (entry.at <= horizon && ++count > 1) return true;
  return false;
};

/** Keeps every entry after the horizon and, per key, the latest at or before it (the value then in force). */
const compactTimeline = <T extends Stamp>(
  entries: T[],
  horizon: number,
  keyOf: (entry: T) => string,
): T[] => {
  if (entries.length === 0 || entries[0].at > horizon) return entries;
  // Nothing can go with fewer than two entries at or before the horizon: the usual case once a
  // timeline is compacted, so the keyed pass below runs only when something may be dropped.
  if (!severalAtOrBefore(entries, horizon)) return entries;
  const kept = new Set<string>();
  const result: T[] = [];
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const entry = entries[index];
    if (entry.at > horizon) result.push(entry);
    else {
      const key = keyOf(entry);
      if (!kept.has(key)) {
        kept.add(key);
        result.push(entry);
      }
    }
  }
  return result.length === entries.length ? entries : result.reverse();
};

const dropBefore = <T extends Stamp>(entries: T[], horizon: number): T[] =>
  entries.length === 0 || entries[0].at > horizon ? entries : entries.filter((entry) => entry.at > horizon);

const memberChangeKey = (entry: HouseholdState['memberChanges'][number]): string => {
  const aspect = entry.kind === 'added' || entry.kind === 'removed' ? 'membership' : entry.kind;
  return `${entry.personId}\u0000${aspect}`;
};

/** Drops what no assessment at or after `horizon + 370 days` can need (see HOUSEHOLD_RETENTION_DAYS). */
export const compactHousehold = (state: HouseholdState, horizon: number): HouseholdState =>
  compactInPlace(copyOf(state), horizon);

/** A new object with every field written out (no spread): states then share one shape, which keeps the readers fast. */
const copyOf = (state: HouseholdState): HouseholdState => ({
  householdId: state.householdId,
  registrations: state.registrations,
  memberChanges: state.memberChanges,
  socialAssistance: state.socialAssistance,
  schooling: state.schooling,
  insurance: state.insurance,
  housing: state.housing,
  water: state.water,
  incomeAssessments: state.incomeAssessments,
  incomeChanges: state.incomeChanges,
  claims: state.claims,
  reversals: state.reversals,
  disasters: state.disasters,
  latestBusinessTime: state.latestBusinessTime,
});

// Keys of `compactTimeline`: a timeline of one value at a time (housing, water, ...) has one key.
const oneKey = () => '';
const programmeKey = (entry: SocialAssistanceEntry) => entry.programme;
const personKey = (entry: { personId: string }) => entry.personId;

/** `compactHousehold` on `next`, a copy made for this call (never a caller's state), so in place. */
const compactInPlace = (next: HouseholdState, horizon: number): HouseholdState => {
  const claims = dropBefore(next.claims, horizon);
  if (next.reversals.length > 0 && next.reversals[0].at <= horizon) {
    const keptClaimIds = new Set(claims.map((claim) => claim.claimId));
    const reversals = next.reversals.filter(
      (reversal) => reversal.at > horizon || keptClaimIds.has(reversal.claimId),
    );
    if (reversals.length !== next.reversals.length) next.reversals = reversals;
  }
  next.registrations = compactTimeline(next.registrations, horizon, oneKey);
  next.memberChanges = compactTimeline(next.memberChanges, horizon, memberChangeKey);
  next.socialAssistance = compactTimeline(next.socialAssistance, horizon, programmeKey);
  next.schooling = compactTimeline(next.schooling, horizon, personKey);
  next.insurance = compactTimeline(next.insurance, horizon, personKey);
  next.housing = compactTimeline(next.housing, horizon, oneKey);
  next.water = compactTimeline(next.water, horizon, oneKey);
  next.incomeAssessments = compactTimeline(next.incomeAssessments, horizon, oneKey);
  next.incomeChanges = compactTimeline(next.incomeChanges, horizon, oneKey);
  next.claims = claims;
  next.disasters = dropBefore(next.disasters, horizon);
  return next;
};

/**
 * Adds the event's fact to its timeline in `next`, the copy the evolve is building (assigning to a
 * fresh copy rather than spreading the state per event, which is slow on this V8).
 */
const record = (next: HouseholdState, event: HouseholdEvent, stamp: Stamp): void => {
  switch (event.type) {
    case 'HouseholdRegistered': {
      const { regionCode, formerlyPoor, povertyExitYear, members } = event.data;
      const entry = {
        at: stamp.at,
        eventId: stamp.eventId,
        regionCode,
        formerlyPoor,
        povertyExitYear: povertyExitYear ?? null,
        members: members.map(memberFacts),
      };
      next.registrations = insert(next.registrations, entry);
      return;
    }
    case 'MemberAdded':
      next.memberChanges = insert(next.memberChanges, {
        at: stamp.at,
        eventId: stamp.eventId,
        personId: event.data.member.personId,
        kind: 'added',
        member: memberFacts(event.data.member),
      });
      return;
    case 'MemberRemoved':
      next.memberChanges = insert(next.memberChanges, {
        at: stamp.at,
        eventId: stamp.eventId,
        personId: event.data.personId,
        kind: 'removed',
        reason: event.data.reason,
      });
      return;
    case 'LabourCapacityChanged':
      next.memberChanges = insert(next.memberChanges, {
        at: stamp.at,
        eventId: stamp.eventId,
        personId: event.data.personId,
        kind: 'labour',
        labourCapacity: event.data.labourCapacity,
      });
      return;
    case 'DisabilityRecorded':
      next.memberChanges = insert(next.memberChanges, {
        at: stamp.at,
        eventId: stamp.eventId,
        personId: event.data.personId,
        kind: 'disability',
        disabilityGrade: event.data.disabilityGrade,
      });
      return;
    case 'SocialAssistanceChanged':
      next.socialAssistance = insert(next.socialAssistance, {
        at: stamp.at,
        eventId: stamp.eventId,
        programme: event.data.programme,
        enrolled: event.data.enrolled,
      });
      return;
    case 'DisasterReported':
      next.disasters = insert(next.disasters, {
        at: stamp.at,
        eventId: stamp.eventId,
        kind: event.data.kind,
        lossFen: event.data.lossFen,
      });
      return;
    case 'SchoolDropoutReported':
      next.schooling = insert(next.schooling, {
        at: stamp.at,
        eventId: stamp.eventId,
        personId: event.data.personId,
        outOfSchool: true,
      });
      return;
    case 'SchoolReturnReported':
      next.schooling = insert(next.schooling, {
        at: stamp.at,
        eventId: stamp.eventId,
        personId: event.data.personId,
        outOfSchool: false,
      });
      return;
    case 'MedicalInsuranceChanged':
      next.insurance = insert(next.insurance, {
        at: stamp.at,
        eventId: stamp.eventId,
        personId: event.data.personId,
        insured: event.data.insured,
      });
      return;
    case 'HousingSafetyAssessed':
      next.housing = insert(next.housing, { at: stamp.at, eventId: stamp.eventId, grade: event.data.grade });
      return;
    case 'DrinkingWaterAssessed':
      next.water = insert(next.water, { at: stamp.at, eventId: stamp.eventId, safe: event.data.safe });
      return;
    case 'IncomeAssessed':
      next.incomeAssessments = insert(next.incomeAssessments, {
        at: stamp.at,
        eventId: stamp.eventId,
        year: event.data.year,
        householdNetIncomeFen: event.data.householdNetIncomeFen,
        perCapitaNetIncomeFen: event.data.perCapitaNetIncomeFen,
      });
      return;
    case 'IncomeChangeReported':
      next.incomeChanges = insert(next.incomeChanges, {
        at: stamp.at,
        eventId: stamp.eventId,
        monthlyIncomeFen: event.data.monthlyIncomeFen,
        reason: event.data.reason,
      });
      return;
    case 'ClaimSettled': {
      // One settlement per claim id: should a second one come (another source), the later stamp wins,
      // whatever order they arrived in.
      const { claimId, personId, visitType, totalFen, outOfPocketFen } = event.data;
      const existing = next.claims.find((claim) => claim.claimId === claimId);
      if (existing && compareStamps(existing, stamp) >= 0) return;
      const others = existing ? next.claims.filter((claim) => claim !== existing) : next.claims;
      next.claims = insert(others, {
        at: stamp.at,
        eventId: stamp.eventId,
        claimId,
        personId,
        visitType,
        totalFen,
        outOfPocketFen,
      });
      return;
    }
    case 'ClaimReversed':
      next.reversals = insert(next.reversals, {
        at: stamp.at,
        eventId: stamp.eventId,
        claimId: event.data.claimId,
      });
      return;
    default:
      // A type this version does not know (written by a newer one): nothing to learn from it.
      return;
  }
};

/** An evolve that keeps facts for `retentionDays` behind the latest business time (Infinity: never compacts). */
export const householdEvolveKeeping =
  (retentionDays: number) =>
  (state: HouseholdState, event: HouseholdEvent): HouseholdState => {
    const stamp = { at: parseBusinessTime(event.metadata.occurredAt), eventId: event.eventId };
    const latestBusinessTime =
      state.latestBusinessTime === null ? stamp.at : Math.max(state.latestBusinessTime, stamp.at);
    const next = copyOf(state);
    next.householdId = state.householdId ?? event.data.householdId;
    next.latestBusinessTime = latestBusinessTime;
    record(next, event, stamp);
    return compactInPlace(next, latestBusinessTime - retentionDays * DAY_MS);
  };

/**
 * Folds one household event into the state. Pure; arrival order does not matter for any assessment
 * (facts are placed by business time), and a redelivered event id changes nothing.
 */
export const evolveHousehold = householdEvolveKeeping(HOUSEHOLD_RETENTION_DAYS);

/** The household's evolver, in the shape the given/when/then helper and projections expect. */
export const householdEvolver = {
  initialState: initialHouseholdState,
  evolve: evolveHousehold,
};

/** Folds events in the order given. */
export const foldHousehold = (events: readonly HouseholdEvent[]): HouseholdState =>
  events.reduce(evolveHousehold, initialHouseholdState());

/**
 * The household as known about business time `asOf`: only events with a business time at or before
 * it, so nothing it needs was compacted away. Use it for `?asOf=` time travel.
 */
export const householdAsOf = (events: readonly HouseholdEvent[], asOf: string): HouseholdState => {
  const limit = parseBusinessTime(asOf);
  const state = foldHousehold(
    events.filter((event) => parseBusinessTime(event.metadata.occurredAt) <= limit),
  );
  // The household is the stream's even before its first fact in time.
  return { ...state, householdId: state.householdId ?? events[0]?.data.householdId ?? null };
};
