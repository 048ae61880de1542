import { foldHousehold } from '../household/household.evolver';
import { defaultPolicyDocuments } from '../policy/policy-documents';
import { policyByVersion } from '../policy/policy-selection';
import { aClaim, aHousehold, anIncomeAssessment, anIncomeChange } from '../testing/household-events.builder';
import { incomeAboveStandardSince, incomeStability } from './income-stability';

const henan = policyByVersion('41-2024.1', defaultPolicyDocuments);
const household = aHousehold().formerlyPoor().withMembers(2);

describe('income stability (risk elimination)', () => {
  const below = anIncomeAssessment().netIncomeYuan(14_000).on('2025-01-20T10:00:00+08:00').build(); // 7,000 a head
  const above = anIncomeChange().monthlyYuan(1_500).on('2025-06-10T10:00:00+08:00').build(); // 18,000 → 9,000 a head

  it('is null while income is below the standard, and without an income figure', () => {
    expect(
      incomeAboveStandardSince(foldHousehold([household.build()]), henan, '2025-12-01T00:00:00+08:00'),
    ).toBeNull();
    expect(
      incomeAboveStandardSince(foldHousehold([household.build(), below]), henan, '2025-03-01T00:00:00+08:00'),
    ).toBeNull();
  });

  it('is the time income came back above the standard', () => {
    const state = foldHousehold([household.build(), below, above]);
    expect(incomeAboveStandardSince(state, henan, '2025-12-01T00:00:00+08:00')).toBe(
      '2025-06-10T02:00:00.000Z',
    );
  });

  it('needs the policy’s 6 months: stable from the same day 6 months later', () => {
    const state = foldHousehold([household.build(), below, above]);
    expect(incomeStability(state, henan, '2025-12-10T09:59:59+08:00')).toEqual({
      aboveStandardSince: '2025-06-10T02:00:00.000Z',
      requiredMonths: 6,
      stableFrom: '2025-12-10T02:00:00.000Z',
      stable: false,
    });
    expect(incomeStability(state, henan, '2025-12-10T10:00:00+08:00').stable).toBe(true);
  });

  it('counts rigid expenditure: a bill that took income below the standard restarts the count when it ages out', () => {
    const bill = aClaim().outOfPocketYuan(5_000).settledOn('2025-08-01T10:00:00+08:00').build(); // (18,000 − 5,000) ÷ 2 = 6,500
    const state = foldHousehold([household.build(), below, above, bill]);
    expect(incomeAboveStandardSince(state, henan, '2026-03-01T00:00:00+08:00')).toBeNull();
    expect(incomeAboveStandardSince(state, henan, '2026-09-01T00:00:00+08:00')).toBe(
      '2026-08-01T02:00:00.000Z',
    );
  });
});
