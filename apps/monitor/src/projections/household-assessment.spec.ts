import {
  defaultPolicyDocuments,
  formatInstant,
  NoPolicyInForce,
  parsePolicyDocuments,
  policyFor,
  type MonitoringPolicy,
} from '@monitoring/domain';
import { eventAsOfMs, policyInForce } from './household-assessment';

const DAY_MS = 86_400_000;

/** A Henan revision effective 2025-07-01, so that two documents compete for the province. */
const withRevision = (): readonly MonitoringPolicy[] => {
  const henan = defaultPolicyDocuments.find((document) => document.provinceCode === '41')!;
  const revision = { ...henan, policyVersion: '41-2025.1', effectiveFrom: '2025-07-01' };
  return parsePolicyDocuments([...defaultPolicyDocuments, revision]);
};

describe('policy in force for an assessment', () => {
  it.each([
    ['the shipped documents', defaultPolicyDocuments],
    ['a province with a later revision', withRevision()],
  ])('chooses what policyFor chooses, for %s, at every time and region', (_, documents) => {
    const start = Date.parse('2023-12-25T00:00:00Z');
    for (const region of ['410423203201', '610102001001', '110101001001']) {
      for (let at = start; at < start + 800 * DAY_MS; at += DAY_MS / 3) {
        let expected: string | null;
        try {
          expected = policyFor(region, formatInstant(at), documents).policyVersion;
        } catch (error) {
          if (!(error instanceof NoPolicyInForce)) throw error;
          expected = null;
        }
        expect([region, at, policyInForce(region, at, documents)?.policyVersion ?? null]).toEqual([
          region,
          at,
          expected,
        ]);
      }
    }
  });
});

describe('assessment time of an event', () => {
  it('is the later of its business time and its append time', () => {
    const appended = new Date('2026-11-23T02:00:00Z');
    expect(eventAsOfMs('2026-10-01T10:00:00+08:00', appended)).toBe(appended.getTime());
    expect(eventAsOfMs('2026-11-23T12:00:00+08:00', appended)).toBe(Date.parse('2026-11-23T04:00:00Z'));
  });
});
