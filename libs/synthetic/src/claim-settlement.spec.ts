import fc from 'fast-check';
import {
  criticalIllnessPayment,
  emptyLedger,
  type SettlementInput,
  settleClaim,
  settlementAddsUp,
} from './claim-settlement';
import { Random } from './random';

const YUAN = 100;

const inputs = fc.record({
  totalFen: fc.integer({ min: 1, max: 5_000_000_000 }),
  visitType: fc.constantFrom('inpatient', 'outpatient', 'chronic_outpatient'),
  institutionLevel: fc.constantFrom('village', 'township', 'county', 'city', 'province', 'out_of_province'),
  inCounty: fc.boolean(),
  majorDisease: fc.boolean(),
  formerlyPoor: fc.boolean(),
  socialAssistance: fc.constantFrom('dibao', 'tekun', undefined),
  commercialInsurance: fc.boolean(),
  countyOutOfPocketCap: fc.boolean(),
}) satisfies fc.Arbitrary<SettlementInput>;

const ledgers = fc.record({
  outpatientBasicFen: fc.integer({ min: 0, max: 100_000 }),
  chronicBasicFen: fc.integer({ min: 0, max: 1_000_000 }),
  compliantSelfPaidFen: fc.integer({ min: 0, max: 100_000_000 }),
});

const inpatient = (overrides: Partial<SettlementInput> = {}): SettlementInput => ({
  totalFen: 30_000 * YUAN,
  visitType: 'inpatient',
  institutionLevel: 'county',
  inCounty: true,
  majorDisease: false,
  formerlyPoor: false,
  socialAssistance: undefined,
  commercialInsurance: false,
  countyOutOfPocketCap: false,
  ...overrides,
});

describe('claim settlement', () => {
  it('always splits a bill into whole, non-negative parts that add up to the total', () => {
    fc.assert(
      fc.property(inputs, ledgers, fc.string(), (input, ledger, seed) => {
        const parts = settleClaim(new Random(seed), input, ledger);
        expect(settlementAddsUp(parts)).toBe(true);
        expect(parts.totalFen).toBe(input.totalFen);
      }),
    );
  });

  it('pays no critical-illness insurance while the year’s compliant self-paid cost stays under the deductible', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 * YUAN }), fc.string(), (totalFen, seed) => {
        const ledger = emptyLedger();
        const parts = settleClaim(new Random(seed), inpatient({ totalFen }), ledger);
        expect(ledger.compliantSelfPaidFen).toBeLessThan(15_000 * YUAN);
        expect(parts.criticalIllnessFen).toBe(0);
      }),
    );
  });

  it('pays critical-illness insurance on the part above the deductible, at rising rates by band', () => {
    expect(criticalIllnessPayment(0, 15_000 * YUAN, 15_000 * YUAN, 0)).toBe(0);
    expect(criticalIllnessPayment(0, 20_000 * YUAN, 15_000 * YUAN, 0)).toBe(3_000 * YUAN);
    // Only the 10,000 yuan added this time count, at the formerly poor's 65%.
    expect(criticalIllnessPayment(10_000 * YUAN, 20_000 * YUAN, 7_500 * YUAN, 0.05)).toBe(6_500 * YUAN);
    // (50,000 × 60%) + (50,000 × 70%) + (5,000 × 80%)
    expect(criticalIllnessPayment(0, 120_000 * YUAN, 15_000 * YUAN, 0)).toBe(69_000 * YUAN);
  });

  it('pays critical-illness insurance once earlier bills of the year have passed the deductible', () => {
    const ledger = { ...emptyLedger(), compliantSelfPaidFen: 20_000 * YUAN };
    const parts = settleClaim(new Random('after-deductible'), inpatient(), ledger);
    expect(parts.criticalIllnessFen).toBeGreaterThan(0);
  });

  it('gives medical assistance to formerly poor people and none to others on ordinary bills', () => {
    const poor = settleClaim(new Random('assistance'), inpatient({ formerlyPoor: true }), emptyLedger());
    const other = settleClaim(new Random('assistance'), inpatient({ totalFen: 8_000 * YUAN }), emptyLedger());
    expect(poor.medicalAssistanceFen).toBeGreaterThan(0);
    expect(other.medicalAssistanceFen).toBe(0);
  });

  it('lets a county backstop cap most low-income in-county stays at 10% out of pocket', () => {
    let capped = 0;
    for (let i = 0; i < 400; i += 1) {
      const parts = settleClaim(
        new Random(`cap-${i}`),
        inpatient({
          formerlyPoor: true,
          countyOutOfPocketCap: true,
          institutionLevel: 'county',
          inCounty: true,
        }),
        emptyLedger(),
      );
      if (parts.outOfPocketFen <= Math.floor(parts.totalFen * 0.1)) capped += 1;
    }
    expect(capped / 400).toBeGreaterThan(0.75);
    expect(capped).toBeLessThan(400);
  });

  it('recognises parts that do not add up', () => {
    const parts = settleClaim(new Random('spoil'), inpatient(), emptyLedger());
    expect(settlementAddsUp(parts)).toBe(true);
    expect(settlementAddsUp({ ...parts, outOfPocketFen: parts.outOfPocketFen + 1 })).toBe(false);
    expect(settlementAddsUp({ ...parts, policyCoveredFen: parts.totalFen + 1 })).toBe(false);
  });
});
