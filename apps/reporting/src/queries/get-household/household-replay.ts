import {
  assessRisk,
  formatInstant,
  householdAsOf,
  membersAt,
  NoPolicyInForce,
  parseIsoDateTime,
  policyFor,
  policyUtcOffsetMinutes,
  registrationAt,
  type CaseEvent,
  type HouseholdEvent,
  type HouseholdState,
  type MonitoringPolicy,
  type RiskAssessment,
} from '@monitoring/domain';
import { isCaseActive, isCaseMonitored, type CaseState } from '@monitoring/domain/case/case-state';
import { evolveCase, initialCaseState } from '@monitoring/domain/case/case.evolver';
import type { CaseStream, ReadEvent } from '../../events/household-streams';

/**
 * The household as the system would have assessed it at a past business time (DESIGN §4: the score is
 * a pure function of the events, the policy in force and the time): its events with a business time
 * up to `asOfMs` — and, with `knownAtMs`, only those recorded by then — replayed under the policy in
 * force at `asOfMs`, with the lower medical threshold when a confirmed case was open then.
 */
export interface HouseholdReplay {
  state: HouseholdState;
  assessment: RiskAssessment;
  policy: MonitoringPolicy;
  /** The case open at that time, if any. */
  openCaseId: string | null;
  members: ReturnType<typeof membersAt>;
}

export type ReplayOutcome =
  | { ok: true; replay: HouseholdReplay }
  | { ok: false; reason: 'not_registered' }
  | { ok: false; reason: 'no_policy'; provinceCode: string };

const millisOf = (isoDateTime: string): number => {
  const parsed = parseIsoDateTime(isoDateTime);
  return parsed.ok ? parsed.value.epochMillis : Number.POSITIVE_INFINITY;
};

/** The events this release can read (newer types and versions are left out, as the evolver would ignore them). */
export const readableEvents = <E>(events: readonly ReadEvent<E>[]): E[] =>
  events.flatMap((read) => (read.event === null ? [] : [read.event]));

/** Events the system had recorded by `knownAtMs` (all of them without a cut). */
const knownBy = <E>(events: readonly ReadEvent<E>[], knownAtMs: number | null): ReadEvent<E>[] =>
  knownAtMs === null ? [...events] : events.filter((read) => read.recorded.recordedAt.getTime() <= knownAtMs);

const caseAt = (stream: CaseStream, asOfMs: number, knownAtMs: number | null): CaseState =>
  readableEvents(knownBy(stream.events, knownAtMs))
    .filter((event: CaseEvent) => millisOf(event.metadata.occurredAt) <= asOfMs)
    .reduce(evolveCase, initialCaseState());

export const replayHousehold = (
  householdEvents: readonly ReadEvent<HouseholdEvent>[],
  cases: readonly CaseStream[],
  asOfMs: number,
  knownAtMs: number | null,
  documents: readonly MonitoringPolicy[],
): ReplayOutcome => {
  const events = readableEvents(knownBy(householdEvents, knownAtMs));
  const state = householdAsOf(events, formatInstant(asOfMs));
  const registration = registrationAt(state, asOfMs);
  if (registration === null || state.householdId === null) return { ok: false, reason: 'not_registered' };

  let policy: MonitoringPolicy;
  try {
    policy = policyFor(registration.regionCode, formatInstant(asOfMs), documents);
  } catch (error) {
    if (!(error instanceof NoPolicyInForce)) throw error;
    return { ok: false, reason: 'no_policy', provinceCode: registration.regionCode.slice(0, 2) };
  }

  // Case sequences are consecutive and a household has at most one case open at a time: the latest
  // case opened by then is the one that decides.
  const latestCase = cases
    .map((stream) => ({ caseId: stream.caseId, state: caseAt(stream, asOfMs, knownAtMs) }))
    .filter((candidate) => candidate.state.stage !== 'none')
    .at(-1);
  const monitored = latestCase !== undefined && isCaseMonitored(latestCase.state);
  const asOf = formatInstant(asOfMs, policyUtcOffsetMinutes(policy));
  return {
    ok: true,
    replay: {
      state,
      assessment: assessRisk(state, policy, asOf, { monitored }),
      policy,
      openCaseId: latestCase !== undefined && isCaseActive(latestCase.state) ? latestCase.caseId : null,
      members: membersAt(state, asOfMs),
    },
  };
};
