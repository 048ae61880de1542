import henan from './documents/41-henan-2024.1.json';
import { InvalidPolicyDocument, parsePolicyDocument, parsePolicyDocuments } from './monitoring-policy';
import { defaultPolicyDocuments } from './policy-documents';

// A raw document, spoilt field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = any;

const clone = (): Raw => JSON.parse(JSON.stringify(henan));

const rejection = (raw: unknown): InvalidPolicyDocument => {
  try {
    parsePolicyDocument(raw);
  } catch (error) {
    if (error instanceof InvalidPolicyDocument) return error;
    throw error;
  }
  throw new Error('the document was accepted');
};

describe('policy documents', () => {
  it('ships the Henan default and a Shaanxi document, both valid', () => {
    expect(defaultPolicyDocuments.map((document) => document.policyVersion)).toEqual([
      '41-2024.1',
      '61-2024.1',
    ]);
  });

  it('carries the Henan parameters of DESIGN §4 and §5 in fen, percent and days', () => {
    const document = parsePolicyDocument(henan);
    expect(document).toMatchObject({
      provinceCode: '41',
      effectiveFrom: '2024-01-01',
      income: {
        monitoringStandardFen: 830_000,
        nearStandardPercent: 10,
        fallPercent: 30,
        fallWithinDays: 180,
      },
      medical: {
        windowDays: 365,
        threshold: {
          kind: 'share_of_prior_year_rural_income',
          formerlyPoorOrMonitoredPercent: 50,
          othersPercent: 100,
        },
        veryHighMultiple: 2,
      },
      nationalRuralIncomeFen: {
        '2020': 1_713_100,
        '2021': 1_893_100,
        '2022': 2_013_300,
        '2023': 2_169_100,
        '2024': 2_311_900,
        '2025': 2_445_600,
      },
      disaster: { lossSharePercent: 50, windowDays: 365 },
      recentShockDays: 180,
      scorecard: { cap: 100, alertThreshold: 50, mediumFrom: 30, highFrom: 50 },
      case: { verificationDays: 7, assistanceDays: 30, stableIncomeMonths: 6 },
    });
  });

  it("uses the fixed Xi'an sums in the Shaanxi document", () => {
    expect(defaultPolicyDocuments[1].medical.threshold).toEqual({
      kind: 'fixed_sum',
      formerlyPoorOrMonitoredFen: 1_000_000,
      othersFen: 2_600_000,
    });
  });

  it.each([
    [
      'a missing standard',
      (doc: Raw) => delete doc.income.monitoringStandardFen,
      'income.monitoringStandardFen',
    ],
    [
      'money in yuan with decimals',
      (doc: Raw) => (doc.income.monitoringStandardFen = 8300.5),
      'income.monitoringStandardFen',
    ],
    [
      'an unknown threshold kind',
      (doc: Raw) => (doc.medical.threshold.kind = 'percentile'),
      'medical.threshold',
    ],
    ['a misspelt field', (doc: Raw) => (doc.income.monitoringStandrdFen = 1), 'monitoringStandrdFen'],
    [
      'a missing factor in the scorecard',
      (doc: Raw) => delete doc.scorecard.points.no_labour,
      'scorecard.points.no_labour',
    ],
    [
      'a window longer than the state keeps',
      (doc: Raw) => (doc.medical.windowDays = 1000),
      'medical.windowDays',
    ],
    ['a date that does not exist', (doc: Raw) => (doc.effectiveFrom = '2024-02-30'), 'effectiveFrom'],
    ['a version of another province', (doc: Raw) => (doc.policyVersion = '61-2024.1'), 'policyVersion'],
    [
      'no rural income for the year before it takes effect',
      (doc: Raw) => (doc.nationalRuralIncomeFen = { '2024': 2_311_900 }),
      'nationalRuralIncomeFen',
    ],
    [
      'a lower tier above the other',
      (doc: Raw) => (doc.medical.threshold.formerlyPoorOrMonitoredPercent = 120),
      'medical.threshold',
    ],
    [
      'escalation to the province before the city',
      (doc: Raw) => (doc.case.escalateToProvinceAfterDays = 3),
      'case.escalateToProvinceAfterDays',
    ],
    [
      'an unreachable alert threshold',
      (doc: Raw) => (doc.scorecard.alertThreshold = 120),
      'scorecard.alertThreshold',
    ],
  ])('rejects %s, naming the document and the field', (_name, spoil, path) => {
    const document = clone();
    spoil(document);
    const error = rejection(document);
    expect(error.message).toContain('invalid monitoring policy');
    expect(error.message).toContain(path);
  });

  it('names the document by version and position in a set', () => {
    const bad = clone();
    bad.income.fallPercent = 0;
    expect(() => parsePolicyDocuments([henan, bad])).toThrow(
      /invalid monitoring policy 41-2024\.1 \(document 1\):\n.*income\.fallPercent/s,
    );
  });

  it('rejects two documents with one version, or one province with two documents from the same day', () => {
    expect(() => parsePolicyDocuments([henan, henan])).toThrow(/41-2024\.1 appears twice/);
    const revision = { ...clone(), policyVersion: '41-2024.2' };
    expect(() => parsePolicyDocuments([henan, revision])).toThrow(/two documents effective from 2024-01-01/);
  });
});
