import {
  assessRiskAt,
  formatInstant,
  nextPolicyChangeAt,
  nextReassessmentAt,
  parseBusinessTime,
  policyEffectiveAt,
  policyUtcOffsetMinutes,
  registrationAt,
  type HouseholdState,
  type MonitoringPolicy,
  type RiskAssessment,
} from '@monitoring/domain';

/** An assessment with the policy it was made under and its business time. */
export interface HouseholdAssessment {
  assessment: RiskAssessment;
  policy: MonitoringPolicy;
  /** The assessment time, ISO 8601 in the policy's offset (the case's `now`). */
  asOf: string;
  asOfMs: number;
}

/**
 * When an event is assessed: the later of its business time and its append time. Both come from the
 * log, so a replay assesses every event exactly as live processing did, never at the wall clock.
 */
export const eventAsOfMs = (occurredAt: string, recordedAt: Date): number =>
  Math.max(parseBusinessTime(occurredAt), recordedAt.getTime());

/**
 * The household's assessment at `asOfMs` under the policy in force then for its province, or null
 * when it cannot be assessed: not registered by then, or no policy for its province at that time.
 */
export const assessHousehold = (
  state: HouseholdState,
  asOfMs: number,
  monitored: boolean,
  documents: readonly MonitoringPolicy[],
): HouseholdAssessment | null => {
  const registration = registrationAt(state, asOfMs);
  if (registration === null || state.householdId === null) return null;
  const policy = policyInForce(registration.regionCode, asOfMs, documents);
  if (policy === null) return null;
  const asOf = formatInstant(asOfMs, policyUtcOffsetMinutes(policy));
  return {
    assessment: assessRiskAt(state, policy, asOfMs, asOf, { monitored }),
    policy,
    asOf,
    asOfMs,
  };
};

interface Effective {
  document: MonitoringPolicy;
  effectiveAt: number;
}

/** Each document set's documents by province, with their effective instants computed once. */
const byProvinceCache = new WeakMap<readonly MonitoringPolicy[], Map<string, Effective[]>>();

const documentsByProvince = (documents: readonly MonitoringPolicy[]): Map<string, Effective[]> => {
  let byProvince = byProvinceCache.get(documents);
  if (byProvince === undefined) {
    byProvince = new Map();
    for (const document of documents) {
      const entry = { document, effectiveAt: policyEffectiveAt(document) };
      byProvince.set(document.provinceCode, [...(byProvince.get(document.provinceCode) ?? []), entry]);
    }
    byProvinceCache.set(documents, byProvince);
  }
  return byProvince;
};

/**
 * `policyFor` (the latest document of the province effective at or before the time, ties to the
 * higher version) without parsing every document's effective date on every event; null when none is.
 */
export const policyInForce = (
  regionCode: string,
  atMs: number,
  documents: readonly MonitoringPolicy[],
): MonitoringPolicy | null => {
  let best: Effective | null = null;
  for (const candidate of documentsByProvince(documents).get(regionCode.slice(0, 2)) ?? []) {
    if (candidate.effectiveAt > atMs) continue;
    if (
      best === null ||
      candidate.effectiveAt > best.effectiveAt ||
      (candidate.effectiveAt === best.effectiveAt &&
        candidate.document.policyVersion > best.document.policyVersion)
    ) {
      best = candidate;
    }
  }
  return best?.document ?? null;
};

/** The next time the assessment can change without a new event: a window edge or a new policy document. */
export const nextReassessmentOf = (
  state: HouseholdState,
  assessed: HouseholdAssessment,
  documents: readonly MonitoringPolicy[],
): string | null => {
  const edge = nextReassessmentAt(state, assessed.policy, assessed.asOf);
  const policyChange = nextPolicyChangeAt(assessed.assessment.regionCode, assessed.asOf, documents);
  if (edge === null) return policyChange;
  if (policyChange === null) return edge;
  return Date.parse(edge) <= Date.parse(policyChange) ? edge : policyChange;
};
