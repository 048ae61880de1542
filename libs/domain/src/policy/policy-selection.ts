import {
  parseBusinessTime,
  parseCivilDate,
  parseUtcOffset,
  formatUtc,
  startOfCivilDate,
} from '../household/business-time';
import type { MonitoringPolicy } from './monitoring-policy';

export class NoPolicyInForce extends Error {
  constructor(
    readonly regionCode: string,
    readonly atBusinessTime: string,
  ) {
    super(`no monitoring policy for province ${regionCode.slice(0, 2)} is in force at ${atBusinessTime}`);
    this.name = 'NoPolicyInForce';
  }
}

export class UnknownPolicyVersion extends Error {
  constructor(readonly policyVersion: string) {
    super(`no monitoring policy has version ${policyVersion}`);
    this.name = 'UnknownPolicyVersion';
  }
}

/** Minutes east of UTC of the policy's clock (validated on load). */
export const policyUtcOffsetMinutes = (policy: MonitoringPolicy): number =>
  parseUtcOffset(policy.utcOffset) ?? 0;

/** The instant the policy takes effect: midnight of `effectiveFrom` on the policy's clock. */
export const policyEffectiveAt = (policy: MonitoringPolicy): number => {
  const date = parseCivilDate(policy.effectiveFrom);
  if (date === undefined)
    throw new RangeError(`policy ${policy.policyVersion}: bad effectiveFrom ${policy.effectiveFrom}`);
  return startOfCivilDate(date, policyUtcOffsetMinutes(policy));
};

const ofProvince = (regionCode: string, documents: readonly MonitoringPolicy[]) =>
  documents
    .filter((document) => document.provinceCode === regionCode.slice(0, 2))
    .map((document) => ({ document, effectiveAt: policyEffectiveAt(document) }));

/**
 * The policy in force for a region at a business time: the province's document with the latest
 * effective date at or before it (ties, which validation forbids, go to the higher version).
 */
export const policyFor = (
  regionCode: string,
  atBusinessTime: string,
  documents: readonly MonitoringPolicy[],
): MonitoringPolicy => {
  const at = parseBusinessTime(atBusinessTime);
  let best: { document: MonitoringPolicy; effectiveAt: number } | undefined;
  for (const candidate of ofProvince(regionCode, documents)) {
    if (candidate.effectiveAt > at) continue;
    if (
      best === undefined ||
      candidate.effectiveAt > best.effectiveAt ||
      (candidate.effectiveAt === best.effectiveAt &&
        candidate.document.policyVersion > best.document.policyVersion)
    ) {
      best = candidate;
    }
  }
  if (best === undefined) throw new NoPolicyInForce(regionCode, atBusinessTime);
  return best.document;
};

/** When the next policy document for the region takes effect after a business time (UTC ISO), or null. */
export const nextPolicyChangeAt = (
  regionCode: string,
  atBusinessTime: string,
  documents: readonly MonitoringPolicy[],
): string | null => {
  const at = parseBusinessTime(atBusinessTime);
  const later = ofProvince(regionCode, documents)
    .map((candidate) => candidate.effectiveAt)
    .filter((effectiveAt) => effectiveAt > at);
  return later.length === 0 ? null : formatUtc(Math.min(...later));
};

/** The document with this version (recorded on assessments and cases). */
export const policyByVersion = (
  policyVersion: string,
  documents: readonly MonitoringPolicy[],
): MonitoringPolicy => {
  const found = documents.find((document) => document.policyVersion === policyVersion);
  if (!found) throw new UnknownPolicyVersion(policyVersion);
  return found;
};
