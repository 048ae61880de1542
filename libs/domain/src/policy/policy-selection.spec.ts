import henan from './documents/41-henan-2024.1.json';
import { parsePolicyDocuments } from './monitoring-policy';
import { defaultPolicyDocuments } from './policy-documents';
import {
  NoPolicyInForce,
  UnknownPolicyVersion,
  nextPolicyChangeAt,
  policyByVersion,
  policyFor,
} from './policy-selection';

// Henan raises its standard for 2026 (a revision document, as a province would publish it).
const documents = parsePolicyDocuments([
  ...defaultPolicyDocuments,
  {
    ...henan,
    policyVersion: '41-2026.1',
    effectiveFrom: '2026-01-01',
    income: { ...henan.income, monitoringStandardFen: 870_000 },
  },
]);

describe('policyFor', () => {
  it("takes the province from the region code's first two digits", () => {
    expect(policyFor('410423203201', '2025-06-01T00:00:00+08:00', documents).policyVersion).toBe('41-2024.1');
    expect(policyFor('610122100201', '2025-06-01T00:00:00+08:00', documents).policyVersion).toBe('61-2024.1');
  });

  it('picks the latest document effective at the business time, from midnight Beijing time', () => {
    expect(policyFor('410423203201', '2025-12-31T23:59:59+08:00', documents).policyVersion).toBe('41-2024.1');
    expect(policyFor('410423203201', '2026-01-01T00:00:00+08:00', documents).policyVersion).toBe('41-2026.1');
    // The same instant written in UTC.
    expect(policyFor('410423203201', '2025-12-31T16:00:00Z', documents).policyVersion).toBe('41-2026.1');
  });

  it('fails for a time before any document, or a province without one', () => {
    expect(() => policyFor('410423203201', '2023-12-31T23:59:59+08:00', documents)).toThrow(NoPolicyInForce);
    expect(() => policyFor('320102001001', '2025-06-01T00:00:00+08:00', documents)).toThrow(
      /no monitoring policy for province 32 is in force at 2025-06-01T00:00:00\+08:00/,
    );
  });
});

describe('nextPolicyChangeAt', () => {
  it("names when the region's next document takes effect, or null", () => {
    expect(nextPolicyChangeAt('410423203201', '2025-06-01T00:00:00+08:00', documents)).toBe(
      '2025-12-31T16:00:00.000Z',
    );
    expect(nextPolicyChangeAt('410423203201', '2026-01-01T00:00:00+08:00', documents)).toBeNull();
    expect(nextPolicyChangeAt('610122100201', '2025-06-01T00:00:00+08:00', documents)).toBeNull();
  });
});

describe('policyByVersion', () => {
  it('finds the document a recorded assessment used', () => {
    expect(policyByVersion('41-2026.1', documents).income.monitoringStandardFen).toBe(870_000);
    expect(() => policyByVersion('41-1999.1', documents)).toThrow(UnknownPolicyVersion);
  });
});
