import {
  assessRisk,
  defaultPolicyDocuments,
  type HouseholdEvent,
  householdAsOf,
  parseSourceRecord,
  policyFor,
} from '@monitoring/domain';
import { ProvinceGenerator } from './province-generator';

const UNTIL = '2026-11-16T00:00:00+08:00';

describe('a generated province under the domain risk policy', () => {
  it('has exactly the high-medical-cost and low-income households its summary expects', () => {
    const generator = new ProvinceGenerator({ households: 800, seed: 'risk-cross-check', until: UNTIL });
    const events = new Map<string, HouseholdEvent[]>();
    for (const line of generator.lines()) {
      if (line.delivery !== 'original') continue;
      const parsed = parseSourceRecord(line.topic, JSON.parse(line.line), { now: UNTIL });
      if (!parsed.ok) throw new Error(`${line.type}: ${parsed.reason}`);
      events.set(line.householdId, [...(events.get(line.householdId) ?? []), parsed.event]);
    }

    let medicalHigh = 0;
    let medicalVeryHigh = 0;
    let incomeBelow = 0;
    for (const householdEvents of events.values()) {
      const state = householdAsOf(householdEvents, UNTIL);
      const regionCode = state.registrations[state.registrations.length - 1]?.regionCode ?? '';
      const codes = assessRisk(
        state,
        policyFor(regionCode, UNTIL, defaultPolicyDocuments),
        UNTIL,
      ).factors.map((factor) => factor.code);
      if (codes.includes('medical_cost_high') || codes.includes('medical_cost_very_high')) medicalHigh += 1;
      if (codes.includes('medical_cost_very_high')) medicalVeryHigh += 1;
      if (codes.includes('income_below_standard')) incomeBelow += 1;
    }

    const { expected } = generator.summary();
    expect(events.size).toBe(800);
    expect(medicalHigh).toBeGreaterThan(0);
    expect(medicalHigh).toBe(expected.highMedicalCostHouseholds);
    expect(medicalVeryHigh).toBe(expected.veryHighMedicalCostHouseholds);
    expect(incomeBelow).toBe(expected.incomeAfterMedicalCostBelowStandardHouseholds);
  });
});
